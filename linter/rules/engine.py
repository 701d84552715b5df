"""Run compiled rules over a `Model` and turn true (or undecided) checks into findings.

A check applies to the declared resources of its types (never `existing`
ones; `derived` views only when the check asks). With `for-each`, each
element is judged on its own and gets its own finding. A failure inside one
rule for one resource is recorded as an internal error and the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from linter.findings import Finding
from linter.model import Model, Resource, is_unknown
from linter.rules import evaluate as ev
from linter.rules.loader import Check, Rule


class InternalError(NamedTuple):
    """A rule that failed on a resource (a read-only record: cheaper to define at start-up than a dataclass)."""

    rule_id: str
    resource: str
    message: str
    detail: str = ""  # the traceback, shown with --debug

    def __str__(self) -> str:
        return f"{self.rule_id} on {self.resource}: {self.message}"


@dataclass
class EngineResult:
    """The findings of a run and the rules that failed on some resource."""

    findings: list[Finding] = field(default_factory=list)
    internal_errors: list[InternalError] = field(default_factory=list)


def run_rules(model: Model, rules, options_override: dict | None = None,
              include_undecided: bool = True) -> EngineResult:
    """Evaluate every rule on the model; undecided findings carry `undecided=True`."""
    result = EngineResult()
    by_type: dict[str, list[Resource]] = {}
    for resource in model:
        by_type.setdefault(resource.type.lower(), []).append(resource)
    plan = _plan_for(rules)
    # the (rule, check, type) steps this model's types call for, in the order rules, checks and
    # (sorted) types are listed: most of a unit's checks read types it does not have
    steps = sorted(step for rtype in by_type for step in plan.by_type.get(rtype, ()))
    overrides = options_override or {}
    rule_options: dict[int, dict] = {}
    for r, c, _, rtype in steps:
        rule = plan.rules[r]
        check = rule.checks[c]
        options = rule_options.get(r)
        if options is None:
            options = rule_options[r] = {**rule.options, **overrides.get(rule.id, {})}
        for resource in by_type[rtype]:
            if resource.existing or (resource.derived and not check.include_derived):
                continue
            try:
                found = check_resource(rule, check, resource, model, options)
            except Exception as exc:  # one broken rule must not stop the others
                result.internal_errors.append(_internal_error(rule, resource, exc))
                continue
            result.findings.extend(f for f in found if include_undecided or not f.undecided)
    result.findings.sort(key=Finding.sort_key)
    return result


class _Plan:
    """For each resource type, the (rule index, check index, type rank, type) steps that read it."""

    def __init__(self, rules: tuple) -> None:
        self.rules = rules
        self.by_type: dict[str, list[tuple]] = {}
        for r, rule in enumerate(rules):
            for c, check in enumerate(rule.checks):
                for t, rtype in enumerate(sorted(check.resource_types)):
                    self.by_type.setdefault(rtype, []).append((r, c, t, rtype))

    def fits(self, rules: tuple | list) -> bool:
        return len(rules) == len(self.rules) and all(a is b for a, b in zip(rules, self.rules, strict=True))


_last_plan: list[_Plan] = []  # the plan of the rules of the previous call: a run lints every unit with one list


def _plan_for(rules) -> _Plan:
    if not isinstance(rules, (list, tuple)):
        rules = list(rules)
    if _last_plan and _last_plan[0].fits(rules):
        return _last_plan[0]
    plan = _Plan(tuple(rules))
    _last_plan[:] = [plan]
    return plan


def _internal_error(rule: Rule, resource: Resource, exc: Exception) -> InternalError:
    import traceback  # only a failing rule needs it

    return InternalError(rule.id, f"{resource.type} '{resource.display_name}'",
                         f"{type(exc).__name__}: {exc} ({traceback.extract_tb(exc.__traceback__)[-1].name})",
                         traceback.format_exc())


def check_resource(rule: Rule, check: Check, resource: Resource, model: Model, options: dict) -> list[Finding]:
    ctx = ev.Context(resource, model, options)
    if check.for_each is None:
        targets = [(ctx, ())]
    else:
        name, collection = check.for_each
        coll = collection(ctx)
        found = ev.elements(coll)
        if is_unknown(found):  # the whole list is unknown: judge one unknown element (undecided)
            found = [ev.Val(found, coll.path)]
        targets = [(ctx.bind(name, item), item.path if item.path is not None else ()) for item in found]
    findings = []
    for item_ctx, default_path in targets:
        finding = _judge(rule, check, resource, item_ctx, default_path)
        if finding is not None:
            findings.append(finding)
    return findings


def _judge(rule: Rule, check: Check, resource: Resource, ctx: ev.Context, default_path: tuple):
    for name, compiled in check.lets:
        ctx = ctx.bind(name, compiled(ctx))
    if check.where is not None and ev.truth(check.where(ctx)) is not True:
        return None
    outcome = check.condition(ctx)
    verdict = ev.truth(outcome)
    if verdict is False:
        return None
    path = outcome.path
    if path is None or tuple(path[: len(default_path)]) != tuple(default_path):
        path = default_path
    return Finding(
        rule=rule.info,
        resource=resource,
        message=check.message.render(ctx),
        path=tuple(path),
        location=resource.source.locate(tuple(path)),
        severity=rule.info.severity,
        undecided=verdict is None,
    )
