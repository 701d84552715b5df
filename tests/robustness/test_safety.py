"""Safety: template content is never executed, nothing is fetched, nothing outside the linted root is read.

The linted root is the git work tree holding the first path, else the current
folder (linter.check.lint_root); these tests run in tmp_path, which is not in a
git work tree, so the root is the folder they lint.
"""

from __future__ import annotations

import ast
import json
import os
import pathlib
import sys

import pytest

from .clirun import ARM_SCHEMA, GOOD_ARM, REPO, run_check, write

SECRET = "TOPSECRET-7f3a9c"
PAYLOAD = "__import__('os').system('touch PWNED')"
LINTER = pathlib.Path(REPO) / "linter"


# ------------------------------------------------------------------ nothing is executed


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def test_linter_source_has_no_code_execution_or_network_primitives():
    """A static guard: no eval/exec/compile/__import__, no pickle, no subprocess, no sockets or HTTP clients."""
    forbidden_calls = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
    forbidden_modules = {"pickle", "marshal", "shelve", "subprocess", "socket", "ssl", "ctypes", "requests",
                         "urllib.request", "http.client", "ftplib", "smtplib", "telnetlib", "httpx", "urllib3",
                         "aiohttp", "xmlrpc.client", "webbrowser", "multiprocessing.connection"}
    problems = []
    for path in sorted(LINTER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(REPO)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            problems += [f"{where}:{node.lineno} imports {n}" for n in names if n in forbidden_modules]
        for call in _calls(tree):
            func = call.func
            if isinstance(func, ast.Name) and func.id in forbidden_calls:
                problems.append(f"{where}:{call.lineno} calls {func.id}()")
            if isinstance(func, ast.Attribute) and func.attr in ("system", "popen", "spawnv", "execv", "startfile"):
                problems.append(f"{where}:{call.lineno} calls .{func.attr}()")
            if isinstance(func, ast.Attribute) and func.attr == "import_module":
                if not (call.args and isinstance(call.args[0], ast.Name)):  # only names from a fixed table
                    problems.append(f"{where}:{call.lineno} imports a computed module name")
    assert problems == []


def test_no_parser_cache_is_unpickled_from_the_shared_temp_folder():
    offenders = []
    for path in sorted(LINTER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree):
            for keyword in call.keywords:
                if keyword.arg == "cache" and isinstance(keyword.value, ast.Constant) and keyword.value.value is True:
                    offenders.append(f"{path.relative_to(REPO)}:{call.lineno}")
        if "gettempdir" in path.read_text(encoding="utf-8") and "pickle" in path.read_text(encoding="utf-8"):
            offenders.append(f"{path.relative_to(REPO)}: pickle cache in the temp folder")
    assert offenders == []


def test_template_content_is_never_executed(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, "t.json", json.dumps({
        "$schema": ARM_SCHEMA, "variables": {"v": "[json('{\"a\": 1}')]", "w": PAYLOAD},
        "resources": [{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01", "location": "x",
                       "name": f"[{PAYLOAD}]"}, {"type": "Microsoft.Network/publicIPAddresses", "location": "x",
                                                 "apiVersion": "2023-04-01", "name": f"[string({PAYLOAD})]"}]}))
    write(tmp_path, "main.bicep", f"var x = {PAYLOAD}\nvar y = '${{{PAYLOAD}}}'\n"
                                  "resource p 'Microsoft.Network/publicIPAddresses@2023-04-01' = {\n"
                                  "  name: x\n  location: 'x'\n}\n")
    write(tmp_path, "tf/main.tf", f'locals {{\n  x = {PAYLOAD.replace(chr(39), chr(34))}\n}}\n'
                                  'resource "azurerm_public_ip" "p" {\n  name = local.x\n}\n')
    write(tmp_path, "rules/AZ999-payload.toml", "\n".join([
        'id = "AZ999"', 'slug = "payload"', f'title = "{PAYLOAD}"', 'severity = "warning"',
        f'condition = "{PAYLOAD}"']))
    run = run_check(tmp_path, ".")
    assert "Traceback" not in run.stderr + run.stdout
    assert not (tmp_path / "PWNED").exists()
    assert "AZ804" in run.rules_at("good.json")
    run = run_check(tmp_path, "--rules-dir", "rules", "good.json")
    assert not (tmp_path / "PWNED").exists()
    assert run.code == 2 and "Traceback" not in run.stderr  # a malformed user rule is a usage error


# ------------------------------------------------------------------ nothing is fetched

NO_NETWORK = """
import runpy, socket, sys
log = sys.argv.pop(1)
def refuse(*args, **kwargs):
    with open(log, "a") as handle:
        handle.write(repr(args) + "\\n")
    raise OSError("network access attempted")
for name in ("getaddrinfo", "create_connection", "gethostbyname"):
    setattr(socket, name, lambda *a, _n=name, **k: refuse(_n, *a))
socket.socket.connect = lambda self, *a: refuse("connect", *a)
runpy.run_module("linter", run_name="__main__", alter_sys=True)
"""


def test_remote_modules_and_linked_templates_are_notes_never_fetched(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, "main.bicep", "\n".join(
        [f"module m{i} '{ref}' = {{\n  name: 'm{i}'\n}}" for i, ref in enumerate([
            "br:mcr.microsoft.com/bicep/avm/res/network/virtual-network:0.1.0",
            "br/public:avm/res/storage/storage-account:0.9.0", "ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0"])]))
    write(tmp_path, "tf/main.tf", "\n".join(
        [f'module "m{i}" {{\n  source = "{src}"\n}}' for i, src in enumerate([
            "Azure/avm-res-network-virtualnetwork/azurerm", "git::https://example.com/x.git?ref=v1",
            "https://example.com/module.zip", "github.com/hashicorp/example"])]))
    write(tmp_path, "linked.json", json.dumps({"$schema": ARM_SCHEMA, "resources": [{
        "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "l",
        "properties": {"mode": "Incremental", "templateLink": {"uri": "https://example.com/t.json"}}}]}))
    log = tmp_path / "network.log"
    script = tmp_path / "no_network.py"
    script.write_text(NO_NETWORK)
    run = run_check(tmp_path, ".", python_prefix=[str(script), str(log)])
    assert not log.exists(), log.read_text()
    notes = [e for e in run.errors if e["kind"] == "note"]
    assert len([n for n in notes if n["file"].endswith("main.bicep")]) == 3, run.errors
    assert len([n for n in notes if n["file"].endswith("main.tf")]) == 4, run.errors
    assert [n for n in notes if n["file"].endswith("linked.json")], run.errors
    assert "AZ804" in run.rules_at("good.json")


# ------------------------------------------------------------------ nothing outside the root is read


def _layout(tmp_path):
    """tmp/outside/secret.txt (and modules) beside tmp/root, the linted folder."""
    outside = tmp_path / "outside"
    write(outside, "secret.txt", SECRET)
    write(outside, "secret.json", json.dumps({"k": SECRET}))
    write(outside, "m.bicep", "resource q 'Microsoft.Network/publicIPAddresses@2023-04-01' = {\n"
                              f"  name: '{SECRET}'\n  location: 'x'\n}}\n")
    write(outside, "tfmod/main.tf", f'resource "azurerm_public_ip" "q" {{\n  name = "{SECRET}"\n}}\n')
    root = tmp_path / "root"
    write(root, "good.json", GOOD_ARM)
    return root


def test_file_functions_never_read_outside_the_root(tmp_path):
    root = _layout(tmp_path)
    write(root, "main.bicep", "var t = loadTextContent('../outside/secret.txt')\n"
                              "var j = loadJsonContent('../outside/secret.json')\n"
                              "var b = loadFileAsBase64('../outside/secret.txt')\n"
                              "resource p 'Microsoft.Network/publicIPAddresses@2023-04-01' = {\n"
                              "  name: '${t}${j.k}${b}'\n  location: 'x'\n}\n")
    write(root, "tf/main.tf", 'resource "azurerm_public_ip" "p" {\n  name = file("../../outside/secret.txt")\n'
                              '  tags = { t = templatefile("../../outside/secret.txt", {}) }\n}\n')
    for fmt in ("json", "text"):
        run = run_check(root, "--show-undecided", ".", fmt=fmt)
        assert SECRET not in run.stdout + run.stderr
        assert run.code in (1, 2) and "Traceback" not in run.stderr


def test_local_modules_outside_the_root_are_input_errors(tmp_path):
    root = _layout(tmp_path)
    write(root, "main.bicep", "module m '../outside/m.bicep' = {\n  name: 'm'\n}\n")
    write(root, "tf/main.tf", 'module "m" {\n  source = "../../outside/tfmod"\n}\n')
    run = run_check(root, ".")
    assert SECRET not in run.stdout
    for name in ("main.bicep", "main.tf"):
        (error,) = [e for e in run.errors_for(name) if e["kind"] == "error"]
        assert error["line"] == 1 and error["column"] == 1
        assert "root" in error["message"] or "outside" in error["message"], error
    assert run.code == 2 and "AZ804" in run.rules_at("good.json")


def test_modules_anywhere_inside_the_root_are_followed(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, "envs/dev/main.tf", 'module "m" {\n  source = "../../modules/nsg"\n}\n')
    write(tmp_path, "modules/nsg/main.tf", 'resource "azurerm_network_security_rule" "ssh" {\n  name = "ssh"\n'
          '  priority = 100\n  direction = "Inbound"\n  access = "Allow"\n  protocol = "Tcp"\n'
          '  source_port_range = "*"\n  destination_port_range = "22"\n  source_address_prefix = "*"\n'
          '  destination_address_prefix = "*"\n  resource_group_name = "rg"\n'
          '  network_security_group_name = "nsg"\n}\n')
    run = run_check(tmp_path, "envs/dev", "good.json")
    assert [e for e in run.errors if e["kind"] == "error"] == []


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symlinks")
def test_symlink_loops_do_not_hang_discovery(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    os.symlink(tmp_path, tmp_path / "up")
    os.symlink(tmp_path / "a", tmp_path / "a")  # a link to itself
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path / "sub", tmp_path / "sub" / "again")
    os.symlink("../up", tmp_path / "sub" / "back")
    run = run_check(tmp_path, ".", timeout=60)
    assert run.code == 1 and "AZ804" in run.rules_at("good.json")
    assert len([f for f in run.findings if f["rule_id"] == "AZ804"]) == 1


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symlinks")
def test_symlinks_leading_outside_the_root_are_not_followed(tmp_path):
    root = _layout(tmp_path)
    write(tmp_path, "outside/creds/main.tf", f"{SECRET} = !\n")
    os.symlink(tmp_path / "outside" / "creds", root / "linked")
    os.symlink(tmp_path / "outside" / "tfmod" / "main.tf", root / "leak.tf")
    run = run_check(root, ".", fmt="text")
    assert SECRET not in run.stdout
    assert "linked" not in run.stdout and "leak.tf" not in run.stdout
