"""Rule-language functions for the monitoring rules (diagnostic settings, flow logs, App Insights).

Path functions (they see the model, and take and return `Val`s):

- `targeting(type[, path[, also]])`: resources of `type` whose target is the
  current resource or one of its child resources. The target is the
  extension resource's `scope`, or the property at the dotted `path` (a flow
  log's `properties.targetResourceId`). `also` is a list of further resource
  ids that count as the current resource (a virtual network's subnet NSGs).
  Child resources count because a diagnostic setting on a storage account's
  `blobServices/default` covers the account, and a flow log on a subnet
  covers part of its virtual network - even when that child is not declared.
  A target that cannot be known (a parameter without a value) may be this
  resource: the answer is then Unknown unless another referrer surely matches.
- `children(type)`: the declared child resources of that type of the current
  resource, each body with a `name` key holding its last name segment.
- `attached(type)`: the ids of the resources of `type` whose body refers to
  the current resource or one of its children (the network interfaces in a
  virtual network's subnets).
- `scope()`: the id an extension resource attaches to (its `scope`), null otherwise.
- `deployed_elsewhere(type)`: could something this unit deploys, but the
  linter cannot read, create resources of `type`? Unknown when a policy
  assignment's definition is not in the linted files or deploys that type
  (deployIfNotExists), or when an ARM linked template (`templateLink`) is not
  fetched; false otherwise.

Value helpers: `id_type(id)` (the resource type an id names), `id_name(id or name)`
(its last name segment) and `keys(object)`.
"""

from __future__ import annotations

from linter.model import Resource, Unknown, is_unknown, parse_resource_id, strings_in
from linter.rules.evaluate import Context, Val

MAYBE = "maybe"  # a match that depends on a value unknown before deployment


def _wanted_types(val: Val) -> set[str] | Unknown:
    wanted = val.value
    if is_unknown(wanted):
        return wanted
    return {t.lower() for t in (wanted if isinstance(wanted, list) else [wanted]) if isinstance(t, str)}


def _read_path(body: dict, dotted: str) -> object:
    value: object = body
    for key in dotted.split("."):
        if is_unknown(value):
            return value
        if not isinstance(value, dict):
            return None
        lowered = key.lower()
        value = next((v for k, v in value.items() if isinstance(k, str) and k.lower() == lowered), None)
    return value


def _id_of(value: object) -> object:
    """An id written as a string or as `{"id": ...}`."""
    if isinstance(value, dict):
        return next((v for k, v in value.items() if isinstance(k, str) and k.lower() == "id"), None)
    return value


def _parsed(value: object) -> tuple[str, str] | None:
    """(type, name) of a resource id, lower-cased; None when it is not one."""
    value = _id_of(value)
    parsed = parse_resource_id(value) if isinstance(value, str) else None
    return (parsed[0].lower(), parsed[1].lower()) if parsed else None


def _within(target: object, rtype: str, name: object) -> bool | str:
    """Does the resource id `target` name the resource (`rtype`, `name`) or one of its children?"""
    if is_unknown(target):
        return MAYBE
    parsed = _parsed(target)
    if parsed is None:
        return False
    ttype, tname = parsed
    rtype = rtype.lower()
    if ttype != rtype and not ttype.startswith(rtype + "/"):
        return False
    if not isinstance(name, str):
        return MAYBE
    own = name.lower().split("/")
    return tname.split("/")[: len(own)] == own


def _same(target: object, other_id: object) -> bool | str:
    """Do two resource ids name the same resource (type and name, case-insensitive)?"""
    if is_unknown(target) or is_unknown(other_id):
        return MAYBE
    pair = [_parsed(v) for v in (target, other_id)]
    return pair[0] is not None and pair[0] == pair[1]


def _match(referrer: Resource, target: object, me: Resource, also: list) -> bool | str:
    results = [_within(target, me.type, me.name)] + [_same(target, other) for other in also]
    if True in results:
        sure = referrer.condition is True
        return True if sure else MAYBE
    return MAYBE if MAYBE in results else False


def fn_targeting(ctx: Context, type_val: Val, path_val: Val | None = None, also_val: Val | None = None) -> Val:
    types = _wanted_types(type_val)
    if is_unknown(types):
        return Val(types, ())
    dotted = path_val.value if path_val is not None and isinstance(path_val.value, str) else None
    also = also_val.value if also_val is not None else []
    if is_unknown(also):
        also = [also]
    elif not isinstance(also, list):
        also = [also] if also is not None else []
    me = ctx.resource
    hits: list[Val] = []
    maybe = False
    for other in ctx.model.of_type(*types):
        if other is me or other.condition is False or other.derived:
            continue
        target = other.scope if dotted is None else _read_path(other.body, dotted)
        if target is None:
            continue
        found = _match(other, target, me, [a for a in also if a is not None])
        if found is True:
            hits.append(Val(other.body, (), foreign=True))
        elif found == MAYBE:
            maybe = True
    if not hits and maybe:
        return Val(Unknown("a resource whose target is unknown may target this one"), ())
    return Val([h.value for h in hits], (), items=hits, foreign=True)


def fn_attached(ctx: Context, type_val: Val) -> Val:
    """Ids of the declared resources of `type` whose body refers to this resource or one of its children."""
    types = _wanted_types(type_val)
    if is_unknown(types):
        return Val(types, ())
    me = ctx.resource
    found = []
    for other in ctx.model.of_type(*types):
        if other is me or other.condition is False or other.derived:
            continue
        if any(_within(text, me.type, me.name) is True for _, text in strings_in(other.body) if "/providers/" in text):
            found.append(other.id)
    return Val(found, ())


def _is_child(child: Resource, parent: Resource) -> bool | str:
    ptype, ctype = parent.type.lower(), child.type.lower()
    if not ctype.startswith(ptype + "/") or ctype.count("/") != ptype.count("/") + 1:
        return False
    if not isinstance(parent.name, str) or not isinstance(child.name, str):
        return MAYBE
    return child.name.lower().rsplit("/", 1)[0] == parent.name.lower()


def fn_children(ctx: Context, type_val: Val) -> Val:
    types = _wanted_types(type_val)
    if is_unknown(types):
        return Val(types, ())
    me = ctx.resource
    items: list[Val] = []
    maybe = False
    for other in ctx.model.of_type(*types):
        if other.existing or other.condition is False:
            continue
        found = _is_child(other, me)
        if found is True:
            short = other.name.rsplit("/", 1)[1] if isinstance(other.name, str) else other.name
            items.append(Val({**other.body, "name": short}, (), foreign=True))
        elif found == MAYBE:
            maybe = True
    if maybe:  # a child whose parent cannot be told may belong here: what it says is unknown
        items.append(Val(Unknown("a child resource whose parent is unknown"), (), foreign=True))
    return Val([i.value for i in items], (), items=items, foreign=True)


POLICY_ASSIGNMENT = "microsoft.authorization/policyassignments"
POLICY_DEFINITION = "microsoft.authorization/policydefinitions"
DEPLOYMENT = "microsoft.resources/deployments"


def _deploys(definition: Resource, wanted: set[str]) -> bool | str:
    details = _read_path(definition.body, "properties.policyRule.then.details")
    if is_unknown(details) or is_unknown(_read_path(definition.body, "properties.policyRule")):
        return MAYBE
    if not isinstance(details, dict):
        return False
    dtype = _read_path(details, "type")
    if is_unknown(dtype):
        return MAYBE
    return isinstance(dtype, str) and dtype.lower() in wanted and isinstance(_read_path(details, "deployment"), dict)


def _definitions_of(model, definition_id: object, depth: int = 0) -> list[Resource] | None:
    """The policy definitions an assignment's `policyDefinitionId` brings in; None when not all are linted."""
    target = model.resolve(definition_id)
    if not isinstance(target, Resource) or target.existing or depth > 2:
        return None
    if target.type.lower() == POLICY_DEFINITION:
        return [target]
    found: list[Resource] = []
    members = _read_path(target.body, "properties.policyDefinitions")
    if not isinstance(members, list):
        return None
    for member in members:
        inner = _definitions_of(model, _read_path(member, "policyDefinitionId") if isinstance(member, dict) else None,
                                depth + 1)
        if inner is None:
            return None
        found.extend(inner)
    return found


def fn_deployed_elsewhere(ctx: Context, type_val: Val) -> Val:
    """Unknown when something this unit deploys but the linter cannot read may create resources of `type`.

    That is a policy assignment whose definition is not in the linted files or
    deploys that type (deployIfNotExists), or an ARM linked template
    (`templateLink`) that is not fetched. False otherwise.
    """
    types = _wanted_types(type_val)
    if is_unknown(types):
        return Val(types, ())
    for assignment in ctx.model.of_type(POLICY_ASSIGNMENT):
        if assignment.condition is False:
            continue
        definitions = _definitions_of(ctx.model, _read_path(assignment.body, "properties.policyDefinitionId"))
        if definitions is None or any(_deploys(d, types) for d in definitions):
            return Val(Unknown("a policy assignment may deploy it (deployIfNotExists)"), ())
    for deployment in ctx.model.of_type(DEPLOYMENT):
        if deployment.condition is not False and _read_path(deployment.body, "properties.templateLink") is not None:
            return Val(Unknown("a linked template that is not linted may deploy it"), ())
    return Val(False, ())


def fn_scope(ctx: Context) -> Val:
    """The id (or Unknown) of the resource an extension resource attaches to; null for any other."""
    return Val(ctx.resource.scope, ())


def id_type(value: object) -> object:
    """`/subscriptions/../providers/Microsoft.Network/networkSecurityGroups/nsg` -> its resource type."""
    value = _id_of(value)
    if is_unknown(value):
        return value
    parsed = parse_resource_id(value) if isinstance(value, str) else None
    return parsed[0] if parsed else None


def id_name(value: object) -> object:
    """The last name segment of a resource id or a full resource name (`srv/master` -> `master`)."""
    if is_unknown(value) or not isinstance(value, str):
        return value
    parsed = parse_resource_id(value)
    return (parsed[1] if parsed else value).rsplit("/", 1)[-1]


def keys(value: object) -> object:
    """The keys of an object (a `sites/config` `appsettings` map); Unknown when it is unknown."""
    if is_unknown(value):
        return value
    if isinstance(value, dict):
        return list(value)
    return []


PATH_FUNCTIONS = {
    "targeting": (fn_targeting, 1, 3),
    "children": (fn_children, 1, 1),
    "attached": (fn_attached, 1, 1),
    "deployed_elsewhere": (fn_deployed_elsewhere, 1, 1),
    "scope": (fn_scope, 0, 0),
}

HELPERS = {
    "id_type": (id_type, 1, 1),
    "id_name": (id_name, 1, 1),
    "keys": (keys, 1, 1),
}
