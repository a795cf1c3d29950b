"""The service's page: signals ranked by dollars per month, each opening its sample plan in the
web app's own tree view (static/serve.js, bundled from web/site/js by build_bundle.mjs), mute and
unmute. Every plan string reaches the DOM as text; the Content-Security-Policy allows this
origin's script only and no inline script.
"""

from __future__ import annotations

from importlib import resources

from starlette.responses import HTMLResponse, Response

from .responses import SECURITY_HEADERS

BUNDLE = "serve.js"
CSP = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; "
       "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>clusop signals</title>
</head>
<body>
<div id="clusop-serve"></div>
<script type="module" src="/static/serve.js"></script>
</body>
</html>
"""


def _headers(content_type_extra: dict = None) -> dict:
    h = dict(SECURITY_HEADERS)
    h["Content-Security-Policy"] = CSP
    h["Referrer-Policy"] = "no-referrer"
    return h


def bundle_js() -> str:
    try:
        return resources.files("clusop").joinpath("static", BUNDLE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


def page_response() -> Response:
    return HTMLResponse(HTML, headers=_headers())


def script_response() -> Response:
    js = bundle_js()
    if not js:
        return Response(f"clusop/static/{BUNDLE} is missing from this installation (built with the wheel)",
                        status_code=404, media_type="text/plain", headers=_headers())
    return Response(js, media_type="text/javascript; charset=utf-8", headers=_headers())
