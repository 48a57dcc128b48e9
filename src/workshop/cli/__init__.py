"""The `workshop` command: the click group and its commands, one module each.

Only wiring lives here; each command is in its own module (`build`, `validate`, `new`,
`schema`, `preview`, `serve`, `export`) and every failure becomes its lines and exit code in
`error_handler`. Rendering libraries are imported inside the commands that render, so
`--help` and `validate` start fast.
"""

from __future__ import annotations

from typing import NoReturn

import click

from workshop import __version__
from workshop.cli import build, export, new, preview, room, schema, serve, validate
from workshop.cli.error_handler import INTERRUPTED, InterruptibleGroup, end_done, end_interrupted


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


def run() -> NoReturn:
    """The program: `main` as the `workshop` script and `python -m workshop` run it.

    An interrupted command ends through `end_interrupted`, so the shell sees exit code 130
    whatever Python was doing when Ctrl-C came; a command that succeeded ends through
    `end_done`. Tests call `main` and see SystemExit.
    """
    try:
        main()
    except SystemExit as ended:
        if ended.code == INTERRUPTED:
            end_interrupted()
        if ended.code in (0, None):
            end_done()
        raise
    raise SystemExit(0)  # main() in click's standalone mode always exits; this is for the type checker
