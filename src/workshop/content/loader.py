"""Find a workshop's files, validate them against the models, and say where every problem is.

Every file is parsed with positions (`sourcemap`) and validated against the models; each
validation error becomes a located `Problem` through `messages`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from workshop.content.messages import describe_error, without_echoes
from workshop.content.models import Card, CardFile, WorkshopConfig
from workshop.content.problems import Location, Problems
from workshop.content.sourcemap import SourceMap, load_yaml

M = TypeVar("M", bound=BaseModel)
WORKSHOP_FILE = "workshop.yaml"
MAX_CARD_FILES = 500


@dataclass(frozen=True)
class Workshop:
    """A loaded workshop: its settings, its cards in deck order, and where each came from."""

    root: Path
    config: WorkshopConfig
    cards: tuple[Card, ...]
    card_files: tuple[Path, ...] = ()
    sources: dict[Path, SourceMap] = field(default_factory=dict, compare=False)
    places: tuple[tuple[Path, int], ...] = ()
    """For each card, in deck order: (its file, its index in that file's `cards` list)."""
    complete: bool = True
    """False when a card file could not be read: cards may be missing for reasons already reported."""

    @cached_property
    def card_origins(self) -> dict[str, tuple[Path, int]]:
        """card id → where it is first written."""
        origins: dict[str, tuple[Path, int]] = {}
        for card, place in zip(self.cards, self.places, strict=True):
            origins.setdefault(card.id, place)
        return origins

    @cached_property
    def card_texts(self) -> tuple[tuple[tuple[tuple[str | int, ...], str], ...], ...]:
        """Each card's strings with their paths (e.g. ('options', 0)), in deck order.

        The list-depth check, the pasted-text check, the glyph check and the long guide's
        font priming all read every string of every card: walked once here.
        """
        from workshop.content.text_fields import text_fields

        return tuple(tuple(text_fields(card.model_dump())) for card in self.cards)

    @property
    def config_file(self) -> Path:
        return self.root / WORKSHOP_FILE

    @cached_property
    def _numbers(self) -> dict[str, int]:
        numbers: dict[str, int] = {}
        for number, card in enumerate(self.cards, 1):
            numbers.setdefault(card.id, number)
        return numbers

    def card(self, card_id: str) -> Card:
        """The card with this id (the first, should ids repeat); KeyError if there is none."""
        return self.cards[self._numbers[card_id] - 1]

    def number(self, card_id: str) -> int:
        """The card's 1-based place in the deck, as printed in '7/24'. A lookup, not a scan."""
        return self._numbers[card_id]

    def locate_card(self, card_id: str, *path: str | int) -> Location:
        """Where a card (or one of its fields, e.g. 'situation') is written."""
        file, index = self.card_origins.get(card_id, (self.config_file, -1))
        source = self.sources.get(file)
        if source is None or index < 0:
            return Location(file)
        return source.locate(("cards", index, *path))

    def locate_config(self, *path: str | int) -> Location:
        source = self.sources.get(self.config_file)
        return source.locate(tuple(path)) if source else Location(self.config_file)


def load_workshop(root: Path, problems: Problems) -> Workshop | None:
    """Load workshop.yaml and every card file; problems go into `problems`.

    Files with errors are skipped, their problems reported, and the rest still read, so
    every file's mistakes show in one run. Returns None when workshop.yaml is unusable.
    """
    config_file = root / WORKSHOP_FILE
    sources: dict[Path, SourceMap] = {}
    config, raw = _load_model(config_file, WorkshopConfig, problems, sources)
    decks = config.decks if config else _raw_decks(raw)
    cards: list[Card] = []
    places: list[tuple[Path, int]] = []
    quiet = config is None and raw is None  # workshop.yaml unreadable: don't guess aloud
    errors_before = len(problems.errors)
    for file in find_card_files(root, decks, problems, sources.get(config_file), report_missing=not quiet):
        card_file, _ = _load_model(file, CardFile, problems, sources, config.language if config else None)
        if card_file is None:
            continue
        for index, card in enumerate(card_file.cards):
            cards.append(card)
            places.append((file, index))
    if config is None:
        return None
    complete = len(problems.errors) == errors_before
    return Workshop(root, config, tuple(cards), tuple(files_of(places)), sources, tuple(places), complete)


def files_of(places: list[tuple[Path, int]]) -> list[Path]:
    return list(dict.fromkeys(file for file, _ in places))


def _raw_decks(raw: Any) -> list[str]:
    """`decks` as written, so card files are checked even when workshop.yaml has errors."""
    decks = raw.get("decks") if isinstance(raw, dict) else None
    if isinstance(decks, list) and all(isinstance(d, str) for d in decks):
        return decks
    return list(WorkshopConfig.model_fields["decks"].default)


def find_card_files(
    root: Path, decks: list[str], problems: Problems, source: SourceMap | None, *, report_missing: bool = True
) -> list[Path]:
    """Resolve `decks` (globs allowed) to files inside the workshop folder, in the order given."""
    found: list[Path] = []
    root_resolved = root.resolve()
    for i, pattern in enumerate(decks):
        where = source.locate(("decks", i)) if source else Location(root / WORKSHOP_FILE)
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            problems.error(where, f"'{pattern}' leaves the workshop folder; card files must be inside it")
            continue
        try:
            matches = sorted(root.glob(pattern)) if any(ch in pattern for ch in "*?[") else [root / pattern]
        except (ValueError, NotImplementedError) as exc:
            problems.error(where, f"'{pattern}' is not a usable file pattern: {exc}")
            continue
        matches = [
            m
            for m in matches
            if m.name != WORKSHOP_FILE
            and m.suffix in (".yaml", ".yml")
            and ".." not in m.relative_to(root).parts
            and "build" not in m.relative_to(root).parts[:1]
        ]
        if not matches and report_missing:
            problems.error(
                where,
                f"no card file matches '{pattern}'; check the name (it is relative to {root / WORKSHOP_FILE})",
            )
        for match in matches:
            try:
                outside = not match.resolve().is_relative_to(root_resolved)
                missing = not match.is_file()
            except (OSError, RuntimeError) as exc:  # a name too long for the file system, a link loop …
                reason = getattr(exc, "strerror", None) or "it is a link that points to itself"
                problems.error(
                    where, f"card file '{str(match.relative_to(root))[:80]}' cannot be opened: {reason}"
                )
                continue
            if outside:
                problems.error(
                    where,
                    f"'{pattern}' leads outside the workshop folder (through a link); move the file inside it",
                )
            elif missing:
                problems.error(where, f"card file '{pattern}' does not exist")
            elif match not in found:
                found.append(match)
    if len(found) > MAX_CARD_FILES:
        problems.error(
            Location(root / WORKSHOP_FILE),
            f"{len(found)} card files; at most {MAX_CARD_FILES} are read",
        )
        return found[:MAX_CARD_FILES]
    return found


def _load_model(
    file: Path,
    model: type[M],
    problems: Problems,
    sources: dict[Path, SourceMap],
    language: str | None = None,
) -> tuple[M | None, Any]:
    """Parse and validate one file → (model or None when it has errors, the raw data)."""
    loaded = load_yaml(file)
    sources[file] = loaded.source
    problems.extend(loaded.problems)
    if loaded.problems and loaded.data is None:
        return None, None
    if loaded.data is None:
        problems.error(Location(file, 1, 1), f"the file is empty; {_expected_top(model)}")
        return None, None
    try:
        if language is None and isinstance(loaded.data, dict):  # workshop.yaml names its own
            language = loaded.data.get("language")
        # the workshop's language, for examples in messages
        return model.model_validate(loaded.data, context={"language": language}), loaded.data
    except ValidationError as exc:
        for error in without_echoes(exc.errors(include_url=False)):
            location, message = describe_error(error, model, loaded.data, loaded.source)
            problems.error(location, message)
        return None, loaded.data


def _expected_top(model: type[BaseModel]) -> str:
    if model is CardFile:
        return "a card file starts with 'cards:' followed by a list of cards"
    return "workshop.yaml needs at least a 'title:'"
