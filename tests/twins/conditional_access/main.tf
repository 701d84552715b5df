# Conditional Access has no ARM twin (a Microsoft Graph object): expected.json is the model and the
# findings this module must give, written by hand.

# MFA in report-only mode: AZ101
resource "azuread_conditional_access_policy" "report_only" {
  display_name = "Require MFA (report-only)"
  state        = "enabledForReportingButNotEnforced"

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

# an authentication strength, disabled: AZ101
resource "azuread_conditional_access_policy" "strength_off" {
  display_name = "Phishing-resistant MFA for admins"
  state        = "disabled"

  conditions {
    client_app_types = ["all"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_roles = ["62e90394-69f5-4237-9190-012177145e10"]
    }
  }

  grant_controls {
    operator                          = "OR"
    authentication_strength_policy_id = "/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004"
  }
}

# enforced: passes
resource "azuread_conditional_access_policy" "enforced" {
  display_name = "Require MFA"
  state        = "enabled"

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
    operator          = "AND"
    built_in_controls = ["mfa", "compliantDevice"]
    terms_of_use      = ["00000000-0000-0000-0000-0000000000cc"]
  }
}

# blocks legacy clients, asks no MFA: passes although disabled
resource "azuread_conditional_access_policy" "legacy" {
  display_name = "Block legacy authentication"
  state        = "disabled"

  conditions {
    client_app_types = ["exchangeActiveSync", "other"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_users = ["All"]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["block"]
  }
}
