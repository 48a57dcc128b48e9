"""The sheet's columns follow the card models: every field is a column, nested ones dotted."""

from __future__ import annotations

from workshop.content.models import CardBase, Debrief, DilemmaCard, ReflectionCard, Role, RoleplayCard
from workshop.content.sheet_columns import card_columns, columns_of, role_columns


def test_every_card_field_is_a_column_and_roles_have_their_own_sheet():
    names = set(card_columns())
    fields = set()
    for model in (DilemmaCard, RoleplayCard, ReflectionCard):
        fields |= {name for name in model.model_fields if name not in ("debrief", "roles")}
    assert names == fields | {f"debrief.{name}" for name in Debrief.model_fields}
    assert list(card_columns())[:3] == ["id", "type", "title"]
    assert list(role_columns()) == ["card", *Role.model_fields]


def test_list_fields_and_required_fields_are_known():
    columns = card_columns()
    assert {name for name, c in columns.items() if c.is_list} == {
        "options", "prompts", "tags", "debrief.questions", "debrief.insights",
    }  # fmt: skip
    assert columns["debrief.summary"].required and not columns["debrief.source"].required
    assert columns["debrief.summary"].path == ("debrief", "summary")
    assert role_columns()["observe"].is_list


def test_columns_of_a_card_type():
    assert "situation" in columns_of("dilemma") and "situation" not in columns_of("reflection")
    assert set(CardBase.model_fields) - {"debrief"} <= columns_of("roleplay")
