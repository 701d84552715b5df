resource "azuread_conditional_access_policy" "report_only" {
  display_name = "Require MFA for all users"
  state        = "enabledForReportingButNotEnforced" # expect: AZ101

  conditions {
    client_app_types = ["all"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_users = ["All"]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["mfa"]
  }
}

locals {
  admin_roles = {
    global   = "62e90394-69f5-4237-9190-012177145e10"
    security = "194ae4cb-b126-40b2-bd5b-6091b380977d"
  }
}

resource "azuread_conditional_access_policy" "admins_phishing_resistant" {
  for_each     = local.admin_roles
  display_name = "Phishing-resistant MFA for ${each.key} admins"
  state        = "disabled" # expect: AZ101

  conditions {
    client_app_types = ["all"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_roles = [each.value]
    }
  }

  grant_controls {
    operator                          = "OR"
    authentication_strength_policy_id = "/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004"
  }
}
