"""Building blocks of the facilitator guide (and the handouts, which share its styles and page frame).

`render_guide` assembles the story from `front` (cover, overview, printing), `session`
(agenda table and blocks) and `cardnotes` (everything a facilitator needs about one card).
"""
