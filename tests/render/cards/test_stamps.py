"""Fronts drawn once and stamped wherever they appear: the same bytes as drawing each everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cardgen import write_workshop


def test_fronts_drawn_once_and_pasted_give_the_same_bytes_as_drawn_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sharing a front's drawing between documents (and builds) never changes a byte, also when the
    document leaves its primed state (here: priming only ASCII, so 'é' and '’' are coded late)."""
    from workshop.render.cards import deck as deck_module
    from workshop.render.cards import sheets
    from workshop.render.cards.stamps import Stamps

    folder = write_workshop(tmp_path / "w", 12)
    cards_file = folder / "cards.yaml"
    text = cards_file.read_text(encoding="utf-8")
    cards_file.write_text(
        text.replace(
            "Authentiek of onvriendelijk?", "Authentiek of *onvriendelijk*? [Lees](https://example.org/x)", 1
        ),
        encoding="utf-8",
    )

    made: list[Stamps] = []

    def pdfs(share: bool) -> tuple[bytes, bytes]:
        from workshop.pipeline.build import load_and_check
        from workshop.render.cards import sheet_plan

        workshop, _ = load_and_check(folder)
        deck = deck_module.prepare_deck(workshop)
        stamps = Stamps(deck, share=share)
        made.append(stamps)
        settings = workshop.config.print
        sheet, _ = sheets.render_sheets(
            deck, sheet_plan(workshop), settings.duplex, settings.back_offset, stamps
        )
        return sheet, sheets.render_single(deck, settings.duplex, stamps)

    assert pdfs(True) == pdfs(False)
    drawn_anew = list(made[0]._by_index.values()).count(None)
    assert drawn_anew == 1  # the card with a link
    real = sheets.deck_characters
    monkeypatch.setattr(
        sheets,
        "deck_characters",
        lambda deck, extra: {
            font: "".join(c for c in text if c.isascii()) for font, text in real(deck, extra).items()
        },
    )
    assert pdfs(True) == pdfs(False)
    assert list(made[2]._by_index.values()).count(None) > drawn_anew
