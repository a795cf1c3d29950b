"""`clusop report`: one self-contained HTML file of a scan (recommendations ranked by saving, the
stage timeline, the task-duration spread of the worst stages, the SQL executions' fallbacks by
modeled dollars) and, from the tables, the trends of runs of the same job.

The page is the web app's own view modules (static/report.js, bundled from the built site when
the wheel is built), the stylesheet and the data inlined into one file: it opens offline and its
Content-Security-Policy lets no request leave it. Every number and sentence is the core's."""

from .build import report_data, write_report
from .page import report_html

__all__ = ["report_data", "report_html", "write_report"]
