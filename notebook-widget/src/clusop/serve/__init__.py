"""`clusop serve`: the central signal service (issue 12). One concept per module:

schema   the tables, once, for SQLite and PostgreSQL      store    the two stores, one transaction per write
batch    a listener batch read, checked, made rows         tokens   per-workspace bearer tokens
limits   body cap and per-workspace rate                   app      the Starlette routes
ranking  the core's merge, gate and rank                   page     the page and its script
ledger   the notifier's sent-keys ledger                   onboard  tables created, billing tables probed
"""

__all__ = ["create_app", "open_store"]


def __getattr__(name):
    # lazily: `clusop --help` and the other subcommands import clusop.serve.limits without the
    # optional "serve" dependencies (Starlette, uvicorn, psycopg) installed
    if name == "create_app":
        from .app import create_app
        return create_app
    if name == "open_store":
        from .store import open_store
        return open_store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
