"""Bad input never crashes the Bicep frontend: only BicepSyntaxError, or input errors in the Unit."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.frontends.bicep import BicepSyntaxError, load_bicep, parse_text

FRAGMENTS = ["param", "var", "resource", "module", "output", "type", "func", "for", "in", "if", "existing",
             "x", "y", "'a'", "'${", "}'", "'''", "{", "}", "[", "]", "(", ")", ":", ",", "=", "=>", "?", "??",
             ".?", "[?", "!", "@description('d')", "\n", " ", "1", "-", "+", "|", "//c\n", "/*c*/", "::", "...",
             "'T@1'", "true", "null", "import", "from", "as", "*", "#disable-next-line x\n", "\\", "\t", "é"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_parse_raises_only_syntax_errors(text):
    try:
        parse_text(text)
    except BicepSyntaxError as exc:
        assert exc.line >= 1 and exc.column >= 1 and exc.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_load_never_raises(tmp_path, text):
    path = tmp_path / "random.bicep"
    path.write_text(text, encoding="utf-8")
    unit = load_bicep(str(path))
    assert unit.format == "bicep"


VALID_BUT_ODD = [
    "resource r 'A.B/c@1' = {\n  name: r.name\n}\n",  # refers to itself
    "var a = b\nvar b = a\nresource r 'A.B/c@1' = {\n  name: a\n}\n",  # variable cycle
    "func f(n int) int => f(n)\nresource r 'A.B/c@1' = {\n  name: string(f(1))\n}\n",  # recursion
    "resource r 'A.B/c@1' = {\n  name: undeclared\n}\n",
    "resource r 'A.B/c@1' = [for i in range(0, 100000): {\n  name: 'r${i}'\n}]\n",  # capped
    "resource r 'A.B/c@1' = {\n  name: 'x'\n  properties: {\n    v: 1 / 0\n  }\n}\n",
    "resource r 'A.B/c@1' = {\n  name: 'x'\n  parent: 'not a resource'\n}\n",
    "module m 'missing.bicep' = {\n  name: 'm'\n}\n",
    "var deep = " + "[" * 3000 + "]" * 3000 + "\nresource r 'A.B/c@1' = {\n  name: 'x'\n  properties: {\n    d: deep\n  }\n}\n",
    "var deep = " + "(" * 3000 + "1" + ")" * 3000 + "\n",
]


def test_odd_but_parseable_files_give_unknowns_and_errors(tmp_path):
    for number, text in enumerate(VALID_BUT_ODD):
        path = tmp_path / f"odd{number}.bicep"
        path.write_text(text)
        unit = load_bicep(str(path))
        assert unit.format == "bicep", text
        assert len(unit.resources) <= 5000
