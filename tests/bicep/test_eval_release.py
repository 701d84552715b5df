"""A loaded unit keeps no evaluation state alive: evaluators are freed as soon as the load returns."""

from __future__ import annotations

import gc

from linter.frontends.bicep import load_bicep
from linter.frontends.bicep.file import FileEvaluator, UnitState, file_tables
from linter.frontends.bicep.parse import parse_text

from .test_eval_module_copies import _write


def _evaluators() -> list:
    return [o for o in gc.get_objects() if isinstance(o, (FileEvaluator, UnitState))]


def test_evaluators_are_freed_without_a_garbage_collection(tmp_path):
    main = _write(tmp_path)
    (tmp_path / "lib.bicep").write_text("@export()\nvar shared = {\n  a: 1\n}\n@export()\nfunc f(x int) int => x\n")
    main.write_text("import * as lib from './lib.bicep'\n" + main.read_text()
                    + "var fromLib = lib.shared\nvar called = lib.f(1)\nvar mapped = map([1], x => x)\n")
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        unit = load_bicep(str(main))
        assert _evaluators() == []  # while the caller holds the unit and its resources
    finally:
        if enabled:
            gc.enable()
    assert len(unit.resources) > 5 and not [e for e in unit.errors if e.kind == "error"]
    assert [r.name for r in unit.resources if r.type.endswith("virtualNetworks")][0] == "vnet-a"


def test_file_tables_live_as_long_as_their_tree():
    tree = parse_text("param a string\nvar b = a\n")
    tables = file_tables(tree)
    assert file_tables(tree) is tables
    assert tables.params == ("a",) and set(tables.decls) == {"a", "b"}
    from linter.frontends.bicep import file as bicep_file

    key = id(tree)
    assert key in bicep_file._TABLES
    del tree
    gc.collect()
    assert key not in bicep_file._TABLES
