"""Evaluate Bicep expressions (lark trees from grammars/bicep.lark) to values.

Values are JSON-like Python values, `Unknown` for what is only known at
deployment, and the few special values of `values.py`. Function calls go to the
ARM template function library (`linter.frontends.arm.functions`): Bicep's
functions are ARM's, so operators map onto ARM functions too (`+` is `add`,
`&&` is `and`...). Bicep lambdas are handed to ARM's `map`/`filter`/`reduce`...
through a private adapter function (see `_LAMBDA_BODY`). Names are resolved by
the `owner` (the file being evaluated: params, vars, resources, modules, funcs).

Every object and array built from source has the position of each key and item
recorded in the owner's `LocationTable`.
"""

from __future__ import annotations

import re

from linter.model import Unknown, contains_unknown

from ..arm.expressions import Call, ExpressionError, LambdaValue, Literal, PartialObject
from ..arm.functions import MAX_STRING, call_function
from ..arm.functions._registry import function as register_arm_function
from ..arm.functions.convert import to_string
from .tree import Token, Tree
from .values import BicepLambda, scope_function

_LAMBDA_BODY = "__bicepLambdaBody"
_ABSENT = object()  # a key an object does not have (None is a value)
_NAMESPACES = {"sys", "az"}
_ESCAPE_RE = re.compile(r"\\(u\{[0-9A-Fa-f]{1,6}\}|.)", re.S)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", "$": "$"}
_BINARY = {"+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "<": "less", "<=": "lessOrEquals",
           ">": "greater", ">=": "greaterOrEquals", "==": "equals", "&&": "and", "||": "or"}
# Bicep functions the ARM library has no use for here: their results are not knowable by reading the file
_UNKNOWABLE = {"loadtextcontent", "loadjsoncontent", "loadyamlcontent", "loadfileasbase64", "loaddirectory",
               "readenvironmentvariable", "getsecret", "externalinput", "deployer", "newguid", "utcnow"}


class EvalError(Exception):
    """A value that cannot be computed, reported at a tree node's position."""

    def __init__(self, message: str, node=None, kind: str = "note") -> None:
        super().__init__(message)
        self.message = message
        self.node = node
        self.kind = kind  # "error" for what the Bicep compiler rejects (a reference cycle)


def _apply_bicep_lambda(ctx, closure_node) -> object:
    """The adapter ARM's map()/filter()... reach when they apply a Bicep lambda (never ARM text)."""
    value = getattr(closure_node, "value", None)
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], BicepLambda)):
        raise ExpressionError(f"unknown function '{_LAMBDA_BODY}'", function=_LAMBDA_BODY)
    closure, evaluator = value
    bindings = ctx.scope.lambda_variables
    env = dict(closure.env)
    for name in closure.params:
        env[name] = bindings.get(name.lower(), Unknown("lambda argument"))
    return evaluator.eval(closure.body, env)


register_arm_function(_LAMBDA_BODY, 1, lazy=True)(_apply_bicep_lambda)


def decode_string(raw: str) -> str:
    """The value of a Bicep string literal piece (escapes resolved, no quotes)."""
    if "\\" not in raw:
        return raw

    def unescape(match: re.Match) -> str:
        code = match.group(1)
        if code.startswith("u{"):
            return chr(min(int(code[2:-1], 16), 0x10FFFF))
        return _ESCAPES.get(code, code)

    return _ESCAPE_RE.sub(unescape, raw)


def multiline_value(raw: str) -> str:
    body = raw[3:-3]
    if body.startswith("\r\n"):
        return body[2:]
    return body[1:] if body.startswith("\n") else body


def _fixed_key(key_node) -> str | None:
    """The key a property's key node always gives (a name, a string without interpolation), else None."""
    if key_node.data == "name":
        return str(key_node.children[0])
    if key_node.data == "string" and len(key_node.children) == 1:
        token = key_node.children[0]
        if token.type == "STRING":
            return decode_string(str(token)[1:-1])
        if token.type == "MSTRING":
            return multiline_value(str(token))
    return None


def _tokens(node) -> list:
    """The tokens under a node, in source order."""
    found = []
    for child in node.children:
        if isinstance(child, Token):
            found.append(child)
        else:
            found.extend(_tokens(child))
    return found


def _constant(evaluator, value, env):
    """A literal child, its value found once: `value` is that value, not a node."""
    return value


def _named(evaluator, ref: tuple, env):
    """A `ref` child: `ref` is (its name, the node)."""
    name = ref[0]
    if name in env:
        return env[name]
    value = evaluator.values.get(name, _ABSENT)  # (the owner's lookup answers the same, with a call more)
    if value is not _ABSENT:
        return value
    return evaluator.owner.lookup(name, ref[1])


def operand(node) -> tuple:
    """(function, argument) with `function(evaluator, argument, env)` the same as `evaluator.eval(node, env)`.

    Parents hold this for each child (in their plans, see `Evaluator.plan`): a
    literal child is then its value, computed once, a name is its text, and any
    other child goes straight to its handler.
    """
    kind = node.data if isinstance(node, Tree) else None
    handler = _HANDLERS.get(kind)
    if handler is None:
        return Evaluator.eval, node
    children = node.children
    try:
        if kind == "ref":
            return _named, (str(children[0]), node)
        if kind == "string" and len(children) == 1 and children[0].type in ("STRING", "MSTRING"):
            return _constant, _literal_text(children[0])
        if kind == "int":
            return _constant, int(children[0])
    except (ValueError, AttributeError):  # (an int too long to convert): fails where it is evaluated
        return handler, node
    if kind in _CONSTANTS:
        return _constant, _CONSTANTS[kind]
    return handler, node


_CONSTANTS = {"true": True, "false": False, "null": None}


def _literal_text(token) -> str:
    """The value of a STRING or MSTRING token."""
    if token.type == "STRING":
        return decode_string(str(token)[1:-1])
    return multiline_value(str(token))


class Evaluator:
    """Evaluates expression trees of one file; `owner` resolves names and records problems.

    What a node's evaluation needs from the tree alone (its children as
    `operand`s, its names, its fixed keys) is its plan, built on first use and
    kept per node for the owner's file (`owner.plans`).
    """

    def __init__(self, owner) -> None:
        self.owner = owner
        self.plans = owner.plans  # id(node) -> (node, plan)
        self.values = owner.values  # name -> value of the names the owner has evaluated
        self.positions = owner.locations.entries  # see LocationTable.record

    def plan(self, node, build):
        """`build(node)`, computed once per node of the owner's file."""
        known = self.plans.get(id(node))
        if known is not None and known[0] is node:
            return known[1]
        plan = build(node)
        self.plans[id(node)] = (node, plan)
        return plan

    # ---- entry ------------------------------------------------------------------
    def eval(self, node, env: dict) -> object:
        try:
            handler = _HANDLERS[node.data]
        except (AttributeError, KeyError):  # a token, or a node that is not an expression
            raise EvalError(f"cannot evaluate {getattr(node, 'data', node)!r}", node) from None
        return handler(self, node, env)

    # ---- literals -----------------------------------------------------------------
    def _int(self, node, env):
        return int(node.children[0])

    def _true(self, node, env):
        return True

    def _false(self, node, env):
        return False

    def _null(self, node, env):
        return None

    def _paren(self, node, env):
        handler, argument = self.plan(node, _first_operand)
        return handler(self, argument, env)

    def _string(self, node, env):
        known = self.plans.get(id(node))
        if known is not None and known[0] is node:
            pieces = known[1]
        else:
            pieces = self.plan(node, string_pieces)
        if type(pieces) is str:
            return pieces
        parts: list = []
        for piece in pieces:
            if type(piece) is str:
                parts.append(piece)
            else:
                value = piece[0](self, piece[1], env)
                if contains_unknown(value):
                    return Unknown("interpolated value is unknown")
                parts.append(to_string(value))
        if sum(len(part) for part in parts) > MAX_STRING:  # a string doubled through a chain of variables
            raise EvalError(f"interpolated string longer than {MAX_STRING} characters", node)
        return "".join(parts)

    def _object(self, node, env):
        known = self.plans.get(id(node))
        if known is not None and known[0] is node:
            fixed = known[1]
        else:
            fixed = self.plan(node, self.object_shape)
        if fixed is not None:  # every key written as a name or a plain string
            pairs, where = fixed
            out = {}
            for key, handler, argument in pairs:
                out[key] = handler(self, argument, env)
            if where:
                self.positions[id(out)] = (out, where)
            return out
        out: dict = {}
        where: dict = {}
        location = self.owner.location
        for item in node.children:
            kind = item.data
            if kind == "property":
                children = item.children
                key_node = children[-2]
                key = self.key_text(key_node, env)
                out[key] = self.eval(children[-1], env)
                where[key] = location(key_node)
            elif kind == "spread":
                value = self.eval(item.children[-1], env)
                if isinstance(value, Unknown):
                    # keys written before an unknown spread may be overridden by it
                    out = {k: Unknown("may be overridden by a spread") for k in out}
                elif isinstance(value, dict):
                    out.update(value)
                    for k in value:
                        where[k] = self.owner.location(item)
                else:
                    raise EvalError("only an object can be spread into an object", item)
        self.owner.locations.record(out, where)
        return out

    def object_shape(self, node) -> tuple | None:
        """((key, *operand(value node))..., {key: Location}) of an object whose keys are all fixed; else None."""
        pairs = []
        where = {}
        for item in node.children:
            kind = item.data
            if kind == "spread":
                return None
            if kind == "property":
                key_node = item.children[-2]
                key = _fixed_key(key_node)
                if key is None:
                    return None
                pairs.append((key, *operand(item.children[-1])))
                where[key] = self.owner.location(key_node)
        return tuple(pairs), where

    def array_shape(self, node) -> tuple | None:
        """(operands of the items, {index: Location}) of an array without spreads; else None."""
        items = []
        for item in node.children:
            if isinstance(item, Tree) and item.data == "spread":
                return None
            items.append(item)
        where = {index: self.owner.location(item) for index, item in enumerate(items)}
        return tuple(operand(item) for item in items), where

    def key_text(self, key_node, env) -> str:
        if key_node.data == "name":
            return str(key_node.children[0])
        value = self.eval(key_node, env)
        if isinstance(value, str):
            return value
        return "".join(str(t) for t in _tokens(key_node))

    def _array(self, node, env):
        fixed = self.plan(node, self.array_shape)
        if fixed is not None:
            items, where = fixed
            out = [handler(self, argument, env) for handler, argument in items]
            if where:
                self.positions[id(out)] = (out, where)
            return out
        out: list = []
        where: dict = {}
        for item in node.children:
            if isinstance(item, Tree) and item.data == "spread":
                value = self.eval(item.children[-1], env)
                if isinstance(value, Unknown):
                    return value
                if not isinstance(value, list):
                    raise EvalError("only an array can be spread into an array", item)
                for element in value:
                    where[len(out)] = self.owner.location(item)
                    out.append(element)
            else:
                where[len(out)] = self.owner.location(item)
                out.append(self.eval(item, env))
        self.owner.locations.record(out, where)
        return out

    def _for_expr(self, node, env):
        iterations = self.iterations(node, env)
        if isinstance(iterations, Unknown):
            return iterations
        out: list = []
        where: dict = {}
        body = node.children[-1]
        for inner in iterations:
            if isinstance(body, Tree) and body.data == "if_body":
                condition = self.eval(body.children[0], inner)
                if isinstance(condition, Unknown):
                    return Unknown("a loop filter is unknown")
                if not condition:
                    continue
                body_value = body.children[1]
            else:
                body_value = body
            where[len(out)] = self.owner.location(body_value)
            out.append(self.eval(body_value, inner))
        self.owner.locations.record(out, where)
        return out

    def iterations(self, node, env) -> list | Unknown:
        """The environments of a for loop's iterations (Unknown when the collection is)."""
        names = [str(c.children[0]) for c in node.children if isinstance(c, Tree) and c.data == "name"]
        collection = self.eval(node.children[len(names)], env)
        if contains_unknown(collection) and not isinstance(collection, list):
            return Unknown("the loop collection is unknown")
        if isinstance(collection, dict):
            collection = [{"key": k, "value": v} for k, v in collection.items()]
        if not isinstance(collection, list):
            raise EvalError("a for loop needs an array", node)
        result = []
        for index, item in enumerate(collection):
            inner = dict(env)
            inner[names[0]] = item
            if len(names) > 1:
                inner[names[1]] = index
            result.append(inner)
        return result

    # ---- names and access -----------------------------------------------------------------------
    def _ref(self, node, env):
        name = str(node.children[0])
        if name in env:
            return env[name]
        return self.owner.lookup(name, node)

    def _member(self, node, env):
        known = self.plans.get(id(node))
        if known is not None and known[0] is node:
            handler, argument, name = known[1]
        else:
            handler, argument, name = self.plan(node, _member_plan)
        return self.member(handler(self, argument, env), name, node, safe=False)

    def _safe_member(self, node, env):
        handler, argument, name = self.plan(node, _member_plan)
        return self.member(handler(self, argument, env), name, node, safe=True)

    def member(self, target, name: str, node, safe: bool) -> object:
        if isinstance(target, dict):
            value = target.get(name, _ABSENT)
            if value is not _ABSENT:
                return value
            lowered = name.lower()
            for key, value in target.items():
                if isinstance(key, str) and key.lower() == lowered:
                    return value
            if isinstance(target, PartialObject):
                return Unknown(f"'{name}' is only known at deployment")
            return None if safe else Unknown(f"the object has no property '{name}'")
        if isinstance(target, Unknown):
            return target
        namespace = getattr(target, "evaluator", None)
        if namespace is not None:  # `ns.name` of `import * as ns`
            return namespace.lookup(name, node)
        if target is None:
            if safe:
                return None
            raise EvalError(f"cannot read '{name}' of null", node)
        if safe:
            return None
        raise EvalError(f"cannot read property '{name}' of a {type(target).__name__}", node)

    def _index(self, node, env):
        return self.index(self.eval(node.children[0], env), self.eval(node.children[1], env), node, False)

    def _safe_index(self, node, env):
        return self.index(self.eval(node.children[0], env), self.eval(node.children[1], env), node, True)

    def index(self, target, key, node, safe: bool) -> object:
        if isinstance(target, Unknown) or isinstance(key, Unknown):
            return target if isinstance(target, Unknown) else key
        if target is None and safe:
            return None
        if isinstance(target, list) and isinstance(key, int) and not isinstance(key, bool):
            if 0 <= key < len(target):
                return target[key]
            return None if safe else Unknown(f"index {key} is out of range")
        if isinstance(target, dict) and isinstance(key, str):
            return self.member(target, key, node, safe)
        if safe:
            return None
        raise EvalError(f"cannot index a {type(target).__name__} with a {type(key).__name__}", node)

    def _non_null(self, node, env):
        return self.eval(node.children[0], env)

    def _child_ref(self, node, env):
        return self.owner.child_resource(self.eval(node.children[0], env), str(node.children[1].children[0]), node)

    # ---- operators -------------------------------------------------------------------------------
    def _ternary(self, node, env):
        condition = self.eval(node.children[0], env)
        if isinstance(condition, Unknown):
            return Unknown("the condition is unknown")
        if not isinstance(condition, bool):
            raise EvalError("a condition must be a bool", node.children[0])
        return self.eval(node.children[2] if condition else node.children[3], env)

    def _binary(self, node, env):
        left_node, op, right_node = node.children
        op = str(op)
        left = self.eval(left_node, env)
        if op == "??":
            if isinstance(left, Unknown):
                return left
            return self.eval(right_node, env) if left is None else left
        if op in ("&&", "||") and isinstance(left, bool) and left == (op == "||"):
            return left  # short circuit
        right = self.eval(right_node, env)
        if op in ("=~", "!~"):
            if isinstance(left, Unknown) or isinstance(right, Unknown):
                return Unknown("an operand is unknown")
            same = (left.lower() == right.lower()) if isinstance(left, str) and isinstance(right, str) else left == right
            return same if op == "=~" else not same
        if op == "!=":
            equal = self.arm("equals", (left, right), node)
            return equal if isinstance(equal, Unknown) else not equal
        if op == "+" and isinstance(left, str) and isinstance(right, str):
            raise EvalError("'+' does not join strings in Bicep; use interpolation or concat()", node)
        return self.arm(_BINARY[op], (left, right), node)

    def _unary(self, node, env):
        op, operand = node.children
        value = self.eval(operand, env)
        if isinstance(value, Unknown):
            return value
        if str(op) == "!":
            return self.arm("not", (value,), node)
        return self.arm("sub", (0, value), node)

    # ---- calls -------------------------------------------------------------------------------------
    def _lambda(self, node, env):
        params = []
        for child in node.children[:-1]:
            if isinstance(child, Token):
                params.append(str(child))
            elif isinstance(child, Tree) and child.data == "ref":
                params.append(str(child.children[0]))
            else:
                raise EvalError("a lambda parameter must be a name", child)
        return BicepLambda(tuple(params), node.children[-1], dict(env))

    def _call(self, node, env):
        known = self.plans.get(id(node))
        if known is not None and known[0] is node:
            is_ref, name, target_name, args = known[1]
        else:
            is_ref, name, target_name, args = self.plan(node, _call_plan)
        if is_ref:
            if name not in env:
                user = self.owner.user_function(name)
                if user is not None:
                    return user([handler(self, argument, env) for handler, argument in args], node)
        elif target_name in _NAMESPACES and target_name not in env:
            pass
        elif target_name is not None and target_name not in env and self.owner.namespace(target_name) is not None:
            user = self.owner.namespace(target_name).evaluator.user_function(name)
            if user is None:
                raise EvalError(f"'{target_name}' has no function '{name}'", node)
            return user([handler(self, argument, env) for handler, argument in args], node)
        else:
            # a method on a resource (listKeys(), getSecret()) or an imported namespace's function
            return Unknown("the result of this call is only known at deployment")
        return self.call(name, [handler(self, argument, env) for handler, argument in args], node)

    def call(self, name: str, args: list, node) -> object:
        lowered = name.lower()
        if lowered in _UNKNOWABLE:
            return Unknown(f"{name}() is not evaluated")
        if lowered == "any":
            return args[0] if len(args) == 1 else Unknown("any()")
        if lowered in ("resourcegroup", "subscription", "managementgroup", "tenant"):
            return scope_function(self.owner.arm_scope.deployment, lowered, args)
        if lowered == "fail":
            raise EvalError(f"fail(): {args[0] if args else ''}", node)
        return self.arm_call(name, tuple([Literal(self.to_arm(a) if isinstance(a, BicepLambda) else a, 0)
                                          for a in args]), node)

    def to_arm(self, value):
        if isinstance(value, BicepLambda):
            body = Call(_LAMBDA_BODY, (Literal((value, self), 0),), 0)
            return LambdaValue(value.params, body, self.owner.arm_scope)
        return value

    def arm(self, name: str, args: tuple, node) -> object:
        """Call an ARM library function with already evaluated arguments."""
        return self.arm_call(name, tuple([Literal(a, 0) for a in args]), node)

    def arm_call(self, name: str, literals: tuple, node) -> object:
        """Call an ARM library function with its arguments as `Literal`s."""
        try:
            return call_function(Call(name, literals, 0), self.owner.arm_scope)
        except ExpressionError as exc:
            if exc.message.startswith("unknown function"):
                return Unknown(f"{name}() is not evaluated")
            raise EvalError(exc.message, node) from None
        except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
            # a value the library did not expect (Bicep values are richer than ARM's): not knowable here
            raise EvalError(f"{name}(): cannot evaluate ({type(exc).__name__})", node) from None


def _first_operand(node) -> tuple:
    return operand(node.children[0])


def _member_plan(node) -> tuple:
    """(*operand(target), property name) of `a.b` / `a.?b`."""
    return (*operand(node.children[0]), str(node.children[1].children[0]))


def _call_plan(node) -> tuple:
    """(callee is a name, the function's name, the name before its dot or None, operands of the arguments)."""
    callee, args_node = node.children
    args = tuple(operand(a) for a in args_node.children)
    if callee.data == "ref":
        return True, str(callee.children[0]), None, args
    if callee.data != "member":
        return False, None, None, args
    target = callee.children[0]
    target_name = str(target.children[0]) if target.data == "ref" else None
    return False, str(callee.children[1].children[0]), target_name, args


def string_pieces(node) -> str | tuple:
    """The value of a string without interpolation; else its pieces: texts, and operands of the `${...}`."""
    first = node.children[0]
    if first.type in ("STRING", "MSTRING"):
        return _literal_text(first)
    pieces: list = []
    for child in node.children:
        if isinstance(child, Token):
            # STR_START is `'...${`, STR_MID `}...${`, STR_END `}...'`
            text = str(child)[1:]
            text = text[:-2] if child.type in ("STR_START", "STR_MID") else text[:-1]
            pieces.append(decode_string(text))
        else:
            pieces.append(operand(child))
    return tuple(pieces)


# node kind -> the Evaluator method named after it (`_object` for "object"...) that evaluates it
_HANDLERS = {name[1:]: method for name, method in vars(Evaluator).items()
             if name.startswith("_") and not name.startswith("__") and callable(method)}
