"""Helpers for the rule-engine tests: hand-built resources and one-line evaluation."""

from __future__ import annotations

from linter.model import Location, Model, Resource, SourceMap
from linter.rules.evaluate import Context, truth
from linter.rules.language import compile_expression


def make_resource(rtype="Microsoft.Network/networkSecurityGroups", name="res", body=None, **kwargs):
    return Resource(type=rtype, name=name, body=body if body is not None else {}, format="arm",
                    source=SourceMap(Location("t.json", 1, 1)), **kwargs)


def evaluate(expr, body=None, resource=None, model=None, options=None, env=None):
    """Evaluate `expr` on a resource; returns the Val."""
    resource = resource or make_resource(body=body)
    model = model or Model([resource])
    ctx = Context(resource, model, options or {}, env or {})
    return compile_expression(expr, frozenset(env or ()))(ctx)


def verdict(expr, body=None, **kwargs):
    """True / False / None (undecided)."""
    return truth(evaluate(expr, body, **kwargs))
