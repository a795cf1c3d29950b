"""The HTML of a report: the bundled view modules, their stylesheet (inside the bundle) and the
data, all inline. The Content-Security-Policy allows that one script (by its hash) and inline
styles, and nothing else: no fetch, image, font or frame can leave the file."""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib import resources
from typing import Any, Mapping, Optional

BUNDLE = "report.js"


class ReportBundleMissing(RuntimeError):
    pass


def bundle_js() -> str:
    """static/report.js of the installed package (built from build/web with the wheel)."""
    try:
        return resources.files("clusop").joinpath("static", BUNDLE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as e:
        raise ReportBundleMissing(
            f"clusop/static/{BUNDLE} is missing from this installation ({e}): the report's page is built with the "
            "wheel from the web site (cmake --workflow --preset wasm, then pip install ./notebook-widget)") from e


def _json_for_script(data: Mapping[str, Any]) -> str:
    # inside <script>: no "</script>", no "<!--"; the escapes are still the same JSON
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def report_html(data: Mapping[str, Any], script: Optional[str] = None) -> str:
    """The report page for data ({"title", "source", "scan": clusop.scan/1, "trends": [...]})."""
    js = bundle_js() if script is None else script
    if "</script" in js.lower():
        raise ValueError("the report bundle holds '</script': it cannot be inlined")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    csp = ("default-src 'none'; "
           f"script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
           "connect-src 'none'; form-action 'none'; base-uri 'none'")
    title = escape(str(data.get("title") or "clusop report"))
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<title>{title}</title>\n</head>\n<body style=\"margin:0\">\n"
        "<div id=\"clusop-report\"></div>\n"
        f"<script type=\"application/json\" id=\"clusop-report-data\">{_json_for_script(data)}</script>\n"
        f"<script type=\"module\">{js}</script>\n"
        "</body>\n</html>\n")
