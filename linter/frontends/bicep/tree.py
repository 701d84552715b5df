"""The syntax tree of a Bicep file (its node classes) and small helpers over it: a readable dump and token text.

Every module of the Bicep frontend takes `Tree`, `Token` and `Meta` from here,
so which classes the parser builds is decided in this one place.
"""

from __future__ import annotations

from lark import Token, Tree
from lark.tree import Meta

__all__ = ["Meta", "Token", "Tree", "dump", "name_of"]


def dump(node: Tree | Token, indent: int = 0) -> str:
    """An indented text rendering with each node's start line:column (for snapshots and debugging)."""
    pad = "  " * indent
    if isinstance(node, Token):
        return f"{pad}{node.type} {str(node)!r} @{node.line}:{node.column}"
    meta = node.meta
    where = f" @{meta.line}:{meta.column}" if not meta.empty else ""
    lines = [f"{pad}{node.data}{where}"]
    lines.extend(dump(child, indent + 1) for child in node.children)
    return "\n".join(lines)


def name_of(node: Tree) -> str:
    """The text of a `name` node (an identifier, or a literal word used as a key)."""
    return str(node.children[0])
