"""CSV card files: what Excel, LibreOffice and Google Sheets write is read; the rest is refused at its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.sheetgen import sheet_workshop
from workshop.content.loader import load_workshop
from workshop.content.problems import Problems
from workshop.content.sheet_csv import roles_file

ROWS = (
    "id{d}type{d}title{d}setting{d}minutes{d}debrief.summary{d}debrief.questions\r\n"
    'p1{d}roleplay{d}"The menu{d} again"{d}"A restaurant.\r\nFriday night."{d}5{d}Ask back.{d}"One?\r\nTwo?"\r\n'
)
ROLES = 'card,name,brief,observe\np1,Guest,You want more.,\np1,Observer,,"Asks back?\nStays calm?"\n'


def workshop_with(tmp_path: Path, data: bytes, roles: bytes | None = ROLES.encode()) -> Path:
    root = sheet_workshop(tmp_path / "ws", "cards.csv")
    (root / "cards.csv").write_bytes(data)
    if roles is not None:
        (root / "cards.roles.csv").write_bytes(roles)
    return root


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-8")],
    ids=["comma", "semicolon-with-bom", "tab"],
)
def test_delimiters_bom_and_cells_over_several_lines(tmp_path: Path, delimiter: str, encoding: str):
    root = workshop_with(tmp_path, ROWS.format(d=delimiter).encode(encoding))
    problems = Problems()
    workshop = load_workshop(root, problems)
    assert [str(p) for p in problems.items] == []
    (card,) = workshop.cards
    assert card.title == f"The menu{delimiter} again"
    assert card.setting == "A restaurant.\nFriday night."
    assert card.debrief.questions == ["One?", "Two?"]
    assert [(role.name, role.observe) for role in card.roles] == [
        ("Guest", None),
        ("Observer", ["Asks back?", "Stays calm?"]),
    ]


def test_roles_file_sits_beside_the_cards():
    assert roles_file(Path("x/cards.csv")) == Path("x/cards.roles.csv")


CSV_MISTAKES = [
    (
        "latin-1",
        "id,type,title\nr1,reflection,Caf\xe9\n".encode("latin-1"),
        "cards.csv:2:18: error: byte 0xe9 is not UTF-8",
    ),
    (
        "utf-16",
        "id,type,title\n".encode("utf-16"),
        "cards.csv:1:1: error: the file is saved as UTF-16; save it as UTF-8",
    ),
    (
        "header-missing",
        b"r1,reflection,T,Q,S\n",
        "cards.csv:1:1: error: the first filled row must name the columns",
    ),
    ("duplicate-header", b"id,type,title,title\n", "cards.csv:1:4: error: column 'title' appears twice"),
    (
        "unknown-header",
        b"id,type,titel,question,debrief.summary\nr1,reflection,T,Q,S\n",
        "cards.csv:1:3: error: unknown column 'titel' (did you mean 'title'?)",
    ),
    (
        "empty-required-cell",
        b"id,type,title,question,debrief.summary\nr1,reflection,T,,S\n",
        "cards.csv:2:4: error: question: required field is missing; fill in this cell",
    ),
    (
        "control-character",
        b"id,type,title,question,debrief.summary\nr1,reflection,T\x1b,Q,S\n",
        "cards.csv:2:3: error: title: the cell holds the invisible control character U+001B (ESCAPE)",
    ),
    (
        "cell-over-the-limit",
        b"id,type,title,question,debrief.summary\nr1,reflection,T," + b"x" * 200_000 + b",S\n",
        "cards.csv:2:1: error: a cell holds more than 131,072 characters; at most 20,000 are allowed",
    ),
    (
        "text-over-the-limit",
        b"id,type,title,question,debrief.summary\nr1,reflection,T," + b"x" * 20_001 + b",S\n",
        "cards.csv:2:4: error: question: is 20,001 characters long; at most 20,000 are allowed",
    ),
]


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in CSV_MISTAKES], ids=[c[0] for c in CSV_MISTAKES]
)
def test_csv_mistakes_are_located(tmp_path: Path, data: bytes, expected: str):
    root = workshop_with(tmp_path, data, roles=None)
    result = run_cli("validate", root)
    assert result.exit_code == 1
    lines = [line.split("/ws/", 1)[-1] for line in result.stderr.splitlines()]
    assert any(line.startswith(expected) for line in lines), result.stderr


def test_html_and_formulas_in_cells_are_text_shown_as_typed(tmp_path: Path):
    data = b'id,type,title,question,debrief.summary\nr1,reflection,<b>Bold</b>,=SUM(A1:A3),"=1+1, @x"\n'
    root = workshop_with(tmp_path, data, roles=None)
    problems = Problems()
    (card,) = load_workshop(root, problems).cards
    assert (card.title, card.question, card.debrief.summary) == ("<b>Bold</b>", "=SUM(A1:A3)", "=1+1, @x")
    result = run_cli("validate", root)
    assert (
        "cards.csv:2:3: warning: card 'r1', title: <b> shows as typed; write **bold** instead"
        in result.stderr
    )


def test_a_csv_file_over_4_mib_is_refused_at_once(tmp_path: Path):
    root = workshop_with(tmp_path, b"id,type\n" + b"x,y\n" * 1_200_000, roles=None)
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert "cards.csv: error: file is 4.6 MiB, more than the 4 MiB a card file may have" in result.stderr
