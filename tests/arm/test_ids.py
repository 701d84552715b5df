"""Types, names and ids as ARM composes them (linter.frontends.arm.ids)."""

from __future__ import annotations

import pytest

from linter.frontends.arm.ids import (
    full_name,
    full_type,
    resource_id,
    schema_scope,
    scope_base,
    split_legacy_extension,
)
from linter.frontends.arm.scope import DeploymentContext
from linter.model import Unknown

RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"


@pytest.mark.parametrize(
    ("parent", "written", "expected"),
    [
        (None, "Microsoft.Network/virtualNetworks", "Microsoft.Network/virtualNetworks"),
        ("Microsoft.Network/virtualNetworks", "subnets", "Microsoft.Network/virtualNetworks/subnets"),
        (
            "Microsoft.Network/virtualNetworks",
            "Microsoft.Network/virtualNetworks/subnets",
            "Microsoft.Network/virtualNetworks/subnets",
        ),
        (
            "Microsoft.Web/sites",
            "providers/diagnosticSettings",
            "Microsoft.Web/sites/providers/diagnosticSettings",
        ),
        (
            "Microsoft.Sql/servers",
            "databases/auditingSettings",
            "Microsoft.Sql/servers/databases/auditingSettings",
        ),
    ],
)
def test_full_type(parent, written, expected):
    assert full_type(parent, written) == expected


def test_full_name():
    assert full_name("vnet", "sn", "Microsoft.Network/virtualNetworks/subnets") == "vnet/sn"
    assert full_name("vnet", "vnet/sn", "Microsoft.Network/virtualNetworks/subnets") == "vnet/sn"
    assert isinstance(full_name(Unknown(), "sn", "Microsoft.Network/virtualNetworks/subnets"), Unknown)
    assert full_name(None, "x", "Microsoft.Storage/storageAccounts") == "x"


def test_legacy_extension_names():
    rtype, name, target = split_legacy_extension(
        "Microsoft.Sql/servers/databases/providers/diagnosticSettings", "srv/db/microsoft.insights/diag"
    )
    assert (rtype, name, target) == (
        "microsoft.insights/diagnosticSettings",
        "diag",
        ("Microsoft.Sql/servers/databases", "srv/db"),
    )
    assert split_legacy_extension("Microsoft.Network/virtualNetworks/subnets", "a/b") is None
    rtype, name, target = split_legacy_extension("Microsoft.Web/sites/providers/locks", Unknown())
    assert rtype == "Microsoft.Authorization/locks"  # namespace of a well-known extension type
    assert isinstance(name, Unknown) and isinstance(target[1], Unknown)
    assert split_legacy_extension("Microsoft.Web/sites/providers/somethingElse", Unknown()) is None


def test_resource_id():
    assert resource_id(RG, "Microsoft.Network/virtualNetworks/subnets", "v/s") == (
        f"{RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
    )
    assert resource_id("", "Microsoft.Management/managementGroups", "mg") == (
        "/providers/Microsoft.Management/managementGroups/mg"
    )
    assert isinstance(resource_id(RG, "Microsoft.Network/virtualNetworks/subnets", "v"), Unknown)
    assert isinstance(resource_id(Unknown(), "Microsoft.Network/virtualNetworks", "v"), Unknown)


def test_scope_base():
    context = DeploymentContext()
    assert scope_base("/", context) == ""
    assert scope_base(f"{RG}/providers/Microsoft.KeyVault/vaults/kv/", context) == (
        f"{RG}/providers/Microsoft.KeyVault/vaults/kv"
    )
    assert (
        scope_base("Microsoft.KeyVault/vaults/kv", context) == f"{RG}/providers/Microsoft.KeyVault/vaults/kv"
    )
    assert scope_base("Microsoft.Management/managementGroups/mg", context) == (
        "/providers/Microsoft.Management/managementGroups/mg"
    )
    assert isinstance(scope_base("not an id", context), Unknown)
    assert isinstance(scope_base(3, context), Unknown)


@pytest.mark.parametrize(
    ("schema", "kind"),
    [
        ("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resourceGroup"),
        (
            "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
            "subscription",
        ),
        (
            "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
            "managementGroup",
        ),
        ("https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#", "tenant"),
        (None, "resourceGroup"),
    ],
)
def test_schema_scope(schema, kind):
    assert schema_scope(schema) == kind
