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
    "calibration_title": {"nl": "Kalibratie voor dubbelzijdig printen", "en": "Duplex calibration"},
    "calibration_front": {
        "nl": "1. Print dit bestand dubbelzijdig ({edge}) op 100 %, zonder ‘passend maken’.<br/>"
        "2. Meet de liniaal onderaan: die hoort precies 50 mm te zijn. Is hij korter of langer, "
        "zet dan de schaal in het printvenster op 100 %.<br/>"
        "3. Houd het vel tegen het licht en kijk naar de achterkant: de kruizen van deze kant "
        "schijnen door op de schaalverdelingen daar.<br/>"
        "4. Lees af waar het middelste kruis valt: x (horizontaal) en y (verticaal), in mm.<br/>"
        "5. Zet die waarden in workshop.yaml, bijvoorbeeld <b>print: {{back_offset: [1.5mm, -1mm]}}</b>, "
        "en bouw opnieuw: elke achterkant schuift dan precies zoveel op.",
        "en": "1. Print this file duplex ({edge}) at 100 %, without ‘fit to page’.<br/>"
        "2. Measure the ruler at the bottom: it must be exactly 50 mm. If it is shorter or longer, "
        "set the scale in the print dialog to 100 %.<br/>"
        "3. Hold the sheet against the light and look at the back: the crosses on this side "
        "show through onto the scales there.<br/>"
        "4. Read where the middle cross falls: x (across) and y (up and down), in mm.<br/>"
        "5. Put those values in workshop.yaml, e.g. <b>print: {{back_offset: [1.5mm, -1mm]}}</b>, "
        "and build again: every back then moves by exactly that much.",
    },
    "calibration_back": {
        "nl": "Achterkant. Lees af waar het kruis van de voorkant doorschijnt: x naar rechts, y naar boven "
        "(in mm, zoals je dit blad nu ziet). Valt het op 0 en 0, dan is je printer goed uitgelijnd.",
        "en": "Back. Read where the front’s cross shows through: x to the right, y upwards (in mm, as you "
        "see this page now). If it falls on 0 and 0, your printer is aligned.",
    },
}


def label(key: str, language: Language, **values: object) -> str:
    """The fixed text `key` in `language`, with `{name}` placeholders filled from `values`."""
    text = LABELS[key][language]
    return text.format(**values) if values else text
