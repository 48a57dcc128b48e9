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
    # `workshop serve`: its problems page, card-faces page and the notice on the site's pages
    "serve_problems_title": {"nl": "De inhoud heeft problemen", "en": "The content has problems"},
    "serve_problems_intro": {
        "nl": "De site kan nog niet gemaakt worden. Los deze problemen op en sla op: "
        "deze pagina ververst zichzelf.",
        "en": "The site cannot be made yet. Fix these problems and save: this page refreshes itself.",
    },
    "serve_building": {"nl": "De site wordt gemaakt…", "en": "Making the site…"},
    "serve_notice_title": {"nl": "Problemen in de inhoud ({n}).", "en": "Problems in the content ({n})."},
    "serve_notice_intro": {
        "nl": "Los ze op en sla op; deze pagina ververst zichzelf.",
        "en": "Fix them and save; this page refreshes itself.",
    },
    "serve_more_problems": {"nl": "Alle problemen (nog {n})", "en": "All problems ({n} more)"},
    "serve_no_problems": {"nl": "Geen problemen.", "en": "No problems."},
    "serve_not_found": {"nl": "Deze pagina bestaat niet.", "en": "There is no such page."},
    "serve_site_link": {"nl": "Site", "en": "Site"},
    "serve_cards_link": {"nl": "Kaarten", "en": "Cards"},
    "serve_cards_title": {"nl": "Kaarten: voor- en achterkant", "en": "Cards: front and back"},
    "serve_cards_drawing": {
        "nl": "De kaarten worden getekend; deze pagina ververst zichzelf.",
        "en": "Drawing the cards; this page refreshes itself.",
    },
    "serve_cards_problems": {
        "nl": "Deze problemen houden het tekenen van de kaarten tegen. Los ze op en sla op: "
        "deze pagina ververst zichzelf.",
        "en": "These problems stop the cards from being drawn. Fix them and save: this page refreshes itself.",
    },
    "serve_cards_overflow": {"nl": "past niet", "en": "does not fit"},
    "serve_cards_overflowing": {"nl": "Kaarten die niet passen: {n}", "en": "Cards that do not fit: {n}"},
    "serve_front": {"nl": "voorkant", "en": "front"},
    "serve_back": {"nl": "achterkant", "en": "back"},
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
    # guide: details (render_guide)
    "minutes_n_one": {"nl": "{n} minuut", "en": "{n} minute"},
    "minutes_n_other": {"nl": "{n} minuten", "en": "{n} minutes"},
    "participants_n": {"nl": "{n} deelnemers", "en": "{n} participants"},
    "time_range": {"nl": "{start}–{end}", "en": "{start}–{end}"},
    "prepare": {"nl": "Voorbereiding", "en": "Preparation"},
    "session_plan": {"nl": "Verloop per onderdeel", "en": "The session, block by block"},
    "no_cards": {"nl": "geen kaarten", "en": "no cards"},
    "card_n": {"nl": "kaart {n}/{total}", "en": "card {n}/{total}"},
    "debrief_page": {"nl": "Nabesprekingspagina", "en": "Debrief page"},
    "play_time": {"nl": "Speeltijd", "en": "Playing time"},
    "observer_checklist": {
        "nl": "Checklist van de observator ({role})",
        "en": "Observer's checklist ({role})",
    },
    "materials_decks": {
        "nl": "Kaartspellen (cards.pdf, {cards}): één per 4 deelnemers{count}",
        "en": "Card decks (cards.pdf, {cards}): one per 4 participants{count}",
    },
    "materials_handouts": {
        "nl": "Rolbriefjes “{title}” (handouts.pdf): per groepje van {n} een set van {n} bladen{count}",
        "en": "Role briefs “{title}” (handouts.pdf): a set of {n} pages per group of {n}{count}",
    },
    "materials_for_one": {"nl": "Materiaal voor {n} deelnemer", "en": "Materials for {n} participant"},
    "materials_for_other": {"nl": "Materiaal voor {n} deelnemers", "en": "Materials for {n} participants"},
    "materials_count_one": {"nl": ": {n} stuk", "en": ": {n} in all"},
    "materials_count_other": {"nl": ": {n} stuks", "en": ": {n} in all"},
    "materials_sets_one": {"nl": ": {n} set", "en": ": {n} set"},
    "materials_sets_other": {"nl": ": {n} sets", "en": ": {n} sets"},
    "cards_n_one": {"nl": "{n} kaart", "en": "{n} card"},
    "cards_n_other": {"nl": "{n} kaarten", "en": "{n} cards"},
    "materials_pens": {"nl": "Pennen: één per deelnemer{count}", "en": "Pens: one per participant{count}"},
    "materials_timer": {
        "nl": "Een timer of klok die iedereen ziet",
        "en": "A timer or clock everyone can see",
    },
    "materials_flipover": {"nl": "Flip-over met stiften", "en": "Flip chart and markers"},
    "materials_guide": {"nl": "Deze handleiding", "en": "This guide"},
    "at_most_one": {"nl": " (bij {n} deelnemer)", "en": " (for {n} participant)"},
    "at_most_other": {"nl": " (bij {n} deelnemers)", "en": " (for {n} participants)"},
    "proc_groups": {"nl": "Vorm groepjes van {n}: {roles}.", "en": "Form groups of {n}: {roles}."},
    "proc_groups_count": {
        "nl": " Bij {max} deelnemers zijn dat {groups} groepjes.",
        "en": " With {max} participants that makes {groups} groups.",
    },
    "proc_groups_extra": {
        "nl": " Wie overblijft ({extra}), kijkt mee als extra observator.",
        "en": " Anyone left over ({extra}) joins a group as an extra observer.",
    },
    "proc_setting": {
        "nl": "Lees de situatie hardop voor, zodat elk groepje vanuit dezelfde scène begint.",
        "en": "Read the setting aloud, so every group starts from the same scene.",
    },
    "proc_brief": {
        "nl": "Deel de rolbriefjes uit (handouts.pdf): iedereen krijgt alleen het blad van de eigen rol. "
        "Geef twee minuten leestijd; niemand laat zijn blad zien.",
        "en": "Hand out the role briefs (handouts.pdf): everyone gets only the page of their own role. "
        "Allow two minutes to read; nobody shows their page.",
    },
    "proc_play": {
        "nl": "Speel {minutes} minuten. Kondig de laatste minuut aan en stop dan het spel.",
        "en": "Play for {minutes} minutes. Announce the last minute, then call time.",
    },
    "proc_derole": {
        "nl": "Uit de rol: spelers leggen hun blad weg, noemen hun eigen naam en zeggen in één zin hoe de rol voelde.",
        "en": "De-role: players put their page away, say their own name and, in one sentence, how the role felt.",
    },
    "proc_debrief_observer": {
        "nl": "Nabespreking in het groepje: de observator begint met de checklist (bij de rollen hierboven), "
        "dan de spelers, dan de vragen van de nabespreking.",
        "en": "Debrief in the group: the observer starts with the checklist (under the roles above), "
        "then the players, then the discussion questions.",
    },
    "proc_debrief": {
        "nl": "Nabespreking: eerst vertellen de spelers wat hen opviel, dan de vragen van de nabespreking.",
        "en": "Debrief: first the players say what they noticed, then the discussion questions.",
    },
    "print_paper": {
        "nl": "Papier: {paper}. Print elke pdf op 100 % (werkelijke grootte), nooit “passend maken”: "
        "anders worden de kaarten te klein en vallen voor- en achterkant niet meer op elkaar.",
        "en": "Paper: {paper}. Print every PDF at 100 % (actual size), never “fit to page”: "
        "otherwise the cards come out too small and fronts and backs no longer line up.",
    },
    "print_cards_duplex": {
        "nl": "cards.pdf: dubbelzijdig, omslaan langs de {edge}. Kaartformaat {size}.",
        "en": "cards.pdf: double-sided, flip on the {edge}. Card size {size}.",
    },
    "print_cards_fold": {
        "nl": "cards.pdf: enkelzijdig. Voor- en achterkant staan naast elkaar: vouw langs de vouwlijn, "
        "plak de helften op elkaar en snijd dan. Kaartformaat {size}.",
        "en": "cards.pdf: single-sided. Front and back stand side by side: fold along the fold line, "
        "glue the halves together, then cut. Card size {size}.",
    },
    "print_cards_none": {
        "nl": "cards.pdf: enkelzijdig (alleen voorkanten). Kaartformaat {size}.",
        "en": "cards.pdf: single-sided (fronts only). Card size {size}.",
    },
    "print_copies": {
        "nl": "Aantal: {n}× cards.pdf, één kaartspel per 4 deelnemers{at}.",
        "en": "Copies: {n}× cards.pdf, one deck per 4 participants{at}.",
    },
    "print_copies_open": {
        "nl": "Aantal: één exemplaar van cards.pdf per 4 deelnemers.",
        "en": "Copies: one copy of cards.pdf per 4 participants.",
    },
    "print_copies_set": {
        "nl": "Aantal: {n}× cards.pdf (print.copies).",
        "en": "Copies: {n}× cards.pdf (print.copies).",
    },
    "print_sheets": {
        "nl": " Dat is {per} {paper} per exemplaar ({sides}), {total} in totaal.",
        "en": " That is {per} of {paper} per copy ({sides}), {total} in all.",
    },
    "print_sheets_open": {
        "nl": " Eén exemplaar is {per} {paper} ({sides}).",
        "en": " One copy is {per} of {paper} ({sides}).",
    },
    "sheets_one": {"nl": "{n} vel", "en": "{n} sheet"},
    "sheets_other": {"nl": "{n} vellen", "en": "{n} sheets"},
    "double_sided": {"nl": "dubbelzijdig", "en": "double-sided"},
    "single_sided": {"nl": "enkelzijdig", "en": "single-sided"},
    "materials_decks_set": {
        "nl": "Kaartspellen (cards.pdf, {cards}){count}",
        "en": "Card decks (cards.pdf, {cards}){count}",
    },
    "print_cut": {
        "nl": "Snijd langs de snijtekens (de korte lijntjes buiten de kaarten), met snijmat en liniaal of "
        "een snijmachine. De achtergrond loopt {bleed} door voorbij de snijlijn, dus een kleine afwijking "
        "geeft geen witte rand.",
        "en": "Cut along the crop marks (the short lines outside the cards) with a cutting mat and ruler "
        "or a guillotine. The background runs {bleed} past the cut line, so a slightly inexact cut "
        "leaves no white edge.",
    },
    "print_offset": {
        "nl": "Vallen voor- en achterkant niet op elkaar? Maak met ‘workshop build --calibration’ een "
        "kalibratieblad, print het dubbelzijdig en zet de gemeten verschuiving in print.back_offset.",
        "en": "Fronts and backs do not line up? Make a calibration sheet with ‘workshop build --calibration’, "
        "print it double-sided and put the measured shift in print.back_offset.",
    },
    "print_handouts": {
        "nl": "handouts.pdf: enkelzijdig, zodat geen briefje doorschijnt; één set per groepje. De sets "
        "staan in de volgorde van de agenda en elke rol begint op een nieuw blad: niets knippen.",
        "en": "handouts.pdf: single-sided, so no brief shows through; one set per group. The sets "
        "follow the agenda and every role starts on a new page: nothing to cut.",
    },
    "print_handouts_set": {
        "nl": "{pages} “{title}” ({roles}): {count}",
        "en": "{pages} “{title}” ({roles}): {count}",
    },
    "print_handouts_count": {"nl": "{n}×", "en": "{n}×"},
    "print_handouts_count_open": {"nl": "1× per groepje", "en": "1× per group"},
    "print_handouts_unused": {
        "nl": "niet in de agenda, alleen nodig als je het toch speelt",
        "en": "not in the agenda, only needed if you play it after all",
    },
    "pages_one": {"nl": "blz. {a}", "en": "p. {a}"},
    "pages_range": {"nl": "blz. {a}–{b}", "en": "pp. {a}–{b}"},
    "print_guide": {
        "nl": "guide.pdf (deze handleiding): één per facilitator; dubbelzijdig mag.",
        "en": "guide.pdf (this guide): one per facilitator; double-sided is fine.",
    },
    "print_site": {
        "nl": "Debriefsite: zet de map site/ vóór de sessie online op {url} en scan één kaart om te controleren.",
        "en": "Debrief site: publish the folder site/ at {url} before the session and scan one card to check.",
    },
    "print_no_site": {
        "nl": "Er is geen debrief.base_url ingesteld: de kaarten hebben geen QR-codes.",
        "en": "No debrief.base_url is set: the cards have no QR codes.",
    },
    # handouts
    "your_role": {"nl": "Jouw rol", "en": "Your role"},
    "observer": {"nl": "Observator", "en": "Observer"},
    "continued": {"nl": "vervolg", "en": "continued"},
    "handouts_title": {"nl": "Rolbriefjes", "en": "Role briefs"},
    "observer_tick": {
        "nl": "Zet een vinkje als je het ziet gebeuren, en noteer wat er precies gezegd werd.",
        "en": "Tick a box when you see it happen, and note what exactly was said.",
    },
    "brief_private": {
        "nl": "Alleen voor jou: laat dit blad niet aan de anderen zien.",
        "en": "For your eyes only: do not show this sheet to the others.",
    },
    # site
    "all_cards": {"nl": "Alle kaarten", "en": "All cards"},
    "not_in_agenda": {"nl": "Buiten de agenda", "en": "Not in the agenda"},
    "tags": {"nl": "Trefwoorden", "en": "Tags"},
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
        "nl": "Print op 100 % (niet passend maken) · {sides}",
        "en": "Print at 100 % (no fit to page) · {sides}",
    },
    "hint_duplex": {"nl": "dubbelzijdig: {edge}", "en": "duplex: {edge}"},
    "hint_fold": {
        "nl": "enkelzijdig; vouw langs de stippellijnen",
        "en": "single-sided; fold along the dashed lines",
    },
    "hint_none": {"nl": "enkelzijdig", "en": "single-sided"},
    "long-edge": {"nl": "lange zijde", "en": "long edge"},
    "short-edge": {"nl": "korte zijde", "en": "short edge"},
    "fold": {"nl": "vouwen, niet dubbelzijdig", "en": "fold, not duplex"},
    "none": {"nl": "enkelzijdig", "en": "single-sided"},
    "ruler": {"nl": "50 mm", "en": "50 mm"},
    "calibration_title": {"nl": "Kalibratie voor dubbelzijdig printen", "en": "Duplex calibration"},
    # PDF document information (pdf/metadata.py)
    "workshop": {"nl": "workshop", "en": "workshop"},
    "cards_pdf": {"nl": "Kaarten om te printen en te snijden", "en": "Cards to print and cut"},
    "cards_single_pdf": {
        "nl": "Kaarten, één per pagina met afloop, voor de drukker",
        "en": "Cards, one per page with bleed, for a print shop",
    },
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


def plural(key: str, language: Language, n: int) -> str:
    """`key_one` for 1, else `key_other`, with `{n}` filled: "1 sheet", "2 vellen"."""
    return label(f"{key}_one" if n == 1 else f"{key}_other", language, n=n)
