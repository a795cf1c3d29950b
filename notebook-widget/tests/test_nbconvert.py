"""show()'s static HTML in a real `jupyter nbconvert --to html --execute`: the exported page shows
the analysis as HTML, no JavaScript run (the page is parsed, never opened in a browser).

An executed notebook keeps its widgets' state, so nbconvert draws a widget output as the widget
view (a <script> the page's JavaScript would fill from the network) and drops the widget's own
text/html: what renders without JavaScript is the static output show() displays beside it."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import nbformat

import clusop
from conftest import GOLDEN

PLAN = GOLDEN / "plans" / "comet" / "python_udf.tree.txt"
HIDDEN_TAGS = {"script", "style", "template", "noscript", "head", "title"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text a browser without JavaScript shows: nothing inside script/style/template or an
    element styled display:none. Also the text of each static block and of its fallback rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, hidden, kind) per open element
        self.text = []
        self.blocks = []  # visible text of each static twin (data-clusop-static)
        self.fallback_rows = []  # visible text of each row marked data-fallback
        self.widget_views = 0

    def _hidden(self):
        return any(h for _, h, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/vnd.jupyter.widget-view+json":
            self.widget_views += 1
        if tag in VOID_TAGS:
            return
        hidden = tag in HIDDEN_TAGS or "display:none" in (a.get("style") or "").replace(" ", "")
        kind = None
        if "data-clusop-static" in a and not self._hidden() and not hidden:
            kind = "block"
            self.blocks.append([])
        elif "data-fallback" in a and not self._hidden() and not hidden:
            kind = "row"
            self.fallback_rows.append([])
        self.stack.append((tag, hidden, kind))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._hidden():
            return
        self.text.append(data)
        kinds = [k for _, _, k in self.stack]
        if "block" in kinds:
            self.blocks[-1].append(data)
        if "row" in kinds:
            self.fallback_rows[-1].append(data)


def test_show_renders_as_static_html_in_an_nbconvert_export(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        f"import clusop\nclusop.show(open({str(PLAN)!r}).read(), photon_enabled=False)")]
    nbformat.write(nb, str(tmp_path / "show.ipynb"))
    r = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
                        "--ExecutePreprocessor.kernel_name=python3", str(tmp_path / "show.ipynb")],
                       capture_output=True, text=True, cwd=str(tmp_path), timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    page = (tmp_path / "show.html").read_text(encoding="utf-8")
    seen = VisibleText()
    seen.feed(page)
    seen.close()

    # what the core says of this plan, asked here, not written down
    a = clusop.analyze(PLAN.read_text(encoding="utf-8"), photon_enabled=False)
    fallen = {n.name for n in a.fallback_nodes}
    assert a.verdict.kind != "none" and fallen  # the plan has a fallback to show

    assert seen.widget_views == 1  # nbconvert drew the widget as its view: the widget's text/html is not used
    assert len(seen.blocks) == 1, "show() should leave exactly one static view in the export"
    block = "".join(seen.blocks[0])
    assert a.verdict.kind in block and a.verdict.cause in block
    assert a.engine in block
    rows = ["".join(t) for t in seen.fallback_rows]
    assert rows, "no visible fallback row"
    for name in fallen:
        assert any(name in row for row in rows), (name, rows)
    assert len(rows) == len(a.fallback_nodes)  # one row per node that fell back, no more
    # the nodes that stayed native are drawn too, as rows of their own
    assert all(n.name in block for n in a.nodes if n.fallback is None)
