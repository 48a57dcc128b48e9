"""The room's HTML: the live part of a card page, the facilitator's pages, the projector view.

Rendered by Jinja2 from templates/room with every value escaped: answers are typed by
anyone in the room. No page needs JavaScript: forms post and are redirected back, bars are
`<meter>` elements, the projector reloads itself with `<meta http-equiv="refresh">`. No page
has an inline style, so the site's policy (`style-src 'self'`) holds.

A card page in the room is the built site's page, changed in three places only: its policy
allows forms to post to the room (`form-action 'self'`), it links the room's stylesheet,
and the live part goes in before the debrief notes — which are left out until they are
revealed (see `show_notes`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from workshop.content import markup
from workshop.content.labels import Language, label
from workshop.content.resources import templates_dir

Reveal = Literal["after-vote", "by-facilitator", "always"]
PROJECTOR_REFRESH = 2
"""Seconds between reloads of the projector view: the room sees a vote within two."""

LABELS: Mapping[str, tuple[str, str]] = {
    # key: (en, nl)
    "room": ("The room", "De zaal"),
    "vote": ("Vote", "Stem"),
    "vote_again": ("Change my vote", "Verander mijn stem"),
    "closed": ("Voting on this card is closed.", "Stemmen op deze kaart is gesloten."),
    "voted": ("Your vote is counted.", "Je stem is geteld."),
    "answered": ("Your answer is in.", "Je antwoord is binnen."),
    "ticked": ("Your ticks are in.", "Je vinkjes zijn binnen."),
    "votes": ("Votes: {count}", "Stemmen: {count}"),
    "observers": ("Observers: {count}", "Observatoren: {count}"),
    "answer_to": ("Answer to", "Antwoord op"),
    "your_answer": ("Your answer", "Je antwoord"),
    "anonymous": (
        "Anonymous, at most {max} characters. Shown to the room when the facilitator reveals the answers.",
        "Anoniem, hoogstens {max} tekens. De zaal ziet het als de begeleider de antwoorden toont.",
    ),
    "send": ("Send", "Verstuur"),
    "answers": ("Answers", "Antwoorden"),
    "answers_later": (
        "The answers appear here when the facilitator reveals them.",
        "De antwoorden verschijnen hier als de begeleider ze toont.",
    ),
    "answers_count": ("Answers: {count}", "Antwoorden: {count}"),
    "no_answers": ("No answers yet.", "Nog geen antwoorden."),
    "observer": ("What did you see?", "Wat zag je?"),
    "back": ("Back to the card", "Terug naar de kaart"),
    "host_title": ("Facilitator · {title}", "Begeleider · {title}"),
    "event_open": ("Event “{name}” is open.", "Sessie “{name}” is open."),
    "no_event": (
        "No event is open: every card page is the plain debrief page.",
        "Er is geen sessie open: elke kaartpagina is de gewone nabesprekingspagina.",
    ),
    "event_name": ("Event name", "Naam van de sessie"),
    "open_event": ("Open the event", "Open de sessie"),
    "close_event": ("Close the event", "Sluit de sessie"),
    "export": ("Download the results (CSV)", "Download de resultaten (CSV)"),
    "said": ("responses: {count}", "reacties: {count}"),
    "open": ("Open voting", "Open stemmen"),
    "close": ("Close voting", "Sluit stemmen"),
    "reveal": ("Reveal", "Toon"),
    "conceal": ("Conceal", "Verberg"),
    "reset": ("Reset the card", "Wis de kaart"),
    "hide": ("Hide", "Verberg"),
    "show": ("Show again", "Toon weer"),
    "all_cards": ("All cards", "Alle kaarten"),
    "other_cards": ("Other cards", "Overige kaarten"),
    "projector": ("Projector view", "Projectieweergave"),
    "open_state": ("Open for voting", "Open voor stemmen"),
    "closed_state": ("Closed", "Gesloten"),
    "revealed_state": ("results revealed", "resultaten getoond"),
    "concealed_state": ("results not revealed", "resultaten niet getoond"),
    "dilemma": ("Dilemma", "Dilemma"),
    "roleplay": ("Roleplay", "Rollenspel"),
    "reflection": ("Reflection", "Reflectie"),
    "privacy": (
        "While the room is open this page keeps one cookie: a random number, so that your phone votes "
        "once per card. Nothing else about you is stored.",
        "Zolang de zaal open is, bewaart deze pagina één cookie: een willekeurig getal, zodat je telefoon "
        "één keer per kaart stemt. Verder wordt niets over jou bewaard.",
    ),
    "error": ("That did not work", "Dat lukte niet"),
    "no_cookie": (
        "Your browser did not send the room's cookie. Open the card page again and send once more.",
        "Je browser stuurde het cookie van de zaal niet mee. Open de kaartpagina opnieuw en verstuur nog eens.",
    ),
    "bad_token": (
        "This form is out of date. Open the card page again and send once more.",
        "Dit formulier is verouderd. Open de kaartpagina opnieuw en verstuur nog eens.",
    ),
    "too_fast": (
        "That was a lot at once. Wait a few seconds and send again.",
        "Dat was veel tegelijk. Wacht een paar seconden en verstuur opnieuw.",
    ),
    "too_long": (
        "That is more than {max} characters. Shorten it and send again.",
        "Dat is meer dan {max} tekens. Maak het korter en verstuur opnieuw.",
    ),
    "too_large": ("That is more than this room accepts.", "Dat is meer dan deze zaal aanneemt."),
    "not_saved": (
        "The room could not save that just now. Try again in a moment.",
        "De zaal kon dat nu niet bewaren. Probeer het zo opnieuw.",
    ),
    "empty": ("There was nothing to send.", "Er was niets te versturen."),
    "bad_choice": ("That choice is not on this card.", "Die keuze staat niet op deze kaart."),
}


def t(language: Language, key: str, **values: Any) -> str:
    english, dutch = LABELS[key]
    return (dutch if language == "nl" else english).format(**values)


def show_notes(reveal: Reveal, revealed: bool, said: bool) -> bool:
    """Whether a participant sees the card's debrief notes while an event is open."""
    return reveal == "always" or revealed or (reveal == "after-vote" and said)


def render(template: str, language: Language, **values: Any) -> str:
    return (
        _environment()
        .get_template(template)
        .render(language=language, t=lambda key, **more: t(language, key, **more), **values)
    )


def message_page(language: Language, title_key: str, text: str, root: str, back: str | None = None) -> bytes:
    """A short page saying what went wrong and where to go from here."""
    title = t(language, title_key)
    return render(
        "page.html", language, page_title=title, text=text, root=root, back=back, refresh=0, projector=False
    ).encode()


DEBRIEF = re.compile(rb'<section class="debrief">.*?</section>\s*', re.DOTALL)
FORM_ACTION = re.compile(rb"form-action 'none'")
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)


def live_card_page(site_page: bytes, live: str, *, notes: bool, language: Language = "en") -> bytes:
    """The built card page with the live part in, the notes only when `notes`, and a footer
    that says what the room keeps (the site's own says it keeps nothing, true only without the room)."""
    page = FORM_ACTION.sub(b"form-action 'self'", site_page, count=1)
    site_privacy = escape(label("privacy", language)).encode()
    page = page.replace(site_privacy, escape(t(language, "privacy")).encode(), 1)
    page = HEAD_END.sub(b'<link rel="stylesheet" href="../_room/room.css">\n</head>', page, count=1)
    found = DEBRIEF.search(page)
    live_bytes = live.encode("utf-8")
    if found is None:  # a page without notes: the live part goes at the end of <main>
        return page.replace(b"</main>", live_bytes + b"</main>", 1)
    kept = found.group(0) if notes else b""
    return page[: found.start()] + live_bytes + kept + page[found.end() :]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Jinja2 escaping every value; card texts go through the site's Markdown, answers never do."""
    env = Environment(
        loader=FileSystemLoader(templates_dir() / "room"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_inline"] = lambda text: Markup(markup.inline_html(text))
    env.filters["plain"] = markup.to_plain
    return env


@lru_cache(maxsize=1)
def stylesheet() -> bytes:
    return (templates_dir() / "room" / "room.css").read_bytes()
