"""clusop.fix: recommendations of a scan -> a reviewed code change (a unified diff and a
rationale per change), written with LibCST so the formatting and comments stay.

    from clusop.fix import propose
    result = propose(open("job.py").read(), app["recommendations"], filename="job.py")
    print(result.diff)
    for c in result.changes:
        print(c.rule, c.status, c.line, c.rationale)
"""

from .propose import propose
from .result import APPLIED, SKIPPED, SNIPPET, Change, FixResult

__all__ = ["propose", "FixResult", "Change", "APPLIED", "SKIPPED", "SNIPPET"]
