"""Helpers for the gate tests: rules, resources and findings built by hand, placed in real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.findings import Finding, RuleInfo
from linter.model import Location, Resource, SourceMap

SSH = RuleInfo(id="AZ804", slug="nsg-management-ports-open", title="Management port open", severity="error",
               docs={"flags": "x", "why": "y", "fix": "z"})
ALL_PORTS = RuleInfo(id="AZ805", slug="nsg-all-ports-open", title="All ports open", severity="error")
NO_AVSET = RuleInfo(id="AZ801", slug="vm-not-in-availability-set", title="VM alone", severity="warning")
RULES = (SSH, ALL_PORTS, NO_AVSET)
NSG = "Microsoft.Network/networkSecurityGroups"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds venvs or runs external tools (pre-commit)")


def resource(file: Path | str, line: int, name: str = "nsg", rtype: str = NSG, body: dict | None = None,
             fmt: str = "bicep") -> Resource:
    return Resource(type=rtype, name=name, body=body or {}, format=fmt, source=SourceMap(Location(str(file), line, 1)))


def finding(res: Resource, rule: RuleInfo = SSH, line: int | None = None, path: tuple = (),
            message: str = "port 22 open") -> Finding:
    loc = Location(res.location.file, line if line is not None else res.location.line, 3)
    return Finding(rule=rule, resource=res, message=message, path=path, location=loc, severity=rule.severity)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def rules():
    return RULES
