"""Find a workshop's files, validate them against the models, and say where every problem is.

Pydantic reports errors as a path into the data (`cards.1.debrif`) with a machine type
(`extra_forbidden`); this module turns each into `file:line:column: message` with words
keyed on the type, never on pydantic's English, and a "did you mean" where one helps.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Location, Problems
from .models import CARD_TYPES, Card, CardFile, WorkshopConfig
from .sourcemap import SourceMap, load_yaml

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
        card_file, _ = _load_model(file, CardFile, problems, sources)
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
    file: Path, model: type[M], problems: Problems, sources: dict[Path, SourceMap]
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
        return model.model_validate(loaded.data), loaded.data
    except ValidationError as exc:
        for error in _without_echoes(exc.errors(include_url=False)):
            location, message = describe_error(error, model, loaded.data, loaded.source)
            problems.error(location, message)
        return None, loaded.data


def _without_echoes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "missing 'debrief'" where the same mapping has a misspelt 'debrif': one mistake, one message."""
    unknown = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden"}
    result = []
    for error in errors:
        if error["type"] == "missing":
            parent, name = tuple(error["loc"][:-1]), str(error["loc"][-1])
            if any(p == parent and did_you_mean(key, [name]) for p, key in unknown):
                continue
        result.append(error)
    return result


def _expected_top(model: type[BaseModel]) -> str:
    if model is CardFile:
        return "a card file starts with 'cards:' followed by a list of cards"
    return "workshop.yaml needs at least a 'title:'"


# --- turning a pydantic error into words and a place ---------------------------------


def describe_error(
    error: ErrorDetails, model: type[BaseModel], data: Any, source: SourceMap
) -> tuple[Location, str]:
    """One pydantic error → (where, message for a trainer)."""
    path = _data_path(error["loc"], data)
    kind = error["type"]
    if kind == "union_tag_invalid":
        path = (*path, "type")
    shown = _show_path(path)
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = sorted(_allowed_fields(model, path[:-1], data))
        hint = did_you_mean(key, allowed)
        advice = hint or (f"allowed here: {', '.join(allowed)}" if allowed else "remove it")
        return source.locate(path, key=True), f"{shown}: unknown field ({advice})"
    if kind == "missing":
        parent = path[:-1]
        location = source.locate(parent, key=True) if parent in source.keys else source.locate(parent)
        return location, f"{shown}: required field is missing; add '{path[-1]}:'"
    return source.locate(path), f"{shown}: {_message(kind, given, ctx, error['msg'])}"


def _message(kind: str, given: Any, ctx: dict[str, Any], fallback: str) -> str:
    what = _describe_value(given)
    if kind == "string_type" and isinstance(given, dict):
        return "expected text here, not a mapping: a colon followed by a space starts a mapping; put the text in quotes"
    if kind == "string_type":
        return f"expected text here, not {what}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number here, not {what}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false here, not {what}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping (indented 'key: value' lines) here, not {what}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list (lines starting with '- ') here, not {what}"
    if kind == "literal_error":
        choices = [
            c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ",").split(",") if c.strip()
        ]
        hint = did_you_mean(str(given), choices)
        return f"'{given}' is not allowed; use one of: {', '.join(choices)}" + (f" ({hint})" if hint else "")
    if kind == "union_tag_invalid" and isinstance(given, dict) and given.get("type") is None:
        return "'type:' is empty; write dilemma, roleplay or reflection after it"
    if kind == "union_tag_invalid":
        hint = did_you_mean(str(ctx.get("tag")), list(CARD_TYPES))
        return f"'{ctx.get('tag')}' is not a card type; use dilemma, roleplay or reflection" + (
            f" ({hint})" if hint else ""
        )
    if kind == "union_tag_not_found":
        return "every card needs 'type:' dilemma, roleplay or reflection"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return (
            f"is {len(str(given)):,} characters long; at most {ctx.get('max_length'):,} are allowed "
            "(put long material in a separate document)"
        )
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s), has {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length')} are allowed"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{given} is too small; it must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{given} is too large; it must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        return fallback.removeprefix("Value error, ")
    return fallback


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _data_path(loc: Iterable[str | int], data: Any) -> tuple[str | int, ...]:
    """Drop pydantic's discriminator tags (('cards', 0, 'dilemma', 'title') → ('cards', 0, 'title'))."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part not in node and node.get("type") == part:
            continue
        if isinstance(part, str) and part.startswith("function-"):
            continue
        path.append(part)
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(path)


def _show_path(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _allowed_fields(model: type[BaseModel], path: tuple[str | int, ...], data: Any) -> set[str]:
    """The field names of the model that applies at `path` (following lists and card types)."""
    target: Any = model
    node = data
    for part in path:
        node = node[part] if isinstance(node, dict | list) else None
        target = _step(target, part, node)
        if target is None:
            return set()
    target = _pick_card_type(target, node)
    return set(target.model_fields) if isinstance(target, type) and issubclass(target, BaseModel) else set()


def _step(target: Any, part: str | int, node: Any) -> Any:
    target = _pick_card_type(_unwrap(target), node)
    if isinstance(part, int):
        args = [a for a in typing.get_args(target) if a is not type(None)]
        return _unwrap(args[0]) if args else None
    if isinstance(target, type) and issubclass(target, BaseModel) and part in target.model_fields:
        return _unwrap(target.model_fields[part].annotation)
    return None


def _unwrap(target: Any) -> Any:
    while True:
        origin = typing.get_origin(target)
        if origin is typing.Annotated:
            target = typing.get_args(target)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(target) if a is not type(None)]
            if len(args) != 1:
                return target
            target = args[0]
        else:
            return target


def _pick_card_type(target: Any, node: Any) -> Any:
    """For the card union, the member named by the data's `type`."""
    if typing.get_origin(target) in (typing.Union, types.UnionType) and isinstance(node, dict):
        for member in typing.get_args(target):
            field_info = getattr(member, "model_fields", {}).get("type")
            if field_info and node.get("type") in typing.get_args(field_info.annotation):
                return member
    return target


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
