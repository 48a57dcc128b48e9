"""`workshop export`: the workshop's cards as one spreadsheet, .xlsx or .csv, that builds the same."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from workshop.cli.error_handler import handled_failures, report_problems
from workshop.cli.options import DIR_ARGUMENT


@click.command()
@DIR_ARGUMENT
@click.option(
    "--to", "kind", type=click.Choice(["xlsx", "csv"]), required=True, help="The spreadsheet format."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write [default: DIR/cards.xlsx or DIR/cards.csv]; a CSV's roles go beside it in NAME.roles.csv.",
)
def export(directory: Path, kind: str, out: Path | None) -> None:
    """Write the cards of the workshop in DIR as a spreadsheet, one row per card."""
    from workshop.content.sheet_csv import roles_file
    from workshop.content.sheet_export import export_csv, export_xlsx
    from workshop.pipeline.build import load_and_check

    out = out or directory / f"cards.{kind}"
    if out.suffix.lower() != f".{kind}":
        raise click.UsageError(
            f"--out {out} does not end in .{kind}; the reader knows a card file by its ending."
        )
    files: dict[Path, bytes] = {}
    with handled_failures(out.parent):
        workshop, warnings = load_and_check(directory)
        if kind == "xlsx":
            files[out] = export_xlsx(workshop)
        else:
            cards, roles = export_csv(workshop)
            files[out] = cards
            if roles is not None:
                files[roles_file(out)] = roles
        taken = [path for path in files if path.exists() or path.is_symlink()]
        if taken:
            names = ", ".join(str(path) for path in taken)
            raise click.UsageError(
                f"{names} already exists; export never overwrites a file. Remove it or choose another --out."
            )
        _write_all(files)
    report_problems(warnings, wrote_nothing=False)
    for path in files:
        click.echo(f"  wrote {path}")
    config = directory / "workshop.yaml"
    click.echo(
        f"To build from it: in {config} set 'decks: [{_relative(out, directory)}]' (instead of the YAML files)."
    )


def _write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none: a file written before a failure is removed again."""
    written: list[Path] = []
    try:
        for path, data in files.items():
            with path.open("xb") as handle:  # "x": never replace a file that appeared meanwhile
                written.append(path)
                handle.write(data)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def _relative(out: Path, directory: Path) -> str:
    try:
        return str(out.resolve().relative_to(directory.resolve()))
    except ValueError:
        return f"{out} (moved into the workshop folder)"
