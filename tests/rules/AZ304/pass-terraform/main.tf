variable "policy_metadata" {
  type = string
}

resource "azurerm_policy_definition" "deny_public_blob" {
  name         = "deny-public-blob"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "Deny public blob access"
  description  = "Data standard DS-4: no storage account may allow anonymous blob reads."
  metadata     = jsonencode({ category = "Storage", version = "1.0.0" })

  policy_rule = jsonencode({
    if   = { field = "Microsoft.Storage/storageAccounts/allowBlobPublicAccess", equals = true }
    then = { effect = "deny" }
  })
}

# metadata from a variable without a value: undecided, not reported
resource "azurerm_policy_definition" "from_variable" {
  name         = "from-variable"
  policy_type  = "Custom"
  mode         = "All"
  display_name = "From a variable"
  description  = "Metadata supplied by the pipeline."
  metadata     = var.policy_metadata
  policy_rule  = jsonencode({ if = { field = "location", equals = "eastus" }, then = { effect = "audit" } })
}

resource "azurerm_policy_set_definition" "storage" {
  name         = "storage-baseline"
  policy_type  = "Custom"
  display_name = "Storage baseline"
  description  = "Data standard DS-4 for storage accounts."
  metadata     = <<META
{ "category": "Storage" }
META

  policy_definition_reference {
    policy_definition_id = azurerm_policy_definition.deny_public_blob.id
  }
}
