"""The debrief site: one static page per card (what its QR code opens), an index, one CSS file.

Participants open these pages on their own phones, often on a weak connection, so every
page is a single small HTML file plus one shared stylesheet: no JavaScript, no web fonts,
nothing from another host, no cookies. Links are relative (and name `index.html`
explicitly) so the folder works on any static host and straight from disk.

Content never becomes markup by accident: templates autoescape every value, and the only
HTML let through is what `markup.to_html` made from the Markdown subset (which escapes
raw HTML in the content). Content is passed to templates as data, never compiled as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from workshop.content import images, markup
from workshop.content.agenda import clock_times
from workshop.content.checks import contrast_ratio
from workshop.content.labels import label, plural
from workshop.content.links import card_page_path
from workshop.content.loader import Workshop
from workshop.content.models import CARD_TYPES, Card, TypeColors
from workshop.content.resources import templates_dir
from workshop.render.context import RenderContext, Store

SITE = "site"
INK = "#1D1D1F"
WHITE = "#FFFFFF"
LOGO_EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "SVG": "svg"}
PLURALS = {"dilemma": "dilemmas", "roleplay": "roleplays", "reflection": "reflections"}


@dataclass(frozen=True)
class TypeStyle:
    """A card type's colours on the site: the accent, and a readable text colour on it."""

    name: str
    accent: str
    on_accent: str
    """White or ink, whichever contrasts more with the accent (the type chip's text)."""
    accent_text: str
    """The accent where it is readable as text on white (WCAG AA), else ink."""


@dataclass(frozen=True)
class Neighbour:
    """A previous/next link: where it goes and what it says."""

    href: str
    title: str
    number: int


def render(workshop: Workshop, context: RenderContext) -> dict[str, bytes]:
    """Render the whole site in memory: {"site/...": bytes}."""
    env = _environment(templates_dir() / "site", context.store)
    config = workshop.config
    language = config.language
    logo = _logo(workshop)
    env_globals: dict[str, Any] = {
        "workshop": config,
        "language": language,
        "t": lambda key, **values: label(key, language, **values),
        "tn": lambda key, n: plural(key, language, n),
        "total": len(workshop.cards),
        "logo": logo[0] if logo else None,
    }
    files: dict[str, bytes] = {
        f"{SITE}/style.css": _render(env, "style.css", env_globals, types=type_styles(config.theme.colors)),
        f"{SITE}/index.html": _render(env, "index.html", env_globals, root="", groups=_groups(workshop)),
    }
    for number, card in enumerate(workshop.cards, 1):
        files[f"{SITE}/{card_page_path(card.id)}"] = _render(
            env,
            "card.html",
            env_globals,
            root="../",
            card=card,
            number=number,
            previous=_neighbour(workshop, number - 1),
            next=_neighbour(workshop, number + 1),
        )
    if logo:
        files[f"{SITE}/{logo[0]}"] = logo[1]
    return files


def _environment(folder: Path, store: Store) -> Environment:
    """Jinja2 with autoescaping on for every template, and the Markdown filters; templates
    compiled by an earlier build come from `store` (see `StoredTemplates`). Without a store
    (`serve`'s site refresh, `preview`) one environment per process compiles them once."""
    return _new_environment(folder, store) if store.enabled else _process_environment(folder)


@lru_cache(maxsize=4)
def _process_environment(folder: Path) -> Environment:
    return _new_environment(folder, None)


def _new_environment(folder: Path, store: Store | None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(folder),
        bytecode_cache=StoredTemplates(store) if store is not None else None,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda text: Markup(markup.to_html(text))
    env.filters["md_inline"] = lambda text: Markup(markup.inline_html(text))
    env.filters["plain"] = markup.to_plain
    return env


class StoredTemplates(BytecodeCache):
    """The site's templates as Jinja2 compiled them, kept in the build's store: compiling them
    was ~20 ms of every build. Keyed by template and source checksum (and, as every entry, by
    the installed package and Jinja2's version); the store authenticates what it hands back,
    so only this user's own builds' compiled code is ever loaded."""

    KIND = "site-templates"

    def __init__(self, store: Store) -> None:
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self.store.get(self.KIND, self._key(bucket))
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # Jinja2 drops it if its header does not match

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(self.KIND, self._key(bucket), bucket.bytecode_to_string())

    def _key(self, bucket: Bucket) -> bytes:
        return self.store.key(self.KIND, bucket.key, bucket.checksum)


def _render(env: Environment, name: str, env_globals: dict[str, Any], **values: Any) -> bytes:
    return env.get_template(name).render(**env_globals, **values).encode("utf-8")


def type_styles(colors: TypeColors) -> list[TypeStyle]:
    """Per card type the accent colour and the text colours that stay readable with it."""
    styles = []
    for name in CARD_TYPES:
        accent = getattr(colors, name)
        on_accent = WHITE if contrast_ratio(accent, WHITE) >= contrast_ratio(accent, INK) else INK
        accent_text = accent if contrast_ratio(accent, WHITE) >= 4.5 else INK
        styles.append(TypeStyle(name, accent, on_accent, accent_text))
    return styles


@dataclass(frozen=True)
class IndexGroup:
    """A section of the index: its heading (content text, or a fixed label), and its cards."""

    heading: str
    cards: list[tuple[int, Card]]
    when: str = ""
    """The block's clock times, for a section that is an agenda block."""
    card_type: str | None = None
    """The one type of all its cards, for a section per type (colours its heading)."""


def _groups(workshop: Workshop) -> list[IndexGroup]:
    """The index's sections: with an agenda its blocks in order, each with its cards as played,
    then the cards the agenda leaves out; without one, a section per card type."""
    language = workshop.config.language
    agenda = workshop.config.agenda
    groups = []
    if agenda is not None and any(block.cards for block in agenda.blocks):
        listed: set[str] = set()
        known = {card.id for card in workshop.cards}
        for block, (start, end) in zip(agenda.blocks, clock_times(agenda), strict=True):
            ids = [
                card_id
                for card_id in dict.fromkeys(block.cards)
                if card_id in known and card_id not in listed
            ]
            listed.update(ids)
            if ids:
                cards = [(workshop.number(card_id), workshop.card(card_id)) for card_id in ids]
                groups.append(
                    IndexGroup(block.title, cards, label("time_range", language, start=start, end=end))
                )
        rest = [(n, card) for n, card in enumerate(workshop.cards, 1) if card.id not in listed]
        if rest:
            groups.append(IndexGroup(label("not_in_agenda", language), rest))
        return groups
    numbered = list(enumerate(workshop.cards, 1))
    for card_type in CARD_TYPES:
        cards = [(n, card) for n, card in numbered if card.type == card_type]
        if cards:
            groups.append(IndexGroup(label(PLURALS[card_type], language), cards, card_type=card_type))
    return groups


def _neighbour(workshop: Workshop, number: int) -> Neighbour | None:
    if not 1 <= number <= len(workshop.cards):
        return None
    card = workshop.cards[number - 1]
    return Neighbour(f"../{card_page_path(card.id)}", markup.to_plain(card.title), number)


def _logo(workshop: Workshop) -> tuple[str, bytes] | None:
    """The logo as it goes into the site (`logo.png|jpg|svg`), named by its content, or None.

    An SVG goes in as `images.read_logo` wrote it anew: only the safe subset, nothing that runs.
    """
    logo = images.logo_of(workshop)
    if logo is None:
        return None
    return f"logo.{LOGO_EXTENSIONS[logo.kind]}", logo.data
