"""Inline suppressions in each format, reasons, unused-suppression findings, and the comment tokenizer."""

from __future__ import annotations

import pytest

from linter.suppress import (
    UNUSED_SUPPRESSION,
    apply_suppressions,
    parse_directives,
    parse_rule_list,
    scan_comments,
)

from .conftest import ALL_PORTS, NO_AVSET, RULES, SSH, finding, resource, write

JSONC = """\
{
  "resources": [
    {
      // azlint-disable-next-line AZ804 jump host, reviewed 2026-05
      "type": "Microsoft.Network/networkSecurityGroups",
      "name": "nsg-a",
      "properties": {
        "securityRules": [
          // azlint-disable-next-line nsg-all-ports-open
          // (several comment lines may sit between)

          { "name": "all", "url": "https://example.com//x" }
        ]
      }
    }
  ]
}
"""


def test_jsonc_next_line_covers_the_next_code_line_with_and_without_reason(tmp_path):
    path = write(tmp_path, "main.jsonc", JSONC)
    nsg = resource(path, 5, fmt="arm")
    ssh = finding(nsg, SSH, line=5)
    all_ports = finding(nsg, ALL_PORTS, line=12)
    other = finding(nsg, NO_AVSET, line=12)
    unused = apply_suppressions([ssh, all_ports, other], active_rules=RULES)
    assert (ssh.suppressed, ssh.suppression) == (True, "jump host, reviewed 2026-05")
    assert (all_ports.suppressed, all_ports.suppression) == (True, "")
    assert other.suppressed is False
    assert unused == []


def test_bicep_comment_above_a_resource_covers_all_its_findings(tmp_path):
    path = write(tmp_path, "main.bicep", """\
// azlint-disable-next-line AZ804, AZ805 managed by the platform team
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-05-01' = {
  name: 'nsg'
  properties: {
    securityRules: [
      { name: 'ssh' } // azlint-disable-line AZ801 -- not this rule's place
    ]
  }
}
""")
    nsg = resource(path, 2)
    ssh, all_ports = finding(nsg, SSH, line=6), finding(nsg, ALL_PORTS, line=9)
    unused = apply_suppressions([ssh, all_ports], active_rules=RULES)
    assert ssh.suppressed and all_ports.suppressed
    assert ssh.suppression == "managed by the platform team"
    assert [(u.rule.id, u.location.line, u.message) for u in unused] == [
        ("AZ001", 6, "suppression of AZ801 matches no finding")]


def test_file_level_suppression(tmp_path):
    path = write(tmp_path, "main.bicep", "// azlint-disable-file AZ804 lab subscription\n\nresource a 'x' = {}\n")
    nsg = resource(path, 3)
    ssh, all_ports = finding(nsg, SSH, line=3), finding(nsg, ALL_PORTS, line=3)
    assert apply_suppressions([ssh, all_ports], active_rules=RULES) == []
    assert (ssh.suppressed, ssh.suppression) == (True, "lab subscription")
    assert all_ports.suppressed is False


def test_strict_json_metadata_suppresses_that_resource_only(tmp_path):
    path = write(tmp_path, "azuredeploy.json", "{}\n")
    body = {"metadata": {"azlint": {"ignore": ["AZ804", "nsg-all-ports-open"], "reason": "honeypot"}}}
    marked = resource(path, 5, name="nsg-honeypot", body=body, fmt="arm")
    plain = resource(path, 20, name="nsg-web", fmt="arm")
    findings = [finding(marked, SSH), finding(marked, ALL_PORTS), finding(marked, NO_AVSET), finding(plain, SSH)]
    apply_suppressions(findings, active_rules=RULES)
    assert [(f.suppressed, f.suppression) for f in findings] == [
        (True, "honeypot"), (True, "honeypot"), (False, None), (False, None)]


def test_metadata_without_reason_and_with_a_single_string(tmp_path):
    path = write(tmp_path, "azuredeploy.json", "{}\n")
    res = resource(path, 5, body={"metadata": {"azlint": {"ignore": "AZ804"}}}, fmt="arm")
    hit = finding(res, SSH)
    apply_suppressions([hit])
    assert (hit.suppressed, hit.suppression) == (True, "")


TERRAFORM = """\
# azlint:ignore AZ804 bastion subnet only
resource "azurerm_network_security_group" "a" {
  name = "a"
}

resource "azurerm_network_security_group" "b" {
  name = "b"
  // azlint:ignore AZ805
  security_rule {
    destination_port_range = "*" # azlint:ignore AZ801 wrong rule here
  }
  tags = { note = "# azlint:ignore AZ804 inside a string is no comment" }
}
"""


def test_terraform_above_a_block_covers_the_resource(tmp_path):
    path = write(tmp_path, "main.tf", TERRAFORM)
    a = resource(path, 2, name="a", fmt="terraform")
    ssh = finding(a, SSH, line=3)
    apply_suppressions([ssh], active_rules=[SSH])
    assert (ssh.suppressed, ssh.suppression) == (True, "bastion subnet only")


def test_terraform_above_and_on_an_attribute(tmp_path):
    path = write(tmp_path, "main.tf", TERRAFORM)
    b = resource(path, 6, name="b", fmt="terraform")
    block = finding(b, ALL_PORTS, line=9)  # the nested block line under the comment
    same_line = finding(b, NO_AVSET, line=10)
    elsewhere = finding(b, SSH, line=12)  # the string is not a comment: nothing covers this
    unused = apply_suppressions([block, same_line, elsewhere], active_rules=RULES)
    assert (block.suppressed, block.suppression) == (True, "")
    assert (same_line.suppressed, same_line.suppression) == (True, "wrong rule here")
    assert elsewhere.suppressed is False
    assert [u.location.line for u in unused] == [1]  # the AZ804 comment above resource "a": a has no finding


def test_terraform_file_level_and_double_slash(tmp_path):
    path = write(tmp_path, "main.tf", '// azlint:ignore-file vm-not-in-availability-set sandbox\nresource "x" "y" {}\n')
    vm = finding(resource(path, 2, fmt="terraform"), NO_AVSET, line=2)
    apply_suppressions([vm])
    assert (vm.suppressed, vm.suppression) == (True, "sandbox")


def test_unused_only_for_rules_that_ran(tmp_path):
    path = write(tmp_path, "main.bicep", "// azlint-disable-next-line AZ804, AZ805 old\nresource a 'x' = {}\n")
    unused = apply_suppressions([], active_rules=[SSH])  # AZ805 deselected: its suppression cannot be judged
    assert unused == []  # no finding read the file...
    unused = apply_suppressions([finding(resource(path, 2), NO_AVSET)], active_rules=[SSH])
    assert [(u.rule, u.message, u.location.line, u.location.column, u.severity) for u in unused] == [
        (UNUSED_SUPPRESSION, "suppression of AZ804 matches no finding", 1, 1, "warning")]
    assert unused[0].resource.name == "azlint-disable-next-line AZ804, AZ805"
    assert apply_suppressions([finding(resource(path, 2), NO_AVSET)], active_rules=None) == []


def test_a_directive_without_rules_is_reported(tmp_path):
    path = write(tmp_path, "main.bicep", "// azlint-disable-next-line\nresource a 'x' = {}\n")
    unused = apply_suppressions([finding(resource(path, 2), SSH)], active_rules=RULES)
    assert [u.message for u in unused] == ["suppression names no rule"]


def test_each_file_is_read_once(tmp_path):
    path = write(tmp_path, "main.bicep", "resource a 'x' = {}\n")
    reads = []

    def read(p):
        reads.append(p)
        return path.read_text()

    res = resource(path, 1)
    apply_suppressions([finding(res, SSH), finding(res, ALL_PORTS), finding(res, NO_AVSET)], read_text=read)
    assert reads == [str(path)]


def test_unreadable_files_suppress_nothing(tmp_path):
    hit = finding(resource(tmp_path / "gone.bicep", 1), SSH)
    assert apply_suppressions([hit], active_rules=RULES) == []
    assert hit.suppressed is False


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        (" AZ804 reason text", (("AZ804",), "reason text")),
        (" AZ804,AZ805", (("AZ804", "AZ805"), "")),
        (" AZ804 , nsg-all-ports-open: because", (("AZ804", "nsg-all-ports-open"), "because")),
        (" AZ804 -- why", (("AZ804",), "why")),
        ("", ((), "")),
        (" (why)", ((), "(why)")),
    ],
)
def test_rule_lists(rest, expected):
    assert parse_rule_list(rest) == expected


@pytest.mark.parametrize(
    ("syntax", "text", "bodies"),
    [
        ("bicep", "var a = 'http://x' // c1\nvar b = '${'//'}' /* c2 */\n", ["c1", "c2"]),
        ("bicep", "var m = '''\n// no\n'''\n// yes\n", ["yes"]),
        ("bicep", "var e = 'it\\'s // no'\n", []),
        ("hcl", 'a = "${f("#")}" # c1\nb = <<EOT\n# no\nEOT\n// c2\n', ["c1", "c2"]),
        ("hcl", 'a = <<-EOT\n  # no\n  EOT\n/* c3\n*/', ["c3"]),
        ("json", '{"a": "//no", "b": "\\"//no"} // c1', ["c1"]),
    ],
)
def test_comment_scanner_ignores_strings(syntax, text, bodies):
    assert [c.body for c in scan_comments(text, syntax)] == bodies


def test_unterminated_input_never_crashes():
    for text in ("'abc", "/* open", "a = <<EOT\nno end", "x = '${ 'y", '"${'):
        for syntax in ("bicep", "hcl", "json"):
            scan_comments(text, syntax)
            parse_directives("f." + {"bicep": "bicep", "hcl": "tf", "json": "jsonc"}[syntax], text)


def test_unused_suppressions_in_files_without_findings(tmp_path):
    quiet = write(tmp_path, "quiet.tf", 'resource "x" "y" {\n  port = "23" # azlint:ignore AZ804 lab\n}\n')
    plain = write(tmp_path, "plain.tf", 'resource "x" "z" {}\n')
    unused = apply_suppressions([], active_rules=RULES, files=[str(quiet), str(plain)])
    assert [(u.location.file, u.location.line, u.message) for u in unused] == [
        (str(quiet), 2, "suppression of AZ804 matches no finding")]
    assert apply_suppressions([], active_rules=None, files=[str(quiet)]) == []


def test_json_strings_may_hold_raw_line_breaks():
    text = '{"a": "line one\nline two // not a comment", "b": 1} // c1\n'
    assert [c.body for c in scan_comments(text, "json")] == ["c1"]
