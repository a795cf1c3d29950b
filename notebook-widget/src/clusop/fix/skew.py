"""task_skew -> AQE's skew-join handling when the skewed stage is a join; otherwise the keyed
work's own change (skew_keyed: a two-stage salted aggregation, a range partitioning), or nothing
with the reason.

AQE splits a skewed partition only at a sort-merge join. The recommendation's conf
(spark.sql.adaptive.enabled, spark.sql.adaptive.skewJoin.enabled) is set when the located work
is a join."""

from __future__ import annotations

from typing import Mapping, Tuple

import libcst as cst

from .code_index import CodeIndex
from .conf_set import set_confs
from .joins import join_sites
from . import skew_keyed
from .locate import NotLocated, choose

RULES = ("task_skew",)
KEYED = ("groupBy", "groupby", "repartition", "repartitionByRange", "partitionBy", "distinct", "dropDuplicates")


def propose(index: CodeIndex, rec: Mapping, filename: str, source_kind: str) -> Tuple[cst.Module, int, str]:
    try:
        site = choose(join_sites(index), rec, index, filename, "join")
    except NotLocated as e:
        if str(e).startswith("no join"):
            try:
                return skew_keyed.propose(index, rec, filename)
            except NotLocated as keyed:
                if str(keyed).startswith("no keyed"):
                    raise NotLocated("the skewed stage's work is neither a join nor a keyed aggregation, "
                                     "repartition or window in this file: nothing to change in code") from None
                raise NotLocated(f"not a join in this file (AQE's skew-join handling does not apply); {keyed}") from None
        raise
    conf = (rec.get("change") or {}).get("conf") or {}
    if not conf:
        raise NotLocated("the skewed stage is a join but the recommendation carries no conf to set")
    edit = set_confs(index, conf, source_kind)
    if not edit.summary:
        return edit.module, site.span.start, "already set"
    return edit.module, edit.line or site.span.start, (f"the skewed stage is the join at line {site.span.start}: "
                                                       f"{edit.summary}, so AQE splits the skewed partition (found in {site.found_in})")
