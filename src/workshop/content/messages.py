"""A pydantic validation error → a place in the YAML file and words a trainer can act on.

Pydantic reports a path into the data (`cards.1.debrif`) and a machine type
(`extra_forbidden`); the words here are keyed on that type, never on pydantic's English,
with a "did you mean" drawn from the fields the model allows at that very place.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from workshop.content.models import CARD_TYPES
from workshop.content.problems import Location
from workshop.content.sourcemap import SourceMap


def without_echoes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
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


def describe_error(
    error: ErrorDetails, model: type[BaseModel], data: Any, source: SourceMap
) -> tuple[Location, str]:
    """One pydantic error → (where, message for a trainer)."""
    path = _data_path(error["loc"], data)
    kind = error["type"]
    if kind == "union_tag_invalid":
        path = (*path, "type")
    shown = source.name(path)
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = sorted(_allowed_fields(model, path[:-1], data))
        hint = did_you_mean(key, allowed)
        advice = hint or (f"allowed here: {', '.join(allowed)}" if allowed else "remove it")
        return source.locate(path, key=True), f"{shown}: unknown field ({advice})"
    if kind == "missing":
        location, advice = source.missing(path)
        return location, f"{shown}: required field is missing; {advice}"
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
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(path)


def _allowed_fields(model: type[BaseModel], path: tuple[str | int, ...], data: Any) -> set[str]:
    """The field names of the model that applies at `path` (following lists and card types)."""
    target: Any = model
    node = data
    for part in path:
        if isinstance(node, list):  # a list is indexed by position only
            node = node[part] if isinstance(part, int) else None
        else:
            node = node[part] if isinstance(node, dict) else None
        target = _step(target, part, node)
        if target is None:
            return set()
    target = _pick_card_type(target, node)
    return set(target.model_fields) if isinstance(target, type) and issubclass(target, BaseModel) else set()


def _step(target: Any, part: str | int, node: Any) -> Any:
    target = _pick_card_type(plain_type(target), node)
    if isinstance(part, int):
        args = [a for a in typing.get_args(target) if a is not type(None)]
        return plain_type(args[0]) if args else None
    if isinstance(target, type) and issubclass(target, BaseModel) and part in target.model_fields:
        return plain_type(target.model_fields[part].annotation)
    return None


def plain_type(target: Any) -> Any:
    """`Annotated[list[str], …] | None` → `list[str]`: the type a value has when it is there."""
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
