"""The card checks that `validate` and `build` share, run before anything is written.

Missing glyphs, the sheet layout, the back's title and logo, and the fit of every front
at the configured size and face settings: a folder that validates, builds. When cards do
not fit, the fitter itself tries the other standard sizes and faces with a field left off,
so the advice after the errors is measured, not guessed. `card_size: auto` is resolved here
by the same means.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from workshop.content.labels import label
from workshop.content.links import card_url
from workshop.content.loader import Workshop
from workshop.content.problems import ContentError, Problem
from workshop.content.units import CARD_SIZES_MM, mm, to_mm
from workshop.content.values import CardSize

if TYPE_CHECKING:
    from workshop.pdf.qr import QrCodes
    from workshop.render.cards.content import AnyCard
    from workshop.render.cards.deck import Deck
    from workshop.render.context import Store


@dataclass
class CardCheck:
    """What checking the cards found: the workshop (its card size resolved), problems, advice."""

    workshop: Workshop
    problems: list[Problem] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    deck: Deck | None = None
    """Every face prepared, when all fit: the build draws this deck instead of fitting again."""


def presets() -> list[CardSize]:
    """The standard card sizes, smallest area first (the order `auto` tries them in)."""
    sizes = [CardSize(name, mm(w), mm(h)) for name, (w, h) in CARD_SIZES_MM.items()]
    return sorted(sizes, key=lambda s: (s.width * s.height, s.height))


def with_print(workshop: Workshop, **settings: object) -> Workshop:
    """The same workshop with some print settings replaced (a card size, a face)."""
    config = workshop.config
    printing = config.print.model_copy(update=settings)
    return replace(workshop, config=config.model_copy(update={"print": printing}))


def resolve_card_size(workshop: Workshop) -> tuple[Workshop, list[Problem]]:
    """With `card_size: auto`: the workshop on the smallest preset every card fits on.

    When no preset holds them all, the largest is used, so the per-card errors that follow
    say what to shorten, and one error at print.card_size says that even it was too small.
    """
    if not workshop.config.print.card_size.to_choose:
        return workshop, []
    sizes = presets()
    for size in sizes:
        if _all_fit(workshop, size):
            return with_print(workshop, card_size=replace(size, auto=True)), []
    largest = sizes[-1]
    problem = Problem(
        workshop.locate_config("print", "card_size"),
        f"print.card_size: auto found no standard size that holds every card, not even {largest.name}; "
        "shorten the cards listed, or leave fields off the face with print.face",
    )
    return with_print(workshop, card_size=replace(largest, auto=True)), [problem]


def auto_note(workshop: Workshop) -> str | None:
    """The line that says which size `card_size: auto` chose, or None when it was not asked for."""
    size = workshop.config.print.card_size
    if not size.auto:
        return None
    return (
        f"card_size auto: {size.name} ({_dimensions(size)}), the smallest standard size "
        "on which every card fits"
    )


def check_cards(workshop: Workshop, store: Store | None = None, codes: QrCodes | None = None) -> CardCheck:
    """Every problem `build` would meet making the cards, located, and advice when cards overflow.

    Text sizes are taken from and handed to `store`: a build commits them for the next
    check, `validate` never does. `codes`: the build's QR codes, when already prepared.
    """
    from workshop.pdf import fonts
    from workshop.render.cards import StoredSizes, sheet_plan
    from workshop.render.cards.deck import prepare_deck

    coverage = fonts.check_coverage(workshop)
    if coverage:  # the build stops here too: a card with a box for a letter is not worth fitting
        return CardCheck(workshop, coverage)
    workshop, problems = resolve_card_size(workshop)
    check = CardCheck(workshop, problems)
    try:
        sheet_plan(workshop)
    except ContentError as exc:
        check.problems.extend(exc.problems)
    known = StoredSizes(store) if store is not None and store.enabled else {}
    try:
        deck = prepare_deck(workshop, known, lenient=True, codes=codes)
    except ContentError as exc:  # a back that cannot be made: nothing to fit against
        check.problems.extend(exc.problems)
        return check
    check.problems.extend(deck.problems)
    overflowing = [index for index, front in enumerate(deck.fronts) if front.overflows]
    if overflowing:
        check.advice.append(what_would_fit(workshop, overflowing))
    elif not check.problems:
        check.deck = deck
    from workshop.pdf.logo import logo_warnings

    check.problems.extend(logo_warnings(workshop))  # drawn already for the backs: nothing converted again
    return check


def what_would_fit(workshop: Workshop, overflowing: list[int]) -> str:
    """'12 cards do not fit on poker. All fit on tarot (card_size: tarot), or on poker with …'."""
    size = workshop.config.print.card_size
    count = len(overflowing)
    head = f"{count} card{'s' if count != 1 else ''} {'does' if count == 1 else 'do'} not fit on {_size_name(size)}."
    first = [workshop.cards[index] for index in overflowing]
    larger = next(
        (other for other in presets() if other.name != size.name and _all_fit(workshop, other, first)),
        None,
    )
    them = "it" if count == 1 else "them"
    face = _lighter_face(workshop, first)
    settings = ", ".join(f"print.face.{kind}: [{', '.join(fields)}]" for kind, fields in face.items())
    on_size = _size_name(size)
    if larger is not None and face:
        return f"{head} All fit on {larger.name} (card_size: {larger.name}), or on {on_size} with {settings}."
    if larger is not None:
        return (
            f"{head} All fit on {larger.name} (card_size: {larger.name}); leaving one field off the face "
            f"would not make {them} fit on {on_size}."
        )
    if face:
        return f"{head} No standard size holds {them} all; on {on_size} {'it fits' if count == 1 else 'they fit'} with {settings}."
    return (
        f"{head} No standard size holds {them}, and leaving one field off the face is not enough: "
        f"shorten {them}."
    )


def _lighter_face(workshop: Workshop, cards: list[AnyCard]) -> dict[str, list[str]]:
    """Per card type of the overflowing cards, a face with one field left off on which they all fit
    (the last field that works, as later fields are the details); {} if some type has none."""
    from workshop.render.cards.deck import face_of

    chosen: dict[str, list[str]] = {}
    for card_type in dict.fromkeys(card.type for card in cards):
        of_type = [card for card in cards if card.type == card_type]
        face = face_of(workshop, card_type)
        for left_off in reversed(face):
            fields = [name for name in face if name != left_off]
            lighter = with_print(
                workshop, face=workshop.config.print.face.model_copy(update={card_type: fields})
            )
            if all(_fits(lighter, card, workshop.config.print.card_size) for card in of_type):
                chosen[card_type] = fields
                break
        else:
            return {}
    return chosen


def _all_fit(workshop: Workshop, size: CardSize, first: list[AnyCard] | None = None) -> bool:
    """Whether every card (those in `first` tried first: they are the likely failures) fits `size`."""
    from workshop.render.cards import sheet_plan
    from workshop.render.cards.deck import _back

    sized = with_print(workshop, card_size=size)
    try:
        sheet_plan(sized)
        for card_type in dict.fromkeys(card.type for card in workshop.cards):
            _back(sized, card_type, size.width, size.height)
    except ContentError:
        return False
    tried = {card.id for card in first or []}
    ordered = list(first or []) + [card for card in workshop.cards if card.id not in tried]
    return all(_fits(sized, card, size) for card in ordered)


def _fits(workshop: Workshop, card: AnyCard, size: CardSize) -> bool:
    """Whether `card`'s front fits, searched as the build searches it, with this workshop's face settings."""
    from workshop.pdf.qr import modules
    from workshop.render.cards.content import front_specs
    from workshop.render.cards.deck import face_of
    from workshop.render.cards.faces import front_geometry
    from workshop.render.cards.fitting import Overflow, search

    config = workshop.config
    url = card_url(config.debrief.base_url, card.id) if config.debrief.base_url else None
    hint = label("scan_hint", config.language)
    geometry = front_geometry(
        size.width, size.height, modules(url) if url else None, card.id, hint, config.print.safe
    )
    specs = front_specs(card, config.language, face_of(workshop, card.type))
    color = getattr(config.theme.colors, card.type)
    try:
        search(specs, list(geometry.areas), config.language, color)
    except Overflow:
        return False
    return True


def _size_name(size: CardSize) -> str:
    return size.name if size.name != "custom" else f"{_dimensions(size)} cards"


def _dimensions(size: CardSize) -> str:
    return f"{to_mm(size.width):.4g} × {to_mm(size.height):.4g} mm"
