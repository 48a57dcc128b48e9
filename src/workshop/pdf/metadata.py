"""What every PDF says about itself: title, author, subject, language and keywords.

PDF viewers show these in a document's properties and tab titles, file managers and search
tools index them, and screen readers take the language from them. Every output fills them
the same way from workshop.yaml; left unset, reportlab writes "anonymous" and "unspecified".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workshop.content.labels import label
from workshop.content.loader import Workshop
from workshop.content.markup import to_plain


@dataclass(frozen=True)
class DocumentInfo:
    """The document information of one PDF (and its catalogue's /Lang)."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str

    def template_args(self) -> dict[str, Any]:
        """As keyword arguments of reportlab's document templates (the guide, the handouts)."""
        return {
            "title": self.title,
            "author": self.author,
            "subject": self.subject,
            "keywords": self.keywords,
            "lang": self.language,
        }

    def apply(self, canvas: Any) -> None:
        """Set on a canvas made with `lang=self.language` (a canvas takes the language only when made)."""
        canvas.setTitle(self.title)
        canvas.setAuthor(self.author)
        canvas.setSubject(self.subject)
        canvas.setKeywords(self.keywords)


def document_info(workshop: Workshop, subject: str) -> DocumentInfo:
    """The information for one of the workshop's PDFs; `subject` says which (a label key:
    'cards_pdf', 'guide' …). Keywords: the card types the workshop uses and its cards' tags."""
    config = workshop.config
    language = config.language
    kinds = [label(kind, language).lower() for kind in dict.fromkeys(card.type for card in workshop.cards)]
    tags = list(dict.fromkeys(to_plain(tag) for card in workshop.cards for tag in card.tags))
    return DocumentInfo(
        title=to_plain(config.title),
        author=to_plain(config.author) if config.author else "",
        subject=label(subject, language),
        keywords=", ".join([label("workshop", language), *kinds, *tags]),
        language=language,
    )
