"""The built-in rules AZ801, AZ803, AZ804, AZ805 on hand-built models."""

from __future__ import annotations

import pytest

from linter.model import Model, Unknown
from linter.rules.engine import run_rules
from linter.rules.loader import load_rules

from .support import make_resource

NSG = "Microsoft.Network/networkSecurityGroups"
NIC = "Microsoft.Network/networkInterfaces"
VM = "Microsoft.Compute/virtualMachines"
VMSS = "Microsoft.Compute/virtualMachineScaleSets"
SUBNET = "Microsoft.Network/virtualNetworks/subnets"
SUBNET_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/web"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def run(rules, rule_id, *resources, options=None, undecided=True):
    result = run_rules(Model(resources), [rules.get(rule_id)], options, include_undecided=undecided)
    assert result.internal_errors == []
    return result.findings


def sec_rule(name="r", **props):
    base = {"access": "Allow", "direction": "Inbound", "protocol": "Tcp", "priority": 100,
            "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*"}
    base.update(props)
    return {"name": name, "properties": {k: v for k, v in base.items() if v is not None}}


def nsg(*security_rules, name="nsg-bastion"):
    return make_resource(NSG, name, {"properties": {"securityRules": list(security_rules)}})


# ---- AZ804 -------------------------------------------------------------------


def test_az804_ssh_from_internet(rules):
    [finding] = run(rules, "AZ804", nsg(sec_rule("allow-ssh", destinationPortRange="22")))
    assert finding.message == ("NSG rule 'allow-ssh' in 'nsg-bastion' allows TCP 22 from Internet; "
                               "restrict the source or use Azure Bastion")
    assert finding.path == ("properties", "securityRules", 0, "properties", "destinationPortRange")
    assert not finding.undecided and finding.severity == "error"


@pytest.mark.parametrize(
    "props",
    [
        {"destinationPortRanges": ["80", "3380-3390"]},
        {"sourceAddressPrefix": None, "sourceAddressPrefixes": ["10.0.0.0/8", "0.0.0.0/0"],
         "destinationPortRange": "5986"},
        {"protocol": "*", "sourceAddressPrefix": "any", "destinationPortRange": "5985"},
        {"protocol": "Udp", "destinationPortRange": "3389"},
        {"direction": "inbound", "access": "allow", "protocol": "tcp", "destinationPortRange": "20-30"},
    ],
)
def test_az804_flags(rules, props):
    assert len(run(rules, "AZ804", nsg(sec_rule(**props)))) == 1


@pytest.mark.parametrize(
    "props",
    [
        {"destinationPortRange": "443"},
        {"destinationPortRange": "22", "sourceAddressPrefix": "10.0.0.0/8"},
        {"destinationPortRange": "22", "sourceAddressPrefix": "VirtualNetwork"},
        {"destinationPortRange": "22", "access": "Deny"},
        {"destinationPortRange": "22", "direction": "Outbound"},
        {"destinationPortRange": "22", "protocol": "Udp"},  # SSH has no UDP listener
        {"destinationPortRange": "22", "protocol": "Icmp"},
        {"destinationPortRange": "*"},  # all ports: AZ805's finding, not reported twice
        {"destinationPortRanges": ["22", "0-65535"]},
    ],
)
def test_az804_passes(rules, props):
    assert run(rules, "AZ804", nsg(sec_rule(**props))) == []


def test_az804_unknown_source_is_undecided(rules):
    resource = nsg(sec_rule("p", sourceAddressPrefix=Unknown("parameter"), destinationPortRange="22"))
    assert run(rules, "AZ804", resource, undecided=False) == []
    [finding] = run(rules, "AZ804", resource)
    assert finding.undecided and finding.level == "note"
    assert "from <unknown>" in finding.message


def test_az804_unknown_ports_or_rules_list(rules):
    resource = nsg(sec_rule(destinationPortRange=Unknown("parameter")))
    assert [f.undecided for f in run(rules, "AZ804", resource)] == [True]
    # a wholly unknown rule list leaves `where` undecided: the check does not apply
    unknown_list = make_resource(NSG, "n", {"properties": {"securityRules": Unknown("copy loop")}})
    assert run(rules, "AZ804", unknown_list) == []


def test_az804_ports_option_override(rules):
    resource = nsg(sec_rule(destinationPortRange="8080"))
    assert run(rules, "AZ804", resource) == []
    assert len(run(rules, "AZ804", resource, options={"AZ804": {"ports": [8080]}})) == 1


def test_az804_one_finding_per_security_rule(rules):
    resource = nsg(sec_rule("a", destinationPortRange="22"), sec_rule("b", destinationPortRange="80"),
                   sec_rule("c", destinationPortRanges=["3389", "22"]))
    findings = run(rules, "AZ804", resource)
    assert sorted(f.path[2] for f in findings) == [0, 2]
    assert any("allows TCP 22, 3389 from Internet" in f.message for f in findings)


# ---- AZ805 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("props", "count"),
    [
        ({"destinationPortRange": "*", "protocol": "*", "sourceAddressPrefix": "*"}, 1),
        ({"destinationPortRange": "0-65535"}, 1),
        ({"destinationPortRanges": ["80", "*"], "protocol": "Udp"}, 1),
        ({"destinationPortRange": "*", "sourceAddressPrefix": "10.0.0.0/8"}, 0),
        ({"destinationPortRange": "*", "access": "Deny"}, 0),
        ({"destinationPortRange": "*", "protocol": "Icmp"}, 0),
        ({"destinationPortRange": "1-65535"}, 0),
        ({"destinationPortRange": "22"}, 0),
    ],
)
def test_az805(rules, props, count):
    findings = run(rules, "AZ805", nsg(sec_rule("allow-all", **props)))
    assert len(findings) == count
    if count:
        assert "on all ports from" in findings[0].message and not findings[0].undecided


def test_az805_unknown_protocol_is_undecided(rules):
    [finding] = run(rules, "AZ805", nsg(sec_rule(protocol=Unknown("p"), destinationPortRange="*")))
    assert finding.undecided


# ---- AZ803 -------------------------------------------------------------------


def nic(nsg_id=None, public=True, subnet_id=SUBNET_ID):
    props = {"subnet": {"id": subnet_id}} if subnet_id else {}
    if public:
        props["publicIPAddress"] = {"id": "/subscriptions/s/providers/Microsoft.Network/publicIPAddresses/pip"}
    body = {"properties": {"ipConfigurations": [{"name": "ipconfig1", "properties": props}]}}
    if nsg_id is not None:
        body["properties"]["networkSecurityGroup"] = {"id": nsg_id}
    return make_resource(NIC, "nic-web", body)


def subnet(with_nsg):
    props = {"networkSecurityGroup": {"id": "nsg"}} if with_nsg else {"addressPrefix": "10.0.0.0/24"}
    return make_resource(SUBNET, "vnet/web", {"properties": props})


def test_az803_public_ip_no_nsg_anywhere(rules):
    [finding] = run(rules, "AZ803", nic(), subnet(False))
    assert not finding.undecided
    assert finding.path == ("properties", "ipConfigurations", 0, "properties", "publicIPAddress")
    assert "'nic-web' has a public IP on 'ipconfig1'" in finding.message


def test_az803_passes_with_nsg_on_nic_or_subnet_or_without_public_ip(rules):
    assert run(rules, "AZ803", nic(nsg_id="nsg"), subnet(False)) == []
    assert run(rules, "AZ803", nic(), subnet(True)) == []
    assert run(rules, "AZ803", nic(public=False), subnet(False)) == []


def test_az803_subnet_not_declared_is_undecided(rules):
    [finding] = run(rules, "AZ803", nic())
    assert finding.undecided
    assert run(rules, "AZ803", nic(), undecided=False) == []
    existing = make_resource(SUBNET, "vnet/web", {}, existing=True)
    assert [f.undecided for f in run(rules, "AZ803", nic(), existing)] == [True]


def test_az803_no_subnet_reference_and_no_nsg_is_a_finding(rules):
    [finding] = run(rules, "AZ803", nic(subnet_id=None))
    assert not finding.undecided


def test_az803_unknown_nic_nsg_is_undecided(rules):
    [finding] = run(rules, "AZ803", nic(nsg_id=Unknown("if(...)")), subnet(False))
    assert finding.undecided


def _nic_config(nsg_id=None, public=True):
    ipc = {"name": "ipc", "properties": {"subnet": {"id": SUBNET_ID}}}
    if public:
        ipc["properties"]["publicIPAddressConfiguration"] = {"name": "pub", "properties": {}}
    config = {"name": "nic-config", "properties": {"ipConfigurations": [ipc]}}
    if nsg_id is not None:
        config["properties"]["networkSecurityGroup"] = {"id": nsg_id}
    return config


def test_az803_scale_set_nic_configuration(rules):
    def vmss(config):
        return make_resource(VMSS, "vmss", {"properties": {"virtualMachineProfile": {
            "networkProfile": {"networkInterfaceConfigurations": [config]}}}})

    [finding] = run(rules, "AZ803", vmss(_nic_config()), subnet(False))
    assert "Scale set 'vmss'" in finding.message and not finding.undecided
    assert run(rules, "AZ803", vmss(_nic_config(nsg_id="nsg")), subnet(False)) == []
    assert run(rules, "AZ803", vmss(_nic_config()), subnet(True)) == []
    assert run(rules, "AZ803", vmss(_nic_config(public=False)), subnet(False)) == []
    assert [f.undecided for f in run(rules, "AZ803", vmss(_nic_config()))] == [True]


def test_az803_vm_inline_nic_configuration(rules):
    vm = make_resource(VM, "vm", {"properties": {"networkProfile": {
        "networkInterfaceConfigurations": [_nic_config()]}}})
    [finding] = run(rules, "AZ803", vm, subnet(False))
    assert "Virtual machine 'vm'" in finding.message
    assert finding.path[:4] == ("properties", "networkProfile", "networkInterfaceConfigurations", 0)


# ---- AZ801 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"properties": {"hardwareProfile": {}}}, [False]),
        ({}, [False]),
        ({"properties": {"availabilitySet": {"id": "avset"}}}, []),
        ({"properties": {"virtualMachineScaleSet": {"id": "vmss"}}}, []),
        ({"properties": {}, "zones": ["1"]}, []),
        ({"properties": {}, "zones": []}, [False]),
        ({"properties": {"availabilitySet": Unknown("if()")}}, [True]),
        ({"properties": {}, "zones": Unknown("param")}, [True]),
    ],
)
def test_az801(rules, body, expected):
    findings = run(rules, "AZ801", make_resource(VM, "vm1", body))
    assert [f.undecided for f in findings] == expected
    if findings and not findings[0].undecided:
        assert findings[0].message.startswith("Virtual machine 'vm1' is in no availability set")
        assert findings[0].severity == "warning"


# ---- engine behaviour ----------------------------------------------------------


def test_engine_skips_existing_and_derived_resources(rules):
    existing = make_resource(VM, "old", {}, existing=True)
    derived = make_resource(VM, "view", {}, derived=True)
    conditional = make_resource(VM, "maybe", {}, condition=Unknown("param"))
    findings = run(rules, "AZ801", existing, derived, conditional)
    assert [f.resource.name for f in findings] == ["maybe"]


def test_engine_reports_internal_errors_and_continues(rules, monkeypatch):
    from linter.rules.language import function_tables
    from linter.rules.loader import load_file

    def boom(_value):
        raise RuntimeError("kaboom")

    monkeypatch.setitem(function_tables()[1], "source_is_any", (boom, 1, 1))

    az804 = load_file(rules.get("AZ804").info.source_file)  # compiled with the broken helper
    resources = [nsg(sec_rule(destinationPortRange="22")), make_resource(VM, "vm1", {})]
    result = run_rules(Model(resources), [az804, rules.get("AZ801")])
    assert [f.rule.id for f in result.findings] == ["AZ801"]
    [error] = result.internal_errors
    assert error.rule_id == "AZ804" and "kaboom" in error.message and "nsg-bastion" in error.resource


def test_findings_locate_the_witness_through_the_source_map(rules):
    from linter.model import Location, SourceMap, dict_lookup

    where = {("properties", "securityRules", 0, "properties", "destinationPortRange"): Location("t.json", 17, 9)}
    resource = nsg(sec_rule(destinationPortRange="22"))
    resource.source = SourceMap(Location("t.json", 3, 5), dict_lookup(where))
    [finding] = run(rules, "AZ804", resource)
    assert (finding.location.line, finding.location.column) == (17, 9)
