"""The evaluation context an ARM expression is evaluated in.

The template layer builds a `Scope` per evaluation site (template body, a copy
loop iteration, a nested deployment, a user-defined function body) and hands it
to `expressions.evaluate`. Everything the expression language needs from the
outside world comes through this object, so the expression code never looks at
the template itself.

Deployment placeholders
-----------------------
Values fixed only at deployment time (subscription id, resource group name,
tenant id, deployment name, location) are `Unknown` when used as plain values,
with one deliberate exception: resource ids. Rules must be able to link a
`resourceId('Microsoft.Network/networkSecurityGroups', 'nsg1')` written in one
place to the NSG declared in another, so ids are strings built with fixed
symbolic placeholders:

    /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/...

`resourceGroup().id`, `resourceGroup().name`, `subscription().id`,
`subscription().subscriptionId` and `tenant().tenantId` evaluate to the same
placeholder strings (`{subscriptionId}`, `{resourceGroupName}`, `{tenantId}`),
so `uniqueString(resourceGroup().id)` is deterministic within one run and a
name built from it matches the same expression written elsewhere. Such names
are never shown as real values; they only serve identity. Location-like values
(`resourceGroup().location`, `deployment().location`) and the deployment name
stay `Unknown`, because rules may compare them to real values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from linter.model import Unknown

SUBSCRIPTION_ID = "{subscriptionId}"
RESOURCE_GROUP_NAME = "{resourceGroupName}"
TENANT_ID = "{tenantId}"
MANAGEMENT_GROUP_NAME = "{managementGroupName}"

SCOPE_KINDS = ("resourceGroup", "subscription", "managementGroup", "tenant")


@dataclass
class DeploymentContext:
    """Where the template is deployed, with placeholders for what is unknowable.

    `subscription_id`, `resource_group_name`, `tenant_id` and
    `management_group_name` are used in ids (strings); `location` and
    `deployment_name` are `Unknown` unless the caller knows them (a nested
    deployment with a literal name, for example).
    """

    kind: str = "resourceGroup"
    subscription_id: str = SUBSCRIPTION_ID
    resource_group_name: str = RESOURCE_GROUP_NAME
    tenant_id: str = TENANT_ID
    management_group_name: str = MANAGEMENT_GROUP_NAME
    location: object = field(default_factory=lambda: Unknown("deployment location"))
    deployment_name: object = field(default_factory=lambda: Unknown("deployment name"))

    @property
    def subscription_path(self) -> str:
        return f"/subscriptions/{self.subscription_id}"

    @property
    def resource_group_path(self) -> str:
        return f"{self.subscription_path}/resourceGroups/{self.resource_group_name}"

    @property
    def management_group_path(self) -> str:
        return f"/providers/Microsoft.Management/managementGroups/{self.management_group_name}"


def _unknown_reference(*args: object) -> object:
    return Unknown("reference() is only known after deployment")


def _no_copy_index(name: str | None) -> object:
    from .expressions import ExpressionError

    raise ExpressionError("copyIndex() used outside a copy loop", function="copyIndex")


def _undeclared(kind: str) -> Callable[[str], object]:
    def lookup(name: str) -> object:
        from .expressions import ExpressionError

        raise ExpressionError(f"{kind} '{name}' is not declared", function=kind + "s")

    return lookup


@dataclass
class Scope:
    """Callbacks and tables the expression evaluator reads.

    `parameter` / `variable`: name (case-insensitive) -> value or Unknown;
    they raise `ExpressionError` for an undeclared name. The template layer
    evaluates variables lazily and detects cycles.
    `copy_index`: loop name (or None for the innermost loop) -> index.
    `reference`: called as reference(target, api_version, full) for ARM's
    reference(target, apiVersion?, 'Full'?) (target: resource id, name or
    symbolic name); the template layer resolves declared resources or returns
    Unknown. list*() functions always give Unknown and never reach it.
    `user_functions`: "namespace.name" (lower case) -> the definition from the
    template's `functions` section (`{"parameters": [...], "output": {...}}`).
    `lambda_variables`: name (lower case) -> value, for lambdaVariables().
    """

    parameter: Callable[[str], object] = field(default_factory=lambda: _undeclared("parameter"))
    variable: Callable[[str], object] = field(default_factory=lambda: _undeclared("variable"))
    copy_index: Callable[[str | None], object] = _no_copy_index
    reference: Callable[..., object] = _unknown_reference
    user_functions: dict = field(default_factory=dict)
    deployment: DeploymentContext = field(default_factory=DeploymentContext)
    lambda_variables: dict = field(default_factory=dict)

    def with_copy_index(self, copy_index: Callable[[str | None], object]) -> Scope:
        """A copy of this scope with another copyIndex() (one per loop iteration).

        What `dataclasses.replace` gives, without its work per field: a Scope has no
        `__post_init__`, so copying its attributes is all a new one needs.
        """
        scope = object.__new__(type(self))
        scope.__dict__.update(self.__dict__)
        scope.copy_index = copy_index
        return scope

    def with_lambda_variables(self, bindings: dict) -> Scope:
        """A copy of this scope where the lambda parameters in `bindings` are visible."""
        merged = dict(self.lambda_variables)
        merged.update({k.lower(): v for k, v in bindings.items()})
        return replace(self, lambda_variables=merged)
