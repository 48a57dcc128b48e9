"""The debrief site as participants meet it: parsed pages, and a real headless Chromium at phone width."""

from __future__ import annotations

import functools
import http.server
import itertools
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.browser import PHONE_WIDTH, Browser
from tests.conftest import MINIMAL, ROOT
from tests.site_fixtures import EVIL, SECRET, parse, write_hostile_workshop
from tests.workshops import rich_workshop
from workshop.content.checks import contrast_ratio
from workshop.content.labels import label
from workshop.pipeline.build import build_workshop, load_and_check
from workshop.render.context import RenderContext
from workshop.render.site import render


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test workshops and the flagship deck, built once for the module: name → build/site."""
    base = tmp_path_factory.mktemp("sites")
    hostile = write_hostile_workshop(base / "hostile")
    built = {}
    workshops = [("minimal", MINIMAL), ("hostile", hostile), ("deck", ROOT / "deck")]
    for name, root in workshops:
        out = base / f"{name}-build"
        build_workshop(root, out, only=("site",))
        built[name] = out / "site"
    return built


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


# --- the files and their HTML --------------------------------------------------------


def test_site_has_an_index_a_page_per_card_a_stylesheet_and_the_logo(sites: dict[str, Path]) -> None:
    workshop, _ = load_and_check(MINIMAL)
    names = {str(p.relative_to(sites["minimal"])) for p in sites["minimal"].rglob("*") if p.is_file()}
    assert names == {"index.html", "style.css"} | {f"{card.id}/index.html" for card in workshop.cards}
    assert (sites["hostile"] / "logo.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'src="logo.png"' in read(sites["hostile"], "index.html")


def test_rendering_is_byte_reproducible() -> None:
    workshop, _ = load_and_check(MINIMAL)
    assert render(workshop, RenderContext()) == render(workshop, RenderContext())


def test_every_page_has_the_privacy_basics(sites: dict[str, Path]) -> None:
    for site in sites.values():
        for path in pages(site):
            page = parse(path.read_text(encoding="utf-8"))
            html = page.tags("html")[0]
            assert html["lang"] in ("nl", "en"), path
            metas = {a.get("name"): a.get("content") for a in page.tags("meta")}
            assert metas["referrer"] == "no-referrer", path
            assert "width=device-width" in str(metas["viewport"]), path
            assert not page.tags("script", "iframe", "object", "embed", "form"), path
            assert label("privacy", html["lang"]) in page.text, path  # type: ignore[arg-type]


def test_every_link_resolves_to_a_file_in_the_site(sites: dict[str, Path]) -> None:
    for site in sites.values():
        for path in pages(site):
            page = parse(path.read_text(encoding="utf-8"))
            # links the content itself wrote (Markdown) leave the site, but only when tapped
            written = {a["href"] for a in page.tags("a") if a.get("rel") == "noopener noreferrer"}
            assert all(str(link).startswith(("https://", "http://", "mailto:")) for link in written)
            for link in set(page.links()) - written:
                assert not urlsplit(link).scheme and not link.startswith("/"), f"{path}: {link}"
                target = (path.parent / unquote(link)).resolve()
                assert target.is_file() and target.is_relative_to(site.resolve()), f"{path}: {link}"


def test_headings_are_in_order_with_one_h1(sites: dict[str, Path]) -> None:
    for site in sites.values():
        for path in pages(site):
            levels = [
                int(tag[1])
                for tag, _ in parse(path.read_text(encoding="utf-8")).elements
                if re.fullmatch(r"h\d", tag)
            ]
            assert levels[0] == 1 and levels.count(1) == 1, path
            assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), path


def test_card_page_shows_the_card_and_its_debrief_in_deck_order(sites: dict[str, Path]) -> None:
    page = parse(read(sites["minimal"], "het-menu/index.html"))
    assert page.title == "Het menu · Een kleine workshop"
    for expected in (
        "Rollenspel",
        "2/3",
        "Het menu",
        "vrijdagavond",
        "Gast",
        "Medewerker",
        "Observator",
        "5 minuten",
        "Nabespreking",
        "terugvraagt",
        "Debriefvragen",
        "Alle kaarten",
    ):
        assert expected in page.text
    assert "vasthoudend" not in page.text, "a role's secret brief must not be on the public page"
    hrefs = {a.get("rel"): a.get("href") for a in page.tags("a") if a.get("rel")}
    assert hrefs == {"prev": "../wachttijd/index.html", "next": "../wat-neem-je-mee/index.html"}
    assert "../index.html" in page.links() and "../style.css" in page.links()
    dilemma = parse(read(sites["minimal"], "wachttijd/index.html"))
    assert "Sorry voor het wachten" in dilemma.text and dilemma.tags("ol")
    assert not [a for a in dilemma.tags("a") if a.get("rel") == "prev"], "the first card has no previous"


def test_index_groups_cards_by_type_with_title_and_footer(sites: dict[str, Path]) -> None:
    page = parse(read(sites["hostile"], "index.html"))
    text = page.text
    headings = [t for t in ("Dilemmas", "Roleplays", "Reflections") if t in text]
    assert headings == ["Dilemmas", "Roleplays", "Reflections"]
    dilemmas = text[text.index("Dilemmas") : text.index("Roleplays")]
    assert "Second dilemma" in dilemmas and "4" in dilemmas, "cards keep their deck number in their group"
    assert "Licence: CC BY-SA 4.0" in text and "This page uses no cookies" in text
    assert [a.get("href") for a in page.tags("a")] == [
        "first-dilemma/index.html",
        "second-dilemma/index.html",
        "a-roleplay/index.html",
        "a-reflection/index.html",
    ]


def test_content_cannot_inject_markup(sites: dict[str, Path]) -> None:
    site = sites["hostile"]
    for path in pages(site):
        html = path.read_text(encoding="utf-8")
        page = parse(html)
        for _, attrs in page.elements:
            assert not [name for name in attrs if name.startswith("on")], f"{path}: {attrs}"
        assert not [a for a in page.tags("img") if a.get("src") != "logo.png"], path
        assert "javascript:" not in " ".join(page.links()), path
        assert "49" not in page.text, "content is data, never a template"
        assert SECRET not in page.text
    card = parse(read(site, "first-dilemma/index.html"))
    for attempt in EVIL[:4]:
        assert attempt in card.text
    assert "<script>alert(1)</script>" in card.title
    assert '<a rel="noopener noreferrer" href="https://example.org/report">' in read(
        site, "first-dilemma/index.html"
    )


def test_stylesheet_is_small_local_and_has_type_colours_and_print_rules(sites: dict[str, Path]) -> None:
    css = read(sites["hostile"], "style.css")
    assert len(css.encode()) < 12_000
    assert "@import" not in css and "@font-face" not in css and "url(" not in css
    assert "#B03A2E" in css and "#1F618D" in css and "#F4D03F" in css
    assert "@media print" in css
    assert ".t-reflection { --accent: #F4D03F; --on-accent: #1D1D1F;" in css, "dark text on a light accent"


# --- in a real browser at phone width ------------------------------------------------


def test_the_site_index_follows_the_agenda(sites: dict[str, Path]) -> None:
    config = yaml.safe_load((ROOT / "deck" / "workshop.yaml").read_text(encoding="utf-8"))
    played = list(
        dict.fromkeys(card for block in config["agenda"]["blocks"] for card in block.get("cards", []))
    )
    index = parse(read(sites["deck"], "index.html"))
    order = [
        attrs["href"].removesuffix("/index.html")
        for attrs in index.tags("a")
        if attrs.get("href", "").endswith("/index.html")
    ]
    assert order[: len(played)] == played
    headings = [block["title"] for block in config["agenda"]["blocks"] if block.get("cards")]
    text = index.text
    positions = [
        text.index(heading.replace("'", "’") if heading not in text else heading) for heading in headings
    ]
    assert positions == sorted(positions)


def test_cards_left_out_of_the_agenda_come_last_under_a_heading(tmp_path: Path) -> None:
    root = rich_workshop(tmp_path / "ws", language="en")
    build_workshop(root, root / "build", only=("site",))
    index = parse((root / "build" / "site" / "index.html").read_text(encoding="utf-8"))
    hrefs = [attrs["href"] for attrs in index.tags("a") if attrs.get("href", "").endswith("/index.html")]
    assert hrefs[-1] == "ongebruikt/index.html"
    assert index.text.index("Not in the agenda") > index.text.index("Afsluiting")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(sites: dict[str, Path]) -> Iterator[str]:
    """The built sites on a local web server: its base URL (one folder per workshop)."""
    root = next(iter(sites.values())).parent.parent
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


PAGE_FACTS = """({
  scrollWidth: document.documentElement.scrollWidth,
  fontSize: parseFloat(getComputedStyle(document.body).fontSize),
  fontFamily: getComputedStyle(document.body).fontFamily,
  color: getComputedStyle(document.body).color,
  background: getComputedStyle(document.body).backgroundColor,
  chip: [...document.querySelectorAll('.chip')].map(e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]),
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
  scripts: document.querySelectorAll('script, iframe, object, embed').length,
  images: [...document.images].map(i => [i.getAttribute('src'), i.naturalWidth]),
})"""


def _hex(css_color: str) -> str:
    r, g, b = (int(v) for v in re.findall(r"\d+", css_color)[:3])
    return f"#{r:02X}{g:02X}{b:02X}"


def test_pages_fit_a_phone_read_well_and_stay_on_their_origin(
    browser: Browser, served: str, sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    shots = tmp_path_factory.mktemp("screenshots")
    for name, site in sites.items():
        for path in pages(site):
            relative = path.relative_to(site.parent.parent).as_posix()
            load = browser.open(served + relative)
            facts = browser.evaluate(PAGE_FACTS)
            where = f"{name}: {relative}"
            assert facts["scrollWidth"] <= PHONE_WIDTH, f"{where} scrolls sideways: {facts['scrollWidth']}px"
            assert facts["fontSize"] >= 16, where
            assert "system-ui" in facts["fontFamily"], f"{where}: stylesheet not applied"
            assert all(url.startswith(served) for url in load.requests), f"{where}: {load.requests}"
            assert not load.dialogs and not facts["handlers"] and not facts["scripts"], where
            assert contrast_ratio(_hex(facts["color"]), _hex(facts["background"])) >= 7, where
            for color, background in facts["chip"]:
                assert contrast_ratio(_hex(color), _hex(background)) >= 4.5, f"{where}: type label contrast"
            assert all(width > 0 for _, width in facts["images"]), f"{where}: broken image"
            browser.screenshot(shots / f"{name}-{path.parent.name}.png")
    assert len(list(shots.glob("*.png"))) == sum(len(pages(s)) for s in sites.values())


def test_site_works_from_disk(browser: Browser, sites: dict[str, Path]) -> None:
    site = sites["hostile"]
    index = site / "index.html"
    load = browser.open(index.as_uri())
    assert all(url.startswith(site.as_uri()) for url in load.requests), load.requests
    facts = browser.evaluate(PAGE_FACTS)
    assert "system-ui" in facts["fontFamily"] and facts["images"][0][1] == 240
    hrefs = browser.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert hrefs and all(Path(unquote(urlsplit(h).path)).is_file() for h in hrefs)
    load = browser.open((site / "a-roleplay" / "index.html").as_uri())
    assert browser.evaluate("getComputedStyle(document.querySelector('.chip')).textTransform") == "uppercase"
    assert (
        browser.evaluate("document.querySelector('a[rel=next]').href")
        == (site / "a-reflection/index.html").as_uri()
    )


def test_print_stylesheet_hides_navigation(browser: Browser, served: str, sites: dict[str, Path]) -> None:
    site = sites["minimal"]
    browser.open(served + (site / "het-menu/index.html").relative_to(site.parent.parent).as_posix())
    browser.page("Emulation.setEmulatedMedia", media="print")
    try:
        assert browser.evaluate("getComputedStyle(document.querySelector('.pager')).display") == "none"
        assert browser.evaluate("getComputedStyle(document.querySelector('.top')).display") == "none"
    finally:
        browser.page("Emulation.setEmulatedMedia", media="")


def test_dark_mode_keeps_text_readable(browser: Browser, served: str, sites: dict[str, Path]) -> None:
    site = sites["hostile"]
    browser.page("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "dark"}])
    try:
        browser.open(served + (site / "a-reflection/index.html").relative_to(site.parent.parent).as_posix())
        facts = browser.evaluate(PAGE_FACTS)
        heading = browser.evaluate("getComputedStyle(document.querySelector('.debrief h2')).color")
    finally:
        browser.page("Emulation.setEmulatedMedia", features=[])
    assert _hex(facts["background"]) != "#FFFFFF"
    assert contrast_ratio(_hex(facts["color"]), _hex(facts["background"])) >= 7
    assert contrast_ratio(_hex(heading), _hex(facts["background"])) >= 4.5
    for color, background in facts["chip"]:
        assert contrast_ratio(_hex(color), _hex(background)) >= 4.5


class MemoryStore:
    """A store in memory, as the build's cache behaves within one build (see `Store`)."""

    enabled = True

    def __init__(self) -> None:
        self.entries: dict[tuple[str, bytes], bytes] = {}

    def key(self, kind: str, *parts: object) -> bytes:
        return repr((kind, parts)).encode("utf-8")

    def get(self, kind: str, key: bytes) -> bytes | None:
        return self.entries.get((kind, key))

    def put(self, kind: str, key: bytes, value: bytes) -> None:
        self.entries[(kind, key)] = value


def test_compiled_templates_are_kept_and_reused_with_the_same_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    workshop, _ = load_and_check(MINIMAL)
    store = MemoryStore()
    first = render(workshop, RenderContext(store=store))
    assert {kind for kind, _ in store.entries} == {"site-templates"} and len(store.entries) >= 3
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment,
        "compile",
        lambda self, *a, **k: compiled.append(a[1]) or compile_template(self, *a, **k),
    )
    assert render(workshop, RenderContext(store=store)) == first
    assert compiled == []  # every template came compiled from the store
    for entry in store.entries:
        store.entries[entry] = b"not bytecode"  # damaged: Jinja2 compiles the template again
    assert render(workshop, RenderContext(store=store)) == first
    assert compiled


def test_without_a_store_one_environment_compiles_the_templates_once_per_process() -> None:
    """`serve` refreshes the site in memory, without a store, at every save: compiled once."""
    from workshop.content.resources import templates_dir
    from workshop.render import site
    from workshop.render.context import NoStore

    folder = templates_dir() / "site"
    assert site._environment(folder, NoStore()) is site._environment(folder, NoStore())
    assert site._environment(folder, MemoryStore()) is not site._environment(folder, MemoryStore())
