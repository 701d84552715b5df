"""Input variable values of a module, in Terraform's order of precedence.

Root module, lowest to highest: `variable` defaults, `terraform.tfvars`(`.json`),
`*.auto.tfvars`(`.json`, alphabetical), `--var-file` files (in order), `--var NAME=VALUE`.
A `--var` value is a string unless the variable's declared type is not
`string`, in which case it is read as an HCL expression (as Terraform does).
A variable with no value from any of these is `Unknown`, never guessed.
"""

from __future__ import annotations

import json
import os

from linter.frontends.terraform import parse as p
from linter.frontends.terraform.config import ModuleConfig, read_text
from linter.frontends.terraform.evaluate import Scope
from linter.frontends.terraform.types import coerce
from linter.frontends.terraform.view import safe_evaluate
from linter.model import InputError, Unknown


def _no_references(name: str, at: p.Expr) -> object:
    return Unknown(f"{name} cannot be referenced here")


LITERAL_SCOPE = Scope(_no_references)


def defaults(config: ModuleConfig) -> dict:
    values: dict = {}
    for name, (block, _file) in config.variables.items():
        default = block.body.attributes.get("default")
        if default is not None:
            values[name] = safe_evaluate(default.expr, LITERAL_SCOPE)
        else:
            values[name] = Unknown(f"variable {name} is not set")
    return values


def tfvars_files(directory: str, var_files: list[str]) -> list[str]:
    found = []
    for name in ("terraform.tfvars", "terraform.tfvars.json"):
        if os.path.isfile(os.path.join(directory, name)):
            found.append(os.path.join(directory, name))
    found.extend(sorted(_auto_tfvars(directory)))
    found.extend(var_files)
    return found


def _auto_tfvars(directory: str) -> list[str]:
    """The folder's `*.auto.tfvars` and `*.auto.tfvars.json`, as glob lists them (hidden files left
    out), without importing glob and compiling its patterns on every run."""
    suffixes = (".auto.tfvars", ".auto.tfvars.json")
    if any(char in directory for char in "*?["):  # glob reads such a folder name as a pattern
        import glob

        return [path for suffix in suffixes for path in glob.glob(os.path.join(directory, "*" + suffix))]
    try:
        names = os.listdir(directory or os.curdir)
    except OSError:
        return []
    return [os.path.join(directory, name) for name in names if name.endswith(suffixes) and not name.startswith(".")]


def read_tfvars(path: str, errors: list) -> dict:
    if path.endswith(".json"):
        try:
            data = json.loads(read_text(path))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError) as exc:
            errors.append(InputError(path, f"cannot read variable file: {exc}"))
            return {}
    try:
        body = p.parse_hcl(read_text(path))
    except OSError as exc:
        errors.append(InputError(path, f"cannot read variable file: {exc}"))
        return {}
    except p.HclSyntaxError as exc:
        errors.append(InputError(path, str(exc), exc.line, exc.column))
        return {}
    return {a.name: safe_evaluate(a.expr, LITERAL_SCOPE) for a in body.attributes.values()}


def _declared_string(config: ModuleConfig, name: str) -> bool:
    found = config.variables.get(name)
    if found is None:
        return True
    type_attr = found[0].body.attributes.get("type")
    if type_attr is None:
        return True
    return isinstance(type_attr.expr, p.Ref) and type_attr.expr.name == "string"


def cli_value(config: ModuleConfig, name: str, text: str) -> object:
    if _declared_string(config, name):
        return text
    try:
        return safe_evaluate(p.parse_expression(text), LITERAL_SCOPE)
    except p.HclSyntaxError:
        return text


def root_values(config: ModuleConfig, tfvars: list[str], cli: dict, errors: list) -> dict:
    """`tfvars`: the variable files in order of precedence (`tfvars_files`)."""
    values = defaults(config)
    for path in tfvars:
        for name, value in read_tfvars(path, errors).items():
            if name in config.variables:
                values[name] = value
    for name, text in cli.items():
        values[name] = cli_value(config, name, text)
    return typed(config, values)


def typed(config: ModuleConfig, values: dict) -> dict:
    """Values converted to their variables' declared types."""
    out = dict(values)
    for name, (block, _file) in config.variables.items():
        type_attr = block.body.attributes.get("type")
        if name in out and type_attr is not None:
            out[name] = coerce(out[name], type_attr.expr)
    return out
