"""`workshop validate`: check the content and that every card fits, writing nothing."""

from __future__ import annotations

from pathlib import Path

import click

from workshop.cli.error_handler import handled_failures, report_problems
from workshop.cli.options import DIR_ARGUMENT


@click.command()
@DIR_ARGUMENT
def validate(directory: Path) -> None:
    """Check the content, and that every card fits, and print every problem at once."""
    from workshop.pipeline.build import load_and_check
    from workshop.render.cards.checking import auto_note

    cache_dir = directory / "build" / ".cache"
    with handled_failures(cache_dir, wrote_nothing=False):
        workshop, warnings = load_and_check(directory, cards=True, cache_dir=cache_dir)
    report_problems(warnings, wrote_nothing=False)
    chosen = auto_note(workshop)
    if chosen:
        click.echo(chosen)
    click.echo(f"{len(workshop.cards)} cards in {len(workshop.card_files)} files: OK.")
