"""Runtime values of Bicep evaluation that plain JSON values cannot express.

* `ScopeValue` (built by `scope_function`): what `resourceGroup('rg')`,
  `subscription()`, `managementGroup('mg')` and `tenant()` give: a deployment
  target, with the id prefix of what is deployed there (`base`) and the
  deployment-context fields a module deployed there sees (`context`).
* `resource_value`: what a resource's symbolic name gives (`vnet.id`,
  `vnet.name`, `vnet.properties.subnets[0]`): the declared body seen through
  `PartialObject`s, so a property the file does not set (a runtime output such
  as `properties.provisioningState`) is Unknown, never a guess.
* `BicepLambda`: `x => ...` before a function applies it.
* `LocationTable`: where each object key and array item built from the source
  was written, keyed by the identity of the built container, so that a
  resource body assembled from variables and loops still maps every path to
  the line the user wrote.
* `value_key` and `ValueCopier`: a comparable summary of a value (content,
  kinds and recorded positions) and deep copies that keep those positions,
  so that a module instance given the same inputs as an earlier one can be
  copied instead of evaluated again (see modules.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.model import Location, Unknown

from ..arm.expressions import PartialObject


class ScopeValue(PartialObject):
    """A deployment scope value; `base` is the id prefix of resources deployed into it."""

    base: object = ""
    kind: str = "resourceGroup"
    context: dict = {}  # DeploymentContext fields it sets (resource_group_name...)


def scope_value(kind: str, base: object, context: dict | None = None, **fields: object) -> ScopeValue:
    value = ScopeValue(**fields)
    value.base = base
    value.kind = kind
    value.context = context or {}
    return value


class ResourceValue(PartialObject):
    """A declared resource as its symbolic name evaluates (id, name, type, apiVersion, body)."""

    resource: object = None  # the linter.model.Resource it designates
    base: object = None  # the id prefix its children share


def partial(value: object) -> object:
    """A deep copy of a declared value where a missing property reads as Unknown.

    A property declared null reads as Unknown too: the deployed resource may
    well report a value (a default) for it.
    """
    if value is None:
        return Unknown("declared null; the deployed value may differ")
    if isinstance(value, dict) and not isinstance(value, PartialObject):
        return PartialObject({k: partial(v) for k, v in value.items()})
    if isinstance(value, list):
        return [partial(v) for v in value]
    return value


def resource_value(resource, body: dict, written_name: object) -> ResourceValue:
    from linter.normalize import with_inline_child_ids

    body = with_inline_child_ids(resource.type, resource.id, body)
    value = ResourceValue({k: partial(v) for k, v in body.items()})
    value.setdefault("properties", PartialObject())
    value["id"] = resource.id
    value["name"] = written_name
    value["type"] = resource.type
    if resource.api_version:
        value["apiVersion"] = resource.api_version
    value.resource = resource
    return value


@dataclass(frozen=True)
class BicepLambda:
    """`(a, b) => body`, closed over the environment it was written in."""

    params: tuple
    body: object
    env: dict


@dataclass
class LocationTable:
    """Positions of keys and items of containers built from source, by container identity."""

    entries: dict = field(default_factory=dict)  # id(container) -> (container, {key|index: Location})

    def record(self, container: object, where: dict) -> None:
        if where:
            self.entries[id(container)] = (container, where)

    def paths(self, value: object, prefix: tuple = ()) -> dict:
        """Every path below `value` whose key or item position is known (64 levels deep at most)."""
        found: dict = {}
        if isinstance(value, (dict, list)):
            self._walk(value, prefix, found, 0)
        return found

    def _walk(self, value: dict | list, prefix: tuple, found: dict, depth: int) -> None:
        entry = self.entries.get(id(value))
        where = entry[1] if entry is not None and entry[0] is value else None
        deeper = depth < 64
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            if where is not None and key in where:
                found[prefix + (key,)] = where[key]
            if deeper and isinstance(item, (dict, list)):
                self._walk(item, prefix + (key,), found, depth + 1)


def location_of(file: str, meta) -> Location:
    if meta is None or getattr(meta, "empty", True):
        return Location(file)
    return Location(file, meta.line, meta.column, meta.end_line, meta.end_column)


def scope_function(d, name: str, args: list) -> ScopeValue:
    """resourceGroup(...), subscription(...), managementGroup(...), tenant() (`name` lower case) in deployment `d`."""
    if any(isinstance(a, Unknown) for a in args):
        base = Unknown("the target scope is unknown")
        return scope_value(name, base, id=base, name=base)
    if name == "tenant":
        return scope_value("tenant", "", tenantId=d.tenant_id)
    if name == "managementgroup":
        group = args[0] if args else d.management_group_name
        base = f"/providers/Microsoft.Management/managementGroups/{group}"
        return scope_value("managementGroup", base, {"management_group_name": group}, id=base, name=group,
                           type="Microsoft.Management/managementGroups")
    if name == "subscription":
        sub = args[0] if args else d.subscription_id
        base = f"/subscriptions/{sub}"
        return scope_value("subscription", base, {"subscription_id": sub}, id=base, subscriptionId=sub,
                           tenantId=d.tenant_id)
    sub, group = (args[0], args[1]) if len(args) == 2 else (d.subscription_id, args[0] if args else None)
    group = d.resource_group_name if group is None else group
    base = f"/subscriptions/{sub}/resourceGroups/{group}"
    location = Unknown("resource group location")
    context = {"subscription_id": sub, "resource_group_name": group}
    return scope_value("resourceGroup", base, context, id=base, name=group,
                       type="Microsoft.Resources/resourceGroups", location=location)


class NotCopyable(Exception):
    """A value of a kind `value_key` or `ValueCopier` does not handle (the caller evaluates instead)."""


_SCALARS = (str, int, float, bool, type(None))


def value_key(value: object, table: LocationTable) -> object:
    """A comparable summary of an evaluated value: its content, the exact kind of each part, the
    positions recorded for each container and the identity of the resources it designates.

    Two values with equal keys are interchangeable as a module's inputs. Raises
    NotCopyable for a value of another kind (a lambda, a namespace...).
    """
    kind = type(value)
    if kind in _SCALARS:
        return kind, value
    if kind is Unknown:
        return Unknown, value.reason
    entry = table.entries.get(id(value))
    where = tuple(entry[1].items()) if entry is not None and entry[0] is value else None
    if kind is list:
        return list, where, tuple(value_key(item, table) for item in value)
    items = tuple((key, value_key(item, table)) for key, item in value.items()) if isinstance(value, dict) else None
    if kind is dict or kind is PartialObject:
        return kind, where, items
    if kind is ScopeValue:
        return kind, where, items, value.kind, value_key(value.base, table), value_key(value.context, table)
    if kind is ResourceValue:
        return kind, where, items, value.resource, value_key(value.base, table)
    raise NotCopyable(kind.__name__)


@dataclass
class ValueCopier:
    """Deep copies of evaluated values: containers are new (with their recorded positions copied),
    shared parts stay shared, and a `ResourceValue` of a resource in `resources` (id -> replacement)
    designates the replacement. Scalars and Unknowns are immutable and kept as they are.
    """

    locations: LocationTable
    resources: dict
    memo: dict = field(default_factory=dict)  # id(original container) -> its copy

    def copy(self, value: object) -> object:
        kind = type(value)
        if kind in _SCALARS or kind is Unknown:
            return value
        done = self.memo.get(id(value))
        if done is not None:
            return done
        if kind is list:
            new: object = []
            self.memo[id(value)] = new
            new.extend(self.copy(item) for item in value)
        elif kind is dict or kind is PartialObject or kind is ScopeValue or kind is ResourceValue:
            new = kind()
            self.memo[id(value)] = new
            for key, item in value.items():
                new[key] = self.copy(item)
            if kind is ScopeValue:
                new.base, new.kind, new.context = self.copy(value.base), value.kind, self.copy(value.context)
            elif kind is ResourceValue:
                new.resource = self.resources.get(id(value.resource), value.resource)
                new.base = self.copy(value.base)
        else:
            raise NotCopyable(kind.__name__)
        entry = self.locations.entries.get(id(value))
        if entry is not None and entry[0] is value:
            self.locations.record(new, entry[1])
        return new
