"""Property-based: whatever a tired trainer or a hostile one types, no traceback, exit 0 or 1."""

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli

MARKUP_LIKE = [
    "<b>",
    "</i>",
    "&",
    "&amp;",
    "<font color=red>",
    "<para>",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "*",
    "**",
    "[x](javascript:alert(1))",
    "&#x41;",
    "]]>",
    "\\",
]
TEXT = st.one_of(
    st.text(min_size=1, max_size=60),
    st.sampled_from(MARKUP_LIKE),
    st.lists(
        st.sampled_from([*MARKUP_LIKE, "klantgericht", "é", "’", "€", "–", " "]), min_size=1, max_size=8
    ).map("".join),
)
SCALAR = st.one_of(TEXT, st.integers(-5, 500), st.booleans(), st.none(), st.floats(allow_nan=False))
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)
IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6})?", fullmatch=True)


@st.composite
def cards(draw: st.DrawFn) -> dict:
    kind = draw(st.sampled_from(["dilemma", "roleplay", "reflection", "other"]))
    card: dict = {"id": draw(IDS), "type": kind, "title": draw(TEXT), "debrief": {"summary": draw(TEXT)}}
    if kind == "dilemma":
        card |= {
            "situation": draw(TEXT),
            "question": draw(TEXT),
            "options": draw(st.lists(TEXT, min_size=1, max_size=5)),
        }
    elif kind == "roleplay":
        card |= {
            "setting": draw(TEXT),
            "minutes": draw(st.integers(0, 200)),
            "roles": [
                {"name": draw(TEXT), "brief": draw(TEXT)},
                {"name": draw(TEXT), "observe": draw(st.lists(TEXT, max_size=3))},
            ],
        }
    elif kind == "reflection":
        card |= {"question": draw(TEXT), "prompts": draw(st.lists(TEXT, max_size=3))}
    if draw(st.booleans()):
        card[draw(TEXT)] = draw(VALUE)  # a stray key
    return card


@st.composite
def workshops(draw: st.DrawFn) -> tuple[dict, dict]:
    deck = draw(st.lists(cards(), min_size=1, max_size=4))
    config: dict = {
        "title": draw(TEXT),
        "language": draw(st.sampled_from(["nl", "en", "de"])),
        "decks": ["cards.yaml"],
    }
    if draw(st.booleans()):
        config["debrief"] = {
            "base_url": draw(
                st.sampled_from(["https://example.org/w/", "http://x", "ftp://no", "javascript:x"])
            )
        }
    if draw(st.booleans()):
        config["agenda"] = {
            "start": draw(st.sampled_from(["09:30", "9.30", "25:00"])),
            "blocks": [
                {
                    "title": draw(TEXT),
                    "minutes": draw(st.integers(0, 90)),
                    "cards": [c["id"] for c in deck[: draw(st.integers(0, len(deck)))]],
                }
            ],
        }
    if draw(st.booleans()):
        config[draw(TEXT)] = draw(VALUE)
    return config, {"cards": deck}


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(workshops())
def test_random_workshops_never_crash_validate(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    config, deck = data
    (folder / "workshop.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (folder / "cards.yaml").write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
    result = run_cli("validate", folder)
    assert result.exit_code in (0, 1), result.output


@FUZZ
@given(st.text(max_size=400), st.text(max_size=400))
def test_random_text_files_never_crash_validate(tmp_path_factory, workshop_text: str, cards_text: str):
    folder = tmp_path_factory.mktemp("raw")
    (folder / "workshop.yaml").write_text(workshop_text, encoding="utf-8", errors="surrogatepass")
    (folder / "cards.yaml").write_text(cards_text, encoding="utf-8", errors="surrogatepass")
    result = run_cli("validate", folder)
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert "error:" in result.output


PRINTABLE = st.text(
    alphabet=st.sampled_from(
        list(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()&<>/=*_[]{}#%+éëïöüàçñß’‘“”–—€"
        )
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())
SHORT_TEXT = st.one_of(
    PRINTABLE, st.sampled_from(MARKUP_LIKE[:-1]), st.sampled_from(["klantenservicemedewerkers", "Ééntje"])
)


def squeeze(text: str) -> str:
    """Text without whitespace and hyphens: line breaks and hyphenation may add either."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-\u00ad‐")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(SHORT_TEXT, SHORT_TEXT, st.lists(SHORT_TEXT, min_size=2, max_size=3)),
        min_size=1,
        max_size=3,
    )
)
def test_built_cards_show_every_word_literally(tmp_path_factory, texts):
    from pypdf import PdfReader

    from workshop.content.markup import to_plain

    folder = tmp_path_factory.mktemp("cards")
    deck = [
        {
            "id": f"kaart-{i}",
            "type": "dilemma",
            "title": title,
            "situation": situation,
            "question": situation,
            "options": options,
            "debrief": {"summary": title},
        }
        for i, (title, situation, options) in enumerate(texts)
    ]
    (folder / "workshop.yaml").write_text(
        yaml.safe_dump({"title": "Fuzz", "language": "nl", "decks": ["cards.yaml"]})
    )
    (folder / "cards.yaml").write_text(yaml.safe_dump({"cards": deck}, allow_unicode=True), encoding="utf-8")
    result = run_cli("build", folder, "--only", "cards")
    assert result.exit_code in (0, 1), result.output
    event(f"exit {result.exit_code}")
    if result.exit_code == 1:
        assert "error:" in result.output
        return
    pages = PdfReader(folder / "build" / "cards-single.pdf").pages
    for index, card in enumerate(deck):
        shown = squeeze(pages[2 * index].extract_text())
        for field in (card["title"], card["situation"], *card["options"]):
            assert squeeze(to_plain(field)) in shown, (field, shown)
