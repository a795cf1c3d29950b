"""Reading a request body with a cap: a declared or streamed size over the limit stops the read."""

from __future__ import annotations

from typing import Optional


class BodyTooLarge(Exception):
    pass


async def read_capped(request, limit: int) -> bytes:
    declared: Optional[str] = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise BodyTooLarge()
        except ValueError:
            pass  # the server itself refuses a malformed length
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)
