"""ARM names and ids of Terraform resources, so `azurerm_x.y.id` resolves through `Model.resolve()`.

Ids use the ARM frontend's placeholders for what a template cannot know:
`/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/...`.
When a name segment is unknown (a computed or unset value), it is replaced by
`{<terraform address>}`: the resource's `name` is then that placeholder string
(not `Unknown`), because `Model` indexes resources by name and the reference
`azurerm_x.y.id` must still find the resource. The braces mark it as not a
real Azure name, like the subscription placeholders.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from linter.frontends.terraform.mapping.base import Mapping
from linter.model import parse_resource_id

SUBSCRIPTION_ID = "{subscriptionId}"
RESOURCE_GROUP_NAME = "{resourceGroupName}"
RG_PREFIX = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RESOURCE_GROUP_NAME}"


# A NamedTuple, not a frozen dataclass: cheaper to define at start-up (see linter.discover).
class Identity(NamedTuple):
    """A resource instance's ARM name and id (and scope, for extension resources)."""

    name: str
    name_known: bool
    id: str
    scope: object = None  # extension resources: the target id (str or Unknown)


def placeholder(address: str) -> str:
    return "{" + address.replace("/", "_") + "}"


def _segment(value: object, address: str) -> tuple[str, bool]:
    if isinstance(value, str) and value and "/" not in value:
        return value, True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value), True
    return placeholder(address), False


def _parent_name(spec: str, get: Callable) -> object:
    if spec.startswith("id:"):
        parsed = parse_resource_id(get(spec[3:]))
        return parsed[1] if parsed else None
    return get(spec)


def _prefix(mapping: Mapping, get: Callable) -> tuple[str, object]:
    """The id prefix before `/providers/`, and the extension target if any."""
    for option in mapping.scope.split("|"):
        if option == "resourceGroup":
            return RG_PREFIX, None
        if option == "subscription":
            return f"/subscriptions/{SUBSCRIPTION_ID}", None
        if option == "tenant":
            return "", None
        if option.startswith("attr:"):
            target = get(option[5:])
            if target is None:
                continue
            scope = target if mapping.extension else None
            if isinstance(target, str) and target.startswith("/"):
                return target.rstrip("/"), scope
            return RG_PREFIX, scope
    return RG_PREFIX, None


def compose_id(prefix: str, arm_type: str, name: str) -> str:
    namespace, *types = arm_type.split("/")
    names = name.split("/")
    pairs = []
    for i, rtype in enumerate(types):
        pairs.append(rtype)
        pairs.append(names[i] if i < len(names) else "default")
    return f"{prefix}/providers/{namespace}/" + "/".join(pairs)


def identity(mapping: Mapping, get: Callable, address: str) -> Identity:
    """`get(attr)` returns a written attribute's value, or None when it is not written."""
    raw = [_parent_name(p, get) for p in mapping.parents]
    raw.append(mapping.name(get) if mapping.name else get("name"))
    segments = [_segment(v, address) for v in raw]
    if len(segments) > 1 and isinstance(raw[0], str) and "/" in raw[0] and mapping.parents[0].startswith("id:"):
        segments[0] = (raw[0], True)  # a parent id can name a nested parent (server/db)
    name = "/".join(s for s, _ in segments)
    known = all(k for _, k in segments)
    prefix, scope = _prefix(mapping, get)
    return Identity(name, known, compose_id(prefix, mapping.arm_type, name), scope)
