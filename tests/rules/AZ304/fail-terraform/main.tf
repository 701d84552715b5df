variable "owner_tags" {
  type    = list(string)
  default = ["costCenter", "owner"]
}

resource "azurerm_policy_definition" "deny_public_blob" { # expect: AZ304
  name         = "deny-public-blob"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "Deny public blob access"
  metadata     = jsonencode({ category = "Storage" })

  policy_rule = jsonencode({
    if   = { field = "Microsoft.Storage/storageAccounts/allowBlobPublicAccess", equals = true }
    then = { effect = "deny" }
  })
}

resource "azurerm_policy_definition" "require_tag" { # expect: AZ304
  for_each     = toset(var.owner_tags)
  name         = "require-tag-${each.key}"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "Require tag ${each.key}"
  description  = "Tagging standard T-1: every resource carries the ${each.key} tag."

  policy_rule = <<RULE
{
  "if": { "field": "[concat('tags[', '${each.key}', ']')]", "exists": "false" },
  "then": { "effect": "audit" }
}
RULE
}

resource "azurerm_management_group_policy_set_definition" "storage" {
  name                = "storage-baseline"
  policy_type         = "Custom"
  display_name        = "Storage baseline"
  management_group_id = "/providers/Microsoft.Management/managementGroups/contoso"
  description         = "Data standard DS-4 for storage accounts."
  metadata            = jsonencode({ version = "1.0.0" }) # expect: AZ304

  policy_definition_group {
    name     = "storage"
    category = "Storage"
  }

  policy_definition_reference {
    policy_definition_id = azurerm_policy_definition.deny_public_blob.id
    policy_group_names   = ["storage"]
  }
}
