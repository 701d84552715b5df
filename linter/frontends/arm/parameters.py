"""Template parameter values: parameter files, supplied values, defaults.

The value of a parameter is, in order: the value supplied (a parameter file,
or `properties.parameters` of a nested deployment) unless it is `null` (ARM
then uses the default, which Bicep relies on for optional module
parameters), its `defaultValue`
(evaluated lazily, since defaults may use other parameters), `null` for a
`nullable` parameter, else `Unknown`. A Key Vault `reference` entry is
`Unknown`: the secret is only known at deployment. Parameter files are plain
data: strings in them are never evaluated as expressions.
"""

from __future__ import annotations

from typing import Callable

from linter.model import InputError, Unknown

from ..jsonload import JsonLoadError, load_json
from .expressions import ExpressionError


def keyvault_unknown(name: str) -> Unknown:
    return Unknown(f"parameter '{name}' is a Key Vault reference")


def supplied_values(entries: object, on_error: Callable[[tuple, str], None]) -> dict[str, object]:
    """`{"name": {"value": v} | {"reference": {...}}}` -> {name: value or Unknown}."""
    values: dict[str, object] = {}
    if not isinstance(entries, dict):
        on_error((), "parameters must be an object")
        return values
    for name, entry in entries.items():
        if isinstance(entry, Unknown):
            values[name] = entry
        elif isinstance(entry, dict) and "value" in entry:
            values[name] = entry["value"]
        elif isinstance(entry, dict) and "reference" in entry:
            values[name] = keyvault_unknown(name)
        else:
            on_error((name,), f"parameter '{name}' has neither a value nor a reference")
    return values


def load_parameter_file(path: str) -> tuple[dict[str, object], list[InputError], object]:
    """Read a deployment parameter file: (supplied values, input errors, document or None)."""
    try:
        with open(path, "rb") as handle:
            document = load_json(handle.read(), path)
    except OSError as exc:
        return {}, [InputError(path, f"cannot read parameter file: {exc.strerror or exc}")], None
    except JsonLoadError as exc:
        return {}, [InputError(path, f"invalid JSON: {exc.message}", exc.line, exc.column)], None
    errors: list[InputError] = []

    def on_error(pointer: tuple, message: str) -> None:
        found = document.locate(("parameters",) + pointer) if pointer else None
        line, column = found if found else (None, None)
        errors.append(InputError(path, message, line, column))

    data = document.data
    if not isinstance(data, dict) or "parameters" not in data:
        errors.append(InputError(path, "not a parameter file: no 'parameters' object", 1, 1))
        return {}, errors, document
    return supplied_values(data["parameters"], on_error), errors, document


class ParameterTable:
    """Lazily resolved parameter values of one template, with cycle detection among defaults."""

    def __init__(
        self,
        declared: object,
        supplied: dict[str, object],
        evaluate_default: Callable[[str, object], object],
        all_unknown: Unknown | None = None,
    ) -> None:
        self._declared: dict[str, tuple[str, object]] = {}
        if isinstance(declared, dict):
            self._declared = {name.lower(): (name, decl) for name, decl in declared.items()}
        self._supplied = {name.lower(): value for name, value in supplied.items()}
        self._supplied_names = list(supplied)
        self._all_unknown = all_unknown  # the values passed in are unknown as a whole
        self._evaluate_default = evaluate_default
        self._values: dict[str, object] = {}
        self._resolving: list[str] = []

    def declared_names(self) -> list[str]:
        return [name for name, _ in self._declared.values()]

    def undeclared_supplied(self) -> list[str]:
        return [name for name in self._supplied_names if name.lower() not in self._declared]

    def get(self, name: str) -> object:
        key = name.lower() if isinstance(name, str) else name
        if key in self._values:
            return self._values[key]
        if key not in self._declared:
            raise ExpressionError(f"parameter '{name}' is not declared", function="parameters")
        if key in self._resolving:
            chain = " -> ".join(self._resolving[self._resolving.index(key) :] + [key])
            raise ExpressionError(f"parameter defaults form a cycle: {chain}", function="parameters")
        written_name, decl = self._declared[key]
        self._resolving.append(key)
        try:
            value = self._resolve(written_name, decl)
        finally:
            self._resolving.pop()
        self._values[key] = value
        return value

    def _resolve(self, name: str, decl: object) -> object:
        key = name.lower()
        if self._all_unknown is not None:
            return self._all_unknown
        supplied = self._supplied.get(key)
        if supplied is not None:
            return supplied
        if isinstance(decl, dict):
            if "defaultValue" in decl:
                return self._evaluate_default(name, decl["defaultValue"])
            if decl.get("nullable") is True:
                return None
        return Unknown(f"parameter '{name}' has no value")
