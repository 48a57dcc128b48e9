"""The PDF layer: fonts, typography, paragraphs, QR codes and print geometry that every PDF shares.

Built on reportlab and the content layer; knows nothing of cards, guides or handouts.
"""
