"""The service's answers: one JSON error shape {"error": {"code", "message"}} for every refusal."""

from __future__ import annotations

from typing import Optional

from starlette.responses import JSONResponse

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def error(status: int, code: str, message: str, headers: Optional[dict] = None) -> JSONResponse:
    h = dict(SECURITY_HEADERS)
    h.update(headers or {})
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=h)


def ok(doc, status: int = 200) -> JSONResponse:
    return JSONResponse(doc, status_code=status, headers=dict(SECURITY_HEADERS))
