"""`workshop serve`: the debrief site on this machine, rebuilt whenever the content changes.

Failures while serving are not fatal: `workshop.serve.rebuild.Rebuilder` shows them as
problems (worded by `workshop.pipeline.failures`, as the other commands word them) and
keeps serving; only a port that cannot be listened on ends the command. Serving ends with
Ctrl-C (or SIGTERM): the line "Stopped." and exit code 130, as every interrupted command.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from workshop.cli.error_handler import INTERRUPTED, report_problems
from workshop.cli.options import DIR_ARGUMENT, PORT_OPTION, BaseUrlType, host_option


@click.command()
@DIR_ARGUMENT
@PORT_OPTION
@host_option("the site")
@click.option(
    "--base-url", type=BaseUrlType(), help="Where the QR codes point (e.g. this server's LAN address)."
)
def serve(directory: Path, port: int, host: str, base_url: str | None) -> None:
    """Build, serve the debrief site locally, and rebuild whenever content changes.

    While the content has problems, every page lists them; the card faces are at /_cards/.
    """
    from functools import partial

    from workshop.pipeline.build import Overrides
    from workshop.serve.app import ServeApp
    from workshop.serve.pages import SiteState
    from workshop.serve.rebuild import Rebuilder, built_site, content_snapshot, serve_until_stopped
    from workshop.serve.server import site_url, stop_server

    app = ServeApp(SiteState(site=built_site(directory / "build"), building=True))
    rebuild = Rebuilder(
        directory,
        Overrides(base_url=base_url),
        click.echo,
        lambda p: report_problems(p, wrote_nothing=False),
        app,
    )
    stop = threading.Event()
    stop_on_signals(stop)
    server = listening(app, host, port)
    url = site_url(host, server.address[1])
    try:
        click.echo(f"Serving the debrief site at {url} (card faces at {url}_cards/)")
        share_hint(host, server.address[1])
        serve_until_stopped(
            rebuild,
            partial(content_snapshot, directory, directory / "build"),
            stop,
            ready=lambda: click.echo("Rebuilding when a content file changes; press Ctrl-C to stop."),
        )
    except KeyboardInterrupt:  # how a trainer stops serving
        pass
    finally:
        stop.set()
        stop_server(server)
    click.echo("Stopped.")
    sys.exit(INTERRUPTED)


def listening(serving: Any, host: str, port: int, app: Any = None) -> Any:
    """`serve.server.start_server`, with a port that cannot be had as a usage mistake (exit 2)."""
    from workshop.serve.server import start_server

    try:
        return start_server(serving, host, port, app=app)
    except OSError as exc:
        raise click.BadParameter(
            f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port",
            param_hint="--port",
        ) from None


def stop_on_signals(stop: threading.Event) -> None:
    """Ctrl-C and SIGTERM end serving, whatever the main thread is doing.

    The first one sets `stop` and raises KeyboardInterrupt, so a build under way unwinds as
    in `workshop build` (its staging removed, build/ as it was). Setting `stop` as well means
    serving still ends where a library swallows the exception (Python only reports one
    raised inside an at-fork hook or a finaliser, and `quiet_about_interrupts` keeps that
    report off the terminal): the loop sees `stop` after that build.
    Later ones change nothing: serve is already stopping.
    """

    def handler(_number: int, _frame: object) -> None:
        if not stop.is_set():
            stop.set()
            raise KeyboardInterrupt

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, handler)
    sys.unraisablehook = quiet_about_interrupts


def quiet_about_interrupts(unraisable: sys.UnraisableHookArgs) -> None:
    """Python reports an exception it cannot raise (one in a finaliser or a weakref callback)
    with a traceback; a KeyboardInterrupt there is Ctrl-C, already marked as a stop."""
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


def share_hint(host: str, port: int) -> None:
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
