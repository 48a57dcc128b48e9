"""A workshop of real-world length: ~150 facilitation activities written by other people.

`tests.cardgen` writes short cards that were made to fit; real collections are not. Each
card here has a multi-sentence description, 2–6 prompts (some over fifteen words), long
Dutch compounds, words that already hold a hyphen and English terms mixed into Dutch, as
converted collections have. The same seed gives the same workshop, byte for byte.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from .cardgen import write_workshop

SEED = 13
CARDS = 146

WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "subjects": (
            "De teamleider",
            "Een nieuwe collega",
            "De medezeggenschapsraad",
            "Een klant uit Noord-Brabant",
            "De kwaliteitsmedewerker",
            "Het projectteam",
            "De stakeholder-manager",
            "Een stagiair",
        ),
        "actions": (
            "vraagt tijdens de stand-up om feedback op het verandertraject",
            "stuurt na de vergadering een e-mail met een follow-up die niemand verwachtte",
            "twijfelt over het klanttevredenheidsonderzoek en de arbeidsongeschiktheidsverzekering",
            "merkt dat het verantwoordelijkheidsgevoel in de groep langzaam wegzakt",
            "stelt voor om de check-in voortaan in tweetallen te doen",
            "heeft een idee voor de teambuilding maar durft het niet te zeggen",
            "krijgt kritiek op de werkwijze van de kwaliteitsborgingscommissie",
        ),
        "closings": (
            "Niemand reageert direct.",
            "De sfeer wordt merkbaar gespannen, al zegt niemand dat hardop.",
            "Twee mensen kijken elkaar aan en beginnen te lachen.",
            "Na een korte stilte gaat het gesprek over iets anders verder.",
            "Later die dag komt het onderwerp bij de koffieautomaat opnieuw ter sprake.",
        ),
        "questions": (
            "Wat zou jij doen?",
            "Hoe breng je dit ter sprake zonder iemand af te vallen?",
            "Welke verantwoordelijkheid heb jij hier als collega?",
            "Wat maakt dat dit gesprek zo lastig is?",
            "Waar ligt voor jou de grens tussen eerlijk en onaardig?",
        ),
        "prompts": (
            "Denk aan een moment waarop je zelf feedback kreeg.",
            "Wat had je toen nodig?",
            "Schrijf drie woorden op.",
            "Hoe zou de klantenservicemedewerker dit verantwoordelijkheidsgevoel onder woorden brengen als niemand meeluisterde?",
            "Wat is je eerste reactie?",
            "Bespreek het in tweetallen.",
            "Wat zou een buitenstaander, bijvoorbeeld een nieuwe stagiair uit Zuid-Limburg, van deze situatie vinden?",
            "Waar word je blij van?",
            "Wat neem je mee naar je eigen werkplek, en wat laat je hier bewust achter?",
            "Welk kwaliteitsmanagementsysteem past hierbij?",
        ),
        "long_prompts": (
            "Wie in het team heeft het meeste belang bij een oplossing, en hoe merk je dat in de dagelijkse samenwerking?",
            "Welke informatie mis je nog voordat je een besluit durft te nemen over de volgende stap in het verandertraject?",
        ),
        "titles": (
            "Feedback geven",
            "De stille vergadering",
            "Check-in in tweetallen",
            "Verantwoordelijkheidsgevoel",
            "Klanttevredenheidsonderzoek",
            "Stand-up zonder stand",
            "De follow-up",
            "Teambuilding op maandag",
        ),
        "options": (
            "Direct aanspreken.",
            "Wachten tot na afloop.",
            "Laten gaan: niet mijn verantwoordelijkheid.",
            "Het via de teamleider agenderen.",
        ),
        "settings": (
            "Een overleg op vrijdagmiddag in een vergaderzaal zonder ramen.",
            "De kantine, net na de lunch; iedereen heeft haast.",
        ),
        "roles": ("Teamleider", "Medewerker", "Observator"),
        "brief": "Je wilt het gesprek rustig houden, maar je hebt weinig tijd.",
        "summary": "Wat laat deze activiteit zien over samenwerken?",
        "title": "Samenwerken in de praktijk",
    },
    "en": {
        "subjects": (
            "The team lead",
            "A new colleague",
            "The works council",
            "A customer from Yorkshire",
            "The quality officer",
            "The project team",
            "The stakeholder-manager",
            "An intern",
        ),
        "actions": (
            "asks for feedback on the change programme during the stand-up",
            "sends a follow-up e-mail after the meeting that nobody expected",
            "doubts the customer-satisfaction survey and the way it was interpreted",
            "notices that the group's sense of responsibility is slowly fading",
            "suggests doing the check-in in pairs from now on",
            "has an idea for the team-building day but does not dare to say it",
            "receives criticism about how the quality-assurance committee works",
        ),
        "closings": (
            "Nobody responds straight away.",
            "The atmosphere becomes noticeably tense, although nobody says so out loud.",
            "Two people look at each other and start to laugh.",
            "After a short silence the conversation moves on to something else.",
            "Later that day the subject comes up again at the coffee machine.",
        ),
        "questions": (
            "What would you do?",
            "How do you raise this without letting anyone down?",
            "What responsibility do you have here as a colleague?",
            "What makes this conversation so difficult?",
            "Where is the line between honest and unkind for you?",
        ),
        "prompts": (
            "Think of a moment when you received feedback yourself.",
            "What did you need then?",
            "Write down three words.",
            "How would the customer-service representative put this sense of responsibility into words if nobody listened?",
            "What is your first reaction?",
            "Discuss it in pairs.",
            "What would an outsider, for instance a new intern from Newcastle-upon-Tyne, make of this situation?",
            "What makes you happy?",
            "Which quality-management approach fits here?",
        ),
        "long_prompts": (
            "Who in the team has the biggest stake in a solution, and how do you notice that in daily work together?",
            "What information are you still missing before you dare to decide on the next step in the change programme?",
            "What do you take back to your own workplace, and what do you deliberately leave behind here?",
        ),
        "titles": (
            "Giving feedback",
            "The silent meeting",
            "Check-in in pairs",
            "Sense of responsibility",
            "Customer-satisfaction survey",
            "Stand-up without standing",
            "The follow-up",
            "Team-building on Monday",
        ),
        "options": (
            "Speak to them directly.",
            "Wait until afterwards.",
            "Let it go: not my responsibility.",
            "Ask the team lead to put it on the agenda.",
        ),
        "settings": (
            "A Friday-afternoon meeting in a windowless room.",
            "The canteen, just after lunch; everybody is in a hurry.",
        ),
        "roles": ("Team lead", "Employee", "Observer"),
        "brief": "You want to keep the conversation calm, but you have little time.",
        "summary": "What does this activity show about working together?",
        "title": "Working together in practice",
    },
}


def description(rng: random.Random, words: dict[str, tuple[str, ...]], sentences: int) -> str:
    """A story of `sentences` sentences, in paragraphs of two or three sentences."""
    parts = [
        f"{rng.choice(words['subjects'])} {rng.choice(words['actions'])}. {rng.choice(words['closings'])}"
        for _ in range(sentences)
    ]
    return "\n\n".join(" ".join(parts[i : i + 2]) for i in range(0, len(parts), 2))


def prompts(rng: random.Random, words: dict[str, tuple[str, ...]], count: int) -> list[str]:
    """`count` different prompts; about one in six is one of the long ones (over fifteen words)."""
    chosen: list[str] = []
    while len(chosen) < count:
        pool = words["long_prompts"] if rng.random() < 1 / 6 else words["prompts"]
        prompt = rng.choice(pool)
        if prompt not in chosen:
            chosen.append(prompt)
    return chosen


def long_card(rng: random.Random, number: int, language: str) -> dict[str, Any]:
    """Card `number`: mostly reflections (an activity), some dilemmas and roleplays."""
    words = WORDS[language]
    kind = "dilemma" if number % 5 == 0 else "roleplay" if number % 11 == 0 else "reflection"
    card: dict[str, Any] = {
        "id": f"activiteit-{number:03d}",
        "type": kind,
        "title": f"{rng.choice(words['titles'])} {number}",
        "debrief": {
            "summary": description(rng, words, rng.randint(2, 5)),
            "questions": [rng.choice(words["questions"])],
        },
    }
    if kind == "dilemma":
        card["situation"] = description(rng, words, 1)
        card["question"] = rng.choice(words["questions"])
        card["options"] = rng.sample(words["options"], rng.choice((2, 2, 3)))
    elif kind == "roleplay":
        card["setting"] = description(rng, words, 1) + " " + rng.choice(words["settings"])
        card["minutes"] = rng.choice((5, 10, 15))
        card["roles"] = [{"name": name, "brief": words["brief"]} for name in words["roles"]]
    else:
        card["question"] = rng.choice(words["questions"])
        card["prompts"] = prompts(rng, words, rng.choice((2, 2, 2, 3, 3, 3, 4, 4, 5, 6)))
    return card


def long_cards(language: str, count: int = CARDS, seed: int = SEED) -> list[dict[str, Any]]:
    """`count` cards in `language` ('nl' or 'en'); the same seed gives the same cards."""
    rng = random.Random(f"{seed}-{language}")
    return [long_card(rng, number, language) for number in range(1, count + 1)]


def write_long_workshop(folder: Path, language: str = "nl", count: int = CARDS, **printing: object) -> Path:
    """A workshop folder of `count` long cards (print settings as `cardgen.write_workshop` takes them)."""
    folder = write_workshop(folder, 0, language=language, cards=long_cards(language, count), **printing)
    return folder
