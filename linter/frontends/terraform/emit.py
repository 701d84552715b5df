"""Turn every resource instance of every module instance into a model `Resource`.

Mapped types get their ARM type, name, id and ARM-shaped body; `azapi_resource`
maps 1:1; unmapped types keep their Terraform type and carry their written
attributes under `properties`. Association resources are collected and folded
afterwards (`associations.py`). Data sources are never resources.
"""

from __future__ import annotations

from linter.frontends.terraform import associations
from linter.frontends.terraform.evaluate import LazyObject
from linter.frontends.terraform.instance import Expansion, ModuleInstance
from linter.frontends.terraform.mapping import azapi
from linter.frontends.terraform.mapping import lookup as mapping_for
from linter.frontends.terraform.mapping.base import Out, common
from linter.frontends.terraform.modules import Loader
from linter.frontends.terraform.view import BlockView, build_view, safe_evaluate
from linter.model import Location, Resource, SourceMap, Unknown, dict_lookup


def module_instances(root: ModuleInstance) -> list[ModuleInstance]:
    found, queue = [], [root]
    while queue:
        current = queue.pop(0)
        found.append(current)
        queue.extend(current.child_modules())
    return found


def emit(loader: Loader, root: ModuleInstance) -> list[Resource]:
    resources: list[Resource] = []
    pending: list[tuple[str, BlockView, Resource]] = []
    locations: dict[int, dict] = {}
    for instance in module_instances(root):
        for name in instance.config.locals:  # every local, so a cycle is reported even when unused
            instance.local(name)
        for decl in instance.config.resources:
            for expansion in instance.expansions(decl):
                block = decl.block
                view = build_view(block.body, expansion.scope, decl.file, block.line, block.column)
                resource, locs = _resource(loader, instance, expansion, view)
                if not getattr(instance, "known", True):
                    resource.condition = Unknown("the module's count/for_each is unknown")
                locations[id(resource)] = locs
                if decl.type in associations.FOLDERS:
                    pending.append((decl.type, view, resource))
                else:
                    resources.append(resource)
    resources.extend(associations.fold(pending, resources, locations))
    return resources


def _resource(loader: Loader, instance: ModuleInstance, expansion: Expansion, view: BlockView) -> tuple[Resource, dict]:
    decl = expansion.decl
    obj = instance.instance_object(expansion)
    out = Out()
    found = loader.identity(obj)
    api_version = None
    if decl.type == "azapi_resource":
        arm_type, api_version = azapi.split_type(view.get("type"))
        _build_azapi(expansion, view, out)
    else:
        mapping = mapping_for(decl.type)
        arm_type = mapping.arm_type if mapping else None
        if mapping is not None:
            mapping.build(view, out)
        else:
            _build_raw(view, out)
    source = SourceMap(view.location, dict_lookup(out.locs))
    if found is None or arm_type is None:
        name = view.get("name")
        return Resource(
            type=decl.type, name=name if isinstance(name, str) else Unknown(f"{expansion.address}.name"),
            body=out.body, format="terraform", source=source, id=None, symbol=expansion.address,
            condition=True if expansion.known else Unknown("count/for_each is unknown"),
        ), out.locs
    return Resource(
        type=arm_type, name=found.name, body=out.body, format="terraform", source=source, id=found.id,
        symbol=expansion.address, condition=True if expansion.known else Unknown("count/for_each is unknown"),
        scope=found.scope, api_version=api_version,
    ), out.locs


def _build_raw(view: BlockView, out: Out) -> None:
    """An unmapped type: written attributes and blocks under `properties`, as Terraform names them."""
    for name, value in view.attrs.items():
        out.put(("properties", name), value, view.loc(name))
    for kind, found in view.blocks.items():
        for i, block in enumerate(found):
            out.put(("properties", kind, i), _raw_block(block), block.location)


def _raw_block(view: BlockView) -> dict:
    data = dict(view.attrs)
    for kind, found in view.blocks.items():
        data[kind] = [_raw_block(b) for b in found]
    return data


def _build_azapi(expansion: Expansion, view: BlockView, out: Out) -> None:
    common(view, out)
    attr = expansion.decl.block.body.attributes.get("body")
    expr = azapi.body_expr(attr)
    if expr is None:
        return
    value = azapi.decode_body(safe_evaluate(expr, expansion.scope))
    if isinstance(value, LazyObject):
        value = value.materialize()
    if isinstance(value, dict):
        for key, item in value.items():
            out.body[key] = item
    elif isinstance(value, Unknown):
        out.body["properties"] = value
    locs: dict = {}
    azapi.expr_locations(expr, (), expansion.decl.file, locs)
    locs.pop((), None)
    out.locs.update(locs)
    out.locs.setdefault(("properties",), Location(expansion.decl.file, attr.line, attr.column))
