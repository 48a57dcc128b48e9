"""`workshop schema`: the JSON Schema of the content format, for editors' completion."""

from __future__ import annotations

import json

import click


@click.command()
@click.option(
    "--kind",
    type=click.Choice(["all", "workshop", "cards"]),
    default="all",
    show_default=True,
    help="Schema for workshop.yaml, for card files, or one that accepts both.",
)
def schema(kind: str) -> None:
    """Print the JSON Schema of the content format (for editor completion)."""
    from workshop.content.schema import json_schema

    click.echo(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))
