"""The ARM template frontend's entry point: a template (and parameter file) -> a model `Unit`.

`load_arm(template_path, parameters_path=None, *, document=None)` reads an
ARM JSON template (or a compiled Bicep template), evaluates it as a
deployment would, and returns every resource it would deploy as a
`linter.model.Resource` (format "arm"). Nothing the template says can make it
raise: unreadable files, malformed shapes and failing expressions become
`InputError`s in `Unit.errors` ("error" when the template is invalid,
"note" when only our analysis stops short, e.g. a linked template, or when
the resource concerned may not be deployed at all).

What a Resource holds:
* `body`: the written resource object with every expression evaluated and
  property `copy` loops expanded, minus the keys that describe the
  declaration (`type`, `name`, `apiVersion`, `dependsOn`, `copy`,
  `condition`, `resources`, `scope`, `existing`, `comments`, and
  `subscriptionId`/`resourceGroup` except on deployments). A deployment's
  `properties.template` is left out: its resources are emitted themselves.
* `symbol`: the symbolic name (languageVersion 2.0), else the declaration's
  path (`resources[3].resources[0]`); resources of a nested template are
  prefixed with their deployment's symbol (`netModule/nsg`, `mods[1]/nsg`).
  Every instance of a copy loop shares its declaration's symbol.
* `id`: built like `resourceId()` does (see ids.py), Unknown when the name is.
* `condition`: True, or Unknown; resources whose condition is false are not
  emitted. Children and nested-template resources inherit their parent's.

Limits (each reported as a note when reached): a copy count is capped at
800 instances (`evaluation.MAX_COPY`, ARM's own limit); a unit at 20,000
resources (`context.MAX_RESOURCES`) and 200,000 property-loop elements
(`evaluation.MAX_LOOP_ITEMS`: nested loops multiply); nested inline
deployments at 16 levels (`context.MAX_NESTING`).

The deployment scope (resource group, subscription, management group,
tenant) comes from the template's `$schema`.
"""

from __future__ import annotations

from linter.model import InputError, Unit

from ..jsonload import JsonLoadError, load_json
from .context import TemplateContext, UnitState
from .ids import schema_scope
from .locations import nearest_position
from .parameters import load_parameter_file
from .resources import prepare, to_resource
from .scope import DeploymentContext


def load_arm(template_path: str, parameters_path: str | None = None, *, document=None) -> Unit:
    """Load one ARM template (optionally with its parameter file) into a Unit."""
    unit = Unit(path=template_path, format="arm", files=[template_path])
    if document is None:
        document = _read(template_path, unit)
        if document is None:
            return unit
    supplied: dict = {}
    parameters_document = None
    if parameters_path:
        unit.files.append(parameters_path)
        supplied, errors, parameters_document = load_parameter_file(parameters_path)
        unit.errors.extend(errors)
    state = UnitState(template_path, document)
    try:
        _evaluate(state, document.data, supplied, parameters_path, parameters_document)
    except RecursionError:
        state.report((), "template nested too deeply to evaluate")
    finally:
        state.release()
    unit.resources = state.resources
    unit.errors.extend(state.errors)
    return unit


def _read(path: str, unit: Unit):
    try:
        with open(path, "rb") as handle:
            return load_json(handle.read(), path)
    except OSError as exc:
        unit.errors.append(InputError(path, f"cannot read template: {exc.strerror or exc}"))
    except JsonLoadError as exc:
        unit.errors.append(InputError(path, f"invalid JSON: {exc.message}", exc.line, exc.column))
    return None


def _evaluate(
    state: UnitState, data: object, supplied: dict, parameters_path: str | None, parameters_document
) -> None:
    if not isinstance(data, dict):
        state.report((), "an ARM template must be a JSON object")
        return
    deployment = DeploymentContext(kind=schema_scope(data.get("$schema")))
    ctx = TemplateContext(state, data, (), deployment, supplied)
    for name in ctx.parameters.undeclared_supplied():
        line, column = nearest_position(parameters_document, ("parameters", name))
        message = f"parameter '{name}' is set but not declared by the template"
        state.errors.append(InputError(parameters_path or state.file, message, line, column, kind="note"))
    run_template(ctx)


def run_template(ctx: TemplateContext) -> None:
    """Emit the resources of a template, and of the inline templates it deploys, into the unit."""
    prepare(ctx)
    for instance in ctx.instances:
        ctx.unit.resources.append(to_resource(instance))
        inner = instance.inner_context()
        if inner is not None:
            run_template(inner)
