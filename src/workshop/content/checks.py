"""Rules that span files: unique ids, agenda references and minutes, paths, images, colours."""

from __future__ import annotations

import re
from pathlib import Path

from workshop.content import images
from workshop.content.loader import Workshop
from workshop.content.messages import did_you_mean
from workshop.content.pasted import check_pasted_markup
from workshop.content.paths import outside_problem
from workshop.content.problems import Location, Problems
from workshop.content.text_fields import text_fields

WHITE = "#FFFFFF"
MAX_LIST_DEPTH = 8
"""The Markdown parser stops at 20 nesting levels (~9 lists) and drops what lies deeper, silently."""
_LIST_LINE = re.compile(r"^( *)((?:(?:[-*+]|\d{1,9}[.)])[ \t]+)+)", re.MULTILINE)
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+")


def check_workshop(workshop: Workshop, problems: Problems) -> None:
    """Add every cross-file problem of `workshop` to `problems`."""
    _unique_ids(workshop, problems)
    _agenda(workshop, problems)
    _logo(workshop, problems)
    _colors(workshop, problems)
    _list_depth(workshop, problems)
    check_pasted_markup(workshop, problems)
    if workshop.config.debrief.base_url is None:
        problems.warning(
            workshop.locate_config(),
            "no debrief.base_url: cards are built without QR codes; add 'debrief: {base_url: https://…}' "
            "to point each card at its debrief page",
        )


def _unique_ids(workshop: Workshop, problems: Problems) -> None:
    first_seen: dict[str, tuple[Path, int]] = {}  # located only when needed: 10,000 cards, few mistakes
    for card, (file, index) in zip(workshop.cards, workshop.places, strict=True):
        if card.id in first_seen:
            first_file, first_index = first_seen[card.id]
            first = workshop.sources[first_file].locate(("cards", first_index, "id"))
            problems.error(
                workshop.sources[file].locate(("cards", index, "id")),
                f"card id '{card.id}' is used twice (first at {first}); every card needs its own id",
            )
        else:
            first_seen[card.id] = (file, index)


def _agenda(workshop: Workshop, problems: Problems) -> None:
    agenda = workshop.config.agenda
    if agenda is None:
        return
    ids = [card.id for card in workshop.cards]
    known = set(ids)  # a list here made checking 10,000 agenda entries quadratic
    used: dict[str, Location] = {}
    for b, block in enumerate(agenda.blocks):
        for c, card_id in enumerate(block.cards):
            where = workshop.locate_config("agenda", "blocks", b, "cards", c)
            if card_id not in known and workshop.complete:
                hint = did_you_mean(card_id, ids)
                problems.error(
                    where,
                    f"agenda.blocks[{b}].cards: no card has the id '{card_id}'"
                    + (f" ({hint})" if hint else "; check the card files listed under 'decks'"),
                )
            elif card_id not in known:
                continue  # its card file has errors, reported already
            elif card_id in used:
                problems.warning(where, f"card '{card_id}' is already used in the agenda at {used[card_id]}")
            else:
                used[card_id] = where
    total = sum(block.minutes for block in agenda.blocks)
    duration = workshop.config.duration
    if duration is not None and total != duration:
        diff = total - duration
        problems.error(
            workshop.locate_config("duration"),
            f"duration is {duration} minutes but the agenda's blocks add up to {total} "
            f"({abs(diff)} {'too many' if diff > 0 else 'too few'}); change a block's minutes or the duration",
        )


def _logo(workshop: Workshop, problems: Problems) -> None:
    logo = workshop.config.theme.logo
    if logo is None:
        return
    where = workshop.locate_config("theme", "logo")
    try:
        message = check_path(workshop.root, logo)
        if message is None:
            removed = images.read_logo(workshop.root / logo, decode=True).removed
            if removed:
                problems.warning(
                    where,
                    f"theme.logo: left out of '{Path(logo).name}' what a printed logo does not use: "
                    + ", ".join(removed),
                )
    except images.ImageRefused as refused:
        message = str(refused)
    except (OSError, RuntimeError) as exc:  # a name too long for the file system, a link loop …
        reason = getattr(exc, "strerror", None) or "it is a link that points to itself"
        message = f"'{logo[:80]}' cannot be opened: {reason}"
    if message:
        problems.error(where, f"theme.logo: {message}")


def check_path(root: Path, relative: str) -> str | None:
    """Why `relative` cannot be used as a file of this workshop, or None when it can."""
    path = Path(relative)
    if not relative.strip():
        return "the path is empty; name the image file or remove the line"
    if path.is_absolute() or ".." in path.parts:
        return f"'{relative}' leaves the workshop folder; put the file inside it and use a relative path"
    full = root / path
    problem = outside_problem(root, full, relative)
    if problem is None and not full.is_file():
        return f"'{relative}' does not exist (looked in {root})"
    return problem


def _colors(workshop: Workshop, problems: Problems) -> None:
    colors = workshop.config.theme.colors
    for card_type in ("dilemma", "roleplay", "reflection"):
        color = getattr(colors, card_type)
        ratio = contrast_ratio(color, WHITE)
        if ratio < 4.5:
            problems.warning(
                workshop.locate_config("theme", "colors", card_type),
                f"white text on {color} has contrast {ratio:.1f}:1, below the 4.5:1 that WCAG AA asks; "
                "choose a darker colour so the label stays readable",
            )


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def list_depth_bound(text: str) -> int:
    """An upper bound of how deeply `text` nests Markdown lists, without parsing it.

    An item is the child of an open item only when it starts at or right of that item's
    content column (CommonMark), or follows its marker on the same line ('- - x').
    """
    deepest = 0
    open_columns: list[int] = []  # content column of each open list item
    for match in _LIST_LINE.finditer(text):
        column = len(match.group(1))
        while open_columns and column < open_columns[-1]:
            open_columns.pop()
        for marker in _MARKER.finditer(match.group(2)):
            open_columns.append(column + marker.end())
        deepest = max(deepest, len(open_columns))
    return deepest


def _list_depth(workshop: Workshop, problems: Problems) -> None:
    message = (
        "{path}: a list nested about {depth} levels deep; at most {limit} are printed, deeper items "
        "would be lost: indent less (two spaces per level)"
    )
    for card, fields in zip(workshop.cards, workshop.card_texts, strict=True):
        for path, text in fields:
            depth = list_depth_bound(text)
            if depth > MAX_LIST_DEPTH:
                shown = f"card '{card.id}', " + ".".join(map(str, path))
                problems.error(
                    workshop.locate_card(card.id, *path),
                    message.format(path=shown, depth=depth, limit=MAX_LIST_DEPTH),
                )
    for path, text in text_fields(workshop.config.model_dump(exclude={"print", "theme", "debrief", "decks"})):
        depth = list_depth_bound(text)
        if depth > MAX_LIST_DEPTH:
            problems.error(
                workshop.locate_config(*path),
                message.format(path=".".join(map(str, path)), depth=depth, limit=MAX_LIST_DEPTH),
            )
