"""clusop.analyze and clusop.show."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from ._model import Analysis, AnalysisError
from ._plan import plan_of
from ._request import analyze_text, request_options
from ._scan_settings import validate_options


def analyze(plan_or_dataframe: Any, *, cluster: Optional[Mapping[str, Any]] = None, **settings: Any) -> Analysis:
    """Analyses an executed Spark plan with clusop's core; returns an :class:`Analysis`.

    ``plan_or_dataframe``: plan text (any ``explain`` mode, AQE plans, Comet's extended info, an
    event-log JSON line), bytes, a path (``os.PathLike``, or a ``str`` naming an existing file:
    ``Analysis.plan_source`` then says ``file``), or a PySpark DataFrame (its executed plan as it is now,
    through the JVM when reachable, else its captured ``explain()``).

    Keyword settings map to the request: ``engine`` (auto, spark, photon, comet, gluten, rapids),
    ``photon_enabled`` (bool), ``price_table`` (a clusop.price_table/1 dict), and the cluster
    fields ``cloud``, ``sku``, ``tier``, ``node_type``, ``driver_node_type``, ``workers``,
    ``runtime_seconds``, ``runs_per_day``, ``photon_multiplier``, ``usd_per_dbu``, ``billing``
    (``databricks``: DBUs are billed too; ``cloud_vm``: VMs only; default: DBUs for Photon) (or
    all of them as ``cluster={...}``). An unknown value is a ``ValueError`` listing the accepted ones.

    Raises :class:`AnalysisError` with the core's code and message when the core cannot read it.
    """
    options = request_options(cluster, **settings)
    validate_options(options)
    plan, source = plan_of(plan_or_dataframe)
    if not plan.strip():
        raise AnalysisError("no_plan_text", f"no plan text in the {source} given")
    return analyze_text(plan, options, plan_source=source)


def show(plan_or_dataframe: Any, *, cluster: Optional[Mapping[str, Any]] = None, **settings: Any) -> None:
    """Displays the analysis as a widget: the web app's summary, plan tree with the fallbacks
    highlighted, and a paste box that analyses another plan in the page (WebAssembly, offline).

    Takes what :func:`analyze` takes. Hosts without widget support get a static HTML rendering.
    An input the core cannot read is shown as the core's error (nothing is raised for it).
    """
    from IPython.display import display

    from ._scan_model import ScanResult

    if isinstance(plan_or_dataframe, ScanResult):  # clusop.scan's result: the application view
        from ._scan import scan_widget

        display(scan_widget(plan_or_dataframe))
        return
    display(plan_widget(plan_or_dataframe, cluster=cluster, **settings))


def plan_widget(plan_or_dataframe: Any = "", *, cluster: Optional[Mapping[str, Any]] = None, **settings: Any):
    """The widget :func:`show` displays, without displaying it."""
    from ._widget import PlanWidget

    options = request_options(cluster, **settings)
    validate_options(options)
    if isinstance(plan_or_dataframe, str) and not plan_or_dataframe.strip():
        return PlanWidget(plan="", analysis_json="", options=options)
    try:
        plan, source = plan_of(plan_or_dataframe)
    except AnalysisError as e:  # bytes or a file that are not plan text: shown as the error
        return PlanWidget(plan="", analysis_json=_error_json(e), options=options)
    try:
        # the core's Markdown rides with the answer, for the widget's Markdown export
        a = analyze_text(plan, {**options, "markdown": True}, plan_source=source)
        answer = a.to_json()
    except AnalysisError as e:
        answer = _error_json(e)
    return PlanWidget(plan=plan, analysis_json=answer, options=options, plan_source=source)


def _error_json(e: AnalysisError) -> str:
    import json

    if e.response is not None:
        return json.dumps(e.response)
    return json.dumps({"schema": "clusop.analysis/1", "error": {"code": e.code, "message": e.message}})
