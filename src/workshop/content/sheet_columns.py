"""The columns of a card sheet and of its roles sheet, read off the card models.

A spreadsheet is flat: a nested field is a column with a dotted name (`debrief.summary`),
a list field is one cell with one item per line. Reading the names off `models` keeps
the sheet format in step with YAML: a field added to a card is a column at once.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from workshop.content.messages import plain_type
from workshop.content.models import Card, Role

CARD_MODELS: tuple[type[BaseModel], ...] = typing.get_args(typing.get_args(Card)[0])
"""Every card type's model, from the card union: a new card type has its columns at once."""
ROLES_SHEET = "roles"
"""The XLSX sheet that holds the roleplays' roles; for CSV, the file NAME.roles.csv beside NAME.csv."""
ROLES_SUFFIX = ".roles.csv"
ROLE_CARD = "card"
"""The roles sheet's column that names the roleplay a role belongs to."""
NESTED_ROLES = "roles"
"""The card field that lives in the roles sheet, not in a column."""
LEADING = ("id", "type", "title")
"""The columns an export writes first: what identifies a card."""
TRAILING = ("tags", "copies")
"""Written after the card type's own fields and before its debrief."""


@dataclass(frozen=True)
class Column:
    """One column: the path of its field in a card (('debrief', 'summary')) and whether it is a list."""

    name: str
    path: tuple[str, ...]
    is_list: bool
    required: bool = False


@cache
def card_columns() -> dict[str, Column]:
    """Every column a card sheet may have, by name, in the order an export writes them."""
    found: dict[str, Column] = {}
    for model in CARD_MODELS:
        for column in _columns(model, ()):
            if column.path[0] != NESTED_ROLES:
                found.setdefault(column.name, column)
    first = [found[name] for name in LEADING]
    nested = [c for c in found.values() if len(c.path) > 1]
    last = [found[name] for name in TRAILING]
    own = [c for c in found.values() if c not in first and c not in nested and c not in last]
    return {c.name: c for c in (*first, *own, *last, *nested)}


@cache
def role_columns() -> dict[str, Column]:
    """The roles sheet's columns: the card's id, then the role's own fields."""
    return {ROLE_CARD: Column(ROLE_CARD, (ROLE_CARD,), False, True)} | {c.name: c for c in _columns(Role, ())}


def columns_of(card_type: str) -> set[str]:
    """The column names a card of this type fills (the rest stay empty in its row)."""
    model = next(m for m in CARD_MODELS if typing.get_args(m.model_fields["type"].annotation) == (card_type,))
    return {c.name for c in _columns(model, ()) if c.path[0] != NESTED_ROLES}


def _columns(model: type[BaseModel], prefix: tuple[str, ...]) -> list[Column]:
    columns = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        kind = plain_type(info.annotation)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            columns += _columns(kind, path)
        else:
            columns.append(Column(".".join(path), path, typing.get_origin(kind) is list, info.is_required()))
    return columns
