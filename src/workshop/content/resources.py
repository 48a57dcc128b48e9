"""Where the packaged folders are: inside the installed package, or in the source checkout.

The wheel carries `templates/` and `deck/` as `workshop/templates` and `workshop/deck`;
an editable install does not, so we fall back to the checkout's top-level folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = Path(str(resources.files("workshop")))
CHECKOUT = PACKAGE.parent.parent


def _packaged(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.is_dir() else CHECKOUT / name


def templates_dir() -> Path:
    """Jinja2 templates of the debrief site, and starter workshops for `workshop new`."""
    return _packaged("templates")


def fonts_dir() -> Path:
    """The bundled libre font (Lato) and its licence."""
    return PACKAGE / "fonts"
