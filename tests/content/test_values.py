"""The small value types: each refuses a wrong value with words a trainer can act on."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from workshop.content.units import mm
from workshop.content.values import (
    MAX_BASE_URL,
    BaseUrl,
    CardId,
    ClockTime,
    GroupSize,
    HexColor,
    check_base_url,
    face_fields,
    id_like,
    parse_card_size,
)


class Values(BaseModel):
    id: CardId = "a"
    color: HexColor = "#000000"
    start: ClockTime = "09:00"
    group: GroupSize | None = None
    url: BaseUrl | None = None
    face: face_fields("reflection", ("question", "prompts")) = []  # type: ignore[valid-type]


def refusal(language: str = "en", **values: object) -> tuple[str, str]:
    """(error type, message) of the one error `values` give."""
    with pytest.raises(ValidationError) as raised:
        Values.model_validate(values, context={"language": language})
    (error,) = raised.value.errors()
    return error["type"], error["msg"]


def test_card_sizes_by_name_auto_dimensions_and_mapping():
    poker = parse_card_size(" Poker ")
    assert (poker.name, poker.width, poker.height) == (
        "poker",
        pytest.approx(mm(63.5)),
        pytest.approx(mm(88.9)),
    )
    auto = parse_card_size("auto")
    assert auto.auto and auto.to_choose
    custom = parse_card_size("63x88mm")
    assert (custom.name, custom.width, custom.height) == (
        "custom",
        pytest.approx(mm(63)),
        pytest.approx(mm(88)),
    )
    assert parse_card_size({"width": "7cm", "height": "10cm"}).height == pytest.approx(mm(100))
    assert parse_card_size(poker) is poker


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("huge", "'huge' is not a card size; use one of poker, bridge"),
        ({"width": "10mm", "height": "88mm"}, "between 30 and 300 mm wide"),
        ({"width": "63", "height": "88mm"}, "'63' is not a length"),
        (63, "'63' is not a card size"),
    ],
)
def test_a_wrong_card_size_says_what_to_write(value: object, words: str):
    with pytest.raises(PydanticCustomError) as raised:
        parse_card_size(value)
    assert words in raised.value.message()


def test_card_ids_are_web_address_parts_and_the_example_is_in_the_workshops_language():
    assert Values.model_validate({"id": "thee-op-het-terras"}).id == "thee-op-het-terras"
    kind, message = refusal(id="Het Menu!")
    assert kind == "card_id" and "'Het Menu!' cannot be a card id" in message and "e.g. 'het-menu'" in message
    assert "e.g. 'thee-op-het-terras'" in refusal("nl", id="!!!")[1]
    assert "e.g. 'tea-on-the-terrace'" in refusal("en", id="!!!")[1]
    assert refusal(id="a" * 65)[0] == "card_id"


def test_id_like_makes_an_id_of_a_title():
    assert id_like("Het Menu!") == "het-menu"
    assert id_like("Café “Noord” — één") == "cafe-noord-een"
    assert id_like("日本") == ""


def test_colours_are_six_digit_upper_case():
    assert Values.model_validate({"color": "#b03"}).color == "#BB0033"
    assert Values.model_validate({"color": "#b03a2e"}).color == "#B03A2E"
    kind, message = refusal(color="red")
    assert kind == "color" and "'red' is not a colour; write it as #RRGGBB" in message


def test_clock_times_are_24_hour():
    assert Values.model_validate({"start": "9.30"}).start == "09:30"
    assert refusal(start="24:00")[0] == "clock"
    assert 'write it as "09:30"' in refusal(start="9 uur")[1]


@pytest.mark.parametrize(("written", "kept"), [(12, "12"), ("8-20", "8-20"), ("8 – 20", "8-20")])
def test_group_sizes_are_a_number_or_a_range(written: object, kept: str):
    assert Values.model_validate({"group": written}).group == kept


@pytest.mark.parametrize("written", ["20-8", "0", "veel", "8-"])
def test_a_wrong_group_size_is_refused(written: str):
    kind, message = refusal(group=written)
    assert kind == "group_size" and "write a number (12) or a range (8-20)" in message


def test_base_urls_are_short_web_addresses_without_markup():
    assert check_base_url("https://example.org/w/") == "https://example.org/w/"
    assert check_base_url("http://192.168.1.20:8000/") == "http://192.168.1.20:8000/"
    for bad in (
        "ftp://x",
        "https://a.org/?q=1",
        'https://a.org/"><script>',
        "https://a.org/#x",
        "example.org",
    ):
        with pytest.raises(PydanticCustomError, match="not a web address the QR codes can point to"):
            check_base_url(bad)
    with pytest.raises(PydanticCustomError) as raised:
        check_base_url("https://example.org/" + "x" * MAX_BASE_URL)
    assert "characters long; the QR codes need one under 200" in raised.value.message()


def test_face_fields_are_the_types_own_each_once_never_the_title():
    assert Values.model_validate({"face": ["prompts"]}).face == ["prompts"]
    assert refusal(face=["title"]) == (
        "face_title",
        "the title is always on the face; leave 'title' out of this list",
    )
    kind, message = refusal(face=["prompt"])
    assert kind == "face_field" and "use question, prompts (did you mean 'prompts'?)" in message
    assert refusal(face=["question", "question"])[0] == "face_twice"
