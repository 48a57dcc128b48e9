"""The small value types of the content format: lengths, ids, colours, times, URLs, sizes.

Each is an `Annotated` type with its own validator (raising `PydanticCustomError` with words
for trainers) and its own JSON Schema, so `models` can declare fields in one line each and
the command line can check `--card-size` and `--base-url` with the very same rules.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from workshop.content.units import CARD_SIZES_MM, LENGTH_PATTERN, mm, parse_length

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


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


def within(low_mm: float, high_mm: float, why: str) -> AfterValidator:
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


ID_EXAMPLES = {"nl": "thee-op-het-terras", "en": "tea-on-the-terrace"}
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)
"""Names Windows gives to devices: a card's site folder called 'con' cannot be opened or copied there."""


def _card_id(value: str, info: ValidationInfo) -> str:
    if not re.match(ID_PATTERN, value) or len(value) > 64:
        language = (info.context or {}).get("language") or "en"
        raise PydanticCustomError(
            "card_id",
            "'{value}' cannot be a card id: use lowercase letters, digits and single hyphens "
            "(it becomes part of the QR code's web address), e.g. '{example}'",
            {"value": value, "example": id_like(value) or ID_EXAMPLES.get(language, ID_EXAMPLES["en"])},
        )
    if value.lower() in WINDOWS_RESERVED:
        raise PydanticCustomError(
            "card_id_reserved",
            "'{value}' cannot be a card id: Windows reserves the name for a device, so the card's "
            "folder of the debrief site could not be opened there; choose another id, e.g. '{value}-card'",
            {"value": value},
        )
    return value


def id_like(text: str) -> str:
    """`text` made into a card id ('Het Menu!' → 'het-menu'), or '' when nothing usable is left."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:64].strip("-")
    return slug


CardId = Annotated[
    str,
    AfterValidator(_card_id),
    WithJsonSchema(
        {"type": "string", "pattern": ID_PATTERN, "maxLength": 64, "not": {"enum": sorted(WINDOWS_RESERVED)}}
    ),
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


def check_base_url(value: str) -> str:
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
    AfterValidator(check_base_url),
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
    auto: bool = False
    """Asked for as 'auto': before the check, a size still to choose (0 × 0); after it, the preset
    the fitter chose."""

    @property
    def to_choose(self) -> bool:
        return self.auto and self.width == 0


AUTO = "auto"


def parse_card_size(value: Any) -> CardSize:
    """A preset name, 'auto', {width, height}, or '63x88mm' → CardSize. Raises PydanticCustomError."""
    if isinstance(value, CardSize):
        return value
    if isinstance(value, str) and value.strip().lower() == AUTO:
        return CardSize(AUTO, 0.0, 0.0, auto=True)
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
        + ", auto (the smallest on which every card fits) or {{width: 63mm, height: 88mm}}",
        {"value": value},
    )


CardSizeSpec = Annotated[
    CardSize,
    BeforeValidator(parse_card_size),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": [*CARD_SIZES_MM, AUTO]},
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
            + "), auto (the smallest preset on which every card fits), or a custom {width, height}.",
        }
    ),
]


def face_fields(card_type: str, allowed: tuple[str, ...]) -> Any:
    """The type of `print.face.<card_type>`: a list of that type's field names, each at most once.

    Each name is checked on its own, so a misspelt one is reported at its own place in the list.
    """

    def check_name(value: str) -> str:
        if value == "title":
            raise PydanticCustomError(
                "face_title", "the title is always on the face; leave 'title' out of this list"
            )
        if value not in allowed:
            close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise PydanticCustomError(
                "face_field",
                "'{value}' is not a field of a {card_type} card's face; use {allowed}{hint}",
                {"value": value, "card_type": card_type, "allowed": ", ".join(allowed), "hint": hint},
            )
        return value

    def check_once(names: list[str]) -> list[str]:
        twice = next((name for index, name in enumerate(names) if name in names[:index]), None)
        if twice is not None:
            raise PydanticCustomError(
                "face_twice", "'{name}' is listed twice; name each field once", {"name": twice}
            )
        return names

    return Annotated[
        list[Annotated[str, AfterValidator(check_name)]],
        AfterValidator(check_once),
        WithJsonSchema(
            {
                "type": "array",
                "items": {"enum": list(allowed)},
                "uniqueItems": True,
                "default": list(allowed),
            }
        ),
    ]
