"""The tests mirror the source tree: `src/workshop/content/models.py` is tested in
`tests/content/test_models.py`, a package's own `__init__.py` in `tests/<package>/test_<package>.py`.

A newcomer finds a module's tests by its path, and a new module comes with its tests: a module
that defines a function or class and has no test module of its own fails here, unless it is on
UNTESTED, the list of the modules that had none when the tests were arranged this way. The list
only shrinks: a listed module that gains a test module must come off it. Whole builds of bundled
and generated workshops live in `tests/e2e/`; tests of the tool as a whole (imports, packaging,
this file) at the top of `tests/`.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SOURCE = ROOT / "src" / "workshop"
TESTS = ROOT / "tests"
NOT_MIRRORED = {"e2e"}
"""Folders of tests/ organised by workshop, not by module."""

UNTESTED = {
    "content/images.py",
}
"""Modules tested so far only through the modules that use them, or by whole builds."""


def defines_code(module: Path) -> bool:
    """A module of only a docstring, imports and constants (a package marker, `__main__`) has
    nothing of its own to test."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) for node in tree.body)


def mirror_of(module: Path) -> Path:
    """Where the tests of `module` belong."""
    relative = module.relative_to(SOURCE)
    if relative.name == "__init__.py":
        return TESTS / relative.parent / f"test_{relative.parent.name}.py"
    return TESTS / relative.parent / f"test_{relative.stem}.py"


def modules() -> dict[str, Path]:
    return {
        module.relative_to(SOURCE).as_posix(): module
        for module in sorted(SOURCE.rglob("*.py"))
        if defines_code(module)
    }


def test_every_new_module_has_a_mirror_of():
    missing = sorted(name for name, module in modules().items() if not mirror_of(module).exists())
    new = [name for name in missing if name not in UNTESTED]
    assert not new, (
        f"modules without a test module; write one (tests/<package>/test_<module>.py) beside the code: {new}"
    )


def test_the_untested_list_only_shrinks():
    found = modules()
    gone = sorted(name for name in UNTESTED if name not in found)
    tested = sorted(name for name in UNTESTED if name in found and mirror_of(found[name]).exists())
    assert not gone, f"remove from UNTESTED in tests/test_tree.py, the module is gone: {gone}"
    assert not tested, f"remove from UNTESTED in tests/test_tree.py, the module has tests now: {tested}"


def test_every_mirrored_test_module_names_a_source_module():
    """A test module left behind when its module was renamed or moved is found, not kept."""
    expected = {mirror_of(module) for module in SOURCE.rglob("*.py")}
    stray = sorted(
        path.relative_to(TESTS).as_posix()
        for path in TESTS.glob("*/**/test_*.py")
        if path.relative_to(TESTS).parts[0] not in NOT_MIRRORED and path not in expected
    )
    assert not stray, f"test modules whose source module does not exist; move them beside it: {stray}"


def test_the_rule_sees_a_missing_mirror_of(tmp_path: Path):
    """The check can fail: a module with a function and no test module is found missing."""
    module = SOURCE / "content" / "not_a_real_module.py"
    assert not mirror_of(module).exists()
    assert mirror_of(SOURCE / "content" / "loader.py").exists()
    assert mirror_of(SOURCE / "cli" / "__init__.py") == TESTS / "cli" / "test_cli.py"
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc."""\n\nimport os\n\nX = 1\n', encoding="utf-8")
    assert not defines_code(sample)
    sample.write_text("def f():\n    return 1\n", encoding="utf-8")
    assert defines_code(sample)
