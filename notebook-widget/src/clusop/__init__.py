"""clusop in a notebook: where did Spark fall back from the native engine to the JVM?

    clusop.analyze(plan_or_dataframe, **cluster)  -> Analysis (the core's answer, typed)
    clusop.show(plan_or_dataframe, **cluster)     a widget: summary, plan tree, paste box
    clusop.watch(spark)                           a live widget of every query the session runs
    clusop.scan(path_or_paths, **cluster)         -> ScanResult (whole event logs: stages, SQL)
    clusop.certify(spark)                         -> CertifyReport (the signal proven on this engine)

One C++ core does the analysis (the same entry point as the CLI, the web app and the Spark
listener); this package maps arguments to its request and its answer to dataclasses.

Attributes are imported on first use, so that ``import clusop`` (and the autoload .pth, which
imports clusop.runtime.bootstrap) costs next to nothing.
"""

__version__ = "0.1.0"

_EXPORTS = {
    "analyze": "clusop._api",
    "show": "clusop._api",
    "plan_widget": "clusop._api",
    "watch": "clusop._watch",
    "Watch": "clusop._watch",
    "core_version": "clusop._request",
    "AnalysisError": "clusop._model",
    "Analysis": "clusop._model",
    "Verdict": "clusop._model",
    "Fallback": "clusop._model",
    "Waste": "clusop._model",
    "WasteInputs": "clusop._model",
    "Confidence": "clusop._model",
    "Node": "clusop._model",
    "ParseInfo": "clusop._model",
    "EngineEvidence": "clusop._model",
    "scan": "clusop._scan",
    "certify": "clusop.certify",
    "CertifyReport": "clusop.certify",
    "show_scan": "clusop._scan",
    "scan_widget": "clusop._scan",
    "ScanError": "clusop._scan_model",
    "ScanResult": "clusop._scan_model",
    "Application": "clusop._scan_model",
    "Stage": "clusop._scan_model",
    "TaskDurations": "clusop._scan_model",
    "SqlExecution": "clusop._scan_model",
    "FileError": "clusop._scan_model",
    "ScanWidget": "clusop._widget",
    "PlanWidget": "clusop._widget",
    "WatchWidget": "clusop._widget",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'clusop' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
