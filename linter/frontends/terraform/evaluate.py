"""Evaluate a parsed HCL expression to a plain Python value (or `Unknown`) within a scope.

Names at the root of a reference (`var`, `local`, `module`, `data`,
`azurerm_subnet`, `count`, `each`, a `for` variable...) are answered by the
scope; namespaces that must be computed on demand (locals, resources) are
`LazyObject`s, so only what is referenced is evaluated. Any error that
Terraform itself would report raises `EvalError` with a position; callers turn
it into `Unknown` for the attribute concerned.
"""

from __future__ import annotations

from typing import Callable

from linter.frontends.terraform import parse as p
from linter.frontends.terraform.functions import FunctionError, call, to_string
from linter.model import Unknown

MAX_FOR_ITEMS = 10000
MAX_STRING = 10_000_000  # longest string (characters) a template or function call may build


class EvalError(Exception):
    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class LazyObject:
    """An object whose attributes are computed when asked for."""

    def attr(self, name: str, at: p.Expr | None = None) -> object:  # pragma: no cover - interface
        raise NotImplementedError

    def materialize(self) -> object:
        """The whole value, for uses that need all of it (splat, jsonencode)."""
        return Unknown("a whole resource or namespace used as a value")


class Scope:
    """Root names for evaluation: a resolver function plus local bindings."""

    def __init__(self, resolve: Callable[[str, p.Expr], object], bindings: dict | None = None) -> None:
        self.resolve = resolve
        self.bindings = bindings or {}

    def child(self, **bindings: object) -> Scope:
        return Scope(self.resolve, {**self.bindings, **bindings})

    def lookup(self, name: str, at: p.Expr) -> object:
        if name in self.bindings:
            return self.bindings[name]
        return self.resolve(name, at)


def evaluate(expr: p.Expr, scope: Scope) -> object:
    value = _eval(expr, scope)
    return _plain(value)


def _plain(value: object) -> object:
    if isinstance(value, LazyObject):
        return value.materialize()
    return value


def _eval(expr: p.Expr, scope: Scope) -> object:  # noqa: C901 - dispatch on node kind
    kind = type(expr)
    if kind is p.Lit:
        return expr.value
    if kind is p.Template:
        return _template(expr, scope)
    if kind is p.Ref:
        return scope.lookup(expr.name, expr)
    if kind is p.GetAttr:
        return get_attr(_eval(expr.obj, scope), expr.name, expr)
    if kind is p.Index:
        return _index(_eval(expr.obj, scope), evaluate(expr.key, scope), expr)
    if kind is p.Splat:
        return _splat(expr, scope)
    if kind is p.Call:
        return _call(expr, scope)
    if kind is p.TupleExpr:
        return [evaluate(item, scope) for item in expr.items]
    if kind is p.ObjectExpr:
        return _object(expr, scope)
    if kind is p.BinOp:
        return _binop(expr, scope)
    if kind is p.Unary:
        return _unary(expr, scope)
    if kind is p.Cond:
        cond = evaluate(expr.cond, scope)
        if isinstance(cond, Unknown):
            return Unknown("condition depends on an unknown value")
        if not isinstance(cond, bool):
            raise EvalError("condition is not a bool", expr.line, expr.column)
        return _eval(expr.then if cond else expr.other, scope)
    if kind is p.ForExpr:
        return _for(expr, scope)
    raise EvalError(f"cannot evaluate {kind.__name__}", expr.line, expr.column)


def get_attr(obj: object, name: str, at: p.Expr) -> object:
    if isinstance(obj, Unknown):
        return obj
    if isinstance(obj, LazyObject):
        return obj.attr(name, at)
    if isinstance(obj, dict):
        if name in obj:
            return obj[name]
        raise EvalError(f"no attribute {name!r}", at.line, at.column)
    if isinstance(obj, list) and name.isdigit():
        return _index(obj, int(name), at)
    raise EvalError(f"cannot read attribute {name!r} of {type(obj).__name__}", at.line, at.column)


def _index(obj: object, key: object, at: p.Expr) -> object:
    if isinstance(obj, Unknown):
        return obj
    if isinstance(key, Unknown):
        return Unknown("index is unknown")
    if isinstance(obj, LazyObject):
        return obj.attr(to_string(key), at)
    if isinstance(obj, list):
        try:
            return obj[int(key)]
        except (IndexError, ValueError, TypeError):
            raise EvalError(f"index {key!r} out of range", at.line, at.column) from None
    if isinstance(obj, dict):
        text = to_string(key) if not isinstance(key, (list, dict)) else None
        if text in obj:
            return obj[text]
        raise EvalError(f"no key {key!r}", at.line, at.column)
    raise EvalError(f"cannot index {type(obj).__name__}", at.line, at.column)


def _splat(expr: p.Splat, scope: Scope) -> object:
    source = _eval(expr.obj, scope)
    if isinstance(source, Unknown):
        return source
    if source is None:
        return []
    if isinstance(source, LazyObject) and not hasattr(source, "instances"):
        items = [source]
    elif isinstance(source, LazyObject):
        items = source.instances()
    elif isinstance(source, list):
        items = source
    else:
        items = [source]
    out = []
    for item in items:
        for op, arg in expr.ops:
            item = get_attr(item, arg, expr) if op == "attr" else _index(item, evaluate(arg, scope), expr)
        out.append(_plain(item))
    return out


def _call(expr: p.Call, scope: Scope) -> object:
    if expr.name in ("try", "can"):
        return _try(expr, scope)
    args = [evaluate(a, scope) for a in expr.args]
    if expr.expand_last and args:
        last = args.pop()
        if isinstance(last, Unknown):
            return Unknown(f"{expr.name}() of an unknown argument list")
        args.extend(last if isinstance(last, list) else list(last.values()))
    if _text_size(args) > MAX_STRING:  # a string doubled through a chain of locals
        raise EvalError(f"{expr.name}(): arguments longer than {MAX_STRING} characters", expr.line, expr.column)
    try:
        return call(expr.name, args)
    except FunctionError as exc:
        raise EvalError(str(exc), expr.line, expr.column) from None


def _text_size(value: object, limit: int = MAX_STRING) -> int:
    """Characters of text in `value`, counted only until they pass `limit`."""
    if isinstance(value, str):
        return len(value)
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    total = 0
    for item in items:
        total += _text_size(item, limit - total)
        if total > limit:
            break
    return total


def _try(expr: p.Call, scope: Scope) -> object:
    for arg in expr.args:
        try:
            value = evaluate(arg, scope)
        except EvalError:
            continue
        if expr.name == "can":
            return value if isinstance(value, Unknown) else True
        return value
    if expr.name == "can":
        return False
    raise EvalError("try(): no argument could be evaluated", expr.line, expr.column)


def _object(expr: p.ObjectExpr, scope: Scope) -> object:
    out: dict = {}
    for key_expr, value_expr in expr.items:
        key = evaluate(key_expr, scope)
        if isinstance(key, Unknown):
            return Unknown("object key is unknown")
        out[to_string(key)] = evaluate(value_expr, scope)
    return out


def _template(expr: p.Template, scope: Scope) -> object:
    if expr.unsupported:
        return Unknown("template directives that do not pair up")
    if len(expr.parts) == 1 and isinstance(expr.parts[0], p.Expr):
        return evaluate(expr.parts[0], scope)  # "${x}" is x itself, not its string form
    pieces: list = []
    if not _render(expr.parts, scope, pieces):
        return Unknown("template uses an unknown value")
    if _text_size(pieces) > MAX_STRING:  # a string doubled through a chain of locals
        raise EvalError(f"string longer than {MAX_STRING} characters", expr.line, expr.column)
    return "".join(pieces)


def _render(parts: list, scope: Scope, pieces: list) -> bool:
    """Append the rendered parts to `pieces`; False when something is unknown."""
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, p.TemplateIf):
            cond = evaluate(part.cond, scope)
            if not isinstance(cond, bool):
                return False
            if not _render(part.then if cond else part.other, scope, pieces):
                return False
        elif isinstance(part, p.TemplateFor):
            if not _render_for(part, scope, pieces):
                return False
        else:
            value = evaluate(part, scope)
            if isinstance(value, Unknown):
                return False
            if value is None or isinstance(value, (list, dict)):
                raise EvalError("cannot interpolate a null, list or map", part.line, part.column)
            pieces.append(to_string(value))
    return True


def _render_for(part: p.TemplateFor, scope: Scope, pieces: list) -> bool:
    collection = evaluate(part.collection, scope)
    if isinstance(collection, dict):
        pairs = list(collection.items())
    elif isinstance(collection, list):
        pairs = list(enumerate(collection))
    else:
        return False
    for key, value in pairs[:MAX_FOR_ITEMS]:
        names = {part.value_var: value}
        if part.key_var:
            names[part.key_var] = key
        if not _render(part.body, scope.child(**names), pieces):
            return False
    return True


_ARITH = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a / b, "%": lambda a, b: a % b,
    "<": lambda a, b: a < b, ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
}


def _binop(expr: p.BinOp, scope: Scope) -> object:
    left = evaluate(expr.left, scope)
    if expr.op in ("&&", "||"):
        if left is (expr.op == "||"):
            return left
        right = evaluate(expr.right, scope)
        if isinstance(left, Unknown) or isinstance(right, Unknown):
            if right is (expr.op == "||"):
                return right
            return Unknown("logic on an unknown value")
        return right if isinstance(right, bool) else bool(right)
    right = evaluate(expr.right, scope)
    if isinstance(left, Unknown) or isinstance(right, Unknown):
        return Unknown("operation on an unknown value")
    if expr.op == "==":
        return _same(left, right)
    if expr.op == "!=":
        return not _same(left, right)
    try:
        result = _ARITH[expr.op](_number(left, expr), _number(right, expr))
    except ZeroDivisionError:
        raise EvalError("division by zero", expr.line, expr.column) from None
    if isinstance(result, float) and result.is_integer() and expr.op != "/":
        return int(result)
    return result


def _same(left: object, right: object) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    return left == right


def _number(value: object, at: p.Expr) -> int | float:
    if isinstance(value, bool):
        raise EvalError("a bool is not a number", at.line, at.column)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise EvalError(f"{value!r} is not a number", at.line, at.column) from None
        return int(number) if number.is_integer() else number
    raise EvalError("not a number", at.line, at.column)


def _unary(expr: p.Unary, scope: Scope) -> object:
    value = evaluate(expr.operand, scope)
    if isinstance(value, Unknown):
        return value
    if expr.op == "!":
        if not isinstance(value, bool):
            raise EvalError("! needs a bool", expr.line, expr.column)
        return not value
    return -_number(value, expr)


def _for(expr: p.ForExpr, scope: Scope) -> object:
    collection = evaluate(expr.collection, scope)
    if isinstance(collection, Unknown):
        return Unknown("for expression over an unknown collection")
    if isinstance(collection, dict):
        pairs = list(collection.items())
    elif isinstance(collection, list):
        pairs = list(enumerate(collection))
    else:
        raise EvalError("for expression needs a list, set or map", expr.line, expr.column)
    if len(pairs) > MAX_FOR_ITEMS:
        raise EvalError(f"for expression over more than {MAX_FOR_ITEMS} items", expr.line, expr.column)
    out_list: list = []
    out_map: dict = {}
    for key, value in pairs:
        names = {expr.value_var: value}
        if expr.key_var:
            names[expr.key_var] = key
        inner = scope.child(**names)
        if expr.cond is not None:
            keep = evaluate(expr.cond, inner)
            if isinstance(keep, Unknown):
                return Unknown("for expression filter is unknown")
            if not keep:
                continue
        if expr.key is None:
            out_list.append(evaluate(expr.value, inner))
            continue
        map_key = evaluate(expr.key, inner)
        if isinstance(map_key, Unknown):
            return Unknown("for expression key is unknown")
        map_key = to_string(map_key)
        item = evaluate(expr.value, inner)
        if expr.grouping:
            out_map.setdefault(map_key, []).append(item)
        else:
            out_map[map_key] = item
    return out_list if expr.key is None else out_map
