"""The JSON Schema of the content format, for the YAML language server in editors."""

from __future__ import annotations

from typing import Any

from .models import CardFile, WorkshopConfig

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str = "all") -> dict[str, Any]:
    """The schema of workshop.yaml ('workshop'), of card files ('cards'), or of either ('all')."""
    if kind == "workshop":
        return {"$schema": SCHEMA_URI, **WorkshopConfig.model_json_schema()}
    if kind == "cards":
        return {"$schema": SCHEMA_URI, **CardFile.model_json_schema()}
    workshop = WorkshopConfig.model_json_schema(ref_template="#/$defs/{model}")
    cards = CardFile.model_json_schema(ref_template="#/$defs/{model}")
    defs = {**workshop.pop("$defs", {}), **cards.pop("$defs", {})}
    defs["WorkshopConfig"] = workshop
    defs["CardFile"] = cards
    return {
        "$schema": SCHEMA_URI,
        "title": "workshop content file",
        "description": "workshop.yaml or a card file of a `workshop` workshop.",
        "anyOf": [{"$ref": "#/$defs/WorkshopConfig"}, {"$ref": "#/$defs/CardFile"}],
        "$defs": defs,
    }
