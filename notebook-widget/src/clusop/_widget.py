"""The widgets (anywidget). One front-end module, static/widget.js, serves both: it is built from
the web app's own modules (tree, summary, labels, plan text) and the WebAssembly core, copied
from the built site and inlined (the .wasm as base64), so it works offline."""

from __future__ import annotations

import pathlib
import uuid

import anywidget
import traitlets

from ._html import analysis_html, watch_html

_ESM = pathlib.Path(__file__).parent / "static" / "widget.js"


class _Base(anywidget.AnyWidget):
    _esm = _ESM

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data)
        # hosts that cannot run widgets (nbviewer, GitHub, exports) show this instead
        data["text/html"] = self._repr_html_()
        return data, meta


class _StaticTwin(_Base):
    """Displayed as two outputs: the static HTML on its own, then the widget. An HTML export
    of an executed notebook (nbconvert) holds the widget's state, so it draws the widget view,
    not the widget's own text/html, and that view needs JavaScript and the network: the static
    output is what renders there. Where the widget's code runs, it hides its twin."""

    static_id = traitlets.Unicode().tag(sync=True)  # names the static twin for the front end

    @traitlets.default("static_id")
    def _new_static_id(self) -> str:
        return uuid.uuid4().hex

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display({"text/html": f'<div data-clusop-static="{self.static_id}">{self._repr_html_()}</div>',
                 "text/plain": repr(self)}, raw=True)
        bundle = anywidget.AnyWidget._repr_mimebundle_(self)
        if bundle is None:
            return
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        display({k: v for k, v in data.items() if k != "text/html"}, metadata=meta, raw=True)


class PlanWidget(_StaticTwin):
    """One analysed plan: the summary, the tree with the fallbacks highlighted, a paste box."""

    kind = traitlets.Unicode("plan").tag(sync=True)
    plan = traitlets.Unicode("").tag(sync=True)
    analysis_json = traitlets.Unicode("").tag(sync=True)  # the core's answer, verbatim
    options = traitlets.Dict().tag(sync=True)  # request fields for plans pasted in the widget
    plan_source = traitlets.Unicode("text").tag(sync=True)

    def _repr_html_(self) -> str:
        import json

        try:
            answer = json.loads(self.analysis_json) if self.analysis_json else None
        except ValueError:
            answer = None
        return analysis_html(answer, self.plan)


class WatchWidget(_Base):
    """The live list of a session's queries, fed by clusop.watch."""

    kind = traitlets.Unicode("watch").tag(sync=True)
    rows = traitlets.List().tag(sync=True)  # newest first
    state = traitlets.Unicode("starting").tag(sync=True)  # starting | watching | unavailable | stopped
    status = traitlets.Unicode("").tag(sync=True)
    total_usd = traitlets.Float(0.0).tag(sync=True)
    priced = traitlets.Int(0).tag(sync=True)
    unpriced_fallbacks = traitlets.Int(0).tag(sync=True)
    seen = traitlets.Int(0).tag(sync=True)

    def _repr_html_(self) -> str:
        return watch_html(self.rows, self.status, self.total_usd)


class ScanWidget(_StaticTwin):
    """Event logs read by clusop.scan: the web app's application view (stage timeline, task
    spread of the worst stages, SQL executions opening their final plan's tree)."""

    kind = traitlets.Unicode("scan").tag(sync=True)
    scan_json = traitlets.Unicode("").tag(sync=True)  # the clusop.scan/1 document, verbatim

    def _repr_html_(self) -> str:
        import json

        from ._scan_html import scan_html

        try:
            doc = json.loads(self.scan_json) if self.scan_json else None
        except ValueError:
            doc = None
        return scan_html(doc)
