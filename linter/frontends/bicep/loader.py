"""The Bicep source frontend's entry point: a `.bicep` file (and `.bicepparam`) -> a model `Unit`.

`load_bicep(path, params_file=None, root=None)` parses the file, takes
parameter values from the `.bicepparam` file when given (a `.bicepparam` path
alone is followed to the template its `using` names), evaluates every
declaration and returns the resources a deployment would create, ARM-shaped,
with positions in the Bicep source. Nothing in the input makes it raise:
syntax errors and unreadable files become `InputError`s, values that cannot be
computed become Unknown (with a note where the file itself looks wrong).
"""

from __future__ import annotations

import os

from linter.model import InputError, Unit

from ..arm.parameters import load_parameter_file
from ..arm.scope import DeploymentContext
from .errors import BicepSyntaxError
from .evaluate import decode_string
from .file import FileEvaluator, UnitState, decl_name, declarations
from .modules import target_scope
from .parse import parse_file
from .tree import Tree


def load_bicep(path: str, params_file: str | None = None, root: str | None = None) -> Unit:
    """Load one Bicep file (optionally with its .bicepparam file) into a Unit (format "bicep")."""
    if params_file is None and path.endswith(".bicepparam"):
        params_file, path = path, _using_target(path)
        if path is None:
            unit = Unit(path=params_file, format="bicep", files=[params_file])
            _read(params_file, unit)  # reports its syntax errors, if any
            return unit
    unit = Unit(path=path, format="bicep", files=[path])
    state = UnitState(root=root, files=unit.files)
    tree = _read(path, unit)
    if tree is None:
        return unit
    state.trees[state.realpath(path)] = tree
    deployment = DeploymentContext(kind=target_scope(tree))
    evaluator = FileEvaluator(state, path, tree, deployment)
    if params_file:
        unit.files.append(params_file)
        if params_file.lower().endswith((".json", ".jsonc")):
            evaluator.supplied = _json_values(params_file, state, evaluator.declared_params())
        else:
            evaluator.supplied = _bicepparam_values(params_file, state, unit, evaluator.declared_params())
    try:
        evaluator.run()
    except RecursionError:
        state.report(path, "template nested too deeply to evaluate")
    unit.resources = state.resources
    unit.errors.extend(state.errors)
    state.release()
    return unit


def _read(path: str, unit: Unit) -> Tree | None:
    try:
        return parse_file(path)
    except OSError as exc:
        unit.errors.append(InputError(path, f"cannot read file: {exc.strerror or exc}"))
    except UnicodeDecodeError:
        unit.errors.append(InputError(path, "not UTF-8 text"))
    except BicepSyntaxError as exc:
        unit.errors.append(InputError(path, exc.message, exc.line, exc.column))
    return None


def _using_target(params_path: str) -> str | None:
    """The template a .bicepparam file's `using` names (None for `using none` or when unreadable)."""
    try:
        tree = parse_file(params_path)
    except (OSError, UnicodeDecodeError, BicepSyntaxError):
        return None
    for decl in declarations(tree):
        if decl.data == "using_decl":
            target = decl.children[0]
            if isinstance(target, Tree) and target.data == "string" and target.children[0].type == "STRING":
                relative = decode_string(str(target.children[0])[1:-1])
                if relative.startswith(("br:", "br/", "ts:", "ts/")):
                    return None
                return os.path.normpath(os.path.join(os.path.dirname(params_path), relative))
    return None


def _json_values(params_path: str, state: UnitState, declared: set) -> dict:
    """Values of an ARM JSON parameter file (`{"parameters": {"x": {"value": ...}}}`) for a .bicep file."""
    supplied, errors, _ = load_parameter_file(params_path)
    state.errors.extend(errors)
    for name in sorted(set(supplied) - declared):
        state.report(params_path, f"parameter '{name}' is set but not declared by the template", kind="note")
    return {name: value for name, value in supplied.items() if name in declared}


def _bicepparam_values(params_path: str, state: UnitState, unit: Unit, declared: set,
                       seen: tuple = ()) -> dict:
    """Evaluate the `param x = ...` values of a .bicepparam file (positions stay in that file).

    A file that `extends` a base parameter file starts from the base's values.
    """
    try:
        tree = parse_file(params_path)
    except OSError as exc:
        unit.errors.append(InputError(params_path, f"cannot read parameter file: {exc.strerror or exc}"))
        return {}
    except UnicodeDecodeError:
        unit.errors.append(InputError(params_path, "not UTF-8 text"))
        return {}
    except BicepSyntaxError as exc:
        unit.errors.append(InputError(params_path, exc.message, exc.line, exc.column))
        return {}
    params = FileEvaluator(state, params_path, tree, DeploymentContext())
    values: dict = {}
    for decl in declarations(tree):
        if decl.data == "extends_decl":
            values.update(_base_values(params_path, decl, state, unit, declared, seen))
        if decl.data != "param_value":
            continue
        name = decl_name(decl)
        if name not in declared:
            state.report(params_path, f"parameter '{name}' is set but not declared by the template", decl.meta,
                         kind="note")
            continue
        values[name] = params.lookup(name, decl)
    return values


def _base_values(params_path: str, decl: Tree, state: UnitState, unit: Unit, declared: set, seen: tuple) -> dict:
    target = decl.children[0]
    if target.children[0].type != "STRING":
        return {}
    base = os.path.normpath(os.path.join(os.path.dirname(params_path), decode_string(str(target.children[0])[1:-1])))
    if state.realpath(base) in seen + (state.realpath(params_path),):
        state.report(params_path, "parameter files extend each other (a cycle)", decl.meta)
        return {}
    if base not in unit.files:
        unit.files.append(base)
    return _bicepparam_values(base, state, unit, declared, seen + (state.realpath(params_path),))


__all__ = ["load_bicep"]
