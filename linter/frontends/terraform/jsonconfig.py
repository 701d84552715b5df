"""Terraform JSON configuration (`*.tf.json`) -> the same syntax tree as HCL files.

JSON strings are templates (`"${var.x}"`), other JSON values are literals.
Without the provider schema, JSON cannot tell a map attribute (`tags`) from a
nested block (`ip_configuration`): an object, or an array of objects, is
therefore given both ways, as an attribute and as nested block(s); each
mapping reads the form it expects. Positions are those of the JSON keys.
"""

from __future__ import annotations

from linter.frontends.jsonload import JsonLoadError, load_json
from linter.frontends.terraform import parse as p

SINGLE_LABEL = {"variable", "output", "module", "provider"}
TWO_LABELS = {"resource", "data"}


def parse_json_config(text: str, path: str) -> p.Body:
    try:
        doc = load_json(text, path)
    except JsonLoadError as exc:
        raise p.HclSyntaxError(f"JSON syntax error: {exc}", exc.line, exc.column) from None
    if not isinstance(doc.data, dict):
        raise p.HclSyntaxError("a .tf.json file must hold a JSON object", 1, 1)
    return _top(doc)


def _where(doc, pointer: tuple) -> tuple[int, int]:
    return doc.locate(pointer) or (1, 1)


def _top(doc) -> p.Body:
    body = p.Body()
    for kind, content in doc.data.items():
        if not isinstance(content, dict):
            continue
        if kind == "locals":
            line, column = _where(doc, (kind,))
            body.blocks.append(p.Block("locals", [], _body(doc, content, (kind,)), line, column))
        elif kind in SINGLE_LABEL:
            for name, inner in content.items():
                _add_blocks(doc, body, kind, [name], inner, (kind, name))
        elif kind in TWO_LABELS:
            for rtype, named in content.items():
                for name, inner in (named.items() if isinstance(named, dict) else ()):
                    _add_blocks(doc, body, kind, [rtype, name], inner, (kind, rtype, name))
    return body


def _add_blocks(doc, body: p.Body, kind: str, labels: list, inner: object, pointer: tuple) -> None:
    items = inner if isinstance(inner, list) else [inner]
    for i, item in enumerate(items):
        if isinstance(item, dict):
            at = pointer + (i,) if isinstance(inner, list) else pointer
            line, column = _where(doc, at)
            block = p.Block(kind, labels, _body(doc, item, at), line, column)
            if kind == "variable":
                _type_expression(block)
            body.blocks.append(block)


def _body(doc, data: dict, pointer: tuple) -> p.Body:
    body = p.Body()
    for key, value in data.items():
        if key == "//":
            continue
        at = pointer + (key,)
        line, column = _where(doc, at)
        body.attributes[key] = p.Attribute(key, _expr(doc, value, at), line, column)
        if isinstance(value, dict) or (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
            _add_blocks(doc, body, key, [], value, at)
    return body


def _expr(doc, value: object, pointer: tuple) -> p.Expr:
    line, column = _where(doc, pointer)
    if isinstance(value, str):
        return p.template_text(value, line, column) if ("${" in value or "%{" in value) else p.Lit(line, column, value)
    if isinstance(value, list):
        return p.TupleExpr(line, column, [_expr(doc, v, pointer + (i,)) for i, v in enumerate(value)])
    if isinstance(value, dict):
        items = [(p.Lit(line, column, k), _expr(doc, v, pointer + (k,))) for k, v in value.items()]
        return p.ObjectExpr(line, column, items)
    return p.Lit(line, column, value)


def _type_expression(block: p.Block) -> None:
    """A JSON variable's `type` is a string holding a type expression (`"list(string)"`)."""
    attr = block.body.attributes.get("type")
    if attr is not None and isinstance(attr.expr, p.Lit) and isinstance(attr.expr.value, str):
        try:
            attr.expr = p.parse_expression(attr.expr.value)
        except p.HclSyntaxError:
            pass
