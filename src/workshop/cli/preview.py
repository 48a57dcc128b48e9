"""`workshop preview`: a PNG of every card face, overflowing text marked in red."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workshop.cli.error_handler import handled_failures, report_problems
from workshop.cli.options import DIR_ARGUMENT, OUT_OPTION


@click.command()
@DIR_ARGUMENT
@OUT_OPTION
@click.option("--dpi", type=click.IntRange(50, 600), default=150, show_default=True, help="Image resolution.")
def preview(directory: Path, out: Path | None, dpi: int) -> None:
    """Render a PNG of every card face into DIR/build/preview/ for a quick look.

    Fronts whose text does not fit are rendered too, the overflow marked in red; they are
    listed, and the exit code is 1.
    """
    from workshop.pipeline.build import load_and_check
    from workshop.pipeline.staging import write_outputs
    from workshop.render.preview import preview_faces

    target = (out or directory / "build") / "preview"
    with handled_failures(target):
        workshop, warnings = load_and_check(directory)
        previews = preview_faces(workshop, dpi)
        write_outputs(target, previews.files)
    report_problems([*warnings, *previews.problems], wrote_nothing=False)
    files = previews.files
    click.echo(f"Wrote {len(files)} card images ({len(files) // 2} cards, front and back) to {target}/")
    if previews.overflowing:
        count = len(previews.overflowing)
        click.echo(
            f"{count} card{'s' if count != 1 else ''} do{'es' if count == 1 else ''} not fit; "
            "their front images show the overflow in red: " + ", ".join(previews.overflowing),
            err=True,
        )
        sys.exit(1)
