"""Parse and compile the rule condition language (grammar: grammars/rule.lark).

`compile_expression(text, bound)` parses once and returns a `Compiled`: a
closure `(Context) -> Val` built from the tree, so nothing is re-parsed per
resource. Names bound by `for-each`, quantifiers and `let` are resolved at
compile time; any other leading name reads the resource body (`properties`,
`sku`, `zones`), except `resource` (metadata) and `options` (rule options).
Run-time meaning lives in `linter.rules.evaluate`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from linter.model import Unknown, is_unknown
from linter.resources import grammar_path
from linter.rules import evaluate as ev

if TYPE_CHECKING:
    from lark import Lark, Tree

Evaluator = Callable[[ev.Context], ev.Val]

# The modules that provide the language's functions, each with PATH_FUNCTIONS (take Vals and the
# context) and/or HELPERS (take plain values): name -> (function, min args, max args or None).
FUNCTION_MODULES = (
    "linter.rules.functions",
    "linter.rules.helpers",
    "linter.rules.helpers_monitoring",
    "linter.rules.helpers_governance",
    "linter.rules.helpers_network",
)


@lru_cache(maxsize=1)
def function_tables() -> tuple[dict, dict]:
    """(path functions, value helpers) from FUNCTION_MODULES; a name defined twice is an error."""
    path_functions: dict = {}
    helpers: dict = {}
    for module_name in FUNCTION_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # an optional helper module not present in this build
            raise
        for table, target in ((getattr(module, "PATH_FUNCTIONS", {}), path_functions),
                              (getattr(module, "HELPERS", {}), helpers)):
            for name, entry in table.items():
                if name in path_functions or name in helpers:
                    raise RuntimeError(f"rule-language function {name!r} defined twice ({module_name})")
                target[name] = entry
    return path_functions, helpers


class ConditionSyntaxError(ValueError):
    """A condition that does not parse or compile; line/column are 1-based, inside the text."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser, built on first use and kept for the process (lark is imported only here:
    a run whose rules come from the cache never needs it)."""
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", lexer="basic", start=["condition", "for_each"],
                propagate_positions=True, maybe_placeholders=False)


def parse(text: str, start: str = "condition") -> Tree:
    """Parse `text` from the grammar rule `start` ("condition" or "for_each")."""
    from lark.exceptions import UnexpectedInput

    try:
        return parser().parse(text, start=start)
    except UnexpectedInput as exc:
        raise ConditionSyntaxError(_describe(exc), exc.line if exc.line > 0 else 1,
                                   exc.column if exc.column > 0 else 1) from None
    except RecursionError:
        raise ConditionSyntaxError(TOO_DEEP) from None


def parse_plain(text: str, start: str = "condition") -> list:
    """`parse` as a plain tree: what the compiler reads and the rule cache stores as JSON.

    A node is `[rule name, *children]`; a token is its text (a lark Token, which is a
    str and still knows its line and column for error messages).
    """
    tree = parse(text, start)
    try:
        return plain_tree(tree)
    except RecursionError:
        raise ConditionSyntaxError(TOO_DEEP) from None


def plain_tree(node) -> object:
    if node is None or isinstance(node, str):
        return node
    return [str(node.data), *(plain_tree(child) for child in node.children)]


TOO_DEEP = "condition nested too deeply"


@lru_cache(maxsize=1)
def grammar_text() -> str:
    return grammar_path("rule.lark").read_text(encoding="utf-8")


def _describe(exc) -> str:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if isinstance(exc, UnexpectedEOF):
        return "unexpected end of condition"
    if isinstance(exc, UnexpectedToken):
        if exc.token.type == "$END":
            return "unexpected end of condition"
        return f"unexpected {exc.token.value!r}"
    if isinstance(exc, UnexpectedCharacters):
        return f"unexpected character {exc.char!r}"
    return "syntax error"


@dataclass(frozen=True)
class Compiled:
    """An expression compiled to a closure over the evaluation context."""

    source: str
    run: Evaluator

    def __call__(self, ctx: ev.Context) -> ev.Val:
        return self.run(ctx)


# (text, start) -> plain tree; the rule loader passes one that reuses trees kept from an earlier run.
Parse = Callable[[str, str], list]


def compile_expression(text: str, bound: frozenset = frozenset(), parse: Parse = parse_plain) -> Compiled:
    tree = parse(text, "condition")
    try:
        return Compiled(text, _Compiler(set(bound)).expr(tree[1]))
    except RecursionError:
        raise ConditionSyntaxError(TOO_DEEP) from None


def compile_for_each(text: str, bound: frozenset = frozenset(), parse: Parse = parse_plain) -> tuple[str, Compiled]:
    """`name in <expression>` -> (name, compiled collection)."""
    _, name, collection = parse(text, "for_each")
    return str(name), Compiled(text, _Compiler(set(bound)).expr(collection))


_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"'}


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


def _error(node, message: str) -> ConditionSyntaxError:
    """An error at a token's position (a lark Token has one; a cached token or a node does not)."""
    return ConditionSyntaxError(message, getattr(node, "line", None) or 1, getattr(node, "column", None) or 1)


class _Compiler:
    """Turns a plain tree into nested closures. `bound` holds the names in scope.

    Each `_<rule>` method receives the node's children as arguments.
    """

    def __init__(self, bound: set) -> None:
        self.bound = bound

    def expr(self, node) -> Evaluator:
        method = getattr(self, "_" + node[0], None)
        if method is None:
            raise _error(node, f"unsupported construct {node[0]!r}")
        return method(*node[1:])

    # literals
    def _string(self, token):
        value = _unquote(str(token))
        return lambda ctx: ev.Val(value)

    def _number(self, token):
        text = str(token)
        value = float(text) if "." in text else int(text)
        return lambda ctx: ev.Val(value)

    def _true(self):
        return lambda ctx: ev.Val(True)

    def _false(self):
        return lambda ctx: ev.Val(False)

    def _null(self):
        return lambda ctx: ev.Val(None)

    def _list(self, *items):
        parts = [self.expr(c) for c in items if c is not None]
        return lambda ctx: ev.Val([p(ctx).value for p in parts])

    # logic
    def _or_(self, left, right):
        left, right = self.expr(left), self.expr(right)

        def run(ctx):
            first = left(ctx)
            if ev.truth(first) is True:
                return first
            return ev.or_([first, right(ctx)])
        return run

    def _and_(self, left, right):
        left, right = self.expr(left), self.expr(right)

        def run(ctx):
            first = left(ctx)
            if ev.truth(first) is False:
                return ev.Val(False, first.path)
            return ev.and_([first, right(ctx)])
        return run

    def _not_(self, operand):
        inner = self.expr(operand)
        return lambda ctx: ev.not_(inner(ctx))

    def _compare(self, left, op, right):
        lhs, rhs, op = self.expr(left), self.expr(right), str(op)
        return lambda ctx: ev.compare(op, lhs(ctx), rhs(ctx))

    def _in_(self, left, right):
        lhs, rhs = self.expr(left), self.expr(right)
        return lambda ctx: ev.member(lhs(ctx), rhs(ctx))

    def _not_in(self, left, right):
        lhs, rhs = self.expr(left), self.expr(right)
        return lambda ctx: ev.not_(ev.member(lhs(ctx), rhs(ctx)))

    # paths
    def _name(self, token):
        name = str(token)
        if name in self.bound:
            return lambda ctx: ctx.env[name]
        if name == "resource":
            return lambda ctx: ev.Val(_metadata(ctx.resource))
        if name == "options":
            return lambda ctx: ev.Val(ctx.options)
        return lambda ctx: ev.step_field(ev.Val(ctx.resource.body, ()), name)

    def _field(self, base, token):
        base, name = self.expr(base), str(token)
        return lambda ctx: ev.step_field(base(ctx), name)

    def _key(self, base, token):
        base, name = self.expr(base), _unquote(str(token))
        return lambda ctx: ev.step_field(base(ctx), name)

    def _index(self, base, token):
        if "." in str(token):
            raise _error(token, "an index must be a whole number")
        base, index = self.expr(base), int(str(token))
        return lambda ctx: ev.step_index(base(ctx), index)

    def _wildcard(self, base):
        base = self.expr(base)
        return lambda ctx: ev.step_wildcard(base(ctx))

    # quantifiers and calls
    def _quantifier(self, kind, name, collection, body):
        kind, name = str(kind), str(name)
        coll = self.expr(collection)
        inner = _Compiler(self.bound | {name}).expr(body)
        return lambda ctx: ev.quantify(kind, name, coll(ctx), inner, ctx)

    def _call(self, name_token, *arg_nodes):
        name = str(name_token)
        args = [self.expr(a) for a in arg_nodes if a is not None]
        path_functions, helpers = function_tables()
        if name in path_functions:
            fn, low, high = path_functions[name]
            self._check_arity(name_token, name, len(args), low, high)
            return lambda ctx: fn(ctx, *[a(ctx) for a in args])
        if name in helpers:
            helper, low, high = helpers[name]
            self._check_arity(name_token, name, len(args), low, high)
            return lambda ctx: _call_helper(helper, [a(ctx) for a in args])
        raise _error(name_token, f"unknown function {name!r}")

    @staticmethod
    def _check_arity(token, name: str, count: int, low: int, high: int | None) -> None:
        if count < low or (high is not None and count > high):
            want = str(low) if low == high else (f"{low} or more" if high is None else f"{low} to {high}")
            raise _error(token, f"{name}() takes {want} argument(s), got {count}")


def _call_helper(helper, vals: list[ev.Val]) -> ev.Val:
    result = helper(*[v.value for v in vals])
    path, weak = ev.best(*vals)
    return ev.Val(result, path, weak=weak)  # (not positional: Val's third field is `items`)


def _metadata(resource) -> dict:
    return {
        "name": resource.name,
        "display_name": resource.display_name,
        "type": resource.type,
        "id": resource.id,
        "symbol": resource.symbol,
        "format": resource.format,
        "api_version": resource.api_version,
    }


# ---- message templates ------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A message with `{expression}` placeholders (`{{`/`}}` for literal braces)."""

    source: str
    parts: tuple  # str | Compiled

    def render(self, ctx: ev.Context) -> str:
        out = []
        for part in self.parts:
            out.append(part if isinstance(part, str) else render_value(part(ctx).value))
        return "".join(out)


def render_value(value: object) -> str:
    if is_unknown(value) or isinstance(value, Unknown):
        return "<unknown>"
    if value is None:
        return "<none>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(render_value(v) for v in value)
    return str(value)


_BRACE = re.compile(r"\{\{|\}\}|[{}]")


def compile_template(text: str, bound: frozenset = frozenset(), parse: Parse = parse_plain) -> Template:
    parts: list = []
    literal: list[str] = []
    i = 0
    while (brace := _BRACE.search(text, i)) is not None:  # jumps from brace to brace
        literal.append(text[i:brace.start()])
        i = brace.start()
        if brace.group() in ("{{", "}}"):
            literal.append(brace.group()[0])
            i += 2
            continue
        if brace.group() == "}":
            raise ConditionSyntaxError("unmatched '}' in message", *_line_col(text, i))
        end = text.find("}", i)
        if end < 0:
            raise ConditionSyntaxError("unclosed '{' in message", *_line_col(text, i))
        try:
            compiled = compile_expression(text[i + 1:end], bound, parse)
        except ConditionSyntaxError as exc:
            line, column = _line_col(text, i + 1)
            raise ConditionSyntaxError(exc.message, line + exc.line - 1,
                                       column + exc.column - 1 if exc.line == 1 else exc.column) from None
        if "".join(literal):
            parts.append("".join(literal))
        literal = []
        parts.append(compiled)
        i = end + 1
    literal.append(text[i:])
    if "".join(literal):
        parts.append("".join(literal))
    return Template(text, tuple(parts))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
