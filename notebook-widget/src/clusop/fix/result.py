"""What `clusop fix` answers: the new source, its diff, and one Change per recommendation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

APPLIED = "applied"
SKIPPED = "skipped"
SNIPPET = "snippet"


@dataclass(frozen=True)
class Change:
    """One recommendation's outcome: ``applied`` (in new_text), ``skipped`` (nothing proposed;
    ``rationale`` says why) or ``snippet`` (a setting outside the code, in ``snippet``)."""

    rule: str
    status: str
    line: Optional[int]
    rationale: str
    snippet: Optional[str] = None


@dataclass
class FixResult:
    new_text: str
    diff: str
    changes: List[Change] = field(default_factory=list)
    # set when the source could not be read as what its name says (left untouched)
    error: Optional[str] = None

    @property
    def applied(self) -> List[Change]:
        return [c for c in self.changes if c.status == APPLIED]
