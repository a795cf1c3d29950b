"""User rules in Python: plain functions decorated ``@rule`` in a rules folder.

    # clusop_rules/gc.py
    from clusop.pyrules import rule

    @rule(scope="stage")
    def heavy_gc(stage):
        if stage["gc_share"] > 0.3:
            yield {"severity": "medium", "title": f"stage {stage['stage_id']}: GC took a third",
                   "saving": {"time_ms": stage["gc_time_ms"] // 2},
                   "advice": "...", "change": {"kind": "spark_conf", "text": "spark.executor.memory=8g"}}

A rule receives one row of its scope (an application, a stage or an SQL execution of the core's
clusop.scan/1 document; with a second parameter, the application too) and yields
recommendations in the scan contract's shape. ``rule``, ``scope`` and the row's ids are filled
in. The core merges, prices and ranks them with its own (``clusop_rank``), so a Python rule is
ranked exactly like a built-in one.

The folder is found the way a project keeps its rules: ``$CLUSOP_RULES_DIR``, else
``./clusop_rules`` when it exists. Rules run in a child process, one after another: a rule that
raises is reported by name with its error, one that runs past its time budget is stopped and
reported, and the others still run.
"""

from .decorator import SCOPES, RuleSpec, rule
from .discovery import default_rules_dir, load_rules, resolve_rules_dir
from .runner import apply_rules, with_python_rules

__all__ = ["rule", "RuleSpec", "SCOPES", "load_rules", "default_rules_dir", "resolve_rules_dir",
           "apply_rules", "with_python_rules"]
