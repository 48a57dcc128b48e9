"""The content format (SPEC §2) as typed, frozen models: one place defines each field.

Field docstrings become the JSON Schema's descriptions (`workshop schema`), which editors
show as hover help. Custom validators raise `PydanticCustomError` with messages written for
trainers; `loader` maps every error back to its YAML line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .units import CARD_SIZES_MM, LENGTH_PATTERN, mm, parse_length

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CardType = Literal["dilemma", "roleplay", "reflection"]
CARD_TYPES: tuple[str, ...] = ("dilemma", "roleplay", "reflection")
MAX_TEXT = 20_000
"""Characters in any one text field: ten pages of the guide; a card holds a tenth of that."""


class Model(BaseModel):
    """Base for every content model: unknown keys are errors, values never change."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
        str_max_length=MAX_TEXT,  # a pasted book would take minutes to lay out before being refused
    )


# --- small value types ---------------------------------------------------------------


def _length(value: Any) -> float:
    try:
        return parse_length(value)
    except ValueError as exc:
        raise PydanticCustomError("length", str(exc)) from None


Length = Annotated[
    float,
    BeforeValidator(_length),
    WithJsonSchema({"type": "string", "pattern": LENGTH_PATTERN, "examples": ["3mm", "0.125in"]}),
]
"""A length with a unit (mm, cm, in, pt), stored in points."""


def _within(low_mm: float, high_mm: float, why: str) -> AfterValidator:
    """Refuse a length outside [low, high] mm: beyond them the sheets make no sense (cards overlap, backs fall off)."""

    def check(points: float) -> float:
        if not mm(low_mm) - 1e-9 <= points <= mm(high_mm) + 1e-9:
            raise PydanticCustomError(
                "length_range",
                "{value} mm is out of range; use {low} to {high} mm ({why})",
                {"value": f"{points / mm(1):g}", "low": f"{low_mm:g}", "high": f"{high_mm:g}", "why": why},
            )
        return points

    return AfterValidator(check)


def _card_id(value: str) -> str:
    if not re.match(ID_PATTERN, value) or len(value) > 64:
        raise PydanticCustomError(
            "card_id",
            "'{value}' cannot be a card id: use lowercase letters, digits and single hyphens "
            "(it becomes part of the QR code's web address), e.g. 'thee-op-het-terras'",
            {"value": value},
        )
    return value


CardId = Annotated[
    str,
    AfterValidator(_card_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": 64}),
]


def _color(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}", value):
        raise PydanticCustomError(
            "color",
            "'{value}' is not a colour; write it as #RRGGBB, e.g. \"#B03A2E\" (in quotes)",
            {"value": value},
        )
    if len(value) == 4:
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.upper()


HexColor = Annotated[
    str,
    AfterValidator(_color),
    WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{3,6}$"}),
]


def _clock(value: str) -> str:
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise PydanticCustomError(
            "clock",
            "'{value}' is not a time of day; write it as \"09:30\" (24-hour clock, in quotes)",
            {"value": value},
        )
    return f"{int(match.group(1)):02d}:{match.group(2)}"


ClockTime = Annotated[
    str, AfterValidator(_clock), WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"})
]


MAX_BASE_URL = 200
BASE_URL_PATTERN = r"https?://[\w.\-\[\]:]+(?:/[\w.~%/+:@!$,;=()*-]*)?"
"""No quotes, '<' or '&': the address is printed in the guide and the pages, and must stay text there."""
"""Longer, and a card's QR code grows too dense to scan at 20 mm (past ~2,300 characters it cannot exist)."""


def _base_url(value: str) -> str:
    if len(value) > MAX_BASE_URL:
        raise PydanticCustomError(
            "base_url",
            "the address is {length} characters long; the QR codes need one under {limit} "
            "(a shorter domain or path, e.g. https://example.org/workshop/)",
            {"length": len(value), "limit": MAX_BASE_URL},
        )
    if not re.fullmatch(BASE_URL_PATTERN, value):
        raise PydanticCustomError(
            "base_url",
            "'{value}' is not a web address the QR codes can point to; it must start with "
            "http:// or https:// and hold no spaces, quotes, '<', '>', '&', '?' or '#', "
            "e.g. https://example.org/workshop/",
            {"value": value},
        )
    return value


BaseUrl = Annotated[
    str,
    AfterValidator(_base_url),
    WithJsonSchema(
        {"type": "string", "format": "uri", "pattern": f"^{BASE_URL_PATTERN}$", "maxLength": MAX_BASE_URL}
    ),
]


def _group_size(value: Any) -> str:
    text = str(value).replace("–", "-").replace(" ", "")
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", text)
    if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))) or int(match.group(1)) < 1:
        raise PydanticCustomError(
            "group_size",
            "'{value}' is not a group size; write a number (12) or a range (8-20)",
            {"value": value},
        )
    return text


GroupSize = Annotated[
    str,
    BeforeValidator(_group_size),
    WithJsonSchema({"type": ["string", "integer"], "examples": ["8-20", 12]}),
]


@dataclass(frozen=True)
class CardSize:
    """A card's trim size in points, and the preset it came from (or 'custom')."""

    name: str
    width: float
    height: float


def parse_card_size(value: Any) -> CardSize:
    """A preset name, {width, height}, or '63x88mm' → CardSize. Raises PydanticCustomError."""
    if isinstance(value, CardSize):
        return value
    if isinstance(value, str) and value.strip().lower() in CARD_SIZES_MM:
        name = value.strip().lower()
        width, height = CARD_SIZES_MM[name]
        return CardSize(name, mm(width), mm(height))
    if isinstance(value, str):
        match = re.fullmatch(r"\s*([\d.,]+)\s*[x×]\s*([\d.,]+)\s*(mm|cm|in|pt)\s*", value)
        if match:
            value = {
                "width": match.group(1) + match.group(3),
                "height": match.group(2) + match.group(3),
            }
    if isinstance(value, dict) and set(value) == {"width", "height"}:
        try:
            width, height = parse_length(value["width"]), parse_length(value["height"])
        except ValueError as exc:
            raise PydanticCustomError("card_size", str(exc)) from None
        if not (mm(30) <= width <= mm(300) and mm(30) <= height <= mm(400)):
            raise PydanticCustomError(
                "card_size", "a card must be between 30 and 300 mm wide and 30 and 400 mm high"
            )
        return CardSize("custom", width, height)
    raise PydanticCustomError(
        "card_size",
        "'{value}' is not a card size; use one of "
        + ", ".join(CARD_SIZES_MM)
        + " or {{width: 63mm, height: 88mm}}",
        {"value": value},
    )


CardSizeSpec = Annotated[
    CardSize,
    BeforeValidator(parse_card_size),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(CARD_SIZES_MM)},
                {
                    "type": "object",
                    "properties": {
                        "width": {"type": "string", "pattern": LENGTH_PATTERN},
                        "height": {"type": "string", "pattern": LENGTH_PATTERN},
                    },
                    "required": ["width", "height"],
                    "additionalProperties": False,
                },
            ],
            "description": "A preset ("
            + ", ".join(f"{k} {w}x{h} mm" for k, (w, h) in CARD_SIZES_MM.items())
            + ") or a custom {width, height}.",
        }
    ),
]

Text = Annotated[str, Field(min_length=1)]


# --- workshop.yaml -------------------------------------------------------------------


class DebriefSettings(Model):
    base_url: BaseUrl | None = None
    """Where the debrief site is published; card X's QR code opens {base_url}/X/. Without it, cards have no QR codes."""


class PrintSettings(Model):
    paper: Literal["a4", "letter", "a3"] = "a4"
    """Sheet size for cards.pdf, the guide and the handouts."""
    card_size: CardSizeSpec = parse_card_size("poker")
    """Card trim size: a preset name or {width: 63mm, height: 88mm}."""
    bleed: Annotated[Length, _within(0, 10, "print shops ask for 3 mm; 0 turns bleed off")] = mm(3)
    """How far the card background extends past the trim line, e.g. 3mm."""
    crop_marks: bool = True
    """Draw crop marks outside the trim on cards.pdf."""
    duplex: Literal["long-edge", "short-edge", "fold", "none"] = "long-edge"
    """How backs are printed: long-edge or short-edge duplex, fold (front and back side by side), or none."""
    back_offset: tuple[
        Annotated[Length, _within(-20, 20, "a printer's duplex shift is a few millimetres")],
        Annotated[Length, _within(-20, 20, "a printer's duplex shift is a few millimetres")],
    ] = (0.0, 0.0)
    """Shift every back sheet by [x, y] to correct a printer's duplex misalignment (see the calibration sheet)."""


class TypeColors(Model):
    dilemma: HexColor = "#B03A2E"
    """Accent colour of dilemma cards."""
    roleplay: HexColor = "#1F618D"
    """Accent colour of roleplay cards."""
    reflection: HexColor = "#1E8449"
    """Accent colour of reflection cards."""


class Theme(Model):
    colors: TypeColors = TypeColors()
    """One colour per card type, as #RRGGBB."""
    logo: str | None = None
    """PNG, JPEG or SVG file inside the workshop folder; shown on card backs and the guide cover."""


class Block(Model):
    title: Text
    """What the block is called in the agenda."""
    minutes: Annotated[int, Field(ge=1, le=600)]
    """How long the block takes."""
    kind: Literal["session", "break"] = "session"
    """'break' blocks are set apart in the agenda."""
    cards: list[CardId] = []
    """Ids of the cards used in this block, in order."""
    instructions: str | None = None
    """What the facilitator does in this block."""


class Agenda(Model):
    start: ClockTime = "09:00"
    """Start time, "HH:MM" (quote it)."""
    blocks: Annotated[list[Block], Field(min_length=1)]
    """The blocks of the session, in order."""


class WorkshopConfig(Model):
    """workshop.yaml: what the workshop is, how it is printed, and its agenda."""

    title: Text
    """The workshop's title, on the guide cover, card backs and the site."""
    subtitle: str | None = None
    """A line under the title."""
    language: Literal["nl", "en"] = "en"
    """Language of every fixed label in the PDFs and pages: nl or en."""
    audience: str | None = None
    """Who the workshop is for."""
    group_size: GroupSize | None = None
    """Number of participants, e.g. 12 or 8-20."""
    duration: Annotated[int, Field(ge=1, le=24 * 60)] | None = None
    """Length in minutes; the agenda's blocks must add up to it."""
    author: str | None = None
    """Shown on the guide's cover."""
    license: str | None = None
    """E.g. CC BY-SA 4.0; on the guide's cover and the site's footer."""
    goals: list[Text] = []
    """Learning goals, listed in the guide's overview."""
    room: str | None = None
    """How to set up the room."""
    debrief: DebriefSettings = DebriefSettings()
    """The debrief site the QR codes point to."""
    print: PrintSettings = PrintSettings()
    """Paper, card size, bleed, crop marks and duplex."""
    theme: Theme = Theme()
    """Type colours and logo."""
    decks: list[Text] = ["*.yaml"]
    """Card files, relative to this folder; globs allowed. Default: every .yaml file beside workshop.yaml."""
    agenda: Agenda | None = None
    """Start time and blocks of the session."""


# --- card files ----------------------------------------------------------------------


class Debrief(Model):
    summary: Text
    """What the situation shows; opens the card's debrief page."""
    questions: list[Text] = []
    """Discussion questions."""
    insights: list[Text] = []
    """Points the facilitator wants to land."""
    source: str | None = None
    """Where the situation comes from."""


class CardBase(Model):
    id: CardId
    """Unique across the workshop; lowercase letters, digits and hyphens. It becomes the card's web address."""
    title: Text
    """The card's title."""
    tags: list[Text] = []
    """Free labels, for your own sorting."""
    debrief: Debrief
    """The notes behind the card's QR code, also printed in the guide."""


class DilemmaCard(CardBase):
    type: Literal["dilemma"]
    situation: Text
    """The story participants react to."""
    question: Text
    """The dilemma, as one question."""
    options: Annotated[list[Text], Field(min_length=2, max_length=4)]
    """Two to four positions to choose between; printed as A, B, C, D."""


class Role(Model):
    name: Text
    """The role's name, printed large on its handout."""
    brief: str | None = None
    """What only this role knows; printed on the role's own handout page."""
    observe: list[Text] | None = None
    """For an observer: the checklist of what to watch for."""

    @model_validator(mode="after")
    def _has_brief_or_checklist(self) -> Role:
        if not self.brief and not self.observe:
            raise PydanticCustomError(
                "role_empty",
                "role '{name}' needs a 'brief' (what the player knows) or an 'observe' checklist",
                {"name": self.name},
            )
        return self


class RoleplayCard(CardBase):
    type: Literal["roleplay"]
    setting: Text
    """Where and when the scene plays; everyone reads it."""
    minutes: Annotated[int, Field(ge=1, le=120)]
    """Playing time."""
    roles: Annotated[list[Role], Field(min_length=2, max_length=8)]
    """The roles, each with a brief or (observers) a checklist."""


class ReflectionCard(CardBase):
    type: Literal["reflection"]
    question: Text
    """The question to reflect on."""
    prompts: list[Text] = []
    """Smaller questions that help people start."""


Card = Annotated[DilemmaCard | RoleplayCard | ReflectionCard, Field(discriminator="type")]


class CardFile(Model):
    """A card file: a list of cards."""

    cards: Annotated[list[Card], Field(min_length=1)]
    """The cards in this file, in deck order."""
