"""The expression tree of HCL: dataclasses for expressions and for bodies, blocks and attributes.

Every node keeps the 1-based line and column where it starts, so a model
path can be traced back to what the user wrote. Built by `parse.py`, read by
`evaluate.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class HclSyntaxError(Exception):
    """Input that is not valid HCL (or Terraform JSON), with its position."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column

class SyntaxNode:
    """Base of the syntax classes: one `__repr__`, written as dataclass writes it, for all of them
    instead of one generated per class at import (start-up time of a one-file run)."""

    __slots__ = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)
        return f"{type(self).__qualname__}({fields})"


# ---------------------------------------------------------------- expressions


@dataclass(eq=False, repr=False)
class Expr(SyntaxNode):
    """An expression, at the line and column where it starts."""

    line: int
    column: int


@dataclass(eq=False, repr=False)
class Lit(Expr):
    """A literal: string, number, bool or null."""

    value: object


@dataclass(eq=False, repr=False)
class Template(Expr):
    """A quoted string or heredoc with interpolations: its parts in order."""

    parts: list  # str | Expr
    unsupported: bool = False  # a %{ } directive: evaluates to Unknown


@dataclass(eq=False, repr=False)
class Ref(Expr):
    """A bare name: `var`, `local`, `each`, a resource type, ..."""

    name: str


@dataclass(eq=False, repr=False)
class GetAttr(Expr):
    """`obj.name`."""

    obj: Expr
    name: str


@dataclass(eq=False, repr=False)
class Index(Expr):
    """`obj[key]`."""

    obj: Expr
    key: Expr


@dataclass(eq=False, repr=False)
class Splat(Expr):
    """`obj[*].a[0]` or `obj.*.a`: the operations applied to every element."""

    obj: Expr
    ops: list  # ("attr", name) | ("index", Expr)


@dataclass(eq=False, repr=False)
class Call(Expr):
    """A function call; `expand_last` for `f(args...)`."""

    name: str
    args: list
    expand_last: bool = False


@dataclass(eq=False, repr=False)
class TupleExpr(Expr):
    """`[a, b, ...]`."""

    items: list


@dataclass(eq=False, repr=False)
class ObjectExpr(Expr):
    """`{ key = value, ... }`."""

    items: list  # (key Expr, value Expr)


@dataclass(eq=False, repr=False)
class BinOp(Expr):
    """`left op right`."""

    op: str
    left: Expr
    right: Expr


@dataclass(eq=False, repr=False)
class Unary(Expr):
    """`-x` or `!x`."""

    op: str
    operand: Expr


@dataclass(eq=False, repr=False)
class Cond(Expr):
    """`cond ? then : other`."""

    cond: Expr
    then: Expr
    other: Expr


@dataclass(eq=False, repr=False)
class ForExpr(Expr):
    """`[for k, v in coll : value if cond]` or `{for ... : key => value...}`."""

    key_var: str | None
    value_var: str
    collection: Expr
    key: Expr | None  # None for a tuple `for`
    value: Expr
    cond: Expr | None
    grouping: bool = False


# ---------------------------------------------------------------- structure


@dataclass(eq=False, repr=False)
class Attribute(SyntaxNode):
    """`name = expr` in a body."""

    name: str
    expr: Expr
    line: int
    column: int
    file: str | None = None  # set when an override file replaced it


@dataclass(eq=False, repr=False)
class Block(SyntaxNode):
    """`type "label" ... { body }`."""

    type: str
    labels: list
    body: Body
    line: int
    column: int
    file: str | None = None  # set when an override file replaced it


@dataclass(eq=False, repr=False)
class Body(SyntaxNode):
    """A file's or block's attributes by name and its blocks in order."""

    attributes: dict = field(default_factory=dict)  # name -> Attribute
    blocks: list = field(default_factory=list)  # Block


@dataclass(eq=False, repr=False)
class TemplateIf(SyntaxNode):
    """`%{ if cond }...%{ else }...%{ endif }` inside a template."""

    cond: Expr
    then: list
    other: list


@dataclass(eq=False, repr=False)
class TemplateFor(SyntaxNode):
    """`%{ for k, v in coll }...%{ endfor }` inside a template."""

    key_var: str | None
    value_var: str
    collection: Expr
    body: list
