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
from typing import Callable

from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from linter.model import Unknown, is_unknown
from linter.resources import grammar_path
from linter.rules import evaluate as ev
from linter.rules import treecache

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
    """The LALR parser, built on first use and kept for the process."""
    return Lark(_grammar_text(), parser="lalr", lexer="basic", start=["condition", "for_each"],
                propagate_positions=True, maybe_placeholders=False)


def parse(text: str, start: str = "condition") -> Tree:
    grammar = _grammar_text()
    tree = treecache.get(grammar, start, text)  # a cached tree spares building the parser at start-up
    if tree is not None:
        return tree
    try:
        tree = parser().parse(text, start=start)
        treecache.put(grammar, start, text, tree)
    except UnexpectedInput as exc:
        raise ConditionSyntaxError(_describe(exc), exc.line if exc.line > 0 else 1,
                                   exc.column if exc.column > 0 else 1) from None
    except RecursionError:
        raise ConditionSyntaxError(TOO_DEEP) from None
    return tree


TOO_DEEP = "condition nested too deeply"


@lru_cache(maxsize=1)
def _grammar_text() -> str:
    return grammar_path("rule.lark").read_text(encoding="utf-8")


def _describe(exc: UnexpectedInput) -> str:
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
    source: str
    run: Evaluator

    def __call__(self, ctx: ev.Context) -> ev.Val:
        return self.run(ctx)


def compile_expression(text: str, bound: frozenset = frozenset()) -> Compiled:
    tree = parse(text, "condition")
    try:
        return Compiled(text, _Compiler(set(bound)).expr(tree.children[0]))
    except RecursionError:
        raise ConditionSyntaxError(TOO_DEEP) from None


def compile_for_each(text: str, bound: frozenset = frozenset()) -> tuple[str, Compiled]:
    """`name in <expression>` -> (name, compiled collection)."""
    tree = parse(text, "for_each")
    name, collection = tree.children
    return str(name), Compiled(text, _Compiler(set(bound)).expr(collection))


_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"'}


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


def _error(node, message: str) -> ConditionSyntaxError:
    meta = getattr(node, "meta", None)
    line = getattr(node, "line", None) or (getattr(meta, "line", None) if meta and not meta.empty else None)
    column = getattr(node, "column", None) or (getattr(meta, "column", None) if meta and not meta.empty else None)
    return ConditionSyntaxError(message, line or 1, column or 1)


class _Compiler:
    """Turns a parse tree into nested closures. `bound` holds the names in scope."""

    def __init__(self, bound: set) -> None:
        self.bound = bound

    def expr(self, node) -> Evaluator:
        method = getattr(self, "_" + node.data, None)
        if method is None:
            raise _error(node, f"unsupported construct {node.data!r}")
        return method(node)

    # literals
    def _string(self, node):
        value = _unquote(str(node.children[0]))
        return lambda ctx: ev.Val(value)

    def _number(self, node):
        text = str(node.children[0])
        value = float(text) if "." in text else int(text)
        return lambda ctx: ev.Val(value)

    def _true(self, node):
        return lambda ctx: ev.Val(True)

    def _false(self, node):
        return lambda ctx: ev.Val(False)

    def _null(self, node):
        return lambda ctx: ev.Val(None)

    def _list(self, node):
        parts = [self.expr(c) for c in node.children if c is not None]
        return lambda ctx: ev.Val([p(ctx).value for p in parts])

    # logic
    def _or_(self, node):
        left, right = self.expr(node.children[0]), self.expr(node.children[1])

        def run(ctx):
            first = left(ctx)
            if ev.truth(first) is True:
                return first
            return ev.or_([first, right(ctx)])
        return run

    def _and_(self, node):
        left, right = self.expr(node.children[0]), self.expr(node.children[1])

        def run(ctx):
            first = left(ctx)
            if ev.truth(first) is False:
                return ev.Val(False, first.path)
            return ev.and_([first, right(ctx)])
        return run

    def _not_(self, node):
        inner = self.expr(node.children[0])
        return lambda ctx: ev.not_(inner(ctx))

    def _compare(self, node):
        left, op, right = node.children
        lhs, rhs, op = self.expr(left), self.expr(right), str(op)
        return lambda ctx: ev.compare(op, lhs(ctx), rhs(ctx))

    def _in_(self, node):
        lhs, rhs = self.expr(node.children[0]), self.expr(node.children[1])
        return lambda ctx: ev.member(lhs(ctx), rhs(ctx))

    def _not_in(self, node):
        lhs, rhs = self.expr(node.children[0]), self.expr(node.children[1])
        return lambda ctx: ev.not_(ev.member(lhs(ctx), rhs(ctx)))

    # paths
    def _name(self, node):
        name = str(node.children[0])
        if name in self.bound:
            return lambda ctx: ctx.env[name]
        if name == "resource":
            return lambda ctx: ev.Val(_metadata(ctx.resource))
        if name == "options":
            return lambda ctx: ev.Val(ctx.options)
        return lambda ctx: ev.step_field(ev.Val(ctx.resource.body, ()), name)

    def _field(self, node):
        base, name = self.expr(node.children[0]), str(node.children[1])
        return lambda ctx: ev.step_field(base(ctx), name)

    def _key(self, node):
        base, name = self.expr(node.children[0]), _unquote(str(node.children[1]))
        return lambda ctx: ev.step_field(base(ctx), name)

    def _index(self, node):
        token = node.children[1]
        if "." in str(token):
            raise _error(token, "an index must be a whole number")
        base, index = self.expr(node.children[0]), int(str(token))
        return lambda ctx: ev.step_index(base(ctx), index)

    def _wildcard(self, node):
        base = self.expr(node.children[0])
        return lambda ctx: ev.step_wildcard(base(ctx))

    # quantifiers and calls
    def _quantifier(self, node):
        kind, name, collection, body = node.children
        kind, name = str(kind), str(name)
        coll = self.expr(collection)
        inner = _Compiler(self.bound | {name}).expr(body)
        return lambda ctx: ev.quantify(kind, name, coll(ctx), inner, ctx)

    def _call(self, node):
        name_token, *arg_nodes = node.children
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


def compile_template(text: str, bound: frozenset = frozenset()) -> Template:
    parts: list = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in "{}" and text[i:i + 2] in ("{{", "}}"):
            literal.append(char)
            i += 2
            continue
        if char == "}":
            raise ConditionSyntaxError("unmatched '}' in message", *_line_col(text, i))
        if char == "{":
            end = text.find("}", i)
            if end < 0:
                raise ConditionSyntaxError("unclosed '{' in message", *_line_col(text, i))
            try:
                compiled = compile_expression(text[i + 1:end], bound)
            except ConditionSyntaxError as exc:
                line, column = _line_col(text, i + 1)
                raise ConditionSyntaxError(exc.message, line + exc.line - 1,
                                           column + exc.column - 1 if exc.line == 1 else exc.column) from None
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(compiled)
            i = end + 1
            continue
        literal.append(char)
        i += 1
    if literal:
        parts.append("".join(literal))
    return Template(text, tuple(parts))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
