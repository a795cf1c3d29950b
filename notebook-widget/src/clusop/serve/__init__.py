"""`clusop serve`: the central signal service (issue 12). One concept per module:

schema   the tables, once, for SQLite and PostgreSQL      store    the two stores, one transaction per write
batch    a listener batch read, checked, made rows         tokens   per-workspace bearer tokens
limits   body cap and per-workspace rate                   app      the Starlette routes
ranking  the core's merge, gate and rank                   page     the page and its script
ledger   the notifier's sent-keys ledger                   onboard  tables created, billing tables probed
"""

from .app import create_app
from .store import open_store

__all__ = ["create_app", "open_store"]
