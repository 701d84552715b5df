"""Read the `.tf` files of one module directory into its declarations (no evaluation).

Splits the top-level blocks into variables, locals, resources, data sources,
module calls and outputs, each remembering the file it was written in. A file
that does not parse becomes an `InputError` with its position; the rest of the
module is still read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import NamedTuple

from linter.frontends.terraform.parse import Attribute, Block, HclSyntaxError, parse_hcl
from linter.model import InputError
from linter.textfile import UndecodableText, decode_utf8


# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class Declaration(NamedTuple):
    """A `resource`, `data` or `module` block with the file it sits in."""

    mode: str  # "resource" | "data" | "module"
    type: str  # resource type; "module" for module calls
    name: str
    block: Block
    file: str


@dataclass
class ModuleConfig:
    """One module folder's configuration: its files, declarations and blocks."""

    directory: str
    files: list = field(default_factory=list)
    variables: dict = field(default_factory=dict)  # name -> (Block, file)
    locals: dict = field(default_factory=dict)  # name -> (Attribute, file)
    resources: list = field(default_factory=list)  # Declaration
    data: list = field(default_factory=list)
    modules: list = field(default_factory=list)
    outputs: dict = field(default_factory=dict)  # name -> (Attribute | None, file)
    errors: list = field(default_factory=list)


def tf_files(directory: str) -> list[str]:
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    return [
        os.path.join(directory, n) for n in names
        if n.endswith((".tf", ".tf.json")) and os.path.isfile(os.path.join(directory, n))
    ]


MAX_FILE_BYTES = 10 * 1024 * 1024  # hand-written .tf files are far smaller; larger ones are reported, not read


class UnreadableText(HclSyntaxError, ValueError):
    """A file too large to read, or not UTF-8 text (Terraform itself requires UTF-8)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, line, column)


def read_text(path: str) -> str:
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableText(f"file too large: {size / 1048576:.0f} MB, limit {MAX_FILE_BYTES // 1048576} MB", 1, 1)
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return decode_utf8(data)
    except UndecodableText as exc:
        raise UnreadableText(exc.message, exc.line, exc.column) from None


def is_override(path: str) -> bool:
    name = os.path.basename(path)
    for suffix in (".tf", ".tf.json"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return stem == "override" or stem.endswith("_override")
    return False


def _deepest_nesting(text: str) -> tuple[int, int]:
    """Where brackets nest deepest: the place to point at when the parser gives up on depth."""
    depth = best = 0
    line = column = best_at_line = best_at_column = 1
    for char in text:
        if char in "([{":
            depth += 1
            if depth > best:
                best, best_at_line, best_at_column = depth, line, column
        elif char in ")]}":
            depth -= 1
        if char == "\n":
            line, column = line + 1, 1
        else:
            column += 1
    return best_at_line, best_at_column


def _parse_json(text: str, path: str):
    # imported here: the JSON loader costs ~10 ms to import, and most modules have no .tf.json file
    from linter.frontends.terraform.jsonconfig import parse_json_config

    return parse_json_config(text, path)


def load_module(directory: str, files: list[str] | None = None) -> ModuleConfig:
    """The module's declarations; override files (`override.tf`, `*_override.tf`) are merged in last."""
    config = ModuleConfig(directory)
    paths = files if files is not None else tf_files(directory)
    for path in sorted(paths, key=is_override):
        config.files.append(path)
        try:
            text = read_text(path)
            body = _parse_json(text, path) if path.endswith(".json") else parse_hcl(text)
        except OSError as exc:
            config.errors.append(InputError(path, f"cannot read: {exc}"))
            continue
        except HclSyntaxError as exc:
            config.errors.append(InputError(path, str(exc), exc.line, exc.column))
            continue
        except RecursionError:
            line, column = _deepest_nesting(text)
            config.errors.append(InputError(path, "expression nested too deeply", line, column))
            continue
        override = is_override(path)
        for block in body.blocks:
            if override and _merge_override(config, block, path):
                continue
            _add_block(config, block, path)
    return config


def _merge_override(config: ModuleConfig, block: Block, path: str) -> bool:
    """Terraform override semantics: attributes replace, nested blocks of a type replace all of that type."""
    kind, labels = block.type, block.labels
    if kind in ("resource", "data", "module"):
        pool = {"resource": config.resources, "data": config.data, "module": config.modules}[kind]
        key = tuple(labels[:2]) if kind != "module" else ("module", labels[0] if labels else "")
        target = next((d for d in pool if (d.type, d.name) == key), None)
        if target is None:
            return False
        body = target.block.body
        for attr in block.body.attributes.values():
            attr.file = path
            body.attributes[attr.name] = attr
        replaced = {b.type for b in block.body.blocks}
        for nested in block.body.blocks:
            nested.file = path
        body.blocks = [b for b in body.blocks if b.type not in replaced] + block.body.blocks
        return True
    return False


def _add_block(config: ModuleConfig, block: Block, path: str) -> None:
    kind, labels = block.type, block.labels
    if kind == "locals":
        for attr in block.body.attributes.values():
            config.locals[attr.name] = (attr, path)
    elif kind == "variable" and labels:
        config.variables[labels[0]] = (block, path)
    elif kind == "output" and labels:
        config.outputs[labels[0]] = (block.body.attributes.get("value"), path)
    elif kind in ("resource", "data") and len(labels) >= 2:
        target = config.resources if kind == "resource" else config.data
        target.append(Declaration(kind, labels[0], labels[1], block, path))
    elif kind == "module" and labels:
        config.modules.append(Declaration("module", "module", labels[0], block, path))


def attribute(block: Block, name: str) -> Attribute | None:
    return block.body.attributes.get(name)
