"""The UDF bodies the refactorer turns into built-ins, and those it refuses: udf_bodies/bodies.txt
(each body beside the expression expected of it, or the words of the refusal)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from clusop.fix.udf_translate import Translator, Untranslatable

BODIES = Path(__file__).parent / "udf_bodies" / "bodies.txt"


def blocks():
    text = "\n".join(l for l in BODIES.read_text(encoding="utf-8").splitlines() if not l.startswith("#"))
    for block in text.strip().split("\n\n"):
        code, _, expected = block.partition("\n-> ")
        yield pytest.param(code + "\n", expected.strip(), id=code.splitlines()[-1].strip()[:40])


@pytest.mark.parametrize("code,expected", list(blocks()))
def test_body(code, expected):
    fn = cst.parse_module(code).body[0]
    params = [p.name.value for p in fn.params.params]
    columns = [cst.parse_expression(f'F.col("{p}")') for p in ("a", "b")[:len(params)]]
    translator = Translator(params, columns, "F")
    if expected.startswith("refused: "):
        with pytest.raises(Untranslatable) as e:
            translator.body(fn.body.body)
        assert expected[len("refused: "):] in str(e.value)
    else:
        got = cst.Module([]).code_for_node(translator.body(fn.body.body))
        assert got == expected
        compile(got, "<expression>", "eval")
