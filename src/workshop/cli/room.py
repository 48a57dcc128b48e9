"""`workshop room`: the debrief site, live, for a room of phones; `workshop room export`: its results.

The room is checked and started like `workshop serve` (same server, same guards, same
Ctrl-C ending with exit code 130); it does not rebuild on save: a room in session should
not change under the participants. Content errors are printed as every command prints them.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import click

from workshop.cli.error_handler import INTERRUPTED, handled_failures, report_problems
from workshop.cli.options import DIR_ARGUMENT, PORT_OPTION, BaseUrlType, host_option
from workshop.cli.serve import listening, share_hint, stop_on_signals

RUN = "run"


class RoomGroup(click.Group):
    """`workshop room [DIR]` runs the room; `workshop room export [DIR]` exports its results.

    Anything that is not a subcommand's name goes to `run`, so DIR and the options can be
    given straight after `room`.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = [RUN, *args]
        return super().parse_args(ctx, args)


@click.group(cls=RoomGroup)
def room() -> None:
    """Run the debrief site live: participants vote and answer, the facilitator reveals.

    `workshop room [DIR]` starts the room; `workshop room export [DIR]` writes its results.
    """


def data_folder(directory: Path, data: Path | None) -> Path:
    return data if data is not None else directory / "room"


@room.command(RUN)
@DIR_ARGUMENT
@PORT_OPTION
@host_option("the room")
@click.option(
    "--data", type=click.Path(path_type=Path, file_okay=False), help="Data folder (default: DIR/room)."
)
@click.option(
    "--open", "event", metavar="NAME", help="Start with the event NAME open and every card open for voting."
)
@click.option("--base-url", type=BaseUrlType(), help="Where the QR codes point (this room's address).")
@click.option(
    "--root-path", default="", metavar="PATH", help="The sub-path a reverse proxy serves the room at."
)
@click.option(
    "--reset", is_flag=True, help="Delete every event, vote and answer in the data folder first (asks)."
)
def run(
    directory: Path,
    port: int,
    host: str,
    data: Path | None,
    event: str | None,
    base_url: str | None,
    root_path: str,
    reset: bool,
) -> None:
    """Serve the debrief pages live: votes, answers and ticks from the room, a page for the facilitator."""
    from workshop.pipeline.build import Overrides
    from workshop.room.app import create_room_app
    from workshop.room.launch import UnderPrefix, database_files, prepare_room
    from workshop.room.store import StoreError
    from workshop.serve.server import site_url, stop_server

    folder = data_folder(directory, data)
    if reset:
        delete_data(folder, database_files(folder))
    with handled_failures(directory / "build" / ".cache", wrote_nothing=True):
        try:
            the_room, warnings = prepare_room(directory, folder, Overrides(base_url=base_url))
        except StoreError as exc:
            raise click.ClickException(f"{exc}; choose another folder with --data") from None
    report_problems(warnings, wrote_nothing=False)
    if event:
        the_room.store.open_event(event.strip()[:80], list(the_room.cards))
    app: Any = create_room_app(the_room)
    if root_path:
        app = UnderPrefix(app, root_path)
    stop = threading.Event()
    stop_on_signals(stop)
    try:
        server = listening(the_room.serving, host, port, app)
    except click.BadParameter:
        the_room.store.close()
        raise
    url = site_url(host, server.address[1]) + root_path.strip("/") + ("/" if root_path.strip("/") else "")
    try:
        click.echo(f"The room is open at {url} (data in {folder})")
        share_hint(host, server.address[1])
        click.echo(f"Facilitator: {url}host/{the_room.host_token}/ (keep this address to yourself)")
        current = the_room.store.current_event()
        click.echo(
            f"Event open: {current.name}" if current else "No event open: open one on the facilitator page."
        )
        click.echo("Press Ctrl-C to stop.")
        stop.wait()
    except KeyboardInterrupt:  # how a trainer closes the room (SIGTERM arrives as one too)
        pass
    finally:
        stop.set()
        stop_server(server)
        the_room.store.close()
    click.echo("Stopped.")
    sys.exit(INTERRUPTED)


def delete_data(folder: Path, files: list[Path]) -> None:
    """Delete the room's database after the trainer said yes; only the files the room wrote."""
    if not files:
        click.echo(f"Nothing to reset: {folder} holds no room data.")
        return
    if not click.confirm(f"Delete every event, vote, answer and tick in {folder}?", default=False):
        raise click.ClickException("nothing deleted; leave out --reset to keep the room's data")
    for path in files:
        path.unlink(missing_ok=True)
    click.echo(f"Deleted the room's data in {folder}.")


@room.command()
@DIR_ARGUMENT
@click.option(
    "--to", "kind", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True, help="File format."
)
@click.option("--event", help="Only this event's results (default: every event).")
@click.option(
    "--data", type=click.Path(path_type=Path, file_okay=False), help="Data folder (default: DIR/room)."
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write (default: standard output).",
)
def export(directory: Path, kind: str, event: str | None, data: Path | None, output: Path | None) -> None:
    """Write every vote, answer and tick: event, card, choice, text and time (to the minute)."""
    from workshop.pipeline.build import load_and_check
    from workshop.room.cards import room_cards
    from workshop.room.export import write_csv, write_xlsx
    from workshop.room.launch import database_files
    from workshop.room.store import RoomStore, StoreError

    folder = data_folder(directory, data)
    if kind == "xlsx" and output is None:
        raise click.UsageError("--to xlsx writes a file; name it with --output (e.g. -o results.xlsx)")
    if not database_files(folder):
        raise click.ClickException(f"{folder} holds no room data; run 'workshop room' first, or give --data")
    with handled_failures(directory / "build" / ".cache", wrote_nothing=True):
        workshop, _ = load_and_check(directory)
    try:
        store = RoomStore(folder)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        if event is not None and event not in {known.name for known in store.events()}:
            names = ", ".join(known.name for known in store.events()) or "none yet"
            raise click.ClickException(f"no event is called '{event}'; the events are: {names}")
        rows = store.rows(event)
    finally:
        store.close()
    if output is None:
        write_csv(sys.stdout, rows, room_cards(workshop))
        return
    try:
        if kind == "xlsx":
            write_xlsx(output, rows, room_cards(workshop))
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                write_csv(out, rows, room_cards(workshop))
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"Wrote {len(rows)} rows to {output}.")
