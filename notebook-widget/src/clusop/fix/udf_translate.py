"""A Python row UDF's body as a built-in Column expression, when every part of it has one.

Translated: the parameters (the call's column arguments), literals, `+ - * /` and unary minus
(a `+` with a string side is concat), comparisons, `is None`/`is not None`, `in (...)`,
`and`/`or`/`not`, `a if c else b` and `if/elif/else: return` chains (`when`), the str methods
upper, lower, strip/lstrip/rstrip (trim), len (length), slices with literal bounds (substring),
re.sub without back-references (regexp_replace), str()/int()/float() (cast), abs().
Refused (the UDF is kept): anything else, and `%` and `//`, whose signs differ between Python
and Spark for negative numbers. A null in: the row UDF raised on most of these, the built-in
answers null; on non-null rows both agree.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import libcst as cst

STR_METHODS = {"upper": "upper", "lower": "lower", "strip": "trim", "lstrip": "ltrim", "rstrip": "rtrim"}
CASTS = {"str": "string", "int": "bigint", "float": "double"}
ARITHMETIC = (cst.Add, cst.Subtract, cst.Multiply, cst.Divide)
COMPARISONS = (cst.Equal, cst.NotEqual, cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)


class Untranslatable(Exception):
    pass


class Translator:
    def __init__(self, params: Sequence[str], args: Sequence[cst.BaseExpression], functions: str):
        if len(params) != len(args):
            raise Untranslatable(f"the UDF takes {len(params)} argument(s), the call passes {len(args)}")
        self.columns: Dict[str, cst.BaseExpression] = dict(zip(params, args))
        self.F = functions

    # ------------------------------------------------------------------ helpers
    def fn(self, name: str, *args: cst.BaseExpression) -> cst.Call:
        return cst.Call(func=cst.Attribute(value=cst.Name(self.F), attr=cst.Name(name)),
                        args=[cst.Arg(value=a) for a in args])

    def lit(self, node: cst.BaseExpression) -> cst.BaseExpression:
        return self.fn("lit", node) if _is_literal(node) else node

    def stringy(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in STR_METHODS:
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "str":
            return True
        if isinstance(node, cst.Subscript):
            return True
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self.stringy(node.left) or self.stringy(node.right)
        return False

    # ------------------------------------------------------------------ bodies
    def body(self, statements: Sequence[cst.BaseStatement]) -> cst.BaseExpression:
        """`[docstring] (if c: return a [elif ...] [else: return b]) | return e`."""
        branches, otherwise = self.chain(statements)
        return self.when_chain(branches, otherwise) if branches else otherwise

    def chain(self, statements: Sequence[cst.BaseStatement]):
        """(when-branches, otherwise) of a body; an `if` that falls through continues the chain."""
        statements = [s for s in statements if not _is_docstring(s)]
        if not statements:
            raise Untranslatable("the UDF's body is empty")
        head, rest = statements[0], statements[1:]
        if isinstance(head, cst.SimpleStatementLine):
            if len(head.body) == 1 and isinstance(head.body[0], cst.Return) and head.body[0].value is not None:
                return [], self.expr(head.body[0].value)
            raise Untranslatable("the UDF's body does more than return an expression")
        if not isinstance(head, cst.If):
            raise Untranslatable(f"the UDF's body has a {type(head).__name__} statement")
        branches: List = []
        node: Optional[cst.BaseStatement] = head
        tail: Optional[Sequence[cst.BaseStatement]] = None
        while isinstance(node, cst.If):
            branches.append((self.expr(node.test), self.body(node.body.body)))
            if isinstance(node.orelse, cst.Else):
                if rest:
                    raise Untranslatable("statements after an if/else that returns on every branch")
                tail = node.orelse.body.body
            node = node.orelse if isinstance(node.orelse, cst.If) else None
        if tail is None:
            tail = rest
        if not tail:
            return branches, None  # falls off the end: the UDF returns None
        more, otherwise = self.chain(tail)
        return branches + more, otherwise

    def when_chain(self, branches, otherwise) -> cst.BaseExpression:
        cond, value = branches[0]
        chain: cst.BaseExpression = self.fn("when", cond, value)
        for cond, value in branches[1:]:
            chain = cst.Call(func=cst.Attribute(value=chain, attr=cst.Name("when")),
                             args=[cst.Arg(value=cond), cst.Arg(value=value)])
        if otherwise is not None and not (isinstance(otherwise, cst.Name) and otherwise.value == "None"):
            chain = cst.Call(func=cst.Attribute(value=chain, attr=cst.Name("otherwise")), args=[cst.Arg(value=otherwise)])
        return chain

    # ------------------------------------------------------------------ expressions
    def expr(self, node: cst.BaseExpression) -> cst.BaseExpression:
        node = _unparen(node)
        if isinstance(node, cst.Name):
            if node.value in self.columns:
                return self.columns[node.value]
            if node.value in ("True", "False", "None"):
                return node
            raise Untranslatable(f"the UDF reads `{node.value}`, which is not one of its arguments")
        if _is_literal(node):
            return node
        if isinstance(node, cst.UnaryOperation):
            inner = self.expr(node.expression)
            if isinstance(node.operator, cst.Minus):
                return cst.UnaryOperation(operator=cst.Minus(), expression=_paren_below(inner, UNARY))
            if isinstance(node.operator, cst.Not):
                return cst.UnaryOperation(operator=cst.BitInvert(), expression=_paren_below(inner, UNARY))
            raise Untranslatable("a unary operator without a built-in")
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Add) and (self.stringy(node.left) or self.stringy(node.right)):
                parts = [self.lit(self.expr(p)) for p in _concat_parts(node)]
                return self.fn("concat", *parts)
            if isinstance(node.operator, ARITHMETIC):
                return _binary(self.expr(node.left), node.operator, self.expr(node.right))
            if isinstance(node.operator, cst.Power):
                return self.fn("pow", self.lit(self.expr(node.left)), self.expr(node.right))
            raise Untranslatable(f"the operator `{type(node.operator).__name__}` differs between Python and Spark "
                                 "(or has no built-in)")
        if isinstance(node, cst.BooleanOperation):
            op = cst.BitAnd() if isinstance(node.operator, cst.And) else cst.BitOr()
            return _binary(self.expr(node.left), op, self.expr(node.right))
        if isinstance(node, cst.Comparison):
            return self.comparison(node)
        if isinstance(node, cst.IfExp):
            branches = [(self.expr(node.test), self.expr(node.body))]
            orelse = _unparen(node.orelse)
            while isinstance(orelse, cst.IfExp):
                branches.append((self.expr(orelse.test), self.expr(orelse.body)))
                orelse = _unparen(orelse.orelse)
            return self.when_chain(branches, self.expr(orelse))
        if isinstance(node, cst.Subscript):
            return self.subscript(node)
        if isinstance(node, cst.Call):
            return self.call(node)
        raise Untranslatable(f"a {type(node).__name__} expression has no built-in here")

    def comparison(self, node: cst.Comparison) -> cst.BaseExpression:
        if len(node.comparisons) != 1:
            raise Untranslatable("a chained comparison")
        target = node.comparisons[0]
        left = self.expr(node.left)
        op = target.operator
        right = _unparen(target.comparator)
        if isinstance(op, (cst.Is, cst.IsNot)):
            if not (isinstance(right, cst.Name) and right.value == "None"):
                raise Untranslatable("`is` with something other than None")
            method = "isNull" if isinstance(op, cst.Is) else "isNotNull"
            return cst.Call(func=cst.Attribute(value=_paren(left), attr=cst.Name(method)))
        if isinstance(op, cst.In):
            if not isinstance(right, (cst.Tuple, cst.List, cst.Set)) or not all(_is_literal(e.value) for e in right.elements):
                raise Untranslatable("`in` something other than a literal tuple/list/set")
            return cst.Call(func=cst.Attribute(value=_paren(left), attr=cst.Name("isin")),
                            args=[cst.Arg(value=e.value) for e in right.elements])
        if isinstance(op, COMPARISONS):
            return cst.Comparison(left=_paren_below(left, COMPARISON + 1),
                                  comparisons=[target.with_changes(comparator=_paren_below(self.expr(right), COMPARISON + 1))])
        raise Untranslatable("a comparison without a built-in")

    def subscript(self, node: cst.Subscript) -> cst.BaseExpression:
        if len(node.slice) != 1:
            raise Untranslatable("a multi-dimensional subscript")
        value = self.expr(node.value)
        s = node.slice[0].slice
        if isinstance(s, cst.Index):
            i = _int(s.value)
            if i is None or i < 0:
                raise Untranslatable("an index that is not a non-negative integer literal")
            return self.fn("substring", value, cst.Integer(str(i + 1)), cst.Integer("1"))
        if isinstance(s, cst.Slice):
            lo = 0 if s.lower is None else _int(s.lower)
            hi = None if s.upper is None else _int(s.upper)
            if s.step is not None or lo is None or lo < 0 or (s.upper is not None and (hi is None or hi < lo)):
                raise Untranslatable("a slice whose bounds are not non-negative integer literals")
            length = cst.Integer(str(hi - lo)) if hi is not None else cst.Integer("2147483647")
            return self.fn("substring", value, cst.Integer(str(lo + 1)), length)
        raise Untranslatable("a subscript without a built-in")

    def call(self, node: cst.Call) -> cst.BaseExpression:
        f = node.func
        args = [a.value for a in node.args]
        if any(a.keyword is not None or a.star for a in node.args):
            raise Untranslatable("a call with keyword or star arguments")
        if isinstance(f, cst.Attribute) and f.attr.value in STR_METHODS and not args:
            return self.fn(STR_METHODS[f.attr.value], self.expr(f.value))
        if isinstance(f, cst.Name) and f.value == "len" and len(args) == 1:
            return self.fn("length", self.expr(args[0]))
        if isinstance(f, cst.Name) and f.value == "abs" and len(args) == 1:
            return self.fn("abs", self.expr(args[0]))
        if isinstance(f, cst.Name) and f.value in CASTS and len(args) == 1:
            return cst.Call(func=cst.Attribute(value=_paren(self.expr(args[0])), attr=cst.Name("cast")),
                            args=[cst.Arg(value=cst.SimpleString(f'"{CASTS[f.value]}"'))])
        if (isinstance(f, cst.Attribute) and f.attr.value == "sub" and isinstance(f.value, cst.Name)
                and f.value.value == "re" and len(args) == 3):
            pattern, repl = args[0], args[1]
            if not isinstance(pattern, cst.SimpleString) or not isinstance(repl, cst.SimpleString):
                raise Untranslatable("re.sub with a pattern or replacement that is not a literal")
            if "\\" in str(repl.evaluated_value) or "$" in str(repl.evaluated_value):
                raise Untranslatable("re.sub with back-references (Python and Java write them differently)")
            return self.fn("regexp_replace", self.expr(args[2]), pattern, repl)
        raise Untranslatable(f"the call `{cst.Module([]).code_for_node(node)}` has no built-in here")


def _is_literal(node: cst.BaseExpression) -> bool:
    node = _unparen(node)
    if isinstance(node, (cst.Integer, cst.Float, cst.SimpleString, cst.ConcatenatedString)):
        return True
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return isinstance(node.expression, (cst.Integer, cst.Float))
    return False


def _int(node: cst.BaseExpression) -> Optional[int]:
    node = _unparen(node)
    if isinstance(node, cst.Integer):
        return int(node.evaluated_value)
    return None


def _unparen(node):
    return node.with_changes(lpar=[], rpar=[]) if getattr(node, "lpar", None) else node


# Python's operator precedence, low to high: what needs parentheses under what
COMPARISON, UNARY, ATOM = 5, 12, 99
PRECEDENCE = {cst.BitOr: 6, cst.BitXor: 7, cst.BitAnd: 8, cst.Add: 10, cst.Subtract: 10,
              cst.Multiply: 11, cst.Divide: 11, cst.Power: 13}


def _precedence(node: cst.BaseExpression) -> int:
    if getattr(node, "lpar", None):
        return ATOM
    if isinstance(node, cst.BinaryOperation):
        return PRECEDENCE.get(type(node.operator), 0)
    if isinstance(node, cst.Comparison):
        return COMPARISON
    if isinstance(node, cst.UnaryOperation):
        return UNARY
    if isinstance(node, (cst.BooleanOperation, cst.IfExp, cst.Lambda)):
        return 0
    return ATOM


def _paren_below(node: cst.BaseExpression, level: int) -> cst.BaseExpression:
    if _precedence(node) < level:
        return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return node


def _binary(left: cst.BaseExpression, op: cst.BaseBinaryOp, right: cst.BaseExpression) -> cst.BinaryOperation:
    level = PRECEDENCE[type(op)]
    # the right operand of - and / binds tighter than the operator itself: a - (b - c)
    return cst.BinaryOperation(left=_paren_below(left, level), operator=op, right=_paren_below(right, level + 1))


def _paren(node: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(node, (cst.BinaryOperation, cst.BooleanOperation, cst.Comparison, cst.UnaryOperation)) and not node.lpar:
        return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return node


def _concat_parts(node: cst.BaseExpression) -> List[cst.BaseExpression]:
    node = _unparen(node)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _concat_parts(node.left) + _concat_parts(node.right)
    return [node]


def _is_docstring(s: cst.BaseStatement) -> bool:
    return (isinstance(s, cst.SimpleStatementLine) and len(s.body) == 1 and isinstance(s.body[0], cst.Expr)
            and isinstance(s.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))
