"""The plain-reportlab lower bound: the cards.pdf pages of a workshop, drawn as simply as possible.

    python bench/lower_bound.py WORKSHOP_DIR OUT.pdf

What a competent afternoon script does, and no more: read the card files (C YAML loader),
then 9-up poker cards on A4 (3×3, butted, crop marks), each front sheet followed by its
back sheet mirrored for long-edge duplex. A front has its type band, number, title, text
paragraphs and a vector QR code (qrcode with its normal mask search, no caching, one path
with a rectangle per run of dark modules) with the id beside it; a back has the type
colour, the workshop title and the type. No validation, no hyphenation, no shrink-to-fit,
no guide, no site: `workshop build` does all of that too and is compared against this.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import qrcode
import yaml
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

FONTS = Path(__file__).resolve().parent.parent / "src" / "workshop" / "fonts"
CARD_W, CARD_H = 63.5 * mm, 88.9 * mm
COLUMNS, ROWS = 3, 3
PAD = 4 * mm
QR_SIZE = 20 * mm
COLORS = {"dilemma": "#B03A2E", "roleplay": "#1F618D", "reflection": "#1E8449"}
LABELS = {"dilemma": "Dilemma", "roleplay": "Rollenspel", "reflection": "Reflectie"}

pdfmetrics.registerFont(TTFont("Lato", str(FONTS / "Lato-Regular.ttf")))
pdfmetrics.registerFont(TTFont("Lato-Bold", str(FONTS / "Lato-Bold.ttf")))
TITLE = ParagraphStyle("title", fontName="Lato-Bold", fontSize=12, leading=14)
BODY = ParagraphStyle("body", fontName="Lato", fontSize=9, leading=11.5, spaceAfter=3)
BACK = ParagraphStyle("back", fontName="Lato-Bold", fontSize=14, leading=17, textColor=white, alignment=1)


def load_cards(root: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    config = yaml.load((root / "workshop.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    cards: list[dict[str, Any]] = []
    for name in config["decks"]:
        cards += yaml.load((root / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["cards"]
    return config, cards


def card_texts(card: dict[str, Any]) -> list[str]:
    """The card's text paragraphs, in the order they are printed."""
    if card["type"] == "dilemma":
        options = [f"<b>{'ABCD'[i]}</b> {escape(text)}" for i, text in enumerate(card["options"])]
        return [escape(card["situation"]), f"<b>{escape(card['question'])}</b>", *options]
    if card["type"] == "roleplay":
        roles = ", ".join(role["name"] for role in card["roles"])
        return [escape(card["setting"]), f"<b>{card['minutes']} min</b> · {escape(roles)}"]
    return [f"<b>{escape(card['question'])}</b>", *(f"• {escape(p)}" for p in card.get("prompts", []))]


def draw_qr(canvas: Canvas, url: str, x: float, y: float) -> None:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    unit = QR_SIZE / (len(matrix) + 8)
    path = canvas.beginPath()
    for row, cells in enumerate(matrix):
        column = 0
        while column < len(cells):
            if cells[column]:
                start = column
                while column < len(cells) and cells[column]:
                    column += 1
                path.rect(
                    x + (start + 4) * unit, y + QR_SIZE - (row + 5) * unit, (column - start) * unit, unit
                )
            column += 1
    canvas.setFillColor(white)
    canvas.rect(x, y, QR_SIZE, QR_SIZE, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)


def draw_front(
    canvas: Canvas, card: dict[str, Any], number: int, total: int, base_url: str, x: float, y: float
) -> None:
    color = HexColor(COLORS[card["type"]])
    canvas.setFillColor(color)
    canvas.rect(x, y + CARD_H - 10 * mm, CARD_W, 10 * mm, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont("Lato-Bold", 9)
    canvas.drawString(x + PAD, y + CARD_H - 6.5 * mm, LABELS[card["type"]].upper())
    canvas.drawRightString(x + CARD_W - PAD, y + CARD_H - 6.5 * mm, f"{number}/{total}")
    top = y + CARD_H - 10 * mm - 3 * mm
    width = CARD_W - 2 * PAD
    for text, style in [(escape(card["title"]), TITLE)] + [(t, BODY) for t in card_texts(card)]:
        paragraph = Paragraph(text, style)
        _, height = paragraph.wrap(width, CARD_H)
        top -= height
        paragraph.drawOn(canvas, x + PAD, top)
        top -= style.spaceAfter + 1
    draw_qr(canvas, f"{base_url.rstrip('/')}/{card['id']}/", x + PAD - 2 * mm, y + 2 * mm)
    canvas.setFillColorRGB(0.3, 0.3, 0.3)
    canvas.setFont("Lato", 7)
    canvas.drawString(x + PAD + QR_SIZE, y + 5 * mm, card["id"])


def draw_back(canvas: Canvas, card: dict[str, Any], title: str, x: float, y: float) -> None:
    canvas.setFillColor(HexColor(COLORS[card["type"]]))
    canvas.rect(x, y, CARD_W, CARD_H, stroke=0, fill=1)
    paragraph = Paragraph(escape(title), BACK)
    _, height = paragraph.wrap(CARD_W - 2 * PAD, CARD_H)
    paragraph.drawOn(canvas, x + PAD, y + CARD_H / 2)
    canvas.setFillColor(white)
    canvas.setFont("Lato", 10)
    canvas.drawCentredString(x + CARD_W / 2, y + CARD_H / 2 - height, LABELS[card["type"]])


def crop_marks(canvas: Canvas, left: float, bottom: float) -> None:
    canvas.setLineWidth(0.25)
    canvas.setStrokeColorRGB(0, 0, 0)
    right, top = left + COLUMNS * CARD_W, bottom + ROWS * CARD_H
    for column in range(COLUMNS + 1):
        x = left + column * CARD_W
        canvas.line(x, bottom - 8 * mm, x, bottom - 2 * mm)
        canvas.line(x, top + 2 * mm, x, top + 8 * mm)
    for row in range(ROWS + 1):
        y = bottom + row * CARD_H
        canvas.line(left - 8 * mm, y, left - 2 * mm, y)
        canvas.line(right + 2 * mm, y, right + 8 * mm, y)


def main(root: Path, out: Path) -> None:
    config, cards = load_cards(root)
    base_url = config["debrief"]["base_url"]
    canvas = Canvas(str(out), pagesize=A4, invariant=1)
    left = (A4[0] - COLUMNS * CARD_W) / 2
    bottom = (A4[1] - ROWS * CARD_H) / 2
    per_sheet = COLUMNS * ROWS
    for start in range(0, len(cards), per_sheet):
        sheet = cards[start : start + per_sheet]
        for side in ("front", "back"):
            crop_marks(canvas, left, bottom)
            for i, card in enumerate(sheet):
                row, column = divmod(i, COLUMNS)
                if side == "back":
                    column = COLUMNS - 1 - column  # long-edge duplex: mirrored left-right
                x, y = left + column * CARD_W, bottom + (ROWS - 1 - row) * CARD_H
                if side == "front":
                    draw_front(canvas, card, start + i + 1, len(cards), base_url, x, y)
                else:
                    draw_back(canvas, card, config["title"], x, y)
            canvas.showPage()
    canvas.save()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
