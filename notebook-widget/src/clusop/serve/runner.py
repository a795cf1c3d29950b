"""Running the app on uvicorn; the bound port is announced (log line, optional ready file) once
the socket listens, so callers wait on it instead of sleeping."""

from __future__ import annotations

import logging
import os
import socket
from typing import Optional

log = logging.getLogger("clusop.serve")


def serve_forever(store, tokens, limits, host: str, port: int, ready_file: Optional[str] = None,
                  policy: Optional[dict] = None, notifier=None, billing=None) -> int:
    import uvicorn

    from .app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(512)
    bound = sock.getsockname()[1]
    log.info("clusop serve: %s, %d workspace(s), listening on http://%s:%d", store.describe(), len(tokens), host, bound)
    if ready_file:
        tmp = f"{ready_file}.tmp"
        with open(tmp, "w") as f:
            f.write(str(bound))
        os.replace(tmp, ready_file)
    app = create_app(store, tokens, limits, policy, notifier, billing)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_keep_alive=5)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        if notifier is not None:
            notifier.close()
        store.close()
    return 0
