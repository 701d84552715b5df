"""Run the real `azlint check` in a subprocess, with a timeout and a memory ceiling, and read its JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space: "bounded memory" made a hard fact

GOOD_ARM = """{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-04-01",
      "name": "good-nsg",
      "location": "westeurope",
      "properties": {
        "securityRules": [
          {"name": "ssh", "properties": {"access": "Allow", "direction": "Inbound", "protocol": "Tcp",
            "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*",
            "destinationPortRange": "22", "priority": 100}}
        ]
      }
    }
  ]
}
"""
ARM_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


@dataclass
class Run:
    code: int
    report: dict
    stdout: str
    stderr: str
    errors: list = field(default_factory=list)
    findings: list = field(default_factory=list)

    def errors_for(self, suffix: str) -> list[dict]:
        return [e for e in self.errors if e["file"].replace("\\", "/").endswith(suffix)]

    def rules_at(self, suffix: str) -> set[str]:
        return {f["rule_id"] for f in self.findings if f["file"].replace("\\", "/").endswith(suffix)}


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass


def run_check(cwd, *args: str, timeout: float = 120, fmt: str = "json", python_prefix: list | None = None) -> Run:
    """`python -m linter check --format json -j 1 ARGS` in `cwd`; the report parsed (text kept in stdout)."""
    env = {**os.environ, "PYTHONPATH": REPO + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, *(python_prefix or ["-m", "linter"]), "check", "--format", fmt, "-j", "1", *args]
    proc = subprocess.run(command, cwd=str(cwd), capture_output=True, text=True, timeout=timeout, env=env,
                          preexec_fn=_limit_memory if os.name == "posix" else None)
    report = json.loads(proc.stdout) if fmt == "json" and proc.stdout.strip() else {}
    return Run(proc.returncode, report, proc.stdout, proc.stderr,
               report.get("errors") or [], report.get("findings") or [])


def write(base, relative: str, content: str | bytes):
    path = base / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_clean_failure(run: Run, suffix: str, *, positioned: bool = True, contains: str = "") -> dict:
    """Exit 2, one plain input error for the file (with line and column), and the good file still reported."""
    assert run.code == 2, (run.code, run.stderr[-2000:])
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    found = [e for e in run.errors_for(suffix) if e["kind"] == "error"]
    assert found, f"no input error for {suffix}: {run.errors}"
    error = found[0]
    assert "internal error" not in error["message"], error
    if positioned:
        assert isinstance(error["line"], int) and error["line"] >= 1, error
        assert isinstance(error["column"], int) and error["column"] >= 1, error
    assert contains.lower() in error["message"].lower(), error
    assert "AZ804" in run.rules_at("good.json"), "the good file beside it was not reported"
    return error
