"""Workshops for the debrief-site tests: a hostile one written by the test, and page parsing."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

EVIL = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '" onmouseover="alert(3)',
    "{{ 7*7 }}",
    "[click](javascript:alert(4))",
)
SECRET = "Only the guest knows this"


def evil(n: int) -> str:
    """Some ordinary words with one of the injection attempts in them."""
    return f"Plain words {EVIL[n % len(EVIL)]} and more"


def write_hostile_workshop(root: Path) -> Path:
    """An English workshop whose every text field tries to inject markup, with a logo."""
    from PIL import Image

    root.mkdir(parents=True)
    (root / "assets").mkdir()
    Image.new("RGB", (240, 80), "#1F618D").save(root / "assets" / "logo.png")
    config = {
        "title": f"Hostile *workshop* {EVIL[0]}",
        "subtitle": evil(1),
        "language": "en",
        "license": f"CC BY-SA 4.0 {EVIL[2]}",
        "debrief": {"base_url": "https://example.org/hostile/"},
        "theme": {"colors": {"reflection": "#F4D03F"}, "logo": "assets/logo.png"},
        "decks": ["cards.yaml"],
    }
    debrief = {
        "summary": f"{evil(0)}\n\n- a bullet with {EVIL[1]}\n- a **strong** one",
        "questions": [evil(2), evil(3)],
        "insights": [evil(4), "A very long word: Klantenservicemedewerkersopleidingsprogramma"],
        "source": f"From [a report](https://example.org/report) {EVIL[0]}",
    }
    cards = [
        {
            "id": "first-dilemma",
            "type": "dilemma",
            "title": f"Dilemma {EVIL[0]}",
            "situation": evil(1) + "\n\nA second paragraph.",
            "question": evil(2),
            "options": [evil(3), evil(4), "A third, quite ordinary option that runs over several lines."],
            "debrief": debrief,
        },
        {
            "id": "a-roleplay",
            "type": "roleplay",
            "title": f"Roleplay {EVIL[1]}",
            "setting": evil(2),
            "minutes": 10,
            "roles": [
                {"name": f"Guest {EVIL[0]}", "brief": SECRET},
                {"name": "Waiter", "brief": SECRET},
                {"name": "Observer", "observe": ["Does the waiter ask back?"]},
            ],
            "debrief": {"summary": evil(3)},
        },
        {
            "id": "a-reflection",
            "type": "reflection",
            "title": f"Reflection {EVIL[2]}",
            "question": evil(3),
            "prompts": [evil(4), evil(0)],
            "debrief": debrief,
        },
        {
            "id": "second-dilemma",
            "type": "dilemma",
            "title": "Second dilemma",
            "situation": "Short.",
            "question": "Yes or no?",
            "options": ["Yes.", "No."],
            "debrief": {"summary": "Short."},
        },
    ]
    dump = {"allow_unicode": True, "sort_keys": False}
    (root / "workshop.yaml").write_text(yaml.safe_dump(config, **dump), encoding="utf-8")
    (root / "cards.yaml").write_text(yaml.safe_dump({"cards": cards}, **dump), encoding="utf-8")
    return root


@dataclass
class Page:
    """A parsed page: its elements in order (tag, attributes) and its visible text."""

    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""
    title: str = ""

    def tags(self, *names: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag in names]

    def links(self) -> list[str]:
        return [str(a.get("href") or a.get("src")) for _, a in self.elements if "href" in a or "src" in a]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_title = False
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data
        else:
            self._chunks.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(" ".join(self._chunks).split())


def parse(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page
