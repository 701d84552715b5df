"""Rule-language functions for the governance rules (management groups, Azure Policy, docs of definitions).

Path functions (they see the model, and take and return `Val`s):

- `policy_effects()`: the effects the current policy assignment can enforce, each
  with the path of the value that decides it. An effect is resolved through the
  assignment's `overrides` (kind `policyEffect`), its `parameters`, and - when the
  definition or initiative is declared in the linted files - the definition's
  `policyRule.then.effect` and parameter defaults (and an initiative's member
  references). For a definition outside the linted files only the assignment's
  `effect` parameter is known; anything else is Unknown.
- `assignment_scope()`: the id of the scope an extension resource applies to
  (its `scope`, else the scope its own id was built in).
- `mg_depth()` / `mg_min_depth()`: the level of the current management group,
  counting the tenant root as level 1; exact (or Unknown), and a lower bound
  that is always known. `mg_level()` is the text for messages ("level 4", "level 4 or deeper").

Value helpers: `is_tenant_root(id)`, `effects_in(effects, wanted)` and `missing_labels(value, label, ...)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.model import Model, Resource, Unknown, is_unknown
from linter.rules.evaluate import Context, Val

ROOT_NAME = "{tenantid}"  # the frontends' placeholder for tenant().tenantId, lower-cased
DEPLOYMENT_MG = "{managementgroupname}"  # the management group an MG-scoped template is deployed to
MG_SEGMENT = re.compile(r"(?:^|/)providers/microsoft\.management/managementgroups/([^/]+)/?$|"
                        r"^/?microsoft\.management/managementgroups/([^/]+)/?$", re.IGNORECASE)
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
POLICY_PARAMETER = re.compile(r"^\[\[?\s*parameters\(\s*'([^']*)'\s*\)\s*\]$", re.IGNORECASE)
DEFINITION = "microsoft.authorization/policydefinitions"
INITIATIVE = "microsoft.authorization/policysetdefinitions"
MANAGEMENT_GROUP = "microsoft.management/managementgroups"
PROPS = ("properties",)


def _get(mapping: object, key: str) -> object:
    """A key of a dict, case-insensitively (None when absent or not a dict; Unknown stays Unknown)."""
    if is_unknown(mapping):
        return mapping
    if not isinstance(mapping, dict):
        return None
    if key in mapping:
        return mapping[key]
    lowered = key.lower()
    return next((v for k, v in mapping.items() if isinstance(k, str) and k.lower() == lowered), None)


def _dig(value: object, *keys: str) -> object:
    for key in keys:
        value = _get(value, key)
    return value


# ---- management groups ----------------------------------------------------------------


def mg_name(value: object) -> str | None | Unknown:
    """The management-group name an id names (`.../managementGroups/<name>`); None when not an MG id."""
    if is_unknown(value):
        return value
    if isinstance(value, dict):
        return mg_name(_get(value, "id"))
    if not isinstance(value, str):
        return None
    found = MG_SEGMENT.search(value.strip())
    if not found:
        return None
    return found.group(1) or found.group(2)


def is_tenant_root(value: object) -> bool | Unknown:
    """Is the id (or `{id: ...}`) the tenant root management group?

    The root's name is the tenant id, which only the frontends' `{tenantId}`
    placeholder (from `tenant().tenantId`, `subscription().tenantId`, Terraform's
    client config) can name. A literal GUID may be the tenant id, and the
    management group a template is deployed to is not known: both are Unknown.
    """
    name = mg_name(value)
    if is_unknown(name):
        return Unknown("scope unknown before deployment")
    if name is None:
        return False
    lowered = name.lower()
    if lowered == ROOT_NAME:
        return True
    if lowered == DEPLOYMENT_MG or GUID.match(lowered):
        return Unknown("the management group may be the tenant root")
    return False


@dataclass(frozen=True)
class Level:
    """A management group's level below the tenant root (level 1): exact when known, else at least `minimum`."""

    exact: int | None  # None when unknown
    minimum: int


def _mg_parent(resource: Resource) -> tuple[object, tuple]:
    """The parent reference of a management group and its path (2017-11-01-preview: top-level `parentId`)."""
    parent = _dig(resource.body, "properties", "details", "parent", "id")
    if parent is not None:
        return parent, PROPS + ("details", "parent", "id")
    parent = _dig(resource.body, "properties", "details", "parent")
    if is_unknown(parent):
        return parent, PROPS + ("details", "parent")
    legacy = _get(resource.body, "parentId")
    if legacy is not None:
        return legacy, ("parentId",)
    return None, ()


def mg_level(resource: Resource, model: Model) -> Level:
    """Level of a management group, the tenant root being level 1, following declared parents."""
    steps, seen, current = 0, {id(resource)}, resource
    while True:
        parent = _declared_parent(current, model)
        if not isinstance(parent, Resource):
            base = parent
            break
        if id(parent) in seen:  # a cycle: not a hierarchy Azure would accept, so no level
            return Level(None, 2)
        seen.add(id(parent))
        steps, current = steps + 1, parent
    return Level(None if base.exact is None else base.exact + steps, base.minimum + steps)


def _declared_parent(resource: Resource, model: Model) -> Resource | Level:
    """The parent group declared in the files, or the level of this group when the chain ends here."""
    own = resource.name.lower() if isinstance(resource.name, str) else None
    if own == ROOT_NAME:
        return Level(1, 1)
    parent, _path = _mg_parent(resource)
    if parent is None:
        return Level(2, 2)  # an omitted parent is the tenant root (azurerm writes it; ARM's default)
    name = mg_name(parent)
    if is_unknown(name) or name is None:
        return Level(None, 2)
    if name.lower() == ROOT_NAME:
        return Level(2, 2)
    target = model.resolve(parent if isinstance(parent, str) else _get(parent, "id"))
    if isinstance(target, Resource) and not target.existing and target.type.lower() == MANAGEMENT_GROUP:
        return target
    if name.lower() == DEPLOYMENT_MG or GUID.match(name):
        return Level(None, 2)  # the parent may be the root itself
    return Level(None, 3)  # a management group outside the files, below the root


def _current_level(ctx: Context) -> tuple[Level, tuple]:
    _parent, path = _mg_parent(ctx.resource)
    return mg_level(ctx.resource, ctx.model), path


def fn_mg_depth(ctx: Context) -> Val:
    level, path = _current_level(ctx)
    value = level.exact if level.exact is not None else Unknown("management-group ancestry unknown")
    return Val(value, path)


def fn_mg_min_depth(ctx: Context) -> Val:
    level, path = _current_level(ctx)
    return Val(level.minimum, path)


def fn_mg_level(ctx: Context) -> Val:
    level, path = _current_level(ctx)
    text = f"level {level.exact}" if level.exact is not None else f"level {level.minimum} or deeper"
    return Val(text, path)


# ---- policy assignments -----------------------------------------------------------------


def fn_assignment_scope(ctx: Context) -> Val:
    """The scope id of the current (extension) resource: its `scope`, else the prefix of its own id."""
    resource = ctx.resource
    if resource.scope is not None:
        return Val(resource.scope, ("scope",) if not is_unknown(resource.scope) else ())
    rid = resource.id
    if not isinstance(rid, str):
        return Val(Unknown("resource id unknown"), ())
    at = rid.lower().rfind("/providers/")
    return Val(rid[:at] if at >= 0 else Unknown("resource id without a scope"), ())


@dataclass(frozen=True)
class _Params:
    """Where a policy expression's `parameters('x')` is looked up: assigned values, then defaults."""

    values: object  # {name: {"value": ...}} of the assignment (or initiative reference)
    values_path: tuple | None  # its path in the current resource; None when it lives elsewhere
    declared: object  # {name: {"defaultValue": ...}} of the definition
    outer: _Params | None = None  # an initiative's own parameters, for `[parameters('x')]` in a reference

    def lookup(self, name: str, fallback_path: tuple) -> Val:
        entry = _get(self.values, name)
        if is_unknown(entry):
            return Val(entry, self.values_path or fallback_path)
        if entry is not None:
            value = _get(entry, "value")
            path = self.values_path + (_key(self.values, name), "value") if self.values_path else fallback_path
            if value is not None:
                return self._outer(value, path, fallback_path)
        default = _dig(self.declared, name, "defaultValue")
        if default is not None:
            return Val(default, fallback_path)
        return Val(Unknown(f"policy parameter '{name}' has no value"), fallback_path)

    def _outer(self, value: object, path: tuple, fallback_path: tuple) -> Val:
        if self.outer is not None and isinstance(value, str):
            found = POLICY_PARAMETER.match(value.strip())
            if found:
                return self.outer.lookup(found.group(1), fallback_path)
        return Val(value, path)


def _key(mapping: object, name: str) -> str:
    if isinstance(mapping, dict):
        for key in mapping:
            if isinstance(key, str) and key.lower() == name.lower():
                return key
    return name


def _effect_expression(effect: object, params: _Params, path: tuple) -> Val:
    """A definition's `then.effect`: a literal, or `[parameters('x')]` resolved through `params`.

    `[[parameters('x')]` reads the same: a template escape that was not undone
    (a policy rule loaded as text through `json()`) still means the parameter.
    """
    if is_unknown(effect) or effect is None:
        return Val(effect if effect is not None else Unknown("definition without an effect"), path)
    if isinstance(effect, str):
        found = POLICY_PARAMETER.match(effect.strip())
        if found:
            return params.lookup(found.group(1), path)
        if effect.strip().startswith("["):
            return Val(Unknown("effect computed by a policy expression"), path)
    return Val(effect, path)


def _definition_effects(model: Model, definition_id: object, params: _Params, path: tuple,
                        depth: int = 0) -> list[Val]:
    """Effects of the definition or initiative `definition_id` with these parameter values."""
    if is_unknown(definition_id) or definition_id is None:
        return [Val(Unknown("policy definition unknown"), path)]
    target = model.resolve(definition_id)
    if isinstance(target, Resource) and not target.existing and depth < 3:
        kind = target.type.lower()
        props = _get(target.body, "properties")
        if kind == DEFINITION:
            own = _Params(params.values, params.values_path, _get(props, "parameters"), params.outer)
            return [_effect_expression(_dig(props, "policyRule", "then", "effect"), own, path)]
        if kind == INITIATIVE:
            return _initiative_effects(model, props, params, path, depth)
    # a definition outside the linted files: only an `effect` parameter says what it does
    effect = params.lookup("effect", path)
    return [effect]


def _initiative_effects(model: Model, props: object, params: _Params, path: tuple, depth: int) -> list[Val]:
    members = _get(props, "policyDefinitions")
    if is_unknown(members):
        return [Val(members, path)]
    if not isinstance(members, list):
        return []
    outer = _Params(params.values, params.values_path, _get(props, "parameters"), params.outer)
    found: list[Val] = []
    for member in members:
        inner = _Params(_get(member, "parameters"), None, None, outer)
        found.extend(_definition_effects(model, _get(member, "policyDefinitionId"), inner, path, depth + 1))
    return found


def fn_policy_effects(ctx: Context) -> Val:
    """The effects the current policy assignment can enforce (each a Val with its witness path)."""
    body = ctx.resource.body
    props = _get(body, "properties")
    items: list[Val] = []
    overrides = _get(props, "overrides")
    replaced = False
    if isinstance(overrides, list):
        for i, override in enumerate(overrides):
            kind = _get(override, "kind")
            if is_unknown(kind) or (isinstance(kind, str) and kind.lower() == "policyeffect"):
                items.append(Val(_get(override, "value"), PROPS + ("overrides", i, "value")))
                replaced = replaced or (not is_unknown(kind) and _absent(_get(override, "selectors")) is True)
    elif is_unknown(overrides):
        items.append(Val(overrides, PROPS + ("overrides",)))
    if not replaced:
        params = _Params(_get(props, "parameters"), PROPS + ("parameters",), None)
        definition_path = PROPS + ("policyDefinitionId",)
        items.extend(_definition_effects(ctx.model, _get(props, "policyDefinitionId"), params, definition_path))
    items = [i for i in items if i.value is not None]
    return Val([i.value for i in items], PROPS, items=items)


# ---- value helpers ------------------------------------------------------------------------


def _absent(value: object) -> bool | None:
    if is_unknown(value):
        return None
    return value is None or (isinstance(value, (str, list, dict)) and len(value) == 0)


def missing_labels(*pairs: object) -> str | Unknown:
    """`missing_labels(v1, 'a description', v2, 'a category')` -> 'a description and a category'.

    Lists the labels whose value is surely absent (null or empty); Unknown when
    none surely is but some value is unknown; '' when nothing is missing.
    """
    values, labels = pairs[0::2], pairs[1::2]
    surely = [str(label) for value, label in zip(values, labels, strict=False) if _absent(value) is True]
    if not surely and any(_absent(v) is None for v in values):
        return Unknown("depends on an unknown value")
    if len(surely) <= 1:
        return "".join(surely)
    return ", ".join(surely[:-1]) + " and " + surely[-1]


def effects_in(effects: object, wanted: object) -> list | Unknown:
    """The effects (deduplicated, as written) that are surely among `wanted`, for messages."""
    if is_unknown(effects) or is_unknown(wanted):
        return Unknown("unknown effects")
    allowed = {w.lower() for w in (wanted if isinstance(wanted, list) else [wanted]) if isinstance(w, str)}
    values = effects if isinstance(effects, list) else [effects]
    found = list(dict.fromkeys(e for e in values if isinstance(e, str) and e.lower() in allowed))
    if not found and any(is_unknown(e) for e in values):
        return Unknown("depends on an unknown effect")
    return found


PATH_FUNCTIONS = {
    "policy_effects": (fn_policy_effects, 0, 0),
    "assignment_scope": (fn_assignment_scope, 0, 0),
    "mg_depth": (fn_mg_depth, 0, 0),
    "mg_min_depth": (fn_mg_min_depth, 0, 0),
    "mg_level": (fn_mg_level, 0, 0),
}

HELPERS = {
    "is_tenant_root": (is_tenant_root, 1, 1),
    "missing_labels": (missing_labels, 2, None),
    "effects_in": (effects_in, 2, 2),
}
