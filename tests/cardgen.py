"""Generated workshops for the card tests: N cards with Dutch diacritics and long compounds."""

from __future__ import annotations

from pathlib import Path

import yaml

SITUATIONS = [
    "Een gast bestelt om vier uur ‘s middags thee op het terras. De ober maakt er een grapje over: "
    "“Thee? Op dit uur?” De klantenservicemedewerkers aan de balie lachen mee.",
    "Het café rekent € 4,50 voor een kopje bouillon – zonder brood. De gast vraagt of dat écht klopt.",
    "Een collega zegt: ‘Ik ben gewoon mezelf, ook tegen klanten.’ Is dat altijd een goed idee? Eén klant vindt van niet.",
]


def card(index: int) -> dict:
    """Card `index` (1-based): dilemmas, roleplays and reflections in turn."""
    kind = ("dilemma", "roleplay", "reflection")[(index - 1) % 3]
    base = {"id": f"kaart-{index:02d}", "type": kind, "debrief": {"summary": "Wat laat dit zien?"}}
    text = SITUATIONS[index % len(SITUATIONS)]
    if kind == "dilemma":
        return {
            **base,
            "title": f"Thee op het terras {index}",
            "situation": text,
            "question": "Authentiek of onvriendelijk?",
            "options": ["De ober is zichzelf.", "Humor hoort mét de gast te zijn.", "Ik weet het niet."],
        }
    if kind == "roleplay":
        return {
            **base,
            "title": f"Lamsvlees met muntsaus {index}",
            "setting": text,
            "minutes": 10,
            "roles": [
                {"name": "Gast", "brief": "Je wilt iets anders."},
                {"name": "Serveerster", "brief": "Het is druk."},
                {"name": "Observator", "observe": ["Stelt de medewerker vragen?"]},
            ],
        }
    return {
        **base,
        "title": f"Hoe belangrijk eigenlijk? {index}",
        "question": "Hoe belangrijk vind je klantgerichtheid nou eigenlijk écht?",
        "prompts": ["Denk aan één gast die je bijbleef.", "Wat deed je toen – en waarom?"],
    }


def write_workshop(
    folder: Path,
    count: int,
    *,
    base_url: str | None = "https://example.org/kg/",
    language: str = "nl",
    cards: list[dict] | None = None,
    **printing: object,
) -> Path:
    """A workshop folder with `count` generated cards (or the given `cards`) and print settings."""
    folder.mkdir(parents=True, exist_ok=True)
    config: dict = {
        "title": "Klantgerichtheid of authenticiteit?",
        "language": language,
        "decks": ["cards.yaml"],
    }
    if base_url:
        config["debrief"] = {"base_url": base_url}
    config["print"] = {"paper": "a4", "card_size": "poker", "duplex": "long-edge", **printing}
    (folder / "workshop.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    data = {"cards": cards if cards is not None else [card(i) for i in range(1, count + 1)]}
    (folder / "cards.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def short_card(index: int) -> dict:
    """A card with little text, for small card sizes such as mini."""
    return {
        "id": f"kaart-{index:02d}",
        "type": "reflection",
        "title": f"Eén vraag {index}",
        "question": "Wat neem je mee?",
        "debrief": {"summary": "Kort."},
    }


TOO_LONG = {
    "id": "te-lang",
    "type": "reflection",
    "title": "Te lang",
    "question": " ".join(["Waarom is deze vraag zo ontzettend lang?"] * 60),
    "debrief": {"summary": "x"},
}
"""A reflection whose question does not fit on any card: for the tests of what happens then."""
