"""The arithmetic of running a session: clock times, group counts, copies. Pure, no reportlab."""

from __future__ import annotations

import math

from workshop.content.loader import Workshop
from workshop.content.models import Agenda, Card, RoleplayCard

PLAYERS_PER_DECK = 4


def clock_times(agenda: Agenda) -> list[tuple[str, str]]:
    """(start, end) of every block as "HH:MM", counting on from `agenda.start` (past midnight wraps)."""
    hours, minutes = (int(part) for part in agenda.start.split(":"))
    now = hours * 60 + minutes
    times = []
    for block in agenda.blocks:
        times.append((_clock(now), _clock(now + block.minutes)))
        now += block.minutes
    return times


def _clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def max_participants(group_size: str | None) -> int | None:
    """The largest group the workshop is written for ("8-20" → 20), or None when unknown."""
    if not group_size:
        return None
    return int(group_size.split("-")[-1])


def decks_needed(participants: int) -> int:
    """One deck per table of four."""
    return max(1, math.ceil(participants / PLAYERS_PER_DECK))


def roleplay_groups(participants: int, roles: int) -> tuple[int, int]:
    """(full groups, people left over) when `participants` split into groups of `roles`."""
    groups = max(1, participants // roles)
    return groups, max(0, participants - groups * roles)


def unused_cards(workshop: Workshop) -> list[Card]:
    """Cards no agenda block uses (all cards when there is no agenda), in deck order."""
    agenda = workshop.config.agenda
    used = {card_id for block in agenda.blocks for card_id in block.cards} if agenda else set()
    return [card for card in workshop.cards if card.id not in used]


def agenda_roleplays(workshop: Workshop) -> list[RoleplayCard]:
    """The roleplays the session plays: those in the agenda, or every roleplay without one."""
    agenda = workshop.config.agenda
    if agenda is None:
        return [card for card in workshop.cards if isinstance(card, RoleplayCard)]
    ids = list(dict.fromkeys(card_id for block in agenda.blocks for card_id in block.cards))
    return [card for card_id in ids if isinstance(card := workshop.card(card_id), RoleplayCard)]
