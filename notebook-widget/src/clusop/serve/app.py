"""The HTTP service (Starlette on uvicorn): the listener's batches in, the core's ranking out.

    POST   /v1/signals                     a listener batch; 200 once committed
    GET    /v1/signals                     the workspace's signals, merged, gated and ranked by the core
    POST   /v1/signals/{signature}/mute    mute (the core's gate drops muted signatures)
    DELETE /v1/signals/{signature}/mute    unmute
    GET    /v1/signals/{signature}/sample  its sample plan and the analysis the listener sent with it
    GET    /healthz                        the store answers or not
    GET    /                               the page (static/serve.js: the web app's tree view)
"""

from __future__ import annotations

import logging
from typing import Optional

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.routing import Route

from . import batch as batches
from .body import BodyTooLarge, read_capped
from .limits import Limits, RateLimiter
from .page import page_response, script_response
from .ranking import CoreSignalsMissing, MergeRejected, merge, ranked
from .responses import error, ok
from .store import Store, StoreUnavailable, now_iso
from .tokens import WORKSPACE_HEADER, Tokens

log = logging.getLogger("clusop.serve")
RETRY_AFTER_SECONDS = "5"


def _peer(request: Request) -> str:
    return request.client.host if request.client else "?"


def create_app(store: Store, tokens: Tokens, limits: Limits = Limits(), policy: Optional[dict] = None,
               notifier=None, billing=None) -> Starlette:
    """policy: the core's gate settings (min_waste_usd_per_month, min_confidence, cooldown_hours);
    the muted signatures are the store's."""
    rate = RateLimiter(limits.rate_per_second, limits.burst)
    policy = dict(policy or {})

    def refuse(request: Request, status: int, code: str, message: str, headers=None):
        log.warning("rejected %s %s from %s: %s (%s)", request.method, request.url.path, _peer(request), code, message)
        return error(status, code, message, headers)

    def authenticate(request: Request):
        """(workspace, None) or (None, the refusal)."""
        header = request.headers.get("authorization")
        if not header:
            return None, refuse(request, 401, "no_token", "an Authorization: Bearer <token> header is required",
                                {"WWW-Authenticate": "Bearer"})
        ws = tokens.workspace_of(header)
        if ws is None:
            return None, refuse(request, 401, "wrong_token", "the bearer token is not one of this service's",
                                {"WWW-Authenticate": "Bearer error=\"invalid_token\""})
        named = request.headers.get(WORKSPACE_HEADER)
        if named is not None and named != ws:
            return None, refuse(request, 403, "other_workspace",
                                f"the token is workspace {ws!r}'s; the request names workspace {named[:80]!r}")
        return ws, None

    def unavailable(request: Request, e: Exception):
        log.error("store unavailable for %s %s: %s", request.method, request.url.path, e)
        return error(503, "store_unavailable", f"the database is unavailable; retry later ({e})",
                     {"Retry-After": RETRY_AFTER_SECONDS})

    async def post_signals(request: Request):
        ws, refusal = authenticate(request)
        if refusal:
            return refusal
        allowed, wait = rate.allow(ws)
        if not allowed:
            return refuse(request, 429, "rate_limited", f"more than {limits.rate_per_second:g} batches/s for workspace {ws!r}",
                          {"Retry-After": str(max(1, int(wait + 0.999)))})
        ctype = request.headers.get("content-type", "")
        if ctype.split(";")[0].strip().lower() != "application/json":
            return refuse(request, 415, "not_json", f"expected Content-Type: application/json, got {ctype[:80]!r}")
        try:
            body = await read_capped(request, limits.max_body_bytes)
        except BodyTooLarge:
            return refuse(request, 413, "too_large", f"a batch is at most {limits.max_body_bytes} bytes")
        try:
            b = batches.parse(body)
        except batches.BatchError as e:
            return refuse(request, 400, "bad_batch", str(e))
        if b.workspace_id is not None and b.workspace_id != ws:
            return refuse(request, 403, "other_workspace",
                          f"the token is workspace {ws!r}'s; the batch names workspace {b.workspace_id!r}")
        rows = batches.rows(b, ws, now_iso())
        signatures = [sig["signature"] for sig in b.signals]
        try:
            added, answer = await run_in_threadpool(store.put_batch, ws, rows, signatures,
                                                    lambda records: merge(ws, b.doc, records), b.app_id)
        except StoreUnavailable as e:
            return unavailable(request, e)
        except MergeRejected as e:
            return refuse(request, 400, "bad_batch", f"the core refused the batch: {e}")
        except CoreSignalsMissing as e:
            return error(503, "core_missing", str(e))
        # committed: only now is the batch acknowledged (and what changed announced, off this request)
        if notifier is not None:
            notifier.after_commit(ws, answer.get("signals", []))
        outcomes = [{"signature": o.get("signature"), "result": o.get("result")} for o in answer.get("outcomes", [])]
        return ok({"workspace_id": ws, "app_id": b.app_id, "batch_id": b.batch_id,
                   "signals": len(rows), "new": added, "duplicate": added == 0, "outcomes": outcomes})

    async def get_signals(request: Request):
        ws, refusal = authenticate(request)
        if refusal:
            return refusal
        try:
            records = await run_in_threadpool(store.records, ws)
            mutes = await run_in_threadpool(store.mutes, ws)
            if billing is not None:
                records = await run_in_threadpool(billing.reconcile, ws, records)
        except StoreUnavailable as e:
            return unavailable(request, e)
        try:
            doc = await run_in_threadpool(ranked, records, mutes, policy)
        except CoreSignalsMissing as e:
            return error(503, "core_missing", str(e))
        except (RuntimeError, ValueError) as e:
            log.error("ranking for workspace %r failed: %s", ws, e)
            return error(500, "core_failed", str(e))
        return ok(doc)

    async def sample(request: Request):
        ws, refusal = authenticate(request)
        if refusal:
            return refusal
        signature = request.path_params["signature"]
        try:
            rec = await run_in_threadpool(store.record, ws, signature)
        except StoreUnavailable as e:
            return unavailable(request, e)
        if rec is None:
            return error(404, "no_signal", f"workspace {ws!r} has no signal {signature[:80]!r}")
        return ok({"signature": signature, "sample_from": rec.get("sample_from"),
                   "sample": rec.get("sample"), "analysis": rec.get("analysis")})

    async def mute(request: Request):
        ws, refusal = authenticate(request)
        if refusal:
            return refusal
        signature = request.path_params["signature"]
        if not signature or len(signature) > batches.MAX_ID_CHARS:
            return refuse(request, 400, "bad_signature", "a signature is 1 to 256 characters")
        muted = request.method == "POST"
        try:
            await run_in_threadpool(store.set_muted, ws, signature, muted)
        except StoreUnavailable as e:
            return unavailable(request, e)
        return ok({"workspace_id": ws, "signature": signature, "muted": muted})

    async def healthz(request: Request):
        try:
            await run_in_threadpool(store.ping)
        except StoreUnavailable as e:
            return error(503, "store_unavailable", str(e), {"Retry-After": RETRY_AFTER_SECONDS})
        doc = {"status": "ok", "store": store.describe()}
        if notifier is not None:
            doc["notifications"] = notifier.counts()
        return ok(doc)

    async def page(request: Request):
        return page_response()

    async def script(request: Request):
        return script_response()

    routes = [
        Route("/v1/signals", post_signals, methods=["POST"]),
        Route("/v1/signals", get_signals, methods=["GET"]),
        Route("/v1/signals/{signature:path}/mute", mute, methods=["POST", "DELETE"]),
        Route("/v1/signals/{signature:path}/sample", sample, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/", page, methods=["GET"]),
        Route("/static/serve.js", script, methods=["GET"]),
    ]
    return Starlette(routes=routes)
