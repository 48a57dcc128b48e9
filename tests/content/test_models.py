"""The content format's models: defaults as documented, unknown keys refused, frozen, roles checked."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from workshop.content.models import (
    CARD_TYPES,
    DEFAULT_FACE,
    MAX_TEXT,
    Card,
    CardFile,
    RoleplayCard,
    WorkshopConfig,
)
from workshop.content.units import mm

DEBRIEF = {"summary": "Eerst erkennen."}


def roleplay(**changes: Any) -> dict[str, Any]:
    card = {
        "id": "het-menu",
        "type": "roleplay",
        "title": "Het menu",
        "setting": "Een restaurant.",
        "minutes": 5,
        "roles": [
            {"name": "Gast", "brief": "Je wilt iets."},
            {"name": "Observator", "observe": ["Vraagt door?"]},
        ],
        "debrief": DEBRIEF,
    }
    return {**card, **changes}


def errors(data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as raised:
        CardFile.model_validate(data)
    return [(e["type"], e["loc"]) for e in raised.value.errors()]


def test_a_workshop_needs_only_a_title_and_gets_the_documented_defaults():
    config = WorkshopConfig.model_validate({"title": "  Een workshop  "})
    assert config.title == "Een workshop"  # surrounding spaces are not content
    assert (config.language, config.print.paper, config.print.duplex) == ("en", "a4", "long-edge")
    assert config.print.card_size.name == "poker"
    assert config.print.bleed == pytest.approx(mm(3))
    assert config.decks == ["*.yaml"] and config.agenda is None and config.debrief.base_url is None
    assert {t: tuple(getattr(config.print.face, t)) for t in CARD_TYPES} == DEFAULT_FACE


def test_models_are_frozen_and_refuse_unknown_keys():
    config = WorkshopConfig.model_validate({"title": "t"})
    with pytest.raises(ValidationError):
        config.title = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError) as raised:
        WorkshopConfig.model_validate({"title": "t", "titel": "x"})
    assert raised.value.errors()[0]["type"] == "extra_forbidden"


def test_the_card_type_picks_the_model():
    adapter: TypeAdapter[Any] = TypeAdapter(Card)
    card = adapter.validate_python(roleplay())
    assert isinstance(card, RoleplayCard) and card.roles[1].observe == ["Vraagt door?"]
    assert errors({"cards": [roleplay(type="rolplay")]})[0][0] == "union_tag_invalid"


def test_a_role_needs_a_brief_or_a_checklist():
    roles = [{"name": "Gast", "brief": "x"}, {"name": "Stil"}]
    with pytest.raises(ValidationError) as raised:
        CardFile.model_validate({"cards": [roleplay(roles=roles)]})
    (error,) = raised.value.errors()
    assert error["type"] == "role_empty" and "role 'Stil' needs a 'brief'" in error["msg"]


def test_two_roles_with_one_name_in_any_case_are_refused():
    roles = [{"name": "Gast", "brief": "x"}, {"name": "gast", "brief": "y"}]
    with pytest.raises(ValidationError) as raised:
        CardFile.model_validate({"cards": [roleplay(roles=roles)]})
    (error,) = raised.value.errors()
    assert error["type"] == "role_twice" and "two roles are called 'Gast'" in error["msg"]


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({"minutes": 0}, "greater_than_equal"),
        ({"minutes": 121}, "less_than_equal"),
        ({"roles": [{"name": "Alleen", "brief": "x"}]}, "too_short"),
        ({"title": ""}, "string_too_short"),
        ({"setting": "x" * (MAX_TEXT + 1)}, "string_too_long"),
    ],
)
def test_limits_of_a_roleplay(changes: dict[str, Any], kind: str):
    assert errors({"cards": [roleplay(**changes)]})[0][0] == kind


def test_a_dilemma_has_two_to_four_options_and_a_card_file_a_card():
    dilemma = {
        "id": "d",
        "type": "dilemma",
        "title": "t",
        "situation": "s",
        "question": "q",
        "debrief": DEBRIEF,
    }
    assert errors({"cards": [{**dilemma, "options": ["a"]}]}) == [
        ("too_short", ("cards", 0, "dilemma", "options"))
    ]
    assert errors({"cards": [{**dilemma, "options": list("abcde")}]})[0][0] == "too_long"
    assert errors({"cards": []}) == [("too_short", ("cards",))]
