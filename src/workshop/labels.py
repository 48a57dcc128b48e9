"""Every fixed word the outputs print, in Dutch and English: one table, no scattered strings."""

from __future__ import annotations

from typing import Literal

Language = Literal["nl", "en"]

LABELS: dict[str, dict[Language, str]] = {
    # card types
    "dilemma": {"nl": "Dilemma", "en": "Dilemma"},
    "roleplay": {"nl": "Rollenspel", "en": "Roleplay"},
    "reflection": {"nl": "Reflectie", "en": "Reflection"},
    "dilemmas": {"nl": "Dilemma's", "en": "Dilemmas"},
    "roleplays": {"nl": "Rollenspellen", "en": "Roleplays"},
    "reflections": {"nl": "Reflecties", "en": "Reflections"},
    # card faces
    "roles": {"nl": "Rollen", "en": "Roles"},
    "minutes_short": {"nl": "min", "en": "min"},
    "minutes": {"nl": "minuten", "en": "minutes"},
    "prompts": {"nl": "Denk aan", "en": "Think about"},
    "scan_hint": {"nl": "Scan voor de nabespreking", "en": "Scan for the debrief"},
    # debrief notes
    "situation": {"nl": "Situatie", "en": "Situation"},
    "question": {"nl": "Vraag", "en": "Question"},
    "options": {"nl": "Opties", "en": "Options"},
    "setting": {"nl": "Situatie", "en": "Setting"},
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "debrief": {"nl": "Nabespreking", "en": "Debrief"},
    "debrief_questions": {"nl": "Debriefvragen", "en": "Discussion questions"},
    "insights": {"nl": "Inzichten", "en": "Insights"},
    "source": {"nl": "Bron", "en": "Source"},
    "observe": {"nl": "Let op", "en": "Watch for"},
    "observer_notes": {"nl": "Aantekeningen", "en": "Notes"},
    # guide
    "guide": {"nl": "Handleiding voor de facilitator", "en": "Facilitator guide"},
    "contents": {"nl": "Inhoud", "en": "Contents"},
    "overview": {"nl": "Overzicht", "en": "Overview"},
    "goals": {"nl": "Leerdoelen", "en": "Learning goals"},
    "audience": {"nl": "Doelgroep", "en": "Audience"},
    "group_size": {"nl": "Groepsgrootte", "en": "Group size"},
    "duration": {"nl": "Duur", "en": "Duration"},
    "author": {"nl": "Auteur", "en": "Author"},
    "license": {"nl": "Licentie", "en": "Licence"},
    "materials": {"nl": "Materiaal", "en": "Materials"},
    "room": {"nl": "Opstelling van de ruimte", "en": "Room set-up"},
    "agenda": {"nl": "Agenda", "en": "Agenda"},
    "time": {"nl": "Tijd", "en": "Time"},
    "block": {"nl": "Onderdeel", "en": "Block"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "cards": {"nl": "Kaarten", "en": "Cards"},
    "total": {"nl": "Totaal", "en": "Total"},
    "break": {"nl": "Pauze", "en": "Break"},
    "session": {"nl": "Sessie", "en": "Session"},
    "instructions": {"nl": "Instructies", "en": "Instructions"},
    "procedure": {"nl": "Werkwijze", "en": "Procedure"},
    "appendix": {"nl": "Bijlage: kaarten buiten de agenda", "en": "Appendix: cards not in the agenda"},
    "printing": {"nl": "Printinstructies", "en": "Printing instructions"},
    "page": {"nl": "Pagina", "en": "Page"},
    # handouts
    "your_role": {"nl": "Jouw rol", "en": "Your role"},
    "observer": {"nl": "Observator", "en": "Observer"},
    "continued": {"nl": "vervolg", "en": "continued"},
    "brief_private": {
        "nl": "Alleen voor jou: laat dit blad niet aan de anderen zien.",
        "en": "For your eyes only: do not show this sheet to the others.",
    },
    # site
    "all_cards": {"nl": "Alle kaarten", "en": "All cards"},
    "previous": {"nl": "Vorige", "en": "Previous"},
    "next": {"nl": "Volgende", "en": "Next"},
    "site_intro": {
        "nl": "Kies een kaart om de nabespreking te lezen.",
        "en": "Choose a card to read its debrief.",
    },
    "privacy": {
        "nl": "Deze pagina gebruikt geen cookies en volgt je niet.",
        "en": "This page uses no cookies and tracks nothing.",
    },
    # print sheets
    "print_hint": {
        "nl": "Print op 100 % (niet passend maken) · dubbelzijdig: {edge}",
        "en": "Print at 100 % (no fit to page) · duplex: {edge}",
    },
    "long-edge": {"nl": "lange zijde", "en": "long edge"},
    "short-edge": {"nl": "korte zijde", "en": "short edge"},
    "fold": {"nl": "vouwen, niet dubbelzijdig", "en": "fold, not duplex"},
    "none": {"nl": "enkelzijdig", "en": "single-sided"},
    "ruler": {"nl": "50 mm", "en": "50 mm"},
}


def label(key: str, language: Language, **values: object) -> str:
    """The fixed text `key` in `language`, with `{name}` placeholders filled from `values`."""
    text = LABELS[key][language]
    return text.format(**values) if values else text
