"""The `workshop` command: options, calling the pipeline, printing problems, exit codes.

Exit codes: 0 success; 1 content problems (each printed as `file:line:column: ...`);
2 usage mistakes; 130 interrupted (Ctrl-C or SIGTERM). A traceback only ever means a bug
in workshop itself.
Rendering libraries are imported inside the commands that render, so `--help` and
`validate` start fast.
"""

from __future__ import annotations

import gc
import json
import signal
import sys
from pathlib import Path
from typing import Any

import click

from workshop import __version__
from workshop.content.problems import ContentError, Problem, sorted_problems, summary_line

CARD_SIZE_HELP = "poker, bridge, tarot, mini, square, a7, a6, auto, or WIDTHxHEIGHT with a unit (63x88mm)"


class CardSizeType(click.ParamType):
    """`--card-size` values, checked by the same rule as workshop.yaml's `print.card_size`."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pydantic_core import PydanticCustomError

        from workshop.content.values import parse_card_size

        try:
            return parse_card_size(value)
        except PydanticCustomError as exc:
            self.fail(f"{exc.message()}.", param, ctx)


class BaseUrlType(click.ParamType):
    name = "url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pydantic_core import PydanticCustomError

        from workshop.content.values import check_base_url

        try:
            return check_base_url(value)
        except PydanticCustomError as exc:
            self.fail(exc.message(), param, ctx)


def workshop_dir(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    """Check that DIR is a folder holding workshop.yaml; a usage error (exit 2) if not."""
    folder = Path(value)
    if not folder.exists():
        raise click.BadParameter(f"folder '{value}' does not exist; give the folder that holds workshop.yaml")
    if not folder.is_dir():
        raise click.BadParameter(f"'{value}' is a file; give the folder that holds workshop.yaml")
    if not (folder / "workshop.yaml").is_file():
        raise click.BadParameter(
            f"'{value}' has no workshop.yaml; run 'workshop new {value}' to start a workshop there, "
            "or give the folder that holds workshop.yaml"
        )
    return folder


DIR_ARGUMENT = click.argument("directory", default=".", callback=workshop_dir, metavar="[DIR]")


class InterruptibleGroup(click.Group):
    """Ctrl-C or SIGTERM at any moment of any command: one line and exit code 130.

    Commands that write say more themselves; this catches the rest (while rendering
    libraries are imported, while a result is printed) instead of click's "Aborted!".
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)


@click.group(cls=InterruptibleGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workshop")
def main() -> None:
    """Turn a folder of YAML into card decks, a facilitator guide, handouts and a debrief site."""
    signal.signal(signal.SIGTERM, _terminate)


def _terminate(_number: int, _frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so staging folders are cleaned up on the way out."""
    raise KeyboardInterrupt


def report_running(out_dir: Path) -> None:
    """The one line for a build refused because another build of its folder is running."""
    click.echo(
        f"error: another build of this folder is running ({out_dir}); "
        "wait for it to finish, then build again. Nothing was written.",
        err=True,
    )


def report_problems(problems: list[Problem], *, wrote_nothing: bool, advice: list[str] | None = None) -> None:
    for problem in sorted_problems(problems):
        click.echo(str(problem), err=True)
    for line in advice or []:
        click.echo(line, err=True)
    if problems:
        click.echo(summary_line(problems, wrote_nothing=wrote_nothing), err=True)


@main.command()
@DIR_ARGUMENT
def validate(directory: Path) -> None:
    """Check the content, and that every card fits, and print every problem at once."""
    from workshop.pipeline.build import load_and_check
    from workshop.render.cards.checking import auto_note

    try:
        workshop, warnings = load_and_check(directory, cards=True, cache_dir=directory / "build" / ".cache")
    except ContentError as exc:
        report_problems(exc.problems, wrote_nothing=False, advice=exc.advice)
        sys.exit(1)
    report_problems(warnings, wrote_nothing=False)
    chosen = auto_note(workshop)
    if chosen:
        click.echo(chosen)
    click.echo(f"{len(workshop.cards)} cards in {len(workshop.card_files)} files: OK.")


@main.command()
@DIR_ARGUMENT
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder [default: DIR/build]."
)
@click.option("--paper", type=click.Choice(["a4", "letter", "a3"]), help="Paper size, overrides print.paper.")
@click.option("--card-size", type=CardSizeType(), help=f"Card size: {CARD_SIZE_HELP}.")
@click.option(
    "--duplex", type=click.Choice(["long-edge", "short-edge", "fold", "none"]), help="How backs are printed."
)
@click.option("--base-url", type=BaseUrlType(), help="Where the debrief site is published (QR target).")
@click.option(
    "--only",
    default="cards,guide,handouts,site",
    show_default=True,
    help="Outputs to build, comma-separated.",
)
@click.option("--calibration", is_flag=True, help="Also write calibration.pdf to check duplex alignment.")
def build(directory: Path, out: Path | None, only: str, calibration: bool, **overrides: Any) -> None:
    """Validate, then write every output to DIR/build/."""
    from workshop.pipeline.build import OUTPUT_NAMES, Overrides, build_workshop
    from workshop.pipeline.staging import BuildRunning, ForeignFileError

    chosen = tuple(dict.fromkeys(part.strip() for part in only.split(",") if part.strip()))
    unknown = [part for part in chosen if part not in OUTPUT_NAMES]
    if unknown or not chosen:
        raise click.BadParameter(
            f"'{','.join(unknown) or only}' is not an output; choose from {', '.join(OUTPUT_NAMES)}",
            param_hint="--only",
        )
    try:
        report = build_workshop(
            directory,
            out,
            only=chosen,
            overrides=Overrides(**overrides),
            calibration=calibration,
            progress=lambda step: click.echo(f"  {step}", err=True),
        )
    except ContentError as exc:
        report_problems(exc.problems, wrote_nothing=True, advice=exc.advice)
        sys.exit(1)
    except ForeignFileError as exc:
        names = ", ".join(str(p) for p in exc.paths)
        click.echo(
            f"error: {names} already exists and was not written by workshop; "
            "move it away or choose another --out. Nothing was written.",
            err=True,
        )
        sys.exit(1)
    except BuildRunning as exc:
        report_running(exc.out_dir)
        sys.exit(1)
    except KeyboardInterrupt:  # the swap holds signals back, so the folder holds one whole build
        click.echo(f"Interrupted: {out or directory / 'build'} holds the last complete build.", err=True)
        sys.exit(130)
    except OSError as exc:  # an --out in /proc, under a file, on a full or read-only disk
        where = out or directory / "build"
        click.echo(f"error: cannot write to {where}: {exc.strerror or exc}; choose another --out.", err=True)
        sys.exit(1)
    report_problems(report.warnings, wrote_nothing=False)
    for note in report.notes:
        click.echo(note)
    click.echo(f"Wrote {len(report.files)} files to {report.out_dir}.")
    # What the build made lives until the process ends; frozen, the collector's last pass at
    # exit skips it (that pass took 0.15 s after a 1,000-card build, a tenth of a rebuild).
    gc.freeze()


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), metavar="DIR")
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of the starter's text and of every fixed label.",
)
def new(directory: Path, lang: str) -> None:
    """Create a starter workshop in DIR that validates and builds as it is."""
    from workshop.content.starter import StarterExists, create_starter

    try:
        written = create_starter(directory, lang)
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
    click.echo(f"Next: edit {directory / 'cards.yaml'}, then run 'workshop build {directory}'.")


@main.command()
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


@main.command()
@DIR_ARGUMENT
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to serve on."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets phones in the same network open the site.",
)
@click.option(
    "--base-url", type=BaseUrlType(), help="Where the QR codes point (e.g. this server's LAN address)."
)
def serve(directory: Path, port: int, host: str, base_url: str | None) -> None:
    """Build, serve the debrief site locally, and rebuild whenever content changes.

    While the content has problems, every page lists them; the card faces are at /_cards/.
    """
    import threading
    from functools import partial

    from workshop.pipeline.build import Overrides
    from workshop.serve.server import (
        Rebuilder,
        ServeApp,
        SiteState,
        built_site,
        content_snapshot,
        serve_until_stopped,
        site_url,
        start_server,
        stop_server,
    )

    app = ServeApp(SiteState(site=built_site(directory / "build"), building=True))
    rebuild = Rebuilder(
        directory,
        Overrides(base_url=base_url),
        click.echo,
        lambda p: report_problems(p, wrote_nothing=False),
        app,
    )
    try:
        server = start_server(app, host, port)
    except OSError as exc:
        raise click.BadParameter(
            f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port",
            param_hint="--port",
        ) from None
    url = site_url(host, server.server_address[1])
    stop = threading.Event()
    try:
        click.echo(f"Serving the debrief site at {url} (card faces at {url}_cards/)")
        _share_hint(host, server.server_address[1])
        serve_until_stopped(
            rebuild,
            partial(content_snapshot, directory, directory / "build"),
            stop,
            ready=lambda: click.echo("Rebuilding when a content file changes; press Ctrl-C to stop."),
        )
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # an impatient second Ctrl-C: no traceback
        click.echo("Stopped.")
    finally:
        stop.set()
        stop_server(server)


def _share_hint(host: str, port: int) -> None:
    """When serving to the network, say which address phones in the room should open."""
    from workshop.serve.server import lan_address

    if host not in ("0.0.0.0", "::", ""):
        return
    address = lan_address()
    if address is None:
        click.echo("This machine has no network address that phones could reach; is it on a network?")
        return
    shared = f"http://{address}:{port}/"
    click.echo(f"Phones in this network open {shared}")
    click.echo(
        f"To point the QR codes here, use base_url {shared} (serve or build with --base-url {shared})."
    )


@main.command()
@DIR_ARGUMENT
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder [default: DIR/build]."
)
@click.option("--dpi", type=click.IntRange(50, 600), default=150, show_default=True, help="Image resolution.")
def preview(directory: Path, out: Path | None, dpi: int) -> None:
    """Render a PNG of every card face into DIR/build/preview/ for a quick look.

    Fronts whose text does not fit are rendered too, the overflow marked in red; they are
    listed, and the exit code is 1.
    """
    from workshop.pipeline.build import load_and_check
    from workshop.pipeline.staging import BuildRunning, ForeignFileError, write_outputs
    from workshop.render.preview import preview_faces

    target = (out or directory / "build") / "preview"
    try:
        workshop, warnings = load_and_check(directory)
        previews = preview_faces(workshop, dpi)
        write_outputs(target, previews.files)
    except ContentError as exc:
        report_problems(exc.problems, wrote_nothing=True)
        sys.exit(1)
    except ForeignFileError as exc:
        click.echo(
            f"error: {', '.join(map(str, exc.paths))} was not written by workshop; move it away.", err=True
        )
        sys.exit(1)
    except BuildRunning as exc:
        report_running(exc.out_dir)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: cannot write to {target}: {exc.strerror or exc}; choose another --out.", err=True)
        sys.exit(1)
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
