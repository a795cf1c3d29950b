"""`propose`: a job's source and its recommendations -> the changed source, its diff and one
Change per recommendation. Recommendations are taken in rank order, each on the code the
previous ones left; a recommendation is located (locate.py) and changed by its rule's codemod,
or skipped with the reason. The result is parsed again before it is returned: a change that
would not parse is dropped (never expected: the codemods build nodes, not text)."""

from __future__ import annotations

import os
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import libcst as cst

from . import broadcast_join, engine_fallback, python_udf, skew
from .code_index import CodeIndex
from .conf_set import set_confs
from .edit import add_import
from .locate import NotLocated
from .result import APPLIED, SKIPPED, SNIPPET, Change, FixResult
from .source_formats import Source, SourceFormatError, read_source
from .unified_diff import unified_diff

CONF_RULES = ("aqe_off", "shuffle_partitions")


def propose(source_text: str, recommendations: List[dict], *, filename: str = "job.py") -> FixResult:
    if not isinstance(source_text, str):
        raise TypeError(f"clusop.fix.propose: source_text must be str, not {type(source_text).__name__}")
    recs = [r for r in recommendations if isinstance(r, Mapping)]
    recs.sort(key=lambda r: r.get("rank") if isinstance(r.get("rank"), int) else 1 << 30)
    try:
        source = read_source(source_text, filename)
    except SourceFormatError as e:
        return _unreadable(source_text, recs, filename, e)
    try:
        module = cst.parse_module(source.code)
    except cst.ParserSyntaxError as e:
        return _unreadable(source_text, recs, filename, e, source.code, source.cell_of_line)

    changes: List[Change] = []
    for rec in recs:
        module, change = _one(module, rec, recs, filename, source)
        changes.append(change)

    new_code = module.code
    if new_code != source.code:
        try:
            compile(new_code, filename, "exec")
        except SyntaxError as e:  # a codemod bug: report it, propose nothing
            changes = [c if c.status != APPLIED else Change(c.rule, SKIPPED, c.line,
                       f"the changed source did not parse ({e.msg}, line {e.lineno}): nothing proposed")
                       for c in changes]
            new_code = source.code
    new_text = source.render(new_code) if new_code != source.code else source_text
    return FixResult(new_text=new_text, diff=unified_diff(source_text, new_text, filename), changes=changes)


def _unreadable(text: str, recs, filename: str, e: Exception, code: str = "",
                cell_of_line: Optional[Dict[int, int]] = None) -> FixResult:
    cell_of_line = cell_of_line or {}
    if isinstance(e, cst.ParserSyntaxError):
        what = ("a Jupyter notebook whose code cells are Python" if filename.endswith(".ipynb")
                else "Python source (a .py file or a Databricks source notebook)")
        line, why = e.raw_line, "invalid syntax"
        try:  # Python's own words for it ("'(' was never closed") where it has them
            compile(code, filename, "exec")
        except SyntaxError as s:
            line, why = s.lineno or line, s.msg
        except ValueError:
            pass
        where = f"cell {cell_of_line[line] + 1}" if line in cell_of_line else f"line {line}"
        message = f"{os.path.basename(filename)} does not parse ({where}: {why}); expected {what}; left untouched"
    else:
        message = f"{e}; left untouched"
    changes = [Change(str(r.get("rule", "")), SKIPPED, None, message) for r in recs]
    return FixResult(new_text=text, diff="", changes=changes, error=message)


def _one(module: cst.Module, rec: Mapping, recs: Sequence[Mapping], filename: str,
         source: Source) -> Tuple[cst.Module, Change]:
    rule = str(rec.get("rule", ""))
    index = CodeIndex(module)
    try:
        if rule in broadcast_join.RULES:
            new, line, why, imp = broadcast_join.propose(index, rec, filename)
            if imp is not None and new is not index.module:
                new = add_import(new, imp[0], imp[1])
        elif rule in python_udf.RULES:
            new, line, why, review = python_udf.propose(index, rec, filename)
        elif rule in skew.RULES:
            new, line, why = skew.propose(index, rec, filename, source.kind)
        elif rule in CONF_RULES:
            conf = (rec.get("change") or {}).get("conf") or {}
            if not conf:
                raise NotLocated("the recommendation carries no conf to set")
            edit = set_confs(index, conf, source.kind)
            new, line = edit.module, edit.line
            why = f"{edit.summary}: {rec.get('title', '')}".rstrip(": ") if edit.summary else "already set"
        elif rule in engine_fallback.RULES:
            return module, _fallback(rec, recs)
        else:
            text = (rec.get("change") or {}).get("text") or "see the recommendation's advice"
            return module, Change(rule, SKIPPED, None, f"no codemod for {rule}: {text}")
    except NotLocated as e:
        return module, Change(rule, SKIPPED, None, str(e))
    except Exception as e:  # a codemod's bug must not cost the other recommendations their change
        return module, Change(rule, SKIPPED, None, f"clusop fix failed on this recommendation "
                                                   f"({type(e).__name__}: {e}); nothing proposed for it")
    if new.code == module.code:
        return module, Change(rule, SKIPPED, line, f"nothing to change: {why}")
    return new, Change(rule, APPLIED, line, f"{why} ({source.where(line)})" if source.kind == "ipynb" else why)


def _fallback(rec: Mapping, recs: Sequence[Mapping]) -> Change:
    rule = str(rec.get("rule", ""))
    if engine_fallback.udf_cause(rec, recs):
        return Change(rule, SKIPPED, None, "a Python UDF recommendation on the same SQL execution is the cause: "
                                           "its change removes this fallback")
    weight = engine_fallback.fallback_weight(rec)
    if weight is None or weight < 0.999:
        return Change(rule, SKIPPED, None, "part of the plan fell back: the operators and their reasons are in the "
                                           "execution's analysis; no codemod rewrites them")
    return Change(rule, SNIPPET, None, "the whole plan ran on the JVM and nothing in the code is named as the cause: "
                                       "on Photon the job pays Photon's rate for JVM work; run it on the standard "
                                       "runtime (job settings, not code)", engine_fallback.SNIPPET)
