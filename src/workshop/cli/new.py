"""`workshop new`: a starter workshop that validates and builds as it is."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), metavar="DIR")
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of the starter's text and of every fixed label.",
)
@click.option(
    "--sheet", is_flag=True, help="Put the cards in a spreadsheet, cards.xlsx, instead of cards.yaml."
)
def new(directory: Path, lang: str, sheet: bool) -> None:
    """Create a starter workshop in DIR that validates and builds as it is."""
    from workshop.content.starter import CARDS_SHEET, CARDS_YAML, StarterExists, create_starter

    try:
        written = create_starter(directory, lang, sheet=sheet)
    except StarterExists as exc:
        names = ", ".join(str(p) for p in exc.paths)
        raise click.UsageError(
            f"{names} already exists; workshop new never overwrites a file. Choose an empty or new folder."
        ) from None
    except OSError as exc:  # under /proc, below a file, a name too long …
        raise click.UsageError(
            f"cannot create {directory}: {exc.strerror or exc}; choose another folder."
        ) from None
    for path in written:
        click.echo(f"  wrote {path}")
    cards = directory / (CARDS_SHEET if sheet else CARDS_YAML)
    click.echo(f"Next: edit {cards}, then run 'workshop build {directory}'.")
