"""The render layer: one renderer per output (cards, guide, handouts, site) and card previews.

Each renderer turns a checked workshop into `{relative path: bytes}` and never touches the
disk; the pipeline decides what is written where.
"""
