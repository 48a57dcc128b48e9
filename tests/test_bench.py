"""The benchmarks' harnesses agree with what they measure (no timing here: see bench/).

`bench/serve_refresh.py` waits for the text `edit_one_card` writes to show on the edited
card's page; when the two drifted apart it waited in vain, and the target of issue 14 that
it measures went unmeasured.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.generate import EDITS, edit_one_card, generate_workshop
from bench.serve_refresh import edit_mark, edited_card


def test_serve_refresh_looks_for_what_each_edit_writes_on_the_card_it_edits(tmp_path: Path) -> None:
    folder = generate_workshop(tmp_path / "w", 12)
    for version in range(1, len(EDITS) + 2):
        edit_one_card(folder, version)
        cards = yaml.safe_load((folder / "kaarten-001.yaml").read_text(encoding="utf-8"))["cards"]
        card = next(card for card in cards if card["id"] == edited_card(folder, version))
        _kind, field = EDITS[(version - 1) % len(EDITS)]
        assert card[field].endswith(edit_mark(version))
