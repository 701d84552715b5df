"""The ARM template function library, one module per family, in one registry."""

from . import (  # noqa: F401  (imported to register their functions)
    arrays,
    collections,
    dates,
    deployment,
    encoding,
    formatting,
    hashing,
    lambdas,
    logic,
    network,
    numeric,
    objects,
    resource_ids,
    strings,
)
from ._registry import MAX_ITEMS, MAX_STRING, REGISTRY, call_function

__all__ = ["MAX_ITEMS", "MAX_STRING", "REGISTRY", "call_function"]
