"""The folders of src/workshop are layers, and imports only point down.

    cli → room → serve → pipeline → render → pdf → content

A module may import its own layer and any layer below it, never one above: the content
model then stays usable without reportlab, a renderer without the pipeline that calls it,
and a newcomer can read the layers from the bottom up. Every import counts, wherever it is
written — at the top, inside a function, under `if TYPE_CHECKING:` — because each is a
dependency a reader has to follow. The imports are read from the source (the AST), so a
module that is never imported by the tests is checked too.
"""

from __future__ import annotations

import ast
import graphlib
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "workshop"
LAYERS = ("content", "pdf", "render", "pipeline", "serve", "room", "cli")
"""Bottom to top."""
ENTRY = "__main__"
"""`python -m workshop`: above every layer (it only calls the CLI)."""
NOT_IN_CONTENT = ("reportlab", "jinja2", "pypdfium2", "svglib")
"""Drawing and templating libraries: the content model must load and check without them."""


@dataclass(frozen=True)
class Import:
    """One import statement's target, as written in `module` at `line`."""

    module: str
    path: Path
    line: int
    target: str

    def __str__(self) -> str:
        return (
            f"{self.path.relative_to(PACKAGE.parent.parent)}:{self.line}: {self.module} imports {self.target}"
        )


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[Import]:
    """Every import in the file, wherever it is written; relative imports made absolute."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(module, path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from workshop import cli` imports workshop.cli: count the names as modules too
            found += [Import(module, path, node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def layer_of(module: str) -> str | None:
    """The layer a module of the package belongs to (None: the package's root, e.g. its version,
    which every layer may read; also None for modules outside the package)."""
    parts = module.split(".")
    if parts[0] != "workshop" or len(parts) < 2:
        return None
    if parts[1] == ENTRY:
        return ENTRY
    return parts[1] if parts[1] in LAYERS else None


def rank(layer: str) -> int:
    return len(LAYERS) if layer == ENTRY else LAYERS.index(layer)


def all_imports() -> list[Import]:
    return [found for path in sorted(PACKAGE.rglob("*.py")) for found in imports_of(path)]


def upward(imports: list[Import]) -> list[str]:
    """Imports that point up the layer order, each named with its file and line."""
    wrong = []
    for found in imports:
        source, target = layer_of(found.module), layer_of(found.target)
        if source is not None and target is not None and rank(target) > rank(source):
            wrong.append(f"{found} ({target} is above {source})")
    return wrong


def layer_cycle(imports: list[Import]) -> list[str]:
    """A cycle between layers (empty when there is none)."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        source, target = layer_of(found.module), layer_of(found.target)
        if source is not None and target is not None and source != target:
            graph.setdefault(source, set()).add(target)
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        return list(error.args[1])
    return []


def test_every_module_is_in_a_layer():
    """A new top-level module would escape the check: each belongs in one of the layers."""
    stray = [
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if layer_of(module_name(path)) is None and module_name(path) != "workshop"
    ]
    assert not stray, f"modules outside the layers {LAYERS}: {stray}"


def test_no_import_points_up_the_layers():
    imports = all_imports()
    assert len(imports) > 100, "no imports found: the check would pass on anything"
    wrong = upward(imports)
    assert not wrong, (
        "imports pointing up the layers " + " → ".join(reversed(LAYERS)) + ":\n" + "\n".join(wrong)
    )


def test_no_cycle_between_layers():
    cycle = layer_cycle(all_imports())
    assert not cycle, f"the layers import each other in a cycle: {' → '.join(cycle)}"


def test_the_content_model_imports_no_drawing_library():
    wrong = [
        str(found)
        for path in sorted((PACKAGE / "content").rglob("*.py"))
        for found in imports_of(path)
        if found.target.split(".")[0] in NOT_IN_CONTENT
    ]
    assert not wrong, "content/ must load without drawing libraries:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("source", "where", "statement", "expected"),
    [
        ("pdf/added.py", "top", "from workshop.pipeline.cache import CacheStore", "workshop.pipeline.cache"),
        ("content/added.py", "function", "from ..render import context", "workshop.render.context"),
        ("render/added.py", "type-checking", "import workshop.serve.server", "workshop.serve.server"),
    ],
)
def test_the_check_names_an_upward_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, where: str, statement: str, expected: str
):
    """The checks above fail, naming the module and its import, on a file that imports upwards,
    wherever the import is written."""
    body = {
        "top": f"{statement}\n",
        "function": f"def f():\n    {statement}\n",
        "type-checking": f"from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    {statement}\n",
    }[where]
    package = tmp_path / "src" / "workshop"
    file = package / source
    file.parent.mkdir(parents=True)
    file.write_text(f'"""Added by the test."""\n\n{body}', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    (wrong,) = upward(imports_of(file))
    module = "workshop." + source.removesuffix(".py").replace("/", ".")
    assert f"{module} imports {expected}" in wrong and f"src/workshop/{source}:" in wrong


def test_the_check_finds_a_cycle_and_a_drawing_library_in_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    package = tmp_path / "src" / "workshop"
    for source, text in {
        "pdf/a.py": "from workshop.render import b\n",
        "render/b.py": "from workshop.pdf import a\n",
        "content/c.py": "def draw():\n    from reportlab.pdfgen import canvas\n",
    }.items():
        (package / source).parent.mkdir(parents=True, exist_ok=True)
        (package / source).write_text(text, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    assert set(layer_cycle(all_imports())) == {"pdf", "render"}
    with pytest.raises(
        AssertionError, match=r"src/workshop/content/c\.py:2: workshop\.content\.c imports reportlab"
    ):
        test_the_content_model_imports_no_drawing_library()
