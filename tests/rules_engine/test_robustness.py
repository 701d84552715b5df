"""Any body shape, Unknown anywhere: the built-in rules never crash, and their verdicts are stable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.model import Model, Unknown
from linter.rules.engine import run_rules
from linter.rules.loader import load_rules

from .support import make_resource

KEYS = st.sampled_from([
    "properties", "securityRules", "ipConfigurations", "networkSecurityGroup", "id", "subnet", "name",
    "publicIPAddress", "access", "direction", "protocol", "sourceAddressPrefix", "destinationPortRange",
    "destinationPortRanges", "sourceAddressPrefixes", "availabilitySet", "zones", "networkProfile",
    "networkInterfaceConfigurations", "virtualMachineProfile", "publicIPAddressConfiguration",
])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 70000), st.sampled_from(
        ["*", "22", "0-65535", "3380-3390", "Internet", "Allow", "Inbound", "Tcp", "x-y", ""]),
    st.builds(Unknown, st.just("generated")),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=5)), max_leaves=30)
TYPES = st.sampled_from([
    "Microsoft.Network/networkSecurityGroups", "Microsoft.Network/networkInterfaces",
    "Microsoft.Compute/virtualMachines", "Microsoft.Compute/virtualMachineScaleSets",
])

RULES = list(load_rules())


@settings(max_examples=300, deadline=None)
@given(rtype=TYPES, body=st.dictionaries(KEYS, VALUES, max_size=4))
def test_rules_never_crash_on_any_body(rtype, body):
    result = run_rules(Model([make_resource(rtype, "r", body)]), RULES)
    assert result.internal_errors == []
    for finding in result.findings:
        assert isinstance(finding.message, str) and isinstance(finding.path, tuple)
