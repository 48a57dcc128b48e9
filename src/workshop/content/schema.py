"""The JSON Schema of the content format, for the YAML language server in editors."""

from __future__ import annotations

import ast
import inspect
from functools import cache
from typing import Any

from workshop.content import models
from workshop.content.models import CardFile, WorkshopConfig

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str = "all") -> dict[str, Any]:
    """The schema of workshop.yaml ('workshop'), of card files ('cards'), or of either ('all')."""
    if kind == "workshop":
        return as_written({"$schema": SCHEMA_URI, **described(WorkshopConfig.model_json_schema())})
    if kind == "cards":
        return as_written({"$schema": SCHEMA_URI, **described(CardFile.model_json_schema())})
    workshop = described(WorkshopConfig.model_json_schema(ref_template="#/$defs/{model}"))
    cards = described(CardFile.model_json_schema(ref_template="#/$defs/{model}"))
    defs = {**workshop.pop("$defs", {}), **cards.pop("$defs", {})}
    defs["WorkshopConfig"] = workshop
    defs["CardFile"] = cards
    return as_written(
        {
            "$schema": SCHEMA_URI,
            "title": "workshop content file",
            "description": "workshop.yaml or a card file of a `workshop` workshop.",
            "anyOf": [{"$ref": "#/$defs/WorkshopConfig"}, {"$ref": "#/$defs/CardFile"}],
            "$defs": defs,
        }
    )


def described(schema: dict[str, Any]) -> dict[str, Any]:
    """Each model field's docstring as its description, where pydantic would put it.

    pydantic can read these docstrings itself (`use_attribute_docstrings`), but then does so
    for every model each time the models are imported, in every command: ~12 ms of each
    build for what only the schema shows.
    """
    for definition in [schema, *schema.get("$defs", {}).values()]:
        model = getattr(models, definition.get("title", ""), None)
        if not isinstance(model, type):
            continue
        fields = {
            name: text
            for base in reversed(model.__mro__)  # a subclass's docstring wins over its base's
            for name, text in field_docstrings().get(base.__name__, {}).items()
        }
        for name, field in definition.get("properties", {}).items():
            if name in fields:  # over a type's own description, as pydantic does
                field["description"] = fields[name]
                ordered = dict(sorted(field.items()))  # pydantic's order: keys sorted
                field.clear()
                field.update(ordered)
    return schema


@cache
def field_docstrings() -> dict[str, dict[str, str]]:
    """Per model class in `models`, the docstring under each field, as pydantic reads it."""
    found: dict[str, dict[str, str]] = {}
    try:
        source = inspect.getsource(models)
    except OSError:  # installed without its source: a schema without descriptions
        return found
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = found.setdefault(node.name, {})
        for field, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                fields[field.target.id] = inspect.cleandoc(after.value.value)
    return found


def as_written(schema: dict[str, Any]) -> dict[str, Any]:
    """Defaults of nested settings (`print`, `theme` …) built from their fields' defaults.

    Pydantic dumps a nested default as stored: lengths in points, the card size as a
    record ('width: 180.00000000000003'); each field's own default says it as a trainer
    writes it ('3mm', 'poker'), so the nested default is made of those.
    """
    defs = schema.get("$defs", {})

    def written(ref: str) -> dict[str, Any]:
        target = defs[ref.rsplit("/", 1)[-1]]
        return {
            name: written(field["$ref"]) if "$ref" in field and "default" in field else field["default"]
            for name, field in target.get("properties", {}).items()
            if "default" in field
        }

    for definition in [schema, *defs.values()]:
        for field in definition.get("properties", {}).values():
            if "$ref" in field and isinstance(field.get("default"), dict):
                field["default"] = written(field["$ref"])
    return schema
