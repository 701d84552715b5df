"""Bicep source frontend: parse `.bicep`/`.bicepparam` files and evaluate them into the model.

Entry points: `load_bicep(path, params_file=None, root=None) -> Unit` and, for
the syntax alone, `parse_text` / `parse_file` (lark trees with positions;
`BicepSyntaxError` on invalid input).
"""

from .errors import BicepSyntaxError
from .loader import load_bicep
from .parse import parse_file, parse_text

__all__ = ["BicepSyntaxError", "load_bicep", "parse_file", "parse_text"]
