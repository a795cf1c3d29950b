"""The analysis contract (clusop.analysis/1, README.md of the repository) as dataclasses.

These are views of the core's answer, nothing more: every value is read from the JSON the core
wrote, and :meth:`Analysis.to_dict` returns that JSON itself (parsed), key for key.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

__all__ = [
    "AnalysisError",
    "Analysis",
    "Verdict",
    "Fallback",
    "Waste",
    "WasteInputs",
    "Confidence",
    "Node",
    "ParseInfo",
    "EngineEvidence",
]


class AnalysisError(Exception):
    """The core could not analyse the input: ``code`` and ``message`` are the core's own.

    Codes: ``bad_request`` (a request field the core rejects), ``no_plan`` (nothing that reads as
    a physical plan), ``internal``; and, from this package, ``no_plan_text`` (no plan could be
    taken from the object given), ``not_a_plan`` (bytes or a file the core says are not plan
    text: an event log, compressed or binary data).
    """

    def __init__(self, code: str, message: str, response: Optional[Dict[str, Any]] = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.response = response


@dataclass(frozen=True)
class ParseInfo:
    format: str
    node_count: int
    operator_count: int
    plan_state: str
    unknown_nodes: List[str]
    warnings: List[str]


@dataclass(frozen=True)
class Verdict:
    kind: str  # none | fix_fallback | disable_photon
    cause: str


@dataclass(frozen=True)
class Fallback:
    root: int
    key_node: int
    nodes: List[int]
    operators: List[str]
    cause: str
    reason: Optional[str]
    weight: float
    # the setting the engine names to run it natively: {"conf", "source", "source_text"}
    remedy: Optional[Dict[str, str]] = None


@dataclass(frozen=True)
class WasteInputs:
    cloud: Optional[str]
    sku: Optional[str]
    tier: Optional[str]
    node_type: Optional[str]
    driver_node_type: Optional[str]
    workers: Optional[float]
    runtime_seconds: Optional[float]
    runs_per_day: Optional[float]
    dbu_per_hour: Optional[float]
    usd_per_dbu: Optional[float]
    photon_multiplier: Optional[float]
    fallback_weight: Optional[float]
    price_table_version: Optional[str]


@dataclass(frozen=True)
class Waste:
    usd: Optional[float]
    usd_per_month: Optional[float]
    basis: str
    inputs: Optional[WasteInputs]
    missing: List[str]
    note: Optional[str]
    # the core's texts: the dollar figures as every face writes them, what is priced, and how
    usd_text: Optional[str] = None
    usd_per_month_text: Optional[str] = None
    measure: Optional[str] = None
    measure_text: Optional[str] = None
    formula: Optional[str] = None


@dataclass(frozen=True)
class Confidence:
    parse: str
    diagnosis: str
    cost: str
    recommendation: str
    reasons: List[str]


@dataclass(frozen=True)
class EngineEvidence:
    explanation: Optional[str]
    summary: Optional[str]


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    parent: Optional[int]
    role: str
    span: Tuple[int, int]
    judged: bool
    fallback: Optional[int] = None
    result_boundary: bool = False
    explain_id: Optional[int] = None


def _pick(cls, obj: Optional[Dict[str, Any]]):
    """The dataclass from the fields it knows; fields the core adds later are ignored here
    (they are still in to_dict())."""
    if obj is None:
        return None
    names = cls.__dataclass_fields__.keys()
    return cls(**{k: obj.get(k) for k in names if k in obj})


@dataclass(frozen=True)
class Analysis:
    """One analysis by the core. ``to_dict()`` is the core's answer; ``to_json()`` its text."""

    schema: str
    engine: str
    engine_source: str
    engine_on: bool
    parse: ParseInfo
    has_fallback: bool
    fallback_weight: float
    fallback_weight_basis: str
    verdict: Verdict
    fallbacks: List[Fallback]
    waste: Waste
    confidence: Confidence
    recommendation: str
    signature: Optional[str]
    engine_evidence: Optional[EngineEvidence]
    nodes: List[Node]
    plan: str = field(default="", repr=False, compare=False)
    plan_source: str = field(default="text", repr=False, compare=False)
    request: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _text: str = field(default="", repr=False, compare=False)
    _markdown: Dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, text: str, *, plan: str = "", plan_source: str = "text",
                  request: Optional[Dict[str, Any]] = None) -> "Analysis":
        d = json.loads(text)
        if "error" in d:
            err = d.get("error") or {}
            raise AnalysisError(str(err.get("code", "unknown")), str(err.get("message", "")), d)
        w = d.get("waste") or {}
        return cls(
            schema=d["schema"],
            engine=d["engine"],
            engine_source=d["engine_source"],
            engine_on=d["engine_on"],
            parse=_pick(ParseInfo, d["parse"]),
            has_fallback=d["has_fallback"],
            fallback_weight=d["fallback_weight"],
            fallback_weight_basis=d["fallback_weight_basis"],
            verdict=_pick(Verdict, d["verdict"]),
            fallbacks=[_pick(Fallback, f) for f in d.get("fallbacks", [])],
            waste=Waste(
                usd=w.get("usd"),
                usd_per_month=w.get("usd_per_month"),
                basis=w.get("basis", "modeled"),
                inputs=_pick(WasteInputs, w.get("inputs")),
                missing=list(w.get("missing", [])),
                note=w.get("note"),
                usd_text=w.get("usd_text"),
                usd_per_month_text=w.get("usd_per_month_text"),
                measure=w.get("measure"),
                measure_text=w.get("measure_text"),
                formula=w.get("formula"),
            ),
            confidence=_pick(Confidence, d["confidence"]),
            recommendation=d["recommendation"],
            signature=d.get("signature"),
            engine_evidence=_pick(EngineEvidence, d.get("engine_evidence")),
            nodes=[
                Node(
                    id=n["id"], name=n["name"], parent=n.get("parent"), role=n["role"],
                    span=tuple(n["span"]), judged=n.get("judged", True), fallback=n.get("fallback"),
                    result_boundary=bool(n.get("result_boundary", False)), explain_id=n.get("explain_id"),
                )
                for n in d.get("nodes", [])
            ],
            plan=plan,
            plan_source=plan_source,
            request=dict(request or {}),
            _raw=d,
            _text=text,
        )

    # ------------------------------------------------------------------ the contract
    def to_dict(self) -> Dict[str, Any]:
        """The core's answer (clusop.analysis/1), exactly: a fresh copy each call."""
        return copy.deepcopy(self._raw)

    def to_json(self) -> str:
        """The core's answer as the core wrote it, byte for byte."""
        return self._text

    # ------------------------------------------------------------------ conveniences
    @property
    def usd(self) -> Optional[float]:
        """Modeled waste per run in dollars (None when not priced)."""
        return self.waste.usd

    @property
    def fallback_nodes(self) -> List[Node]:
        """The nodes inside a fallback, in plan order."""
        return [n for n in self.nodes if n.fallback is not None]

    def node_text(self, node: Node) -> str:
        """The input text of a node (its span is a UTF-8 byte range of the plan)."""
        raw = self.plan.encode("utf-8")
        begin, end = node.span
        return raw[begin:end].decode("utf-8", errors="replace")

    def to_markdown(self) -> str:
        """The core's Markdown of this analysis (the request's ``"markdown": true``), for a
        ticket or a pull request: the same text the site exports and ``clusop analyze --format
        markdown`` prints. Asked of the core once, for this plan and these request fields.

        Raises AnalysisError (``no_plan_text``) for an analysis without its plan text (a scanned
        SQL execution's: its plan stays in the event log)."""
        md = self._raw.get("markdown")
        if isinstance(md, str):
            return md
        if "text" not in self._markdown:
            if not self.plan:
                raise AnalysisError("no_plan_text", "this analysis has no plan text to write as Markdown "
                                    "(a scanned SQL execution's plan stays in its event log)")
            from ._request import analyze_request

            answer = json.loads(analyze_request({**self.request, "plan": self.plan, "markdown": True}))
            if "error" in answer or not isinstance(answer.get("markdown"), str):
                err = answer.get("error") or {}
                raise AnalysisError(str(err.get("code", "no_markdown")), str(err.get("message", "no Markdown")), answer)
            self._markdown["text"] = answer["markdown"]
        return self._markdown["text"]

    def _repr_markdown_(self) -> Optional[str]:
        try:
            return self.to_markdown()
        except AnalysisError:
            return None  # the host shows the other representations

    def _repr_html_(self) -> str:
        from ._html import analysis_html

        return analysis_html(self.to_dict(), self.plan)

    def __repr__(self) -> str:
        # short whatever the plan's size (2,000 nodes): the whole answer is to_dict()
        return (f"<clusop.Analysis {self.verdict.kind} ({self.verdict.cause}), engine {self.engine}, "
                f"{len(self.fallbacks)} fallback(s), {self.parse.node_count} nodes>")

    def __str__(self) -> str:
        v = self.verdict
        w = self.waste
        usd = "not priced" if w.usd_text is None else f"{w.usd_text} per run (modeled)"
        return (f"clusop: {v.kind} ({v.cause}); engine {self.engine}; "
                f"fallback weight {self._raw.get('fallback_weight_text')}; {w.measure_text}: {usd}")
