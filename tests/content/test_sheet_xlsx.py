"""XLSX card files: read as the text the trainer sees, and every mistake located at its cell."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.sheetgen import HEADER, REFLECTION, sheet_workshop, with_saved_result, write_xlsx
from workshop.content.loader import load_workshop
from workshop.content.problems import Problems
from workshop.content.sheet_xlsx import cell_text

DILEMMA_HEADER = ["id", "type", "title", "situation", "question", "options", "debrief.summary"]
DILEMMA = ["d1", "dilemma", "Tea", "On the terrace.", "What now?", "Yes\nNo", "It shows."]
ROLEPLAY_HEADER = ["id", "type", "title", "setting", "minutes", "debrief.summary"]
ROLEPLAY = ["p1", "roleplay", "The menu", "A restaurant.", 5, "Ask back."]
ROLES = [
    ["card", "name", "brief", "observe"],
    ["p1", "Guest", "You want more.", None],
    ["p1", "Host", "Busy.", None],
]


def workshop_with(tmp_path: Path, sheets: dict[str, list[list[Any]]], **options: Any) -> Path:
    root = sheet_workshop(tmp_path / "ws", "cards.xlsx")
    write_xlsx(root / "cards.xlsx", sheets, **options)
    return root


def loaded(root: Path) -> tuple[Any, list[str]]:
    problems = Problems()
    workshop = load_workshop(root, problems)
    return workshop, [str(p) for p in problems.items]


def test_cards_from_several_sheets_with_roles_lists_and_comment_columns(tmp_path: Path):
    root = workshop_with(
        tmp_path,
        {
            "Dilemmas": [[*DILEMMA_HEADER, "# my notes"], DILEMMA, [], [None] * 3],
            "Roleplays": [ROLEPLAY_HEADER, ROLEPLAY],
            "roles": ROLES,
            "#scratch": [["anything", "at all"]],
        },
    )
    workshop, problems = loaded(root)
    assert problems == []
    dilemma, roleplay = workshop.cards
    assert dilemma.options == ["Yes", "No"]
    assert roleplay.minutes == 5
    assert [role.name for role in roleplay.roles] == ["Guest", "Host"]


def test_excel_habits_read_as_the_text_the_trainer_sees(tmp_path: Path):
    header = [*HEADER, "prompts"]
    row = ["r1", "reflection", datetime.time(9, 30), 1e5, True, "TRUE\n12.5\n3"]
    root = workshop_with(tmp_path, {"cards": [header, row]})
    workshop, problems = loaded(root)
    assert problems == []
    (reflection,) = workshop.cards
    assert reflection.title == "09:30"
    assert reflection.question == "100000"
    assert reflection.debrief.summary == "TRUE"
    assert reflection.prompts == ["TRUE", "12.5", "3"]


@pytest.mark.parametrize(
    ("value", "data_type", "text"),
    [(3.0, "n", "3"), (2.5, "n", "2.5"), (False, "b", "FALSE"), (datetime.time(14, 5, 9), "d", "14:05:09")],
)
def test_cell_values_become_text(value: Any, data_type: str, text: str):
    assert cell_text(value, data_type) == (text, "")


def test_note_rows_and_cells_merged_within_a_row_are_fine(tmp_path: Path):
    root = workshop_with(
        tmp_path,
        {
            "cards": [
                ["# My workshop's cards"],
                [*HEADER, "# notes"],
                ["#  to do: more cards"],
                [*REFLECTION, "#1"],
            ]
        },
        merged={"cards": "A1:E1"},
    )
    workshop, problems = loaded(root)
    assert problems == []
    assert [card.id for card in workshop.cards] == ["r1"]


def test_a_formulas_saved_result_is_read(tmp_path: Path):
    root = workshop_with(tmp_path, {"cards": [HEADER, REFLECTION]}, formulas={("cards", "C2"): '=UPPER("x")'})
    with_saved_result(root / "cards.xlsx", "C2", "Calculated title")
    workshop, problems = loaded(root)
    assert problems == []
    assert workshop.cards[0].title == "Calculated title"


SHEET_MISTAKES = [
    (
        "unknown-column",
        {"Dilemmas": [[*DILEMMA_HEADER[:-1], "debrief.sumary"], DILEMMA]},
        {},
        "cards.xlsx:Dilemmas!G1: error: unknown column 'debrief.sumary' (did you mean 'debrief.summary'?)",
    ),
    (
        "missing-summary",
        {"Dilemmas": [DILEMMA_HEADER, [*DILEMMA[:-1], None]]},
        {},
        "cards.xlsx:Dilemmas!G2: error: debrief: required field is missing; fill in the cell under 'debrief.summary'",
    ),
    (
        "too-few-options",
        {"Dilemmas": [DILEMMA_HEADER, DILEMMA, ["d2", *DILEMMA[1:5], "Only one", "S"]]},
        {},
        "cards.xlsx:Dilemmas!F3: error: options: needs at least 2 item(s), has 1",
    ),
    (
        "misspelt-type",
        {"Sheet 1": [DILEMMA_HEADER, ["d1", "dilema", *DILEMMA[2:]]]},
        {},
        "cards.xlsx:'Sheet 1'!B2: error: type: 'dilema' is not a card type; use dilemma, roleplay or reflection "
        "(did you mean 'dilemma'?)",
    ),
    (
        "field-of-another-type",
        {"cards": [[*HEADER, "situation"], [*REFLECTION, "A story."]]},
        {},
        "cards.xlsx:cards!F2: error: situation: a reflection card has no situation; empty this cell",
    ),
    (
        "id-made-a-number",
        {"cards": [HEADER, [100000, *REFLECTION[1:]]]},
        {},
        "cards.xlsx:cards!A2: error: id: the spreadsheet turned this id into the number 100000",
    ),
    (
        "date",
        {"cards": [HEADER, [*REFLECTION[:3], datetime.date(2026, 2, 1), "S"]]},
        {},
        "cards.xlsx:cards!D2: error: the spreadsheet turned this cell into a date; format the cell as Text",
    ),
    (
        "formula-without-result",
        {"cards": [HEADER, REFLECTION]},
        {"formulas": {("cards", "C2"): "=A2"}},
        "cards.xlsx:cards!C2: error: the formula =A2 has no saved result",
    ),
    (
        "merged-over-rows",
        {"cards": [HEADER, REFLECTION, ["r2", *REFLECTION[1:]]]},
        {"merged": {"cards": "B2:B3"}},
        "cards.xlsx:cards!B2: error: cells B2:B3 are merged; a card sheet needs each cell on its own: unmerge them",
    ),
    (
        "hidden-sheet",
        {"cards": [HEADER, REFLECTION], "Lists": [["dilemma"], ["roleplay"]]},
        {"hidden": ("Lists",)},
        "cards.xlsx:Lists: warning: this sheet is hidden, so its rows are not read as cards",
    ),
    (
        "duplicate-header",
        {"cards": [[*HEADER, "title"], [*REFLECTION, "Again"]]},
        {},
        "cards.xlsx:cards!F1: error: column 'title' appears twice (first in column C); keep one",
    ),
    (
        "no-header-row",
        {"cards": [REFLECTION]},
        {},
        "cards.xlsx:cards!A1: error: the first filled row must name the columns (id, type, title, situation, …); "
        "insert a header row above it",
    ),
    (
        "title-row",
        {"cards": [["My workshop's cards"], HEADER, REFLECTION]},
        {"merged": {"cards": "A1:E1"}},
        "cards.xlsx:cards!A1: error: a title above the header row? The first filled row must name the columns",
    ),
    (
        "cell-without-header",
        {"cards": [[*HEADER, None], [*REFLECTION, "stray"]]},
        {},
        "cards.xlsx:cards!F2: error: this cell has no column name above it (row 1)",
    ),
    (
        "roles-column",
        {"cards": [[*ROLEPLAY_HEADER, "roles"], [*ROLEPLAY, "Guest"]]},
        {},
        "cards.xlsx:cards!G1: error: unknown column 'roles' (a roleplay's roles are rows of the 'roles' sheet",
    ),
    (
        "roleplay-without-roles",
        {"Roleplays": [ROLEPLAY_HEADER, ROLEPLAY]},
        {},
        "cards.xlsx:Roleplays!A2: error: roles: required field is missing; add its roles as rows of the 'roles' sheet",
    ),
    (
        "role-of-a-dilemma",
        {"Dilemmas": [DILEMMA_HEADER, DILEMMA], "roles": [ROLES[0], ["d1", "Guest", "Brief.", None]]},
        {},
        "cards.xlsx:roles!A2: error: card 'd1' is a dilemma, not a roleplay; only roleplays have roles",
    ),
    (
        "role-of-no-card",
        {"Roleplays": [ROLEPLAY_HEADER, ROLEPLAY], "roles": [*ROLES, ["p11", "Other", "Brief.", None]]},
        {},
        "cards.xlsx:roles!A4: error: no card 'p11' in this file; a role's 'card' is the id of a roleplay in it "
        "(did you mean 'p1'?)",
    ),
    (
        "empty-role",
        {"Roleplays": [ROLEPLAY_HEADER, ROLEPLAY], "roles": [*ROLES[:2], ["p1", "Host", None, None]]},
        {},
        "cards.xlsx:roles!A3: error: role: role 'Host' needs a 'brief'",
    ),
    (
        "duplicate-id",
        {"cards": [HEADER, REFLECTION, REFLECTION]},
        {},
        "cards.xlsx:cards!A3: error: card id 'r1' is used twice (first at ",
    ),
    (
        "too-long",
        {"cards": [HEADER, [*REFLECTION[:3], "x" * 20_001, "S"]]},
        {},
        "cards.xlsx:cards!D2: error: question: is 20,001 characters long; at most 20,000 are allowed",
    ),
    (
        "minutes-text",
        {"Roleplays": [ROLEPLAY_HEADER, [*ROLEPLAY[:4], "five", "S"]], "roles": ROLES},
        {},
        "cards.xlsx:Roleplays!E2: error: minutes: expected a whole number here, not 'five'",
    ),
    (
        "no-cards",
        {"cards": [HEADER]},
        {},
        "cards.xlsx:cards!A1: error: cards: needs at least 1 item(s), has 0",
    ),
]


@pytest.mark.parametrize(
    ("sheets", "options", "expected"), [c[1:] for c in SHEET_MISTAKES], ids=[c[0] for c in SHEET_MISTAKES]
)
def test_spreadsheet_mistakes_are_located_at_their_cell(
    tmp_path: Path, sheets: dict[str, list[list[Any]]], options: dict[str, Any], expected: str
):
    root = workshop_with(tmp_path, sheets, **options)
    result = run_cli("validate", root)
    lines = [line.split("/ws/", 1)[-1] for line in result.stderr.splitlines()]
    assert any(line.startswith(expected) for line in lines), result.stderr
    if ": error: " in expected:
        assert result.exit_code == 1


def test_a_role_without_a_name_is_shown_at_its_empty_cell(tmp_path: Path):
    roles = [ROLES[0], ROLES[1], ["p1", None, "Busy.", None]]
    root = workshop_with(tmp_path, {"Roleplays": [ROLEPLAY_HEADER, ROLEPLAY], "roles": roles})
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert "cards.xlsx:roles!B3: error: name: required field is missing; fill in this cell" in result.stderr
