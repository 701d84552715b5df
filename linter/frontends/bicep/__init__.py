"""Bicep source frontend: parse `.bicep`/`.bicepparam` files (and evaluate them into the model)."""

from .errors import BicepSyntaxError
from .parse import parse_file, parse_text

__all__ = ["BicepSyntaxError", "parse_file", "parse_text"]
