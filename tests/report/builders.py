"""Hand-built RunResults for the reporter tests: rules with docs, resources with source maps."""

from __future__ import annotations

from pathlib import Path

from linter.findings import Finding, RuleInfo
from linter.model import InputError, Location, Resource, SourceMap, Unknown
from linter.result import RunResult

NSG_BICEP = """\
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-05-01' = {
  name: 'nsg-web'
  location: location
  properties: {
    securityRules: [
      {
        name: 'allow-ssh'
        properties: {
\t\tdestinationPortRange: '22'
          sourceAddressPrefix: '*'
        }
      }
    ]
  }
}
"""

STORAGE_JSON = """\
{
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "name": "stdata",
      "properties": { "minimumTlsVersion": "TLS1_0" }
    }
  ]
}
"""

NSG_RULE = RuleInfo(
    id="AZ804",
    slug="nsg-management-ports-open",
    title="NSG rule opens a management port to the internet",
    severity="error",
    guide_section="Secure remote access",
    help_uri="https://learn.microsoft.com/azure/security/fundamentals/operational-best-practices#secure",
    security_severity="8.1",
    docs={
        "flags": "Inbound NSG rules that allow SSH or RDP from any source.",
        "why": "Open management ports are the first thing attackers scan for.",
        "noncompliant": {"bicep": "destinationPortRange: '22'\nsourceAddressPrefix: '*'"},
        "compliant": {"bicep": "sourceAddressPrefix: '10.0.0.0/8'"},
        "fix": "Restrict the source, or use Azure Bastion.",
        "references": ["https://learn.microsoft.com/azure/bastion/"],
    },
)

TLS_RULE = RuleInfo(
    id="AZ501",
    slug="storage-old-tls",
    title="Storage account accepts TLS below 1.2",
    severity="warning",
    security_severity="5.5",
    docs={"flags": "minimumTlsVersion below TLS1_2.", "why": "Old TLS is weak.", "fix": "Set TLS1_2."},
)

UNUSED_RULE = RuleInfo(id="AZ901", slug="keyvault-purge-protection", title="Key Vault without purge protection",
                       severity="note", status="preview")


def nsg_resource(bicep: Path, rule_line: int = 9) -> Resource:
    locations = {
        ("properties", "securityRules", 0, "properties", "destinationPortRange"): Location(
            str(bicep), rule_line, 3
        ),
    }
    source = SourceMap(Location(str(bicep), 1, 1), lambda p: locations.get(tuple(p)))
    return Resource(
        type="Microsoft.Network/networkSecurityGroups",
        name="nsg-web",
        body={"properties": {"securityRules": [{"properties": {"destinationPortRange": "22"}}]}},
        format="bicep",
        source=source,
        symbol="nsg",
    )


def storage_resource(arm: Path) -> Resource:
    return Resource(
        type="Microsoft.Storage/storageAccounts",
        name=Unknown("parameter"),
        body={"properties": {"minimumTlsVersion": "TLS1_0"}},
        format="arm",
        source=SourceMap(Location(str(arm), 3, 5)),
        symbol="resources[0]",
    )


def finding(rule: RuleInfo, resource: Resource, message: str, path: tuple, **kw) -> Finding:
    return Finding(
        rule=rule,
        resource=resource,
        message=message,
        path=path,
        location=resource.source.locate(path),
        severity=kw.pop("severity", rule.severity),
        **kw,
    )


def write_project(root: Path) -> Path:
    """Real source files under root, so the text reporter can show code frames."""
    (root / "infra").mkdir(exist_ok=True)
    (root / "infra" / "nsg.bicep").write_text(NSG_BICEP)
    (root / "azuredeploy.json").write_text(STORAGE_JSON)
    return root


def build_result(root: Path, *, rule_line: int = 9, show_undecided: bool = False) -> RunResult:
    nsg = nsg_resource(root / "infra" / "nsg.bicep", rule_line)
    storage = storage_resource(root / "azuredeploy.json")
    port_path = ("properties", "securityRules", 0, "properties", "destinationPortRange")
    findings = [
        finding(NSG_RULE, nsg, "Inbound rule 'allow-ssh' opens port 22 to any source", port_path),
        finding(TLS_RULE, storage, "minimumTlsVersion is TLS1_0", ("properties", "minimumTlsVersion")),
        finding(TLS_RULE, storage, "Accepted risk", ("properties",), suppressed=True,
                suppression="legacy client, ticket OPS-12"),
        finding(NSG_RULE, nsg, "Old finding", ("properties",), suppressed=True,
                suppression="baseline: accepted 2026-01-01"),
        finding(NSG_RULE, nsg, "Source prefix depends on a parameter", ("properties", "securityRules", 0),
                undecided=True),
    ]
    errors = [
        InputError(str(root / "broken.json"), "Expected ',' or '}'", 4, 12),
        InputError(str(root / "main.bicep"), "linked template not fetched: https://x/y.json", kind="note"),
    ]
    return RunResult(
        root=str(root),
        findings=findings,
        errors=errors,
        rules=[TLS_RULE, NSG_RULE, UNUSED_RULE],
        files=3,
        resources=2,
        show_undecided=show_undecided,
    )
