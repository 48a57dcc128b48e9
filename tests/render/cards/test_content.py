"""What a card's front says, in reading order, each paragraph with its role; print.face chooses the fields."""

from __future__ import annotations

from pydantic import TypeAdapter

from tests.cardgen import card
from workshop.content.models import Card
from workshop.render.cards.content import front_specs

CARD: TypeAdapter[Card] = TypeAdapter(Card)


def specs(
    data: dict, language: str = "nl", face: tuple[str, ...] | None = None
) -> list[tuple[str, str, str | None]]:
    return [(s.field, s.role, s.bullet) for s in front_specs(CARD.validate_python(data), language, face)]


def test_a_dilemma_reads_title_story_question_then_lettered_options():
    assert specs(card(1)) == [
        ("title", "title", None),
        ("situation", "body", None),
        ("question", "question", None),
        ("options", "option", "A"),
        ("options", "option", "B"),
        ("options", "option", "C"),
    ]


def test_a_roleplay_lists_its_roles_and_time_in_the_workshops_language():
    front = front_specs(CARD.validate_python(card(2)), "en")
    assert [s.field for s in front] == ["title", "setting", "roles", "minutes"]
    assert front[2].markup == "<b>Roles</b>  Gast · Serveerster · Observator"
    assert front[3].markup.endswith("10 minutes")
    assert front_specs(CARD.validate_python(card(2)), "nl")[2].markup.startswith("<b>Rollen</b>")


def test_a_reflection_has_a_lead_question_and_bulleted_prompts_under_a_heading():
    front = front_specs(CARD.validate_python(card(3)), "nl")
    assert [(s.field, s.role, s.bullet) for s in front] == [
        ("title", "title", None),
        ("question", "lead", None),
        ("prompts", "label", None),
        ("prompts", "prompt", "•"),
        ("prompts", "prompt", "•"),
    ]
    assert front[2].markup == "DENK AAN"
    assert [s.item for s in front[3:]] == [0, 1]  # a problem can point at the prompt


def test_the_face_setting_leaves_fields_off_and_reorders_them():
    assert [f for f, _, _ in specs(card(1), face=("question",))] == ["title", "question"]
    assert [f for f, _, _ in specs(card(1), face=("options", "situation"))][:2] == ["title", "options"]


def test_paragraphs_and_lists_in_a_story_keep_their_shape_and_markup_stays_text():
    story = "Eerste alinea met <b>geen vet</b>.\n\nTweede:\n\n- een\n- *twee*"
    front = front_specs(CARD.validate_python({**card(1), "situation": story}), "nl", ("situation",))
    assert [(s.role, s.bullet) for s in front[1:]] == [
        ("body", None),
        ("body", None),
        ("prompt", "•"),
        ("prompt", "•"),
    ]
    assert front[1].markup == "Eerste alinea met &lt;b&gt;geen vet&lt;/b&gt;."
    assert front[4].markup == "<i>twee</i>"
