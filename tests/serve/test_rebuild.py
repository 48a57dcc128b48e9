"""`workshop serve`'s rebuild loop: the watch, rebuilds that fail safely, the site served from memory."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.conftest import run_cli
from workshop.content.problems import Problem
from workshop.pipeline.build import Overrides
from workshop.serve.app import ServeApp
from workshop.serve.rebuild import (
    Rebuilder,
    built_site,
    content_snapshot,
    render_site,
    serve_until_stopped,
    watch,
)

# --- the pieces ----------------------------------------------------------------------


def test_watch_calls_back_once_per_change_and_stops() -> None:
    states = iter([{"a": (1, 1)}, {"a": (1, 1)}, {"a": (2, 1)}, {"a": (2, 1)}, {"a": (2, 1), "b": (1, 1)}])
    calls: list[int] = []
    changes = watch(lambda: next(states), lambda: calls.append(1), threading.Event(), interval=0, max_polls=4)
    assert changes == 2 and len(calls) == 2


def test_watch_ends_when_stop_is_set() -> None:
    stop = threading.Event()
    stop.set()
    assert watch(lambda: {}, lambda: pytest.fail("no change expected"), stop, interval=5) == 0


def test_snapshot_sees_content_and_assets_but_not_the_build(minimal: Path) -> None:
    (minimal / "assets").mkdir()
    (minimal / "assets" / "logo.png").write_bytes(b"x")
    (minimal / "build" / "site").mkdir(parents=True)
    (minimal / "build" / "site" / "index.html").write_text("built")
    (minimal / ".git").mkdir()
    (minimal / ".git" / "HEAD").write_text("ref")
    before = content_snapshot(minimal, minimal / "build")
    names = {Path(p).relative_to(minimal.absolute()).as_posix() for p in before}
    assert names == {"workshop.yaml", "cards.yaml", "assets/logo.png"}
    (minimal / "cards.yaml").write_text((minimal / "cards.yaml").read_text() + "\n# edited\n")
    assert content_snapshot(minimal, minimal / "build") != before


def test_a_failed_rebuild_reports_and_keeps_the_last_good_site(minimal: Path) -> None:
    said: list[str] = []
    shown: list[Problem] = []
    rebuild = Rebuilder(minimal, Overrides(), said.append, shown.extend)
    assert rebuild() is not None
    page = rebuild.site_dir / "wachttijd" / "index.html"
    good = page.read_bytes()
    (minimal / "cards.yaml").write_text("cards:\n  - id: Bad Id\n", encoding="utf-8")
    assert rebuild() is None
    assert shown and all(p.location.file.name == "cards.yaml" for p in shown if p.severity == "error")
    assert "last good build" in said[-1]
    assert page.read_bytes() == good


def test_a_failing_dependency_keeps_the_site_and_becomes_a_problem(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    app = ServeApp()
    rebuild = Rebuilder(minimal, Overrides(), said.append, lambda problems: None, app)
    assert rebuild() is not None
    good = app.state.site
    assert good is not None and app.state.problems == ()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("reportlab fell over")

    monkeypatch.setattr("workshop.serve.rebuild.build_workshop", broken)
    assert rebuild() is None
    assert app.state.site == good, "the site (rendered before the PDFs) is still served"
    (problem,) = app.state.problems
    assert "RuntimeError: reportlab fell over" in problem.message and "please report" in problem.message
    assert "PDFs were not rebuilt" in said[-1]


def test_a_build_overtaken_by_a_newer_save_leaves_the_newer_problems_shown(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop.pipeline.build import build_workshop

    app = ServeApp()
    rebuild = Rebuilder(minimal, Overrides(), lambda line: None, lambda problems: None, app)
    assert rebuild.refresh_site()

    def overtaken(*args: object, **kwargs: object) -> object:
        report = build_workshop(*args, **kwargs)  # type: ignore[arg-type]
        (minimal / "cards.yaml").write_text("cards: [", encoding="utf-8")  # saved meanwhile
        assert not rebuild.refresh_site()  # what the watching thread does on that save
        return report

    monkeypatch.setattr("workshop.serve.rebuild.build_workshop", overtaken)
    assert rebuild.build_outputs() is not None
    assert [p.location.line for p in app.state.problems] == [2], "the broken save's problem stays shown"


# --- what each address answers -------------------------------------------------------


def test_the_served_site_is_the_built_site(minimal: Path) -> None:
    from workshop.pipeline.build import load_and_check

    run_cli("build", minimal)
    built = {
        p.relative_to(minimal / "build" / "site").as_posix(): p.read_bytes()
        for p in (minimal / "build" / "site").rglob("*")
        if p.is_file()
    }
    assert render_site(load_and_check(minimal)[0]) == built
    assert built_site(minimal / "build") == built, "what serve shows when it starts on broken content"


def test_serving_ends_after_the_build_during_which_it_was_stopped(minimal: Path) -> None:
    """Where a library swallows the KeyboardInterrupt of Ctrl-C, the stop it marked still ends serving."""
    stop = threading.Event()

    class Stopped(Rebuilder):
        def build_outputs(self) -> None:  # type: ignore[override]
            stop.set()  # what the signal handler does before raising

    rebuild = Stopped(minimal, Overrides(), lambda line: None, lambda problems: None, ServeApp())
    serve_until_stopped(rebuild, lambda: {}, stop, ready=lambda: pytest.fail("not ready: stopping"))
