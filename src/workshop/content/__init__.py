"""The content layer: the YAML format, its source map, the typed model, and every check on it.

Nothing here draws or renders: no reportlab, no Jinja2. Every layer above imports this
one; this one imports none of them.
"""
