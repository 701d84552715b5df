"""Crash containment: an exception in one rule or one file is an internal error naming them; the run goes on.

The real CLI runs through a small wrapper script that makes one rule (or one
frontend, for one file) raise, as a bug would, then starts `python -m linter`.
"""

from __future__ import annotations

from .clirun import GOOD_ARM, run_check, write

WRAPPER = """
import runpy, sys
mode = sys.argv.pop(1)
if mode == "rule":
    from linter.rules import engine
    original = engine.check_resource
    def broken(rule, check, resource, model, options):
        if rule.id == "AZ804":
            raise ZeroDivisionError("a bug in the rule")
        return original(rule, check, resource, model, options)
    engine.check_resource = broken
else:
    import linter.frontends.bicep as bicep
    original = bicep.load_bicep
    def broken(path, *args, **kwargs):
        if path.endswith("crash.bicep"):
            raise (RecursionError if mode == "recursion" else KeyError)("a bug in the frontend")
        return original(path, *args, **kwargs)
    bicep.load_bicep = broken
runpy.run_module("linter", run_name="__main__", alter_sys=True)
"""
PIP_BICEP = "resource p 'Microsoft.Network/publicIPAddresses@2023-04-01' = {\n  name: 'p'\n  location: 'x'\n}\n"


def _run(tmp_path, mode: str, *args: str, fmt: str = "json"):
    script = tmp_path / "wrapper.py"
    script.write_text(WRAPPER)
    write(tmp_path, "src/good.json", GOOD_ARM)
    write(tmp_path, "src/other.bicep", PIP_BICEP)
    write(tmp_path, "src/crash.bicep", PIP_BICEP)
    return run_check(tmp_path, *args, "src", fmt=fmt, python_prefix=[str(script), mode])


def test_a_rule_that_raises_is_an_internal_error_naming_rule_and_file(tmp_path):
    run = _run(tmp_path, "rule")
    assert run.code == 2 and "Traceback" not in run.stderr
    (error,) = [e for e in run.errors if "internal error" in e["message"]]
    assert "AZ804" in error["message"] and error["file"].endswith("good.json")
    assert "ZeroDivisionError" in error["message"] and "--debug" in error["message"]
    assert "AZ401" in run.rules_at("good.json")  # the other rules still ran on the same file
    assert "AZ401" in run.rules_at("other.bicep") and "AZ401" in run.rules_at("crash.bicep")


def test_a_frontend_that_raises_on_one_file_is_an_internal_error_for_that_file(tmp_path):
    run = _run(tmp_path, "frontend")
    assert run.code == 2 and "Traceback" not in run.stderr
    (error,) = [e for e in run.errors if "internal error" in e["message"]]
    assert error["file"].endswith("crash.bicep") and "KeyError" in error["message"]
    assert "--debug" in error["message"]
    assert "AZ804" in run.rules_at("good.json") and "AZ401" in run.rules_at("other.bicep")


def test_a_recursion_error_is_contained_too(tmp_path):
    run = _run(tmp_path, "recursion", fmt="text")
    assert run.code == 2 and "Traceback" not in run.stdout + run.stderr
    assert "crash.bicep" in run.stdout and "RecursionError" in run.stdout
    assert "AZ804" in run.stdout


def test_debug_adds_the_frontend_traceback(tmp_path):
    run = _run(tmp_path, "frontend", "--debug")
    (error,) = [e for e in run.errors if "internal error" in e["message"]]
    assert "Traceback (most recent call last)" in error["message"] and "a bug in the frontend" in error["message"]


def test_debug_adds_the_rule_traceback(tmp_path):
    run = _run(tmp_path, "rule", "--debug")
    (error,) = [e for e in run.errors if "internal error" in e["message"]]
    assert "Traceback (most recent call last)" in error["message"] and "a bug in the rule" in error["message"]


def test_containment_holds_in_parallel_workers(tmp_path):
    """With 16 or more units the run uses worker processes: a crash in one unit is still contained there."""
    for index in range(16):
        write(tmp_path, f"src/more{index}.bicep", PIP_BICEP.replace("'p'", f"'p{index}'"))
    run = _run(tmp_path, "frontend", "-j", "2")
    assert run.code == 2 and "Traceback" not in run.stderr
    (error,) = [e for e in run.errors if "internal error" in e["message"]]
    assert error["file"].endswith("crash.bicep")
    assert "AZ804" in run.rules_at("good.json") and "AZ401" in run.rules_at("more15.bicep")
