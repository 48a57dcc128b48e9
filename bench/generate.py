"""Generate a realistic workshop of N cards for the benchmark (deterministic: same N, same files).

Mixed card types (half dilemmas, a quarter roleplays, a quarter reflections), full
debrief notes, an agenda that uses every card, Dutch text of the length real cards have
(it must fit a poker card), and card files of at most 500 cards (a content file may be
at most 4 MiB).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as Dumper
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

CARDS_PER_FILE = 500
CARDS_PER_BLOCK = 100
BASE_URL = "https://example.org/klantgericht/"

WORDS = [
    "thee",
    "terras",
    "bouillon",
    "wachttijd",
    "menu",
    "klacht",
    "balie",
    "telefoon",
    "kassa",
    "rekening",
    "fooi",
    "reservering",
    "tafel",
    "gast",
    "ober",
    "kok",
    "lift",
    "sleutel",
    "koffer",
    "kamer",
    "ontbijt",
    "parkeren",
    "retour",
    "bon",
    "korting",
    "levering",
]
PLACES = (
    "Op het terras",
    "Aan de balie",
    "Aan de telefoon",
    "Bij de kassa",
    "In het restaurant",
    "In de lobby",
)
STORIES = (
    "zit een vaste klant die altijd hetzelfde bestelt en graag een praatje maakt.",
    "staat een gast die al twintig minuten wacht en zichtbaar geïrriteerd raakt.",
    "vraagt iemand om iets dat volgens de regels niet mag, maar wel logisch klinkt.",
    "maakt een collega een grapje over een klant, net hard genoeg om het te horen.",
    "blijkt een reservering kwijt terwijl het restaurant vol zit en de keuken achterloopt.",
)
TWISTS = (
    "Je collega kijkt naar jou: wat doe je?",
    "De manager is er niet en jij moet beslissen.",
    "Het is vijf minuten voor sluitingstijd.",
    "Er kijken andere klanten mee.",
)
QUESTIONS = (
    "Authentiek of onvriendelijk?",
    "Regels volgen of de klant helpen?",
    "Eerlijk zijn of de sfeer bewaren?",
    "Wat zeg je als eerste?",
)
OPTIONS = (
    "Je blijft jezelf: precies daarvoor komt de klant terug.",
    "Humor hoort mét de gast te zijn, niet over de gast.",
    "Je legt eerlijk uit wat er aan de hand is en wat je kunt doen.",
    "Je maakt een uitzondering en vertelt het later aan je leidinggevende.",
    "Je houdt je aan de afspraak, ook als de klant dat niet leuk vindt.",
)
INSIGHTS = (
    "Klantgericht is iets anders dan klantvriendelijk: het gaat om wat de klant nodig heeft.",
    "Wie terugvraagt, vindt vaak een oplossing die niet op de kaart staat.",
    "Authenticiteit werkt alleen als de klant zich gezien voelt, niet als mikpunt.",
    "Een eerlijke uitleg maakt wachten begrijpelijk; een excuus zonder uitleg niet.",
)


def generate_workshop(folder: Path, cards: int, seed: int = 1) -> Path:
    """Write a workshop of `cards` cards into `folder` (created); returns the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    all_cards = [_card(rng, number) for number in range(1, cards + 1)]
    files = []
    for start in range(0, cards, CARDS_PER_FILE):
        name = f"kaarten-{start // CARDS_PER_FILE + 1:03d}.yaml"
        _dump(folder / name, {"cards": all_cards[start : start + CARDS_PER_FILE]})
        files.append(name)
    _dump(folder / "workshop.yaml", _config([card["id"] for card in all_cards], files))
    return folder


def edit_one_card(folder: Path, version: int) -> None:
    """Change one card, as a trainer does between two builds.

    What changes turns with `version`: a dilemma's title (which also changes the guide's
    contents and index), a roleplay's setting (which also shows in the handouts), a
    reflection's question, a dilemma's situation. So repeated rebuilds measure each kind
    of edit. Works on generated workshops and on the flagship `deck/` alike.
    """
    kind, field = EDITS[(version - 1) % len(EDITS)]
    config = yaml.load((folder / "workshop.yaml").read_text(encoding="utf-8"), Loader=Loader)
    for name in config["decks"]:
        data = yaml.load((folder / name).read_text(encoding="utf-8"), Loader=Loader)
        card = next((card for card in data["cards"] if card["type"] == kind), None)
        if card is not None:
            card[field] = card[field].split(" (v")[0] + f" (v{version})"
            _dump(folder / name, data)
            return
    raise ValueError(f"{folder} has no {kind} card to edit")


EDITS = (("dilemma", "title"), ("roleplay", "setting"), ("reflection", "question"), ("dilemma", "situation"))


def _dump(file: Path, data: dict[str, Any]) -> None:
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    file.write_text(text, encoding="utf-8")


def _config(ids: list[str], files: list[str]) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        {
            "title": "Opening",
            "minutes": 10,
            "instructions": "Heet iedereen welkom en vertel wat we gaan doen.",
        }
    ]
    for start in range(0, len(ids), CARDS_PER_BLOCK):
        blocks.append(
            {
                "title": f"Kaarten {start + 1}–{min(start + CARDS_PER_BLOCK, len(ids))}",
                "minutes": 10,
                "cards": ids[start : start + CARDS_PER_BLOCK],
                "instructions": "Bespreek elke kaart in tweetallen en daarna kort met de hele groep.",
            }
        )
    blocks.append({"title": "Afsluiting", "minutes": 10, "instructions": "Wat neem je mee?"})
    return {
        "title": "Klantgerichtheid of authenticiteit?",
        "subtitle": "Een gegenereerde workshop voor de benchmark",
        "language": "nl",
        "audience": "Frontoffice-medewerkers en teamleiders",
        "group_size": "8-20",
        "duration": sum(block["minutes"] for block in blocks),
        "author": "workshop benchmark",
        "goals": ["Deelnemers zien het verschil tussen klantvriendelijk en klantgericht."],
        "debrief": {"base_url": BASE_URL},
        "print": {"paper": "a4", "card_size": "poker", "bleed": "3mm", "duplex": "long-edge"},
        "decks": files,
        "agenda": {"start": "09:30", "blocks": blocks},
    }


def _card(rng: random.Random, number: int) -> dict[str, Any]:
    kind = ("dilemma", "dilemma", "roleplay", "reflection")[number % 4]
    words = rng.sample(WORDS, 2)
    card: dict[str, Any] = {
        "id": f"{words[0]}-{words[1]}-{number}",
        "type": kind,
        "title": f"{words[0].capitalize()} en {words[1]}",
    }
    place, story = rng.choice(PLACES), rng.choice(STORIES)
    if kind == "dilemma":
        twist = f" {rng.choice(TWISTS)}" if number % 3 else ""
        card["situation"] = f"{place} {story}{twist}"
        card["question"] = rng.choice(QUESTIONS)
        card["options"] = rng.sample(OPTIONS, 2)
    elif kind == "roleplay":
        card["setting"] = f"{place} {story}"
        card["minutes"] = rng.choice((5, 10))
        card["roles"] = [
            {"name": "Gast", "brief": f"Je wilt vriendelijk maar vasthoudend iets over de {words[0]}."},
            {
                "name": "Medewerker",
                "brief": f"Het is druk. {rng.choice(TWISTS)} Doe wat je normaal zou doen.",
            },
            {
                "name": "Observator",
                "observe": ["Stelt de medewerker vragen terug?", "Komt er een alternatief?"],
            },
        ]
    else:
        card["question"] = rng.choice(QUESTIONS)
        card["prompts"] = ["Eén ding dat je blijft doen.", "Eén ding dat je gaat proberen."]
    card["debrief"] = {
        "summary": f"{place} {story} {rng.choice(INSIGHTS)}",
        "questions": [
            rng.choice(QUESTIONS),
            "Wanneer helpt een uitleg, en wanneer klinkt het als een excuus?",
        ],
        "insights": rng.sample(INSIGHTS, 2),
        "source": "Verhalen van frontoffice-medewerkers, 2024.",
    }
    return card
