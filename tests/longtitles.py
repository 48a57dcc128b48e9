"""A generated workshop of many cards with long titles, in English or Dutch, in a long agenda.

Titles of four to seven long words wrap on a card and in the guide's agenda column, right
where hyphenation would break a word; each agenda block holds enough cards to run over a
page, so the agenda table must continue on the next page. Titles use no hyphen, so any
hyphen at a line end inside a title word was added by the layout.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS = {
    "en": [
        "Question", "Review", "Conversation", "Difficult", "Customer", "Complaint", "Expectations",
        "Responsibility", "Unexpected", "Feedback", "Colleague", "Afternoon", "Situation", "Escalation",
        "Appointment", "Neighbourhood", "Restaurant", "Understanding",
    ],
    "nl": [
        "Vraag", "Klantgesprek", "Verwachtingen", "Teleurstelling", "Samenwerking", "Onverwachte",
        "Terugkoppeling", "Collega", "Klachtbrief", "Beoordeling", "Middagpauze", "Escalatie",
        "Verantwoordelijk", "Afspraken", "Buurtwinkel", "Restaurant", "Begrip",
    ],
}  # fmt: skip
"""Long words no other text of the workshop uses: each can only come from a title."""

BLOCK_NAMES = {
    "en": ["Opening questions and expectations", "Difficult conversations", "Break", "Review and feedback"],
    "nl": ["Openingsvragen en verwachtingen", "Moeilijke gesprekken", "Pauze", "Terugblik en feedback"],
}


def title(rng: random.Random, language: str, index: int) -> str:
    words = rng.sample(WORDS[language], rng.randint(4, 7))
    return " ".join(words) + f" {index}"


def long_title_workshop(root: Path, *, language: str = "en", cards: int = 60, seed: int = 13) -> Path:
    """Write the workshop into `root`: `cards` reflections in three blocks around a break."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    items = [
        {
            "id": f"card-{i}",
            "type": "reflection",
            "title": title(rng, language, i),
            "question": "What did you notice?" if language == "en" else "Wat viel je op?",
            "debrief": {"summary": "Talk it through." if language == "en" else "Bespreek het."},
        }
        for i in range(1, cards + 1)
    ]
    ids = [item["id"] for item in items]
    third = cards // 3
    names = BLOCK_NAMES[language]
    blocks = [
        {"title": names[0], "minutes": 40, "cards": ids[:third]},
        {"title": names[1], "minutes": 40, "cards": ids[third : 2 * third]},
        {"title": names[2], "minutes": 15, "kind": "break"},
        {"title": names[3], "minutes": 40, "cards": ids[2 * third :]},
    ]
    config = {
        "title": "Long titles" if language == "en" else "Lange titels",
        "language": language,
        "group_size": "6-10",
        "debrief": {"base_url": "https://example.org/long/"},
        "print": {"paper": "a4", "card_size": "poker", "duplex": "long-edge"},
        "decks": ["cards.yaml"],
        "agenda": {"start": "09:00", "blocks": blocks},
    }
    dump = {"allow_unicode": True, "sort_keys": False}
    (root / "workshop.yaml").write_text(yaml.safe_dump(config, **dump), encoding="utf-8")
    (root / "cards.yaml").write_text(yaml.safe_dump({"cards": items}, **dump), encoding="utf-8")
    return root
