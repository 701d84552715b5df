"""Deployment, scope, resource id and date functions, with the placeholder rules of scope.py."""

from __future__ import annotations

import pytest

from linter.frontends.arm.expressions import ExpressionError
from linter.frontends.arm.scope import DeploymentContext
from linter.model import Unknown

from .helpers import ev

RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg1')]",
         f"{RG}/providers/Microsoft.Network/networkSecurityGroups/nsg1"),
        ("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'sn')]",
         f"{RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn"),
        ("[resourceId('otherRG', 'Microsoft.Storage/storageAccounts', 'sa')]",
         "/subscriptions/{subscriptionId}/resourceGroups/otherRG/providers/Microsoft.Storage/storageAccounts/sa"),
        ("[resourceId('1111', 'otherRG', 'Microsoft.Storage/storageAccounts', 'sa')]",
         "/subscriptions/1111/resourceGroups/otherRG/providers/Microsoft.Storage/storageAccounts/sa"),
        ("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]",
         "/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/abc"),
        ("[subscriptionResourceId('2222', 'Microsoft.Resources/resourceGroups', 'rg')]",
         "/subscriptions/2222/providers/Microsoft.Resources/resourceGroups/rg"),
        ("[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p')]",
         "/providers/Microsoft.Authorization/policyDefinitions/p"),
        ("[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')]",
         "/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p"),
        ("[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'sa'), "
         "'Microsoft.Authorization/locks', 'lock1')]",
         f"{RG}/providers/Microsoft.Storage/storageAccounts/sa/providers/Microsoft.Authorization/locks/lock1"),
        ("[resourceGroup().id]", RG),
        ("[resourceGroup().name]", "{resourceGroupName}"),
        ("[subscription().id]", "/subscriptions/{subscriptionId}"),
        ("[subscription().subscriptionId]", "{subscriptionId}"),
        ("[tenant().tenantId]", "{tenantId}"),
        ("[managementGroup('mg1').id]", "/providers/Microsoft.Management/managementGroups/mg1"),
    ],
)
def test_ids_use_placeholders(expression, expected):
    assert ev(expression) == expected


def test_resource_id_at_subscription_scope():
    dep = DeploymentContext(kind="subscription")
    assert ev("[resourceId('Microsoft.Resources/resourceGroups', 'rg')]", deployment=dep) == (
        "/subscriptions/{subscriptionId}/providers/Microsoft.Resources/resourceGroups/rg"
    )


def test_resource_id_at_tenant_scope():
    dep = DeploymentContext(kind="tenant")
    assert ev("[resourceId('Microsoft.Management/managementGroups', 'mg')]", deployment=dep) == (
        "/providers/Microsoft.Management/managementGroups/mg"
    )


def test_name_built_from_unique_string_matches_elsewhere():
    name = "[concat('st', uniqueString(resourceGroup().id))]"
    assert ev(name) == ev(name)
    assert ev(f"[resourceId('Microsoft.Storage/storageAccounts', {name[1:-1]})]").endswith(ev(name))


@pytest.mark.parametrize(
    "expression",
    [
        "[resourceGroup().location]",
        "[resourceGroup().tags]",
        "[deployment().name]",
        "[deployment().properties.templateLink.uri]",
        "[environment().suffixes.storage]",
        "[subscription().displayName]",
        "[reference('sa').primaryEndpoints.blob]",
        "[reference(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2021-01-01', 'Full').identity]",
        "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2021-01-01').keys[0].value]",
        "[listConnectionStrings('x', '2020-01-01')]",
        "[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')]",
        "[providers('Microsoft.Web', 'sites').apiVersions[0]]",
        "[utcNow()]",
        "[dateTimeAdd(utcNow(), 'P1D')]",
        "[resourceId('Microsoft.Storage/storageAccounts', parameters('u'))]",
    ],
)
def test_deployment_time_values_are_unknown(expression):
    assert isinstance(ev(expression), Unknown)


def test_reference_goes_through_the_scope_hook():
    calls = []

    def reference(target, api_version=None, full=False):
        calls.append((target, api_version, full))
        return {"properties": {"x": 1}} if full else {"x": 1}

    assert ev("[reference('nsg1', '2020-01-01').x]", reference=reference) == 1
    assert ev("[reference('nsg1', '2020-01-01', 'Full').properties.x]", reference=reference) == 1
    assert calls == [("nsg1", "2020-01-01", False), ("nsg1", "2020-01-01", True)]


def test_parameters_variables_and_copy_index():
    assert ev("[parameters('P')]", {"p": 3}) == 3
    assert ev("[variables('v')]", variables={"V": [1]}) == [1]
    assert ev("[copyIndex()]", copy_index=lambda name: 4) == 4
    assert ev("[copyIndex(1)]", copy_index=lambda name: 4) == 5
    assert ev("[copyIndex('loop', 2)]", copy_index=lambda name: {"loop": 1}[name]) == 3
    with pytest.raises(ExpressionError) as info:
        ev("[parameters('missing')]")
    assert info.value.function == "parameters"


@pytest.mark.parametrize(
    ("expression", "function"),
    [
        ("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]", "resourceId"),
        ("[resourceId('rg', 'noType')]", "resourceId"),
        ("[resourceId('a', 'b', 'c', 'Microsoft.X/y', 'n')]", "resourceId"),
        ("[tenantResourceId('rg', 'Microsoft.X/y', 'n')]", "tenantResourceId"),
    ],
)
def test_resource_id_errors(expression, function):
    with pytest.raises(ExpressionError) as info:
        ev(expression)
    assert info.value.function == function


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]", "2023-04-07T14:53:14Z"),
        ("[dateTimeAdd('2020-04-07 14:53:14Z', '-PT9H')]", "2020-04-07T05:53:14Z"),
        ("[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H')]", "2020-04-07T15:53:14Z"),
        ("[dateTimeAdd('2020-04-07 14:53:14Z', '-P9D')]", "2020-03-29T14:53:14Z"),
        ("[dateTimeAdd('2023-01-31 00:00:00Z', 'P1M')]", "2023-03-02T00:00:00Z"),
        ("[dateTimeAdd('2024-01-31 00:00:00Z', 'P1M')]", "2024-03-01T00:00:00Z"),
        ("[dateTimeAdd('2020-01-31T00:00:00Z', 'P1D', 'yyyy-MM-dd')]", "2020-02-01"),
        ("[dateTimeFromEpoch(1683040573)]", "2023-05-02T15:16:13Z"),
        ("[dateTimeToEpoch('2023-05-02T15:16:13Z')]", 1683040573),
        ("[dateTimeToEpoch(dateTimeAdd('2023-05-02T15:16:13Z', 'P1D'))]", 1683040573 + 86400),
    ],
)
def test_dates(expression, expected):
    assert ev(expression) == expected


def test_bad_duration_is_an_error():
    with pytest.raises(ExpressionError):
        ev("[dateTimeAdd('2020-01-01T00:00:00Z', '1 day')]")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("[parseCidr('10.144.0.0/20')]",
         {"network": "10.144.0.0", "netmask": "255.255.240.0", "broadcast": "10.144.15.255",
          "firstUsable": "10.144.0.1", "lastUsable": "10.144.15.254", "cidr": 20}),
        ("[parseCidr('fdad:3236:5555::/48')]",
         {"network": "fdad:3236:5555::", "netmask": "ffff:ffff:ffff::", "firstUsable": "fdad:3236:5555::",
          "lastUsable": "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff", "cidr": 48}),
        ("[map(range(0, 5), lambda('i', cidrSubnet('10.144.0.0/20', 24, lambdaVariables('i'))))]",
         ["10.144.0.0/24", "10.144.1.0/24", "10.144.2.0/24", "10.144.3.0/24", "10.144.4.0/24"]),
        ("[map(range(0, 3), lambda('i', cidrSubnet('fdad:3236:5555::/48', 52, lambdaVariables('i'))))]",
         ["fdad:3236:5555::/52", "fdad:3236:5555:1000::/52", "fdad:3236:5555:2000::/52"]),
        ("[map(range(0, 3), lambda('i', cidrHost('10.144.3.0/24', lambdaVariables('i'))))]",
         ["10.144.3.1", "10.144.3.2", "10.144.3.3"]),
        ("[cidrHost('fdad:3236:5555:3000::/52', 4)]", "fdad:3236:5555:3000::5"),
    ],
)
def test_cidr_documented_examples(expression, expected):
    assert ev(expression) == expected


@pytest.mark.parametrize(
    "expression",
    ["[parseCidr('10.0.0.0')]", "[parseCidr('nonsense/8')]", "[cidrSubnet('10.0.0.0/16', 8, 0)]",
     "[cidrSubnet('10.0.0.0/16', 24, 256)]", "[cidrHost('10.0.0.0/30', 2)]"],
)
def test_cidr_errors(expression):
    with pytest.raises(ExpressionError):
        ev(expression)


def test_newer_deployment_functions_are_unknown():
    assert isinstance(ev("[deployer().objectId]"), Unknown)
    assert isinstance(ev("[externalInput('sys.cli', 'x')]"), Unknown)
    assert isinstance(ev("[references('vms')]"), Unknown)
