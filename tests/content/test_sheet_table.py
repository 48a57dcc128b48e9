"""Rows → card data: list cells, the header row, and a CellMap that names cells as spreadsheets do."""

from __future__ import annotations

from pathlib import Path

from workshop.content.problems import Location
from workshop.content.sheet_table import Table, read_tables, split_items

FILE = Path("cards.xlsx")


def test_list_cells_are_one_item_per_line_or_per_paragraph():
    assert split_items("One\r\n  Two  \nThree\n") == ["One", "Two", "Three"]
    assert split_items("First line\nstill first\n\nSecond") == ["First line\nstill first", "Second"]
    assert split_items("  \n ") == []


def test_locations_name_the_cell_as_the_spreadsheet_does():
    assert str(Location(FILE, 7, 4, "Dilemmas")) == "cards.xlsx:Dilemmas!D7"
    assert str(Location(FILE, 2, 28, "My cards")) == "cards.xlsx:'My cards'!AB2"
    assert str(Location(FILE, 0, 0, "Lists")) == "cards.xlsx:Lists"
    assert str(Location(Path("cards.csv"), 7, 4, "")) == "cards.csv:7:4"


def table(*rows: list[str | None]) -> Table:
    return Table((FILE, "Cards"), list(enumerate(rows, 1)))


def test_rows_become_cards_and_the_map_knows_every_cell():
    loaded = read_tables(
        FILE,
        [
            table(
                [None],
                ["id", "type", "# note", "options", "debrief.summary"],
                ["d1", "dilemma", "x", "A\nB", "S"],
            )
        ],
        Table((FILE, "roles"), [(1, ["card", "name", "brief"]), (2, ["d1", "Guest", "Hi"])]),
        "the 'roles' sheet",
    )
    assert loaded.data == {
        "cards": [{"id": "d1", "type": "dilemma", "options": ["A", "B"], "debrief": {"summary": "S"}}]
    }
    assert [str(p) for p in loaded.problems] == [
        "cards.xlsx:roles!A2: error: card 'd1' is a dilemma, not a roleplay; only roleplays have roles: "
        "remove this row or change the card's type"
    ]
    source = loaded.source
    assert str(source.locate(("cards", 0, "options", 1))) == "cards.xlsx:Cards!D3"
    assert str(source.locate(("cards", 0, "title"))) == "cards.xlsx:Cards!A3"  # no such column: the row
    assert source.name(("cards", 0, "debrief", "summary")) == "debrief.summary"
    assert source.name(("cards", 0, "options", 1)) == "options, item 2"
    where, advice = source.missing(("cards", 0, "title"))
    assert (str(where), advice) == ("cards.xlsx:Cards!A3", "add a column 'title' and fill it in")
    where, advice = source.missing(("cards", 0, "debrief", "summary"))
    assert (str(where), advice) == ("cards.xlsx:Cards!E3", "fill in this cell")


def test_a_header_with_a_mistake_stops_the_rows_from_repeating_it():
    loaded = read_tables(FILE, [table(["id", "titel"], ["a", "b"], ["c", "d"])], None, "")
    assert loaded.data is None
    assert [str(p) for p in loaded.problems] == [
        "cards.xlsx:Cards!B1: error: unknown column 'titel' (did you mean 'title'?)"
    ]
