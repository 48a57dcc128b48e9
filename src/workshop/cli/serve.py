"""`workshop serve`: the debrief site on this machine, rebuilt whenever the content changes.

Failures while serving are not fatal: `workshop.serve.rebuild.Rebuilder` shows them as
problems (worded by `workshop.pipeline.failures`, as the other commands word them) and
keeps serving; only a port that cannot be listened on ends the command. Serving ends with
Ctrl-C (or SIGTERM): the line "Stopped." and exit code 130, as every interrupted command.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

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
    import threading
    from functools import partial

    from workshop.pipeline.build import Overrides
    from workshop.serve.app import ServeApp
    from workshop.serve.pages import SiteState
    from workshop.serve.rebuild import Rebuilder, built_site, content_snapshot, serve_until_stopped
    from workshop.serve.server import site_url, start_server, stop_server

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
    url = site_url(host, server.address[1])
    stop = threading.Event()
    try:
        click.echo(f"Serving the debrief site at {url} (card faces at {url}_cards/)")
        share_hint(host, server.address[1])
        serve_until_stopped(
            rebuild,
            partial(content_snapshot, directory, directory / "build"),
            stop,
            ready=lambda: click.echo("Rebuilding when a content file changes; press Ctrl-C to stop."),
        )
    except KeyboardInterrupt:  # how a trainer stops serving (SIGTERM arrives as one too)
        pass
    finally:
        ignore_stop_signals()  # an impatient second Ctrl-C while stopping: no traceback, same end
        stop.set()
        stop_server(server)
    click.echo("Stopped.")
    sys.exit(INTERRUPTED)


def ignore_stop_signals() -> None:
    """From here on Ctrl-C and SIGTERM change nothing: serve is already stopping."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)


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
