"""Bad input never crashes: any truncation or corruption of a valid file is loaded or reported."""

from __future__ import annotations

import os
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.frontends.terraform import load_terraform

SOURCE = open(os.path.join(os.path.dirname(__file__), "fixtures", "network", "main.tf")).read()
NOISE = st.sampled_from(["{", "}", '"', "${", "[", "]", "(", ")", "=", "\n", "<<EOT\n", "%{", ".*", "...", "#"])


def _load(text: str):
    with tempfile.TemporaryDirectory() as directory:
        with open(os.path.join(directory, "main.tf"), "w") as handle:
            handle.write(text)
        return load_terraform(directory, [])


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(SOURCE)), noise=NOISE)
def test_corrupted_input_is_loaded_or_reported(cut, noise):
    unit = _load(SOURCE[:cut] + noise + SOURCE[cut:])
    for error in unit.errors:
        assert error.file.endswith("main.tf") and error.message


def test_storage_network_rules_resource_folds_into_the_account(load_source):
    unit, model = load_source({"main.tf": """
resource "azurerm_storage_account" "s" {
  name = "st"
  account_tier = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_storage_account_network_rules" "r" {
  storage_account_id = azurerm_storage_account.s.id
  default_action = "Deny"
  bypass = ["AzureServices"]
}
"""})
    (account,) = model.resources
    assert account.body["properties"]["networkAcls"] == {"defaultAction": "Deny", "bypass": "AzureServices"}
    assert account.source.locate(("properties", "networkAcls", "defaultAction")).line == 7


def test_too_deep_nesting_is_an_error_at_the_deepest_bracket(tmp_path):
    from linter.frontends.terraform import load_terraform

    (tmp_path / "main.tf").write_text("locals {\n  x = " + "[" * 3000 + "]" * 3000 + "\n}\n")
    unit = load_terraform(str(tmp_path), [])
    assert [(e.message, e.line, e.column) for e in unit.errors] == [("expression nested too deeply", 2, 3006)]
