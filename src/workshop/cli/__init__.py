"""The `workshop` command: the click group and its commands, one module each.

Only wiring lives here; each command is in its own module (`build`, `validate`, `new`,
`schema`, `preview`, `serve`, `export`) and every failure becomes its lines and exit code in
`error_handler`. Rendering libraries are imported inside the commands that render, so
`--help` and `validate` start fast.
"""

from __future__ import annotations

import click

from workshop import __version__
from workshop.cli import build, export, new, preview, room, schema, serve, validate
from workshop.cli.error_handler import InterruptibleGroup


@click.group(cls=InterruptibleGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workshop")
def main() -> None:
    """Turn a folder of YAML into card decks, a facilitator guide, handouts and a debrief site."""


for command in (
    validate.validate,
    build.build,
    new.new,
    schema.schema,
    serve.serve,
    preview.preview,
    export.export,
    room.room,
):
    main.add_command(command)
