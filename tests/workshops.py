"""Workshops generated for the renderer tests: richer than examples/minimal, in both languages.

`rich_workshop` has four roleplays (one with an observer, one with a brief too long for a
page), a break, a card the agenda does not use, Dutch diacritics, Markdown, and content
that looks like markup (`<b>`, `&`, `<font>`, `<para>`) which must print literally.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

MARKUP_LIKE = "Let op: <b>niet vet</b> & <font color='red'>geen kleur</font> en <para>geen alinea</para>."

LONG_BRIEF = "\n\n".join(
    f"Alinea {i}: je bent al twintig jaar stamgast en je weet precies hoe het vroeger ging; "
    "je vindt dat de nieuwe eigenaar het café langzaam verandert in iets wat je niet herkent, "
    "maar je wilt het gesprek vriendelijk houden."
    for i in range(1, 19)
)


def secret(card: int, role: int) -> str:
    """A brief no other page may show: the tests look for it on exactly one page."""
    return f"Geheim{card}x{role}: je weet iets wat de anderen niet weten."


def _roleplay(n: int, *, observer: bool, long: bool = False) -> dict:
    roles = [
        {"name": f"Gast {n}", "brief": LONG_BRIEF if long else secret(n, 0)},
        {"name": f"Medewerker {n}", "brief": f"{secret(n, 1)}\n\n- eerste punt\n- *tweede* punt"},
    ]
    if observer:
        roles.append(
            {
                "name": "Observator",
                "observe": [f"Vraagt de medewerker door? ({n})", "Blijft de toon vriendelijk?"],
            }
        )
    return {
        "id": f"rollenspel-{n}",
        "type": "roleplay",
        "title": f"Rollenspel {n}: het café",
        "setting": f"Een café in Zuid-Limburg, situatie {n}. De koffie kost € 3,20."
        + (f" {MARKUP_LIKE}" if n == 4 else ""),
        "minutes": 5 + n,
        "roles": roles,
        "debrief": {
            "summary": f"Samenvatting van rollenspel {n}.",
            "questions": [f"Vraag bij rollenspel {n}?"],
        },
    }


CARDS = [
    {
        "id": "thee-op-het-terras",
        "type": "dilemma",
        "title": "Thee op het terras",
        "situation": "Twee gasten bestellen thee om vier uur ’s middags; de ober maakt er een grapje over. "
        "Is dat naïef, of juist “echt”? Dat is de vraag voor de klantenservicemedewerkers.",
        "question": "Authentiek of onvriendelijk?",
        "options": [
            "De ober is zichzelf.",
            "Humor hoort *mét* de gast te zijn.",
            "Het hangt ervan af.",
            MARKUP_LIKE,
        ],
        "debrief": {
            "summary": "Humor werkt als de **gast** meelacht.\n\n- eerste inzicht in de lijst\n- tweede inzicht",
            "questions": ["Wanneer wordt een grap een belediging?", "Wie bepaalt dat?"],
            "insights": ["Echtheid is geen excuus voor onbeleefdheid."],
            "source": "Verhaal van een deelnemer, café in Maastricht (2023).",
        },
    },
    _roleplay(1, observer=True),
    _roleplay(2, observer=False, long=True),
    _roleplay(3, observer=True),
    _roleplay(4, observer=False),
    {
        "id": "wat-neem-je-mee",
        "type": "reflection",
        "title": "Wat neem je mee?",
        "question": "Wat ga je morgen anders doen?",
        "prompts": ["Eén ding dat je blijft doen.", "Eén ding dat je gaat proberen."],
        "debrief": {"summary": "Kleine, concrete voornemens houden het langst stand."},
    },
    {
        "id": "ongebruikt",
        "type": "reflection",
        "title": "Een kaart buiten de agenda",
        "question": "Staat deze vraag ook in de handleiding?",
        "debrief": {"summary": "Ja: in de bijlage, zodat niets verloren gaat.", "insights": [MARKUP_LIKE]},
    },
]

BLOCKS = [
    {
        "title": "Opening",
        "minutes": 5,
        "instructions": "Heet iedereen welkom.\n\n- Stel jezelf voor\n- Leg het doel uit",
    },
    {"title": "Dilemma's", "minutes": 35, "cards": ["thee-op-het-terras"], "instructions": MARKUP_LIKE},
    {"title": "Pauze", "minutes": 5, "kind": "break"},
    {"title": "Rollenspellen", "minutes": 60, "cards": [f"rollenspel-{n}" for n in range(1, 5)]},
    {"title": "Afsluiting", "minutes": 15, "cards": ["wat-neem-je-mee"]},
]


def png_logo(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (240, 120), "#1F618D").save(path, format="PNG")


SVG_LOGO = textwrap.dedent(
    """\
    <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
      <rect width="200" height="100" fill="#B03A2E"/><circle cx="50" cy="50" r="30" fill="#FFFFFF"/>
    </svg>
    """
)


def rich_workshop(root: Path, *, language: str = "nl", logo: str = "png", base_url: bool = True) -> Path:
    """Write the rich test workshop into `root` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    config: dict = {
        "title": "Klantgerichtheid of authenticiteit? Een café-workshop"
        if language == "nl"
        else "Customer focus",
        "subtitle": "Over échte aandacht — ook voor € 3,20",
        "language": language,
        "audience": "Frontoffice-medewerkers en teamleiders",
        "group_size": "8-20",
        "duration": 120,
        "author": "Anna de Vries",
        "license": "CC BY-SA 4.0",
        "goals": ["Deelnemers zien het verschil tussen *klantvriendelijk* en klantgericht.", MARKUP_LIKE],
        "room": "Tafels van vier; een flip-over; ruimte om in drietallen te spelen.",
        "print": {"paper": "a4", "card_size": "poker", "duplex": "long-edge"},
        "decks": ["cards.yaml"],
        "agenda": {"start": "09:30", "blocks": BLOCKS},
    }
    if base_url:
        config["debrief"] = {"base_url": "https://example.org/k/"}
    if logo == "png":
        png_logo(root / "logo.png")
        config["theme"] = {"logo": "logo.png"}
    elif logo == "svg":
        (root / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
        config["theme"] = {"logo": "logo.svg"}
    dump = {"allow_unicode": True, "sort_keys": False}
    (root / "workshop.yaml").write_text(yaml.safe_dump(config, **dump), encoding="utf-8")
    (root / "cards.yaml").write_text(yaml.safe_dump({"cards": CARDS}, **dump), encoding="utf-8")
    return root


def output_pdf(root: Path, output: str, **options: Any) -> bytes:
    """Build only `output` (guide, handouts) of the workshop in `root`, into root/build; its PDF."""
    from workshop.pipeline.build import build_workshop

    report = build_workshop(root, only=(output,), **options)
    return (report.out_dir / f"{output}.pdf").read_bytes()


def built_rich(factory: pytest.TempPathFactory, output: str, **options: Any) -> tuple[Path, bytes]:
    """`rich_workshop(**options)` in a new folder with only `output` built: the folder and the PDF.

    For the module fixtures of the guide's and the handouts' tests: one build per test file.
    """
    root = rich_workshop(factory.mktemp(options.get("language", "nl")) / "ws", **options)
    return root, output_pdf(root, output)
