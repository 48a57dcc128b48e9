"""Arguments and options more than one command takes, checked as click parameters (exit 2 if wrong)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

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
    """`--base-url` values, checked by the same rule as workshop.yaml's `base_url`."""

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
    if not (folder / "workshop.yaml").exists():  # a pipe or a link out is refused, located, by the loader
        raise click.BadParameter(
            f"'{value}' has no workshop.yaml; run 'workshop new {value}' to start a workshop there, "
            "or give the folder that holds workshop.yaml"
        )
    return folder


DIR_ARGUMENT = click.argument("directory", default=".", callback=workshop_dir, metavar="[DIR]")
OUT_OPTION = click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder [default: DIR/build]."
)


PORT_OPTION = click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to serve on."
)


def host_option(what: str) -> Any:
    """`--host`, loopback unless told otherwise; `what` names what phones in the network open."""
    return click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help=f"Address to listen on; 0.0.0.0 lets phones in the same network open {what}.",
    )
