"""The content format (README, "A tour of the format") as typed, frozen models: one place defines each field.

Field docstrings become the JSON Schema's descriptions (`workshop schema` reads them from
this file's source, see `schema.field_docstrings`), which editors show as hover help. Custom validators raise `PydanticCustomError` with messages written for
trainers; `loader` maps every error back to its YAML line and column.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from workshop.content.units import mm
from workshop.content.values import (
    BaseUrl,
    CardId,
    CardSizeSpec,
    ClockTime,
    GroupSize,
    HexColor,
    Length,
    face_fields,
    parse_card_size,
    within,
)

CARD_TYPES: tuple[str, ...] = ("dilemma", "roleplay", "reflection")
MAX_TEXT = 20_000
"""Characters in any one text field: ten pages of the guide; a card holds a tenth of that."""
MAX_CARD_COPIES = 100
"""Prints of one card in one cards.pdf: a deck for a hundred players at one table is already more."""


class Model(BaseModel):
    """Base for every content model: unknown keys are errors, values never change."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        str_max_length=MAX_TEXT,  # a pasted book would take minutes to lay out before being refused
    )


Text = Annotated[str, Field(min_length=1)]


def as_written(default: Any, written: Any) -> Any:
    """A default kept in points (or parsed), shown in the schema as a trainer writes it ('3mm', 'poker')."""
    return Field(default, json_schema_extra={"default": written})


# --- workshop.yaml -------------------------------------------------------------------


class DebriefSettings(Model):
    base_url: BaseUrl | None = None
    """Where the debrief site is published; card X's QR code opens {base_url}/X/. Without it, cards have no QR codes."""
    reveal: Literal["after-vote", "by-facilitator", "always"] = "by-facilitator"
    """In `workshop room`: when participants see a card's debrief notes: after they voted or answered, when the facilitator reveals them, or always."""


DEFAULT_FACE: dict[str, tuple[str, ...]] = {
    "dilemma": ("situation", "question", "options"),
    "roleplay": ("setting", "roles", "minutes"),
    "reflection": ("question", "prompts"),
}
"""What a card's front shows below its title, by card type, when `print.face` does not say."""


class FaceSettings(Model):
    """Per card type, the fields printed on the front, in order; the title always comes first.

    A field left off still appears in the guide and on the card's debrief page."""

    dilemma: face_fields("dilemma", DEFAULT_FACE["dilemma"]) = list(DEFAULT_FACE["dilemma"])  # type: ignore[valid-type]  # built at runtime for pydantic
    """Fields on a dilemma's front: situation, question, options."""
    roleplay: face_fields("roleplay", DEFAULT_FACE["roleplay"]) = list(DEFAULT_FACE["roleplay"])  # type: ignore[valid-type]  # built at runtime for pydantic
    """Fields on a roleplay's front: setting, roles, minutes."""
    reflection: face_fields("reflection", DEFAULT_FACE["reflection"]) = list(DEFAULT_FACE["reflection"])  # type: ignore[valid-type]  # built at runtime for pydantic
    """Fields on a reflection's front: question, prompts."""


class PrintSettings(Model):
    paper: Literal["a4", "letter", "a3"] = "a4"
    """Sheet size for cards.pdf, the guide and the handouts."""
    card_size: CardSizeSpec = as_written(parse_card_size("poker"), "poker")
    """Card trim size: a preset name or {width: 63mm, height: 88mm}."""
    bleed: Annotated[Length, within(0, 10, "print shops ask for 3 mm; 0 turns bleed off")] = as_written(
        mm(3), "3mm"
    )
    """How far the card background extends past the trim line, e.g. 3mm."""
    crop_marks: bool = True
    """Draw crop marks outside the trim on cards.pdf."""
    duplex: Literal["long-edge", "short-edge", "fold", "none"] = "long-edge"
    """How backs are printed: long-edge or short-edge duplex, fold (front and back side by side), or none."""
    layout: Literal["auto", "max"] = "auto"
    """Cards per sheet on cards.pdf: auto, the most for which every crop mark prints on a home printer (2 mm inside its 5 mm margin); max, the most that fit, marks or not."""
    safe: Annotated[Length, within(1, 10, "3 mm is the printers' norm")] = as_written(mm(3), "3mm")
    """How far all text stays inside the card's trim line (the safe zone), e.g. 3mm."""
    face: FaceSettings = FaceSettings()
    """Per card type, the fields printed on the card's front, e.g. {reflection: [question]}; the rest goes to the guide and the debrief page only."""
    back_offset: tuple[
        Annotated[Length, within(-20, 20, "a printer's duplex shift is a few millimetres")],
        Annotated[Length, within(-20, 20, "a printer's duplex shift is a few millimetres")],
    ] = as_written((0.0, 0.0), ["0mm", "0mm"])
    """Shift every back sheet by [x, y] to correct a printer's duplex misalignment (see the calibration sheet)."""
    copies: Annotated[int, Field(ge=1, le=1000)] | None = None
    """How many copies of cards.pdf to print; default: one deck per 4 participants of group_size."""
    shop: bool | list[Literal["pdfx-1a", "tgc"]] = False
    """Also write build/print-shop/ for print-on-demand shops: true, or what the shop needs: [pdfx-1a] (PDF/X-1a instead of PDF/X-4), [tgc] (The Game Crafter's image size)."""


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
    copies: Annotated[int, Field(ge=1, le=MAX_CARD_COPIES)] = 1
    """How many times the card is printed in cards.pdf, all with the same id and QR code; each copy of cards.pdf (print.copies) holds it this many times."""
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

    @model_validator(mode="after")
    def _roles_have_their_own_names(self) -> RoleplayCard:
        names = [role.name.casefold() for role in self.roles]
        twice = next(
            (role.name for role, name in zip(self.roles, names, strict=True) if names.count(name) > 1), None
        )
        if twice is not None:
            raise PydanticCustomError(
                "role_twice",
                "two roles are called '{name}'; give each role its own name, so every player knows "
                "which handout is theirs",
                {"name": twice},
            )
        return self


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
