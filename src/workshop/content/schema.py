"""The JSON Schema of the content format, for the YAML language server in editors."""

from __future__ import annotations

from typing import Any

from workshop.content.models import CardFile, WorkshopConfig

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str = "all") -> dict[str, Any]:
    """The schema of workshop.yaml ('workshop'), of card files ('cards'), or of either ('all')."""
    if kind == "workshop":
        return as_written({"$schema": SCHEMA_URI, **WorkshopConfig.model_json_schema()})
    if kind == "cards":
        return as_written({"$schema": SCHEMA_URI, **CardFile.model_json_schema()})
    workshop = WorkshopConfig.model_json_schema(ref_template="#/$defs/{model}")
    cards = CardFile.model_json_schema(ref_template="#/$defs/{model}")
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
