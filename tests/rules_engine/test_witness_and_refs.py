"""Witness paths (which property made a condition true) and following references."""

from __future__ import annotations

from linter.model import Model, Unknown

from .support import evaluate, make_resource, verdict

NSG_BODY = {
    "properties": {
        "securityRules": [
            {"name": "a", "properties": {"destinationPortRange": "80"}},
            {"name": "b", "properties": {"destinationPortRange": "443"}},
            {"name": "c", "properties": {"destinationPortRange": "22", "sourceAddressPrefix": "*"}},
        ]
    }
}


def test_comparison_witness_is_the_compared_property():
    result = evaluate("any(r in properties.securityRules[*]: r.properties.destinationPortRange == '22')",
                      NSG_BODY)
    assert result.value is True
    assert result.path == ("properties", "securityRules", 2, "properties", "destinationPortRange")


def test_and_witness_is_the_last_operand_testing_a_present_property():
    result = evaluate("exists(properties) and properties.securityRules[2].properties.sourceAddressPrefix == '*'",
                      NSG_BODY)
    assert result.path == ("properties", "securityRules", 2, "properties", "sourceAddressPrefix")
    result = evaluate("properties.securityRules[2].properties.sourceAddressPrefix == '*' and exists(properties)"
                      " and not exists(properties.securityRules[0].properties.x.y)", NSG_BODY)
    assert result.path == ("properties",)


def test_or_witness_is_the_true_operand():
    result = evaluate("properties.securityRules[0].name == 'x' or properties.securityRules[1].name == 'b'",
                      NSG_BODY)
    assert result.path == ("properties", "securityRules", 1, "name")


def test_not_exists_witness_is_nearest_existing_parent():
    assert evaluate("not exists(properties.securityRules[0].properties.nsg.id)", NSG_BODY).path == (
        "properties", "securityRules", 0, "properties")
    assert evaluate("not exists(sku.capacity)", NSG_BODY).path == ()


def test_witness_uses_the_key_as_written():
    body = {"Properties": {"AvailabilitySet": {"ID": "x"}}}
    assert evaluate("exists(properties.availabilitySet.id)", body).path == ("Properties", "AvailabilitySet", "ID")


def test_undecided_witness_points_at_the_unknown():
    body = {"properties": {"a": 1, "b": Unknown("param")}}
    result = evaluate("properties.a == 1 and properties.b == 2", body)
    assert isinstance(result.value, Unknown)
    assert result.path == ("properties", "b")


def test_helper_result_carries_the_argument_path():
    result = evaluate("any(r in properties.securityRules[*]: port_in(r.properties.destinationPortRange, 22))",
                      NSG_BODY)
    assert result.path == ("properties", "securityRules", 2, "properties", "destinationPortRange")


SUBNET_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/web"


def _nic(subnet_id):
    return make_resource("Microsoft.Network/networkInterfaces", "nic", {
        "properties": {"ipConfigurations": [{"name": "ipc", "properties": {"subnet": {"id": subnet_id}}}]}})


def test_ref_follows_a_declared_resource():
    nic = _nic(SUBNET_ID)
    subnet = make_resource("Microsoft.Network/virtualNetworks/subnets", "vnet/web",
                           {"properties": {"networkSecurityGroup": {"id": "nsg-id"}}})
    model = Model([nic, subnet])
    expr = "ref(properties.ipConfigurations[0].properties.subnet.id).properties.networkSecurityGroup.id"
    result = evaluate(expr, resource=nic, model=model)
    assert result.value == "nsg-id"
    # the witness stays at the reference inside this resource
    assert result.path == ("properties", "ipConfigurations", 0, "properties", "subnet", "id")
    assert evaluate("ref(properties.ipConfigurations[0].properties.subnet).name", resource=nic,
                    model=model).value is None  # {id: ...} shape is followed too; the subnet body has no name


def test_ref_outside_the_linted_files_is_unknown_and_absent_is_null():
    nic = _nic(SUBNET_ID)
    model = Model([nic])
    assert verdict("exists(ref(properties.ipConfigurations[0].properties.subnet.id).properties.x)",
                   resource=nic, model=model) is None
    assert evaluate("ref(properties.nothing.id)", resource=nic, model=model).value is None
    assert verdict("exists(ref(properties.nothing.id).properties.x)", resource=nic, model=model) is False


def test_ref_to_existing_resource_is_unknown():
    nic = _nic(SUBNET_ID)
    subnet = make_resource("Microsoft.Network/virtualNetworks/subnets", "vnet/web", {}, existing=True)
    assert verdict("exists(ref(properties.ipConfigurations[0].properties.subnet.id).properties.nsg)",
                   resource=nic, model=Model([nic, subnet])) is None


def test_referrers_lists_resources_of_a_type_pointing_here():
    target = make_resource("Microsoft.Storage/storageAccounts", "st1", {})
    setting = make_resource("Microsoft.Insights/diagnosticSettings", "diag", {"properties": {"logs": []}},
                            scope="/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1")
    other = make_resource("Microsoft.Storage/storageAccounts", "st2", {})
    model = Model([target, setting, other])
    assert evaluate("count(referrers('Microsoft.Insights/diagnosticSettings'))", resource=target,
                    model=model).value == 1
    assert evaluate("count(referrers('microsoft.insights/DIAGNOSTICSETTINGS'))", resource=other,
                    model=model).value == 0
    assert verdict("any(d in referrers('Microsoft.Insights/diagnosticSettings'): exists(d.properties.logs))",
                   resource=target, model=model) is True


def test_a_present_property_is_a_better_witness_than_an_absence():
    body = {"p": {"pub": {"id": "x"}, "sub": {"id": "y", "deep": {}}}}
    result = evaluate("exists(p.pub) and not exists(p.sub.deep.nsg.id)", body)
    assert result.path == ("p", "pub")
    assert evaluate("not exists(p.pub.nsg) and not exists(p.sub.deep.nsg)", body).path == ("p", "sub", "deep")
