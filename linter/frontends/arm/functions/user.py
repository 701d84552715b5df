"""User-defined functions from a template's `functions` section (stub)."""

from __future__ import annotations

from ..expressions import ExpressionError


def call_user_function(node, scope):
    raise ExpressionError(f"unknown function '{node.name}'", function=node.name)
