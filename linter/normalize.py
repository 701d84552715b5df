"""Format-independent clean-up of a deployment unit's resources before rules run.

ARM, Bicep and Terraform each let a user write the same thing in several
places. This module makes them one shape, so a rule has one place to look:

- a security rule declared as its own child resource
  (`Microsoft.Network/networkSecurityGroups/securityRules`, or Terraform's
  `azurerm_network_security_rule`) is appended to its NSG's
  `properties.securityRules`, keeping its own source location;
- a subnet written inline in a virtual network's `properties.subnets` becomes
  a derived `Microsoft.Network/virtualNetworks/subnets` resource too, so a
  NIC's `subnet.id` resolves to it (a separately declared subnet of the same
  name wins over the derived view).

A child whose condition is unknown is folded like any declared resource: a
declared resource is checked as written (the same choice the rule engine
makes for a conditional resource of its own); a child whose condition is
false was never emitted by the frontends.
"""

from __future__ import annotations

import copy

from linter.model import Model, Resource, SourceMap

# child type -> (parent type, the parent's array property that holds such children)
FOLDED_CHILDREN = {
    "microsoft.network/networksecuritygroups/securityrules": (
        "Microsoft.Network/networkSecurityGroups",
        "securityRules",
    ),
}

INLINE_CHILD_VIEWS = {
    # parent type -> (array property, child type)
    "microsoft.network/virtualnetworks": ("subnets", "Microsoft.Network/virtualNetworks/subnets"),
}


def build_model(resources: list[Resource]) -> Model:
    """The model rules read: declared resources plus derived views, children folded."""
    resources = [_own_body(r) for r in resources]
    derived = [view for r in resources for view in _inline_child_views(r)]
    model = Model(resources + derived)
    for child in resources:
        _fold_into_parent(model, child)
    return model


def _own_body(resource: Resource) -> Resource:
    # folding appends to parents' arrays; copy only the resources that can be folded into
    if resource.type.lower() in {parent.lower() for parent, _ in FOLDED_CHILDREN.values()}:
        resource.body = copy.copy(resource.body)
        if isinstance(resource.body.get("properties"), dict):
            resource.body["properties"] = copy.copy(resource.body["properties"])
    return resource


def _parent_name(name: object) -> str | None:
    if not isinstance(name, str) or "/" not in name:
        return None
    return name.rsplit("/", 1)[0]


def _fold_into_parent(model: Model, child: Resource) -> None:
    folded = FOLDED_CHILDREN.get(child.type.lower())
    if folded is None or child.condition is False:
        return
    parent_type, array_name = folded
    parent_name = _parent_name(child.name)
    if parent_name is None:
        return
    parent = model.resolve(
        f"/providers/{parent_type}/{parent_name}"  # same parsing as any resource id
    )
    if not isinstance(parent, Resource):
        return
    properties = parent.body.setdefault("properties", {})
    if not isinstance(properties, dict):
        return
    existing = properties.get(array_name)
    array = list(existing) if isinstance(existing, list) else []
    element = dict(child.body)
    element["name"] = child.name.rsplit("/", 1)[1] if isinstance(child.name, str) else child.name
    array.append(element)
    properties[array_name] = array
    parent.source.mount(("properties", array_name, len(array) - 1), child.source, ())


def _inline_child_views(parent: Resource) -> list[Resource]:
    spec = INLINE_CHILD_VIEWS.get(parent.type.lower())
    if spec is None or not isinstance(parent.name, str):
        return []
    array_name, child_type = spec
    elements = parent.properties.get(array_name)
    if not isinstance(elements, list):
        return []
    views = []
    for index, element in enumerate(elements):
        if not isinstance(element, dict) or not isinstance(element.get("name"), str):
            continue
        at = ("properties", array_name, index)
        source = SourceMap(lambda at=at: parent.source.locate(at))
        source.mount((), parent.source, ("properties", array_name, index))
        name = f"{parent.name}/{element['name']}"
        views.append(
            Resource(
                type=child_type,
                name=name,
                body=element,
                format=parent.format,
                source=source,
                id=_child_id(parent.id, child_type, element["name"]),
                symbol=f"{parent.symbol}.{array_name}[{index}]" if parent.symbol else None,
                condition=parent.condition,
                existing=parent.existing,
                derived=True,
            )
        )
    return views


def with_inline_child_ids(parent_type: str, parent_id: object, body: dict) -> dict:
    """A copy of `body` whose inline children (a VNet's subnets) carry the `id` ARM gives them.

    Frontends use it where a template reads `vnet.properties.subnets[0].id`.
    """
    spec = INLINE_CHILD_VIEWS.get(parent_type.lower())
    properties = body.get("properties")
    if spec is None or not isinstance(properties, dict) or not isinstance(properties.get(spec[0]), list):
        return body
    array_name, child_type = spec
    children = []
    for element in properties[array_name]:
        if isinstance(element, dict) and isinstance(element.get("name"), str) and "id" not in element:
            element = {**element, "id": _child_id(parent_id, child_type, element["name"])}
        children.append(element)
    return {**body, "properties": {**properties, array_name: children}}


def _child_id(parent_id: object, child_type: str, child_name: str) -> object:
    if not isinstance(parent_id, str):
        return parent_id
    return f"{parent_id}/{child_type.rsplit('/', 1)[1]}/{child_name}"
