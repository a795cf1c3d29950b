"""python_udf -> the built-in expression the UDF's body maps to, else a vectorised pandas UDF
marked for review.

A row UDF is `name = udf(func, type)` / `F.udf(lambda ...)` or a `@udf(...)`-decorated def. The
call the recommendation is about is located among the calls of those names (locate.choose).
When the body translates (udf_translate), that one call becomes the expression, cast to the
UDF's declared type so the column's type is unchanged; the UDF's definition stays (other code
may call it). When it does not, the definition becomes a pandas UDF over Arrow batches that
maps the same Python function, with a `# clusop fix: review` comment: nulls reach pandas as
NaN/None, a person checks the function copes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Tuple

import libcst as cst

from .code_index import CodeIndex, dotted, functions_alias, imported_names
from .edit import add_import, apply_edits
from .locate import NotLocated, Site, choose
from .udf_translate import Translator, Untranslatable, _paren
from .when_layout import wrapped

RULES = ("python_udf",)

TYPE_CASTS = {"LongType": "bigint", "IntegerType": "int", "ShortType": "smallint", "ByteType": "tinyint",
              "DoubleType": "double", "FloatType": "float", "StringType": "string", "BooleanType": "boolean"}
DDL_CASTS = {"long": "bigint", "bigint": "bigint", "int": "int", "integer": "int", "smallint": "smallint",
             "tinyint": "tinyint", "double": "double", "float": "float", "string": "string", "boolean": "boolean"}
REVIEW = "# clusop fix: review: a vectorised pandas UDF in place of a row UDF; nulls reach pandas as NaN/None"


@dataclass
class RowUdf:
    name: str
    statement: cst.CSTNode                  # the assignment's line or the decorated def
    params: List[str]
    body: List[cst.BaseStatement]           # statements (a lambda's body as one return)
    return_type: Optional[cst.BaseExpression]
    function: Optional[str]                 # the Python function's name (None: a lambda)
    lambda_node: Optional[cst.Lambda]
    decorator: Optional[cst.Decorator]


def _udf_names(module: cst.Module) -> Tuple[set, set]:
    """(the callables that make a row UDF, those that make a pandas one) as written here."""
    row, vec = set(), set()
    for local, origin in imported_names(module).items():
        if origin == "pyspark.sql.functions.udf":
            row.add(local)
        if origin == "pyspark.sql.functions.pandas_udf":
            vec.add(local)
    alias = functions_alias(module)
    if alias:
        row.add(f"{alias}.udf")
        vec.add(f"{alias}.pandas_udf")
    return row, vec


def _args(call: cst.Call) -> Tuple[Optional[cst.BaseExpression], Optional[cst.BaseExpression]]:
    """(function, return type) of udf(f, returnType)."""
    positional = [a.value for a in call.args if a.keyword is None]
    kw = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    f = kw.get("f", positional[0] if positional else None)
    t = kw.get("returnType", positional[1] if len(positional) > 1 else None)
    return f, t


def row_udfs(index: CodeIndex) -> Dict[str, RowUdf]:
    module = index.module
    makers, _ = _udf_names(module)
    defs: Dict[str, cst.FunctionDef] = {}
    found: Dict[str, RowUdf] = {}

    class Defs(cst.CSTVisitor):
        def visit_FunctionDef(self, node):
            defs.setdefault(node.name.value, node)

    module.visit(Defs())

    def params_of(fn) -> Optional[List[str]]:
        p = fn.params
        if p.star_arg not in (cst.MaybeSentinel.DEFAULT, None) or p.star_kwarg or p.kwonly_params or p.posonly_params:
            return None
        return [x.name.value for x in p.params]

    class Find(cst.CSTVisitor):
        def visit_SimpleStatementLine(self, node):
            for small in node.body:
                if not (isinstance(small, cst.Assign) and len(small.targets) == 1
                        and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call)
                        and dotted(small.value.func) in makers):
                    continue
                name = small.targets[0].target.value
                f, t = _args(small.value)
                if isinstance(f, cst.Lambda):
                    params = params_of(f)
                    if params is not None:
                        body = [cst.SimpleStatementLine(body=[cst.Return(value=f.body)])]
                        found[name] = RowUdf(name, node, params, body, t, None, f, None)
                elif isinstance(f, cst.Name) and f.value in defs:
                    params = params_of(defs[f.value])
                    if params is not None:
                        found[name] = RowUdf(name, node, params, list(defs[f.value].body.body), t, f.value, None, None)

        def visit_FunctionDef(self, node):
            for d in node.decorators:
                target = d.decorator
                call = target if isinstance(target, cst.Call) else None
                if dotted(call.func if call else target) not in makers:
                    continue
                t = None
                if call is not None:
                    positional = [a.value for a in call.args if a.keyword is None]
                    kw = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
                    t = kw.get("returnType", positional[0] if positional else None)
                params = params_of(node)
                if params is not None:
                    found[node.name.value] = RowUdf(node.name.value, node, params, list(node.body.body), t,
                                                    node.name.value, None, d)

    module.visit(Find())
    return found


def cast_of(t: Optional[cst.BaseExpression]) -> Optional[str]:
    if t is None:
        return "string"  # udf()'s default return type
    if isinstance(t, cst.Call) and not t.args:
        return TYPE_CASTS.get(dotted(t.func).split(".")[-1])
    if isinstance(t, cst.SimpleString):
        return DDL_CASTS.get(str(t.evaluated_value).strip().lower())
    return None


def call_sites(index: CodeIndex, udfs: Mapping[str, RowUdf]) -> List[Site]:
    sites: List[Site] = []

    class Find(cst.CSTVisitor):
        def visit_Call(self, node):
            if isinstance(node.func, cst.Name) and node.func.value in udfs:
                sites.append(Site(node=node, span=index.span(node), label=node.func.value))

    index.module.visit(Find())
    return sites


def propose(index: CodeIndex, rec: Mapping, filename: str) -> Tuple[cst.Module, int, str, bool]:
    """(new module, line, rationale, for review); NotLocated."""
    udfs = row_udfs(index)
    if not udfs:
        raise NotLocated("no row-at-a-time Python UDF (udf(...) or @udf) is defined in this file")
    site = choose(call_sites(index, udfs), rec, index, filename, "Python UDF call")
    call: cst.Call = site.node
    udf = udfs[call.func.value]
    module = index.module
    alias = functions_alias(module)
    F = alias or "F"
    try:
        if any(a.keyword is not None or a.star for a in call.args):
            raise Untranslatable("the call passes keyword or star arguments")
        cast = cast_of(udf.return_type)
        if cast is None:
            raise Untranslatable("its declared return type has no plain SQL cast here")
        columns = [_column(a.value, F) for a in call.args]
        expr = Translator(udf.params, columns, F).body(udf.body)
        expr = wrapped(expr, index.positions[call].start.column)
        expr = cst.Call(func=cst.Attribute(value=_paren(expr), attr=cst.Name("cast")),
                        args=[cst.Arg(value=cst.SimpleString(f'"{cast}"'))])
    except Untranslatable as e:
        return _pandas(index, udf, F, alias is None) + (f"the body of `{udf.name}` has no built-in form ({e}): "
                                                        f"a vectorised pandas UDF in its place, FOR REVIEW "
                                                        f"(nulls reach pandas as NaN/None)", True)
    module = apply_edits(module, replacements={call: expr})
    if alias is None:
        module = add_import(module, "pyspark.sql", "functions", "F")
    text = re.sub(r"\n\s*", "", cst.Module([]).code_for_node(expr))  # the rationale on one line
    return module, site.span.start, (f"the Python UDF `{udf.name}` at line {site.span.start} replaced by the built-in "
                                     f"`{text}`: it runs in the JVM or the native engine, no Python worker "
                                     f"and no fallback (a null input now gives null where the UDF raised; found in "
                                     f"{site.found_in})"), False


def _column(arg: cst.BaseExpression, F: str) -> cst.BaseExpression:
    """A UDF argument as a Column: a column name's string becomes F.col(name)."""
    if isinstance(arg, cst.SimpleString):
        return cst.Call(func=cst.Attribute(value=cst.Name(F), attr=cst.Name("col")), args=[cst.Arg(value=arg)])
    return arg


def _pandas(index: CodeIndex, udf: RowUdf, F: str, needs_functions: bool) -> Tuple[cst.Module, int]:
    line = index.span(udf.statement).start
    module = index.module
    code = cst.Module([]).code_for_node
    if udf.lambda_node is not None:
        row = code(udf.lambda_node)
        rename: Dict[cst.CSTNode, cst.CSTNode] = {}
    elif udf.decorator is not None:
        row = f"_{udf.name}_row"
        rename = {udf.statement: udf.statement.with_changes(
            name=cst.Name(row), decorators=[d for d in udf.statement.decorators if d is not udf.decorator])}
    else:
        row = udf.function
        rename = {}
    params = [f"{p}: pd.Series" for p in udf.params]
    if len(udf.params) == 1:
        ret = f"{udf.params[0]}.map({row})"
    else:
        ret = f"pd.Series([({row})(*r) for r in zip({', '.join(udf.params)})], index={udf.params[0]}.index)"
    rtype = code(udf.return_type) if udf.return_type is not None else '"string"'
    new_def = cst.parse_statement(f"@{F}.pandas_udf({rtype})\ndef {udf.name}({', '.join(params)}) -> pd.Series:\n"
                                  f"    return {ret}\n")
    above = [cst.EmptyLine()] if udf.decorator is not None else list(getattr(udf.statement, "leading_lines", []))
    new_def = new_def.with_changes(leading_lines=[*above, cst.EmptyLine(comment=cst.Comment(REVIEW))])
    if udf.decorator is not None:
        module = apply_edits(module, replacements=rename, inserts={udf.statement: [new_def]})
    else:
        module = apply_edits(module, replacements={udf.statement: new_def})
    if needs_functions:
        module = add_import(module, "pyspark.sql", "functions", "F")
    if imported_names(module).get("pd") != "pandas":
        module = add_import(module, "pandas", None, "pd")
    return module, line
