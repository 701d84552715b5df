"""HCL source -> a small expression tree whose every block and attribute has a line and column.

Why python-hcl2's lark grammar and not `hcl2.load`: in python-hcl2 8.x `load`
returns expressions as strings and carries no line numbers (`with_meta` is
ignored, upstream issue 291). The parse tree of its grammar keeps the whole
expression structure, and every token carries its line and column; the
position of a rule node is simply that of its first token. The tree comes
from `hcl_lalr`, which runs the LALR tables lark compiles from `hcl2.lark`
(cached by `hcl_tables`) and gives lark's tree exactly, without importing
lark or python-hcl2 (`hcl_fallback` uses lark itself should a future grammar
need what the driver lacks). CPU time on the terraform-quickstart corpus
(306 files, 400 kB): `hcl2.loads` 2.09 s, `parses_to_tree` 1.13 s, a lark
LALR parser without position propagation 0.57 s, `hcl_lalr` 0.17 s. The tree
is then walked once into the `syntax` dataclasses (tree-sitter-hcl is not a
permitted dependency).
"""

from __future__ import annotations

import re

from linter.frontends.terraform import hcl_lalr
from linter.frontends.terraform.hcl_lalr import Node, UnexpectedCharacter, UnexpectedToken
from linter.frontends.terraform.hcl_tables import UnsupportedGrammar, load_tables
from linter.frontends.terraform.syntax import (
    Attribute,
    BinOp,
    Block,
    Body,
    Call,
    Cond,
    Expr,
    ForExpr,
    GetAttr,
    HclSyntaxError,
    Index,
    Lit,
    ObjectExpr,
    Ref,
    Splat,
    Template,
    TemplateFor,
    TemplateIf,
    TupleExpr,
    Unary,
)
from linter.frontends.terraform.templates import STRIP_AFTER, STRIP_BEFORE, apply_strips, heredoc, nest
from linter.frontends.terraform.templates import template_text as _template_text

__all__ = [
    "HclSyntaxError", "parse_expression", "parse_hcl", "template_text", "Expr", "Lit", "Template", "Ref", "GetAttr",
    "Index", "Splat", "Call", "TemplateFor", "TemplateIf", "TupleExpr", "ObjectExpr", "BinOp", "Unary", "Cond", "ForExpr",
    "Attribute", "Block", "Body",
]


def parse_hcl(text: str) -> Body:
    """Parse one HCL file; raises HclSyntaxError with a position."""
    try:
        tree = _parse_tree(text + "\n")
    except UnexpectedToken as exc:
        _, value, line, column = exc.token
        text = value.strip()
        raise HclSyntaxError(f"HCL syntax error: unexpected {text[:30]!r}" if text else
                             "HCL syntax error: unexpected end of line", *_position(line, column)) from None
    except UnexpectedCharacter as exc:
        raise HclSyntaxError(f"HCL syntax error: unexpected character {exc.char!r}",
                             *_position(exc.line, exc.column)) from None
    except Exception as exc:  # the parser may raise other errors on odd input
        raise HclSyntaxError(f"HCL syntax error: {exc}", None, None) from None
    return _body(tree[1][0])


def _position(line: int | None, column: int | None) -> tuple:
    return (None, None) if line is not None and line < 1 else (line, column)


def _parse_tree(text: str) -> Node:
    try:
        tables = load_tables()
    except UnsupportedGrammar:
        from linter.frontends.terraform.hcl_fallback import lark_parse

        return lark_parse(text)
    return hcl_lalr.parse(tables, text)


def parse_expression(text: str) -> Expr:
    """Parse a standalone expression (a `--var` value, a heredoc interpolation)."""
    body = parse_hcl(f"x = {text}\n")
    return body.attributes["x"].expr


# ---------------------------------------------------------------- tree walking
# hcl_lalr's tree is tuples: a node is (name, children), a token (type, value, line, column).

_NEWLINE = "new_line_or_comment"


def _kids(tree: Node) -> list:
    """Children without punctuation tokens and newline/comment nodes."""
    return [c for c in tree[1] if len(c) == 2 and c[0] != _NEWLINE]


def _first_kid(tree: Node):
    """`_kids(tree)[0]` without building the list."""
    for child in tree[1]:
        if len(child) == 2 and child[0] != _NEWLINE:
            return child
    raise IndexError("list index out of range")


def _pos(node) -> tuple[int, int]:
    """Line and column of the first token under a node."""
    first = node
    while len(first) == 2 and first[1]:  # nearly always: down the first children to a token
        first = first[1][0]
    if len(first) == 4:
        return first[2] or 1, first[3] or 1
    stack = [node]  # a node without tokens first: the first token after it
    while stack:
        current = stack.pop()
        if len(current) == 4:
            return current[2] or 1, current[3] or 1
        stack.extend(reversed(current[1]))
    return 1, 1


def _name_of(tree: Node) -> str:
    """identifier / keyword / literal_value / string used as a name."""
    if tree[0] == "string":
        return "".join(p for p in _string_parts(tree) if isinstance(p, str))
    token = tree[1][0]
    return (token if len(token) == 4 else token[1][0])[1]


def _body(tree: Node) -> Body:
    body = Body()
    for child in _kids(tree):
        line, column = _pos(child)
        if child[0] == "attribute":
            parts = _kids(child)
            name = _name_of(parts[0])
            body.attributes[name] = Attribute(name, _expr(parts[-1]), line, column)
        elif child[0] == "block":
            parts = _kids(child)
            names = [_name_of(p) for p in parts[:-1]]
            body.blocks.append(Block(names[0], names[1:], _body(parts[-1]), line, column))
    return body


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")


def _unescape(text: str) -> str:
    if "\\" not in text:  # nearly every string: no need to compile the pattern
        return text

    def repl(m: re.Match) -> str:
        code = m.group(1)
        if code[0] in "uU" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _ESCAPES.get(code, code)

    return _ESCAPE_RE.sub(repl, text)


def _string_parts(tree: Node) -> list:
    parts: list = []
    for part in _kids(tree):
        inner = part[1][0]
        if len(inner) == 4:
            if inner[0] == "STRING_CHARS":
                parts.append(_unescape(inner[1]))
            else:  # $${ or %%{ escapes
                parts.append(inner[1][1:])
        elif inner[0] == "interpolation":
            parts.append(_expr(_first_kid(inner)))
        else:
            tokens = [t for t in inner[1] if len(t) == 4]
            if len(tokens) > 1 and tokens[1][0] == "STRIP_MARKER":
                parts.append(STRIP_BEFORE)
            parts.append(_directive(inner))
            if len(tokens) > 1 and tokens[-2][0] == "STRIP_MARKER":
                parts.append(STRIP_AFTER)
    return apply_strips(parts)


def _directive(tree: Node) -> tuple:
    kind = tree[0][len("template_"):].replace("_start", "")
    kids = _kids(tree)
    if kind == "if":
        return ("if", _expr(kids[-1]))
    if kind == "for":
        names = [k[1][0][1] for k in kids[:-1]]
        key, value = (names[0], names[1]) if len(names) == 2 else (None, names[0])
        return ("for", key, value, _expr(kids[-1]))
    return (kind,)


def template_text(text: str, line: int, column: int) -> Expr:
    """A JSON-syntax string as a template."""
    return _template_text(text, line, column, parse_expression)


def _template(tree: Node) -> Expr:
    line, column = _pos(tree)
    nested = nest(_string_parts(tree))
    unsupported = nested is None
    parts = nested or []
    if not unsupported and all(isinstance(p, str) for p in parts):
        return Lit(line, column, "".join(parts))
    return Template(line, column, parts, unsupported)


def _expr(tree) -> Expr:  # noqa: C901 - one dispatch over the grammar's node kinds, the common ones first
    # One frame per level, as before: the depth at which a deep expression gives RecursionError stays put.
    if len(tree) == 4:
        return Lit(tree[2] or 1, tree[3] or 1, tree[1])
    kind = tree[0]
    if kind == "expr_term":
        return _expr(_first_kid(tree))
    if kind in ("identifier", "keyword"):
        return Ref(*_pos(tree), tree[1][0][1])
    if kind == "get_attr_expr_term":
        kids = _kids(tree)
        return GetAttr(*_pos(tree), _expr(kids[0]), _name_of(_first_kid(kids[1])))
    if kind == "string":
        return _template(tree)
    if kind == "function_call":
        kids = _kids(tree)
        names = [k[1][0][1] for k in kids if k[0] == "identifier"]
        args = [k for k in kids if k[0] == "arguments"]
        arg_exprs = [_expr(a) for a in _kids(args[0])] if args else []
        expand = bool(args) and any(len(t) == 4 and t[0] == "ELLIPSIS" for t in args[0][1])
        return Call(*_pos(tree), "::".join(names), arg_exprs, expand)
    if kind == "literal_value":
        return Lit(*_pos(tree), {"true": True, "false": False, "null": None}[tree[1][0][1]])
    if kind == "int_lit":
        return Lit(*_pos(tree), int(tree[1][0][1]))
    if kind == "tuple":
        return TupleExpr(*_pos(tree), [_expr(k) for k in _kids(tree)])
    if kind == "object":
        return ObjectExpr(*_pos(tree), [_object_elem(k) for k in _kids(tree)])
    if kind == "index_expr_term":
        kids = _kids(tree)
        return Index(*_pos(tree), _expr(kids[0]), _index_key(kids[1]))
    if kind == "binary_op":
        kids = _kids(tree)
        term = _kids(kids[1])
        return BinOp(*_pos(tree), term[0][1][0][1], _expr(kids[0]), _expr(term[1]))
    if kind == "conditional":
        kids = _kids(tree)
        return Cond(*_pos(tree), _expr(kids[0]), _expr(kids[1]), _expr(kids[2]))
    if kind == "float_lit":
        return Lit(*_pos(tree), float(tree[1][0][1]))
    if kind in ("heredoc_template", "heredoc_template_trim"):
        return heredoc(tree[1][0][1], *_pos(tree[1][0]), parse_expression)
    if kind == "template_string":
        return Lit(*_pos(tree), _unescape(tree[1][0][1][2:-2]))
    if kind == "full_splat_expr_term":
        kids = _kids(tree)
        return Splat(*_pos(tree), _expr(kids[0]), [_splat_op(k) for k in _kids(kids[1])])
    if kind == "attr_splat_expr_term":
        kids = _kids(tree)
        return _attr_splat(*_pos(tree), _expr(kids[0]), [_splat_op(k) for k in _kids(kids[1])])
    if kind == "unary_op":
        return Unary(*_pos(tree), tree[1][0][1], _expr(_first_kid(tree)))
    if kind in ("for_tuple_expr", "for_object_expr"):
        return _for(tree, _kids(tree), *_pos(tree))
    raise HclSyntaxError(f"unsupported HCL construct {kind}", *_pos(tree))


def _attr_splat(line: int, column: int, source: Expr, ops: list) -> Expr:
    """Legacy `a.*.b[0]`: only the attribute steps are inside the splat; an index applies to its result."""
    cut = next((i for i, (op, _) in enumerate(ops) if op == "index"), len(ops))
    expr: Expr = Splat(line, column, source, ops[:cut])
    for op, arg in ops[cut:]:
        expr = Index(line, column, expr, arg) if op == "index" else GetAttr(line, column, expr, arg)
    return expr


def _index_key(tree: Node) -> Expr:
    if tree[0] == "short_index":
        return Lit(*_pos(tree), int(tree[1][-1][1]))
    return _expr(_first_kid(tree))


def _splat_op(tree: Node) -> tuple:
    if tree[0] == "get_attr":
        return ("attr", _name_of(_first_kid(tree)))
    return ("index", _index_key(tree))


def _object_elem(tree: Node) -> tuple:
    key_tree, value_tree = _kids(tree)
    inner = _first_kid(key_tree)
    if inner[0] == "keyword":
        key: Expr = Lit(*_pos(inner), inner[1][0][1])
    elif _is_bare_identifier(inner):
        key = Lit(*_pos(inner), inner[1][0][1][0][1])
    else:
        key = _expr(inner)
    return key, _expr(value_tree)


def _is_bare_identifier(tree: Node) -> bool:
    if tree[0] != "expr_term" or len(tree[1]) != 1:
        return False
    only = tree[1][0]
    return len(only) == 2 and only[0] == "identifier"


def _for(tree: Node, kids: list, line: int, column: int) -> ForExpr:
    intro = kids[0]
    names = [k[1][0][1] for k in _kids(intro) if k[0] == "identifier"]
    collection = _expr([k for k in _kids(intro) if k[0] != "identifier"][0])
    key_var, value_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    cond = None
    if kids[-1][0] == "for_cond":
        cond = _expr(_first_kid(kids[-1]))
        kids = kids[:-1]
    if tree[0] == "for_tuple_expr":
        return ForExpr(line, column, key_var, value_var, collection, None, _expr(kids[1]), cond)
    grouping = any(len(t) == 4 and t[0] == "ELLIPSIS" for t in tree[1])
    return ForExpr(
        line, column, key_var, value_var, collection, _expr(kids[1]), _expr(kids[2]), cond, grouping
    )
