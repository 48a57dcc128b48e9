"""Pydantic's errors become a place in the YAML file and words keyed on the error's type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from workshop.content.messages import describe_error, did_you_mean, without_echoes
from workshop.content.models import CardFile, WorkshopConfig
from workshop.content.sourcemap import load_yaml


def described(path: Path, model: type[BaseModel]) -> list[str]:
    """Every message for `path` as the loader reports them, `line:column: message`."""
    loaded = load_yaml(path)
    assert not loaded.problems
    with pytest.raises(ValidationError) as raised:
        model.model_validate(loaded.data)
    lines = []
    for error in without_echoes(raised.value.errors(include_url=False)):
        where, message = describe_error(error, model, loaded.data, loaded.source)
        lines.append(f"{where.line}:{where.column}: {message}")
    return lines


CARD = """
cards:
  - id: a
    type: dilemma
    title: Titel
    situation: Iets.
    question: Wat?
    options: [een, twee]
    debrief:
      summary: Kort.
"""


def card_file(write: Callable[[str, str], Path], old: str, new: str) -> Path:
    assert old in CARD
    return write("cards.yaml", CARD.replace(old, new, 1))


def test_a_misspelt_key_is_one_message_with_a_suggestion_not_also_a_missing_field(write):
    lines = described(card_file(write, "    debrief:", "    debrif:"), CardFile)
    assert lines == ["8:5: cards[0].debrif: unknown field (did you mean 'debrief'?)"]


def test_an_unknown_key_without_a_near_miss_lists_what_is_allowed(write):
    (line,) = described(write("workshop.yaml", "title: t\nprint:\n  kleur: rood\n"), WorkshopConfig)
    assert line.startswith("3:3: print.kleur: unknown field (allowed here: back_offset, bleed, card_size,")


def test_a_missing_field_is_located_at_its_parent_and_says_what_to_add(write):
    (line,) = described(card_file(write, "    question: Wat?\n", ""), CardFile)
    assert line == "2:5: cards[0].question: required field is missing; add 'question:'"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: Titel", "title: [a, b]", "4:12: cards[0].title: expected text here, not a list"),
        ("title: Titel", "title: {Let op: dit}", "4:12: cards[0].title: expected text here, not a mapping"),
        (
            "options: [een, twee]",
            "options: een",
            "7:14: cards[0].options: expected a list (lines starting with '- ') here",
        ),
        (
            "type: dilemma",
            "type: dilema",
            "3:11: cards[0].type: 'dilema' is not a card type; use dilemma, roleplay or reflection (did you mean 'dilemma'?)",
        ),
        (
            "type: dilemma",
            "type:",
            "3:10: cards[0].type: 'type:' is empty; write dilemma, roleplay or reflection after it",
        ),
        (
            "    type: dilemma\n",
            "",
            "2:5: cards[0]: every card needs 'type:' dilemma, roleplay or reflection",
        ),
        ("options: [een, twee]", "options: [een]", "7:14: cards[0].options: needs at least 2 item(s), has 1"),
        ("summary: Kort.", "summary: ''", "9:16: cards[0].debrief.summary: must not be empty"),
    ],
    ids=["list", "mapping", "not-a-list", "type", "empty-type", "no-type", "too-short", "empty"],
)
def test_each_error_type_has_its_own_words(write, old: str, new: str, expected: str):
    lines = described(card_file(write, old, new), CardFile)
    assert any(line.startswith(expected) for line in lines), lines


def test_numbers_and_choices(write):
    text = "title: t\nduration: veel\nlanguage: de\ngroup_size: 5\nprint: {crop_marks: misschien}\n"
    lines = described(write("workshop.yaml", text), WorkshopConfig)
    assert "2:11: duration: expected a whole number here, not 'veel'" in lines
    assert "3:11: language: 'de' is not allowed; use one of: nl, en" in lines
    assert "5:21: print.crop_marks: expected true or false here, not 'misschien'" in lines


def test_did_you_mean_only_for_a_near_miss():
    assert did_you_mean("debrif", ["debrief", "title"]) == "did you mean 'debrief'?"
    assert did_you_mean("xyz", ["debrief", "title"]) == ""
