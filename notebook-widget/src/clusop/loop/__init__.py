"""clusop loop: a job run before and after the refactorer's change on a local Spark with event
logging, both logs scanned by the core, the results compared, and the change proposed as a
branch and a pull request (or, offline, a PR body and a patch). See notebook-widget/README.md."""

from .closed_loop import LoopError, LoopResult, Measurement, Publish, measure, publish_result, run_loop
from .job import JobSpec
from .workflow import workflow_template

__all__ = ["JobSpec", "LoopError", "LoopResult", "Measurement", "Publish", "measure", "publish_result", "run_loop", "workflow_template"]
