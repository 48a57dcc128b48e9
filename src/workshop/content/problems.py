"""Problems with a place in a file, collected and reported together.

Every stage reports what is wrong as `Problem`s instead of raising at the first one, so a
trainer sees every mistake in one run, each as `file:line:column: severity: message` — the
GNU form that editors and terminals turn into clickable links.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column are 1-based, 0 when unknown.

    In a spreadsheet, line and column are the cell's row and column, and `sheet` is not None:
    the worksheet's name (`cards.xlsx:Dilemmas!D7`, as Excel names a cell), or "" for a CSV
    file, which has one sheet (`cards.csv:7:4`, row 7, column 4).
    """

    file: Path
    line: int = 0
    column: int = 0
    sheet: str | None = None

    def __str__(self) -> str:
        shown = display_path(self.file)
        if self.sheet and self.line:
            return f"{shown}:{sheet_reference(self.sheet)}!{column_letters(self.column or 1)}{self.line}"
        if self.sheet:
            return f"{shown}:{sheet_reference(self.sheet)}"
        if self.line:
            return f"{shown}:{self.line}:{self.column or 1}"
        return shown


def column_letters(column: int) -> str:
    """1 → A, 27 → AA: a spreadsheet's name for a column."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_reference(name: str) -> str:
    """A sheet's name as a cell reference writes it: quoted when it holds more than letters and digits."""
    if name.replace("_", "").isalnum():
        return name
    return "'" + name.replace("'", "''") + "'"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, and where."""

    location: Location
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


class ContentError(Exception):
    """The content has errors; the build stops and writes nothing. Exit code 1."""

    def __init__(self, problems: list[Problem], advice: list[str] | None = None) -> None:
        self.problems = problems
        self.advice = advice or []
        """Lines to show after the problems: what would fix many of them at once."""
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem], list[str]]]:
        """Pickle with the problems (a renderer may run in another process)."""
        return (ContentError, (self.problems, self.advice))


@dataclass
class Problems:
    """A collector that stages append to; `raise_if_errors` ends a stage that found errors."""

    items: list[Problem] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    def error(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message, "error"))

    def warning(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message, "warning"))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(sorted_problems(self.items), self.advice)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then line, then column."""
    return sorted(
        problems,
        key=lambda p: (str(p.location.file), p.location.sheet or "", p.location.line, p.location.column),
    )


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def summary_line(problems: list[Problem], *, wrote_nothing: bool) -> str:
    """'2 errors, 1 warning. Nothing was written.' — the line after the problem list."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    parts = [_count(errors, "error"), _count(warnings, "warning")]
    text = ", ".join(parts) + "."
    if wrote_nothing and errors:
        text += " Nothing was written."
    return text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
