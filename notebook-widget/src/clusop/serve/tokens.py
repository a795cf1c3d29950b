"""Per-workspace bearer tokens: a JSON file {"<workspace id>": "<token>", ...}.

A request is the workspace's whose token it carries; a request naming another workspace
(X-Clusop-Workspace header or the batch's workspace_id) is refused. Tokens are compared in
constant time and never logged.
"""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import Dict, Optional

WORKSPACE_HEADER = "x-clusop-workspace"
MIN_TOKEN_CHARS = 16


class TokensError(ValueError):
    pass


class Tokens:
    def __init__(self, by_workspace: Dict[str, str]):
        self._by_workspace = dict(by_workspace)

    @classmethod
    def load(cls, path: str) -> "Tokens":
        p = Path(path)
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise TokensError(f"--tokens {path}: no such file") from None
        except (OSError, UnicodeDecodeError, ValueError) as e:
            raise TokensError(f"--tokens {path}: expected a JSON object {{\"workspace id\": \"token\"}} ({e})") from None
        if not isinstance(doc, dict) or not doc:
            raise TokensError(f"--tokens {path}: expected a non-empty JSON object {{\"workspace id\": \"token\"}}")
        seen = set()
        for ws, tok in doc.items():
            if not ws or not isinstance(tok, str) or len(tok) < MIN_TOKEN_CHARS:
                raise TokensError(f"--tokens {path}: workspace {ws!r} needs a token string of at least "
                                  f"{MIN_TOKEN_CHARS} characters")
            if tok in seen:
                raise TokensError(f"--tokens {path}: two workspaces share a token; each needs its own")
            seen.add(tok)
        return cls(doc)

    def workspace_of(self, authorization: Optional[str]) -> Optional[str]:
        """The workspace whose token the Authorization header carries, else None."""
        if not authorization:
            return None
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        given = token.strip().encode("utf-8")
        found = None
        for ws, tok in self._by_workspace.items():  # every entry compared: the time says nothing
            if hmac.compare_digest(given, tok.encode("utf-8")):
                found = ws
        return found

    def __len__(self) -> int:
        return len(self._by_workspace)
