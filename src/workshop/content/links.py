"""The one rule for where a card's debrief page lives: QR codes and the site both use it."""

from __future__ import annotations


def card_url(base_url: str, card_id: str) -> str:
    """The address a card's QR code encodes: `{base_url}/{id}/`."""
    return f"{base_url.rstrip('/')}/{card_id}/"


def card_page_path(card_id: str) -> str:
    """The card's page inside the built site, relative to the site root."""
    return f"{card_id}/index.html"
