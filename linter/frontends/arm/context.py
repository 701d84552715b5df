"""The evaluation context of one template: parameters, variables, functions, references.

`UnitState` is shared by every template of one unit (the main template and
its nested inline deployments): the input errors, the emitted resources and
an index of declared resource instances by (type, name) for `reference()`.
`TemplateContext` is one template's view: its parameter and variable tables,
its user functions, its symbolic names, and the `Scope` its expressions are
evaluated in.
"""

from __future__ import annotations

import dataclasses

from linter.model import InputError, Path, Resource, Unknown, parse_resource_id

from .evaluation import Budget, evaluate_value
from .expressions import PartialObject
from .ids import is_qualified_type
from .locations import nearest_position
from .parameters import ParameterTable
from .scope import DeploymentContext, Scope
from .variables import VariableTable

MAX_RESOURCES = 20_000  # per unit, after copy expansion
MAX_NESTING = 16  # nested inline deployments inside one another


class UnitState:
    """What all templates of one unit share while it is loaded."""

    def __init__(self, file: str, document) -> None:
        self.file = file
        # positions of the template's text, without the parsed data: the resources' source maps
        # keep it as long as their findings live
        self.document = document.positions_only() if document is not None else None
        self.errors: list[InputError] = []
        self.resources: list[Resource] = []
        self.by_key: dict[tuple[str, str], object] = {}  # (type, name) lower-cased -> Instance
        self._seen: set = set()
        self.capped = False
        self.instance_count = 0
        self.budget = Budget()
        self.contexts: list[TemplateContext] = []

    def release(self) -> None:
        """Drop the evaluation state once the resources are built.

        Contexts, their tables, scopes and instances refer to one another
        (bound methods, `instance.ctx`); undone here, they are freed as soon as
        the load ends instead of waiting, with the whole template, for a full
        garbage collection.
        """
        for ctx in self.contexts:
            ctx.release()
        self.contexts = []
        self.by_key = {}

    def report(self, pointer: Path, message: str, kind: str = "error") -> None:
        """Record an input error at a JSON pointer (positioned at the nearest written ancestor)."""
        line, column = nearest_position(self.document, pointer)
        key = (line, column, message, kind)
        if key in self._seen:
            return
        self._seen.add(key)
        self.errors.append(InputError(self.file, message, line, column, kind))

    def admit(self, pointer: Path) -> bool:
        """Count one more resource instance; False (with a note, once) past MAX_RESOURCES."""
        self.instance_count += 1
        if self.instance_count <= MAX_RESOURCES:
            return True
        if not self.capped:
            self.capped = True
            self.report(pointer, f"more than {MAX_RESOURCES} resources: the rest not analysed", "note")
        return False

    def register(self, instance) -> None:
        key = instance.key
        if key is not None:
            self.by_key.setdefault(key, instance)


class OpenObject(PartialObject):
    """A declared object where an undeclared property reads as Unknown.

    `reference()` returns the runtime state of a resource: only what the
    template declares is known, the rest is only known after deployment.
    """

    def missing(self, name: str) -> Unknown:
        return Unknown(f"runtime property '{name}' is only known after deployment")


def open_object(value: object) -> object:
    """A declared value as reference() shows it.

    A property declared empty ("" or null) is often filled in by Azure (a
    dynamic private IP address written as ""), so it reads as Unknown.
    """
    if isinstance(value, dict):
        return OpenObject({k: open_object(v) for k, v in value.items()})
    if isinstance(value, list):
        return [open_object(v) for v in value]
    if value is None or value == "":
        return Unknown("declared empty: assigned at deployment")
    return value


def user_functions(section: object) -> dict:
    """`functions: [{namespace, members: {name: def}}]` -> {"namespace.name" (lower case): def}."""
    table: dict = {}
    if not isinstance(section, list):
        return table
    for group in section:
        if not isinstance(group, dict) or not isinstance(group.get("namespace"), str):
            continue
        members = group.get("members")
        if isinstance(members, dict):
            for name, definition in members.items():
                table[f"{group['namespace']}.{name}".lower()] = definition
    return table


class TemplateContext:
    """One template (the main one or a nested inline one) being evaluated."""

    def __init__(
        self,
        unit: UnitState,
        template: dict,
        pointer: Path,
        deployment: DeploymentContext,
        supplied: dict | None = None,
        *,
        symbol_prefix: str = "",
        depth: int = 0,
        outer: TemplateContext | None = None,
        outer_scope: Scope | None = None,
        supplied_unknown: Unknown | None = None,
    ) -> None:
        self.unit = unit
        self.template = template
        self.pointer = tuple(pointer)
        self.deployment = deployment
        self.symbol_prefix = symbol_prefix
        self.depth = depth
        self.language_v2 = str(template.get("languageVersion", "")).startswith("2")
        self.symbols: dict[str, list] = {}  # symbolic name -> its instances
        self.instances: list = []
        self.prepared = False
        self.condition: object = True  # of the deployment that deploys this template (nested ones)
        unit.contexts.append(self)
        if outer is not None:  # expressionEvaluationOptions.scope outer: the parent's names
            self.parameters = outer.parameters
            self.variables = outer.variables
            self.scope = dataclasses.replace(outer_scope or outer.scope, reference=self.reference)
            return
        self.parameters = ParameterTable(
            template.get("parameters"), supplied or {}, self._evaluate_default, supplied_unknown
        )
        self.variables = VariableTable(
            template.get("variables"),
            self.pointer + ("variables",),
            lambda: self.scope,
            unit.report,
            unit.budget,
        )
        self.scope = Scope(
            parameter=self.parameters.get,
            variable=self.variables.get,
            reference=self.reference,
            user_functions=user_functions(template.get("functions")),
            deployment=deployment,
        )

    def report(self, pointer: Path, message: str, kind: str = "error") -> None:
        self.unit.report(pointer, message, kind)

    def release(self) -> None:
        """Undo the references back to this context (see UnitState.release)."""
        self.instances = []
        self.symbols = {}
        self.scope = self.parameters = self.variables = None

    def _evaluate_default(self, name: str, value: object) -> object:
        return evaluate_value(
            value, self.scope, self.pointer + ("parameters", name, "defaultValue"), self.report
        )

    # --- reference() -----------------------------------------------------------

    def reference(
        self, target: object, api_version: object = None, full: object = False, *rest: object
    ) -> object:
        """Scope.reference: the declared state of a resource of this unit; undeclared parts Unknown."""
        if isinstance(target, Unknown):
            return target
        full = full is True or (isinstance(full, str) and full.lower() == "full")
        loop = self.symbols.get(target) if isinstance(target, str) else None
        if loop and loop[0].decl.raw.get("copy") is not None:  # references('loop'): one value per instance
            if any(isinstance(i.copy_index, Unknown) for i in loop):
                return Unknown("references() of a copy loop with an unknown count")
            return [i.reference_value(full) for i in loop]
        instance = self.find_instance(target)
        if instance is None:
            return Unknown("reference() to a resource not declared in this template")
        return instance.reference_value(full)

    def find_instance(self, target: object):
        """The one declared instance a symbolic name, resource id, relative id or plain name designates."""
        if not isinstance(target, str):
            return None
        found = self.symbols.get(target)
        if found is not None:
            return found[0] if len(found) == 1 else None
        parsed = parse_resource_id(target)
        if parsed is None and is_qualified_type(target):
            segments = [s for s in target.split("/") if s]
            if len(segments) >= 3 and len(segments) % 2 == 1:
                parsed = (segments[0] + "/" + "/".join(segments[1::2]), "/".join(segments[2::2]))
        if parsed is not None:
            return self.unit.by_key.get((parsed[0].lower(), parsed[1].lower()))
        matches = [i for i in self.instances if isinstance(i.name, str) and i.name.lower() == target.lower()]
        return matches[0] if len(matches) == 1 else None
