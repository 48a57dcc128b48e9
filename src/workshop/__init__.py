"""workshop: YAML in, print-ready card decks, a facilitator guide, handouts and a debrief site out."""

__version__ = "0.1.0"
