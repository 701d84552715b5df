"""Fuzz targets and input strategies shared by the quick property tests and the long fuzz runs.

Each target takes one generated input and returns normally when the code under
test either produced a result or reported the input as bad in its documented
way (an input error, a syntax error); any other exception is a finding. Inputs
are built two ways: *mutation* of the project's own valid fixtures (cut,
splice, duplicate, insert a token the grammar cares about), which keeps most
inputs close to real files and so reaches deep into evaluation; and *token
soup* from each format's punctuation and keywords, which stresses the parsers.
"""

from __future__ import annotations

import glob
import os
import tempfile
from functools import cache

from hypothesis import strategies as st

from linter.model import InputError, Unit

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ------------------------------------------------------------------ seeds


def _read_all(pattern: str, limit: int = 60_000) -> tuple[str, ...]:
    texts = []
    for path in sorted(glob.glob(os.path.join(REPO, pattern), recursive=True)):
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue
        if 0 < len(text) <= limit:
            texts.append(text)
    return tuple(texts)


@cache
def bicep_seeds() -> tuple[str, ...]:
    return _read_all("tests/bicep/fixtures/**/*.bicep") + _read_all("sample-templates/**/*.bicep")


@cache
def terraform_seeds() -> tuple[str, ...]:
    return _read_all("tests/terraform/fixtures/**/*.tf") + _read_all("sample-templates/**/*.tf")


@cache
def arm_seeds() -> tuple[str, ...]:
    return _read_all("tests/arm/fixtures/*.json") + _read_all("sample-templates/arm/*.json")


@cache
def rule_condition_seeds() -> tuple[str, ...]:
    """Every condition, for-each and message of the built-in rules."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("condition", "where", "for-each", "message") and isinstance(item, str):
                    found.append(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(glob.glob(os.path.join(REPO, "rules", "*", "*.toml"))):
        with open(path, "rb") as handle:
            walk(tomllib.load(handle))
    return tuple(found)


# ------------------------------------------------------------------ strategies

BICEP_TOKENS = ["{", "}", "[", "]", "(", ")", "'", "${", "'''", ":", "=", "?", "!", ".", "?.", "::", "@", ",",
                "\n", " ", "for ", " in ", "if ", "resource ", "module ", "var ", "param ", "output ", "existing",
                "func ", "import ", "type ", "=>", "range(0, 9999999)", "concat(", "loadTextContent('x.txt')",
                "//", "/*", "*/", "\\", "\t", "\u00e9", "\ufeff", "0x", "-9223372036854775809", "1e309"]
HCL_TOKENS = ["{", "}", "[", "]", "(", ")", '"', "${", "%{", "~}", "<<EOT\n", "<<-EOT\n", "EOT\n", "=", "==",
              ":", "?", ".", ".*", "[*]", "...", "=>", ",", "\n", " ", "for ", " in ", "if ", "endif", "endfor",
              "#", "//", "/*", "*/", "resource ", "module ", "locals ", "variable ", "dynamic ", "count",
              "for_each", "each.key", "local.a", "var.x", "range(9999999)", "\\", "\t", "\u00e9", "1e309"]
ARM_TOKENS = ["[", "]", "(", ")", "'", "''", ",", ".", " ", "concat(", "parameters(", "variables(",
              "copyIndex(", "range(0, 99999999)", "string(", "json(", "reference(", "resourceId(",
              "lambda(", "map(", "'x'", "1", "-1", "null()", "true()", "{", "}", "\\", "\u00e9"]
RULE_TOKENS = ["(", ")", "[", "]", "[*]", ".", ",", "'", '"', " and ", " or ", "not ", " == ", " != ", " < ",
               " >= ", " in ", "any(", "all(", "exists(", "let ", "x", "properties", "resource", "options",
               "referrers(", "targeting(", "{", "}", "1", "-1", "true", "null", "\\", "\n", "\u00e9"]


def _mutate(seed: str, edits: list) -> str:
    text = seed
    for kind, at, span, token in edits:
        if not text:
            return token
        at %= len(text) + 1
        if kind == "cut":  # truncate: the most common real-world breakage
            text = text[:at]
        elif kind == "delete":
            text = text[:at] + text[at + span:]
        elif kind == "duplicate":
            text = text[:at] + text[at:at + span] + text[at:]
        else:
            text = text[:at] + token + text[at:]
    return text


def mutated(seeds: tuple[str, ...], tokens: list[str]) -> st.SearchStrategy[str]:
    """A seed text with a few random edits (cut, delete, duplicate a span, insert a token)."""
    edit = st.tuples(st.sampled_from(["cut", "delete", "duplicate", "insert", "insert", "insert"]),
                     st.integers(0, 1 << 16), st.integers(1, 200), st.sampled_from(tokens))
    return st.builds(_mutate, st.sampled_from(seeds), st.lists(edit, min_size=1, max_size=4))


def soup(tokens: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tokens) | st.text(max_size=3), max_size=max_size).map("".join)


def bicep_inputs() -> st.SearchStrategy[str]:
    return mutated(bicep_seeds(), BICEP_TOKENS) | soup(BICEP_TOKENS)


def terraform_inputs() -> st.SearchStrategy[str]:
    return mutated(terraform_seeds(), HCL_TOKENS) | soup(HCL_TOKENS)


def arm_template_inputs() -> st.SearchStrategy[str]:
    return mutated(arm_seeds(), ARM_TOKENS + ['"', ":", "\n"])


def arm_expression_inputs() -> st.SearchStrategy[str]:
    return soup(ARM_TOKENS, 30).map(lambda text: "[" + text + "]")


def rule_inputs() -> st.SearchStrategy[str]:
    return mutated(rule_condition_seeds(), RULE_TOKENS) | soup(RULE_TOKENS)


def json_inputs() -> st.SearchStrategy[bytes]:
    return (arm_template_inputs().map(lambda t: t.encode("utf-8"))
            | st.binary(max_size=200)
            | mutated(arm_seeds(), ["\x00", "\ud800", "\"", "{", "[", "//", "/*"]).map(
                lambda t: t.encode("utf-8", "surrogatepass")))


# ------------------------------------------------------------------ targets


def _check_unit(unit: Unit, path_prefix: str) -> None:
    assert isinstance(unit, Unit)
    for error in unit.errors:
        assert isinstance(error, InputError) and error.message, error
        assert error.file.startswith(path_prefix), error
        assert "internal error" not in error.message, error
        assert (error.line is None) or error.line >= 1, error


def run_json(data: bytes) -> None:
    from linter.frontends.jsonload import JsonLoadError, load_json

    try:
        document = load_json(data, "fuzz.json")
    except JsonLoadError as exc:
        assert exc.line >= 1 and exc.column >= 1
        return
    document.locate(())


def run_arm_expression(text: str) -> None:
    from linter.frontends.arm.expressions import ExpressionError, evaluate
    from linter.frontends.arm.scope import Scope
    from linter.model import Unknown

    def lookup(name: str) -> object:
        if name.lower() == "u":
            return Unknown("fuzz")
        raise ExpressionError(f"'{name}' is not declared")

    try:
        evaluate(text, Scope(parameter=lookup, variable=lookup, copy_index=lambda name: 0))
    except ExpressionError:
        pass


def isolate_caches(folder: str) -> str | None:
    """Keep azlint's caches in `folder` (returns the old XDG_CACHE_HOME, to restore).

    Fuzzing loads thousands of junk inputs: whatever azlint caches for them must not land in the
    user's cache (~/.cache/azlint), nor push the real rule folders out of it.
    """
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = folder
    return old


def restore_caches(old: str | None) -> None:
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


def run_rule_condition(text: str) -> None:
    from linter.rules import language

    for compile_ in (language.compile_expression, language.compile_for_each, language.compile_template):
        try:
            compile_(text, frozenset({"x"}))
        except language.ConditionSyntaxError as exc:
            assert exc.line >= 1 and exc.column >= 1 and exc.message


def _in_folder(name: str, text: str, load) -> Unit:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", errors="surrogatepass") as handle:
            handle.write(text)
        unit = load(folder, path)
        _check_unit(unit, folder)
        return unit


def run_bicep(text: str) -> None:
    from linter.frontends.bicep import load_bicep

    _in_folder("main.bicep", text, lambda folder, path: load_bicep(path, root=folder))


def run_terraform(text: str) -> None:
    from linter.frontends.terraform import load_terraform

    _in_folder("main.tf", text, lambda folder, path: load_terraform(folder, []))


def run_arm_template(text: str) -> None:
    from linter.frontends.arm.template import load_arm

    _in_folder("t.json", text, lambda folder, path: load_arm(path))


TARGETS = {
    "json": (json_inputs, run_json),
    "arm-expression": (arm_expression_inputs, run_arm_expression),
    "arm-template": (arm_template_inputs, run_arm_template),
    "rule-language": (rule_inputs, run_rule_condition),
    "bicep": (bicep_inputs, run_bicep),
    "terraform": (terraform_inputs, run_terraform),
}
