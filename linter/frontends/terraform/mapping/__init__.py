"""Registry of Terraform resource type -> ARM mapping, one module per area.

`lookup(tf_type)` returns the `Mapping` or None (unmapped types keep their
Terraform type and a body of their raw attributes). `azapi_resource` is
handled by `azapi.py` (its ARM type is in its `type` attribute).
"""

from __future__ import annotations

from linter.frontends.terraform.mapping import compute, data, governance, monitor, network, security, web
from linter.frontends.terraform.mapping.base import Mapping

REGISTRY: dict[str, Mapping] = {}
for _area in (network, compute, data, web, monitor, governance, security):
    REGISTRY.update(_area.MAPPINGS)


def lookup(tf_type: str) -> Mapping | None:
    return REGISTRY.get(tf_type)
