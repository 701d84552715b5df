"""Compile-time imports: `import {a, b as c} from './x.bicep'` and `import * as ns from './x.bicep'`.

An imported variable or function is evaluated in its own file (one evaluator
per file and unit, with no parameters, since exported symbols cannot use
any). Imports from a registry (`br:`, `ts:`) are not fetched: their names
evaluate to Unknown. Types need no evaluation.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from linter.model import Unknown

from .evaluate import decode_string
from .tree import Tree

REMOTE_PREFIXES = ("br:", "br/", "ts:", "ts/")


@dataclass
class Imported:
    """One imported name: the file it comes from and its name there."""

    reference: str
    original: str
    decl: Tree


class Namespace:
    """What `ns` of `import * as ns` evaluates to: member access reads the file's exports."""

    def __init__(self, evaluator) -> None:
        self.evaluator = evaluator


def import_table(decl: Tree) -> tuple[dict[str, Imported], dict[str, Imported]]:
    """(names, namespaces) an import declaration brings in, by local name."""
    names: dict[str, Imported] = {}
    namespaces: dict[str, Imported] = {}
    source = decl.children[-1]
    if not (isinstance(source, Tree) and source.data == "string" and source.children[0].type == "STRING"):
        return names, namespaces
    reference = decode_string(str(source.children[0])[1:-1])
    if decl.data == "import_wildcard":
        alias = next(c for c in decl.children if isinstance(c, Tree) and c.data == "name")
        namespaces[str(alias.children[0])] = Imported(reference, "*", decl)
    elif decl.data == "import_names":
        for item in decl.children:
            if isinstance(item, Tree) and item.data == "import_item":
                original = str(item.children[0].children[0])
                local = str(item.children[1].children[0].children[0]) if len(item.children) > 1 else original
                names[local] = Imported(reference, original, decl)
    return names, namespaces


def imported_evaluator(fe, imported: Imported):
    """The evaluator of the file an import names (None when it is remote or cannot be read)."""
    if imported.reference.startswith(REMOTE_PREFIXES):
        return None
    path = os.path.normpath(os.path.join(os.path.dirname(fe.file), imported.reference))
    key = fe.unit.realpath(path)
    cache = fe.unit.imported
    if key in cache:
        return cache[key]
    cache[key] = None  # an import cycle reads as unknown
    from .file import FileEvaluator  # (file.py imports this module)
    from .modules import load_module_tree

    tree = load_module_tree(fe, imported.decl, imported.reference, path, what="import")
    if tree is None:
        return None

    evaluator = FileEvaluator(fe.unit, path, tree, fe.arm_scope.deployment, module_stack=fe.module_stack)
    cache[key] = evaluator
    return evaluator


def imported_value(fe, imported: Imported, node) -> object:
    evaluator = imported_evaluator(fe, imported)
    if evaluator is None:
        return Unknown(f"'{imported.original}' is imported from {imported.reference}")
    if imported.original == "*":
        return Namespace(evaluator)
    return evaluator.lookup(imported.original, node)


def imported_function(fe, imported: Imported):
    """A callable for an imported `func` (None when it is not one or cannot be read)."""
    evaluator = imported_evaluator(fe, imported)
    if evaluator is None:
        return None
    return evaluator.user_function(imported.original)
