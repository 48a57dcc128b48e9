"""The build cache cannot lie: every input is in its keys, doctored entries are refused, and a
failed build writes nothing.

The first tests change what an installed copy of workshop is made of (a font, a template,
pyphen's hyphenation dictionary) the way a user's upgrade or a hand edit would, then rebuild
over the old cache: the outputs must be those of a build from scratch, byte for byte.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workshop.content.problems import ContentError
from workshop.pipeline import cache
from workshop.pipeline.build import build_workshop, load_and_check
from workshop.pipeline.cache import CacheStore
from workshop.render.cards.recording import Primed

DECK = ROOT / "deck"


def outputs(out: Path) -> dict[str, bytes]:
    """Every file a build wrote, the cache left out."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and ".cache" not in path.parts
    }


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def installed_copy(tmp_path: Path) -> Path:
    """workshop as a wheel installs it (templates inside the package), and pyphen, in a folder
    of their own: their files can be changed without touching this checkout."""
    import pyphen

    site = tmp_path / "site"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "src" / "workshop", site / "workshop", ignore=ignore)
    shutil.copytree(ROOT / "templates", site / "workshop" / "templates", ignore=ignore)
    shutil.copytree(Path(pyphen.__file__).parent, site / "pyphen", ignore=ignore)
    return site


def build_with(site: Path, workshop: Path, out: Path) -> dict[str, bytes]:
    """`workshop build` run from the installed copy `site`; its outputs."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    command = [sys.executable, "-m", "workshop", "build", str(workshop), "--out", str(out)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return outputs(out)


def swap_font(site: Path) -> None:
    fonts = site / "workshop" / "fonts"
    (fonts / "Lato-Regular.ttf").write_bytes((fonts / "Lato-Italic.ttf").read_bytes())


def edit_template(site: Path) -> None:
    template = site / "workshop" / "templates" / "site" / "base.html"
    template.write_text(template.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")


def thin_dictionary(site: Path) -> None:
    """Drop every other hyphenation pattern of Dutch: other words break elsewhere."""
    dictionary = site / "pyphen" / "dictionaries" / "hyph_nl_NL.dic"
    lines = dictionary.read_bytes().splitlines(keepends=True)
    dictionary.write_bytes(b"".join(lines[:1] + lines[1::2]))


@pytest.mark.parametrize("change", [swap_font, edit_template, thin_dictionary], ids=lambda f: f.__name__)
def test_a_changed_package_file_gives_the_outputs_of_a_fresh_build(tmp_path: Path, change) -> None:
    site = installed_copy(tmp_path)
    workshop = tmp_path / "deck"
    shutil.copytree(DECK, workshop, ignore=shutil.ignore_patterns("build"))
    before = build_with(site, workshop, tmp_path / "out")
    change(site)
    rebuilt = build_with(site, workshop, tmp_path / "out")
    fresh = build_with(site, workshop, tmp_path / "fresh")
    assert rebuilt == fresh
    assert rebuilt != before  # the change shows in the outputs, so the cache had something to miss


def test_another_dependency_version_reuses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_workshop(DECK, tmp_path / "out", only=("cards",))
    versions = cache.dependency_versions()
    monkeypatch.setattr(cache, "dependency_versions", lambda: {**versions, "reportlab": "0.0"})
    cache.environment.cache_clear()
    drawn: list[int] = []
    record = Primed.record
    monkeypatch.setattr(Primed, "record", lambda self, draw: drawn.append(1) or record(self, draw))
    try:
        build_workshop(DECK, tmp_path / "out", only=("cards",))
    finally:
        cache.environment.cache_clear()
    workshop, _ = load_and_check(DECK)
    assert len(drawn) == len(workshop.cards)  # every front drawn again: no key matched
    assert outputs(tmp_path / "out") == outputs(
        build_workshop(DECK, tmp_path / "fresh", only=("cards",)).out_dir
    )


def doctor(file: Path, secret: bytes, value: bytes) -> None:
    """Replace every entry's value in `file`, keeping its keys, and sign it with `secret`."""
    data = file.read_bytes()
    payload = data[: -hashlib.sha256().digest_size]
    offset, parts = len(cache.MAGIC), [cache.MAGIC]
    while offset < len(payload):
        key, length = cache._ENTRY.unpack_from(payload, offset)
        offset += cache._ENTRY.size + length
        parts += [cache._ENTRY.pack(key, len(value)), value]
    doctored = b"".join(parts)
    file.write_bytes(doctored + hmac.new(secret, doctored, hashlib.sha256).digest())


def test_a_doctored_cache_never_changes_the_output(tmp_path: Path) -> None:
    """Someone who can write build/ but not read the user's key rewrites every card face with
    their own drawing, keys kept and the file signed as well as they can: ignored."""
    workshop = tmp_path / "deck"
    shutil.copytree(DECK, workshop, ignore=shutil.ignore_patterns("build"))
    out = tmp_path / "out"
    clean = outputs(build_workshop(workshop, out, only=("cards",)).out_dir)
    faces = out / ".cache" / "card-faces.bin"
    evil = b"BT /F1 40 Tf 100 100 Td (PAY HERE) Tj ET"
    for guessed_key in (b"", b"\0" * 32, hashlib.sha256(b"workshop").digest()):
        doctor(faces, guessed_key, evil)
        assert outputs(build_workshop(workshop, out, only=("cards",)).out_dir) == clean
    # the same doctoring with the user's own key is used: the test above could have failed
    doctor(faces, cache.user_secret() or b"", evil)
    assert outputs(build_workshop(workshop, out, only=("cards",)).out_dir) != clean


def test_without_a_usable_key_there_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    key = tmp_path / "user-cache" / "workshop" / "key"
    assert cache.user_secret() is not None
    assert key.stat().st_mode & 0o777 == 0o600
    key.chmod(0o644)  # readable by others: whoever reads it could sign entries
    assert cache.user_secret() is None
    key.unlink()
    (tmp_path / "user-cache" / "workshop").chmod(0o500)  # cannot be created
    try:
        if os.geteuid() != 0:  # root writes anyway
            assert cache.user_secret() is None
    finally:
        (tmp_path / "user-cache" / "workshop").chmod(0o700)
    monkeypatch.setattr(cache, "user_secret", lambda: None)
    workshop, _ = load_and_check(DECK)
    assert not CacheStore.for_build(tmp_path / ".cache", workshop).enabled
    build_workshop(DECK, tmp_path / "out", only=("cards",))
    assert not (tmp_path / "out" / ".cache").exists()


def test_a_failed_build_leaves_the_cache_byte_for_byte(tmp_path: Path) -> None:
    """The failing build computed a new QR code and fitted cards before one did not fit:
    none of it is written."""
    workshop = tmp_path / "deck"
    shutil.copytree(DECK, workshop, ignore=shutil.ignore_patterns("build"))
    build_workshop(workshop, tmp_path / "out")
    (tmp_path / "out" / ".cache" / ".card-faces.bin-killed.tmp").write_bytes(b"half")
    before = snapshot(tmp_path / "out")
    dilemmas = workshop / "dilemmas.yaml"
    text = dilemmas.read_text(encoding="utf-8")
    dilemmas.write_text(
        text.replace("id: thee-op-het-terras", "id: thee-op-het-dak", 1).replace(
            "title: Thee op het terras", "title: " + "Veel te lang " * 60, 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError):
        build_workshop(workshop, tmp_path / "out")
    assert snapshot(tmp_path / "out") == before
    dilemmas.write_text(text, encoding="utf-8")
    build_workshop(workshop, tmp_path / "out")
    assert not list((tmp_path / "out" / ".cache").glob("*.tmp"))  # a good build clears what a killed one left


def test_outputs_are_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    workshop = tmp_path / "deck"
    shutil.copytree(DECK, workshop, ignore=shutil.ignore_patterns("build"))
    cold = outputs(build_workshop(workshop, tmp_path / "out").out_dir)
    assert outputs(build_workshop(workshop, tmp_path / "out").out_dir) == cold  # everything from the cache
    shutil.rmtree(tmp_path / "out" / ".cache")
    assert outputs(build_workshop(workshop, tmp_path / "out").out_dir) == cold


def test_a_build_failing_after_the_guides_process_staged_its_cache_leaves_it_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes: the guide's one has staged its chapters when the cards fail."""
    import time

    from bench.generate import edit_one_card, generate_workshop
    from workshop.content.problems import Problem
    from workshop.pipeline import build
    from workshop.render import cards as render_cards

    folder = generate_workshop(tmp_path / "w", build.PARALLEL_MIN_CARDS + 10)
    build_workshop(folder, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    edit_one_card(folder, 1)  # a title: the guide's contents and a chapter are new

    def failing(workshop: object, context: object) -> dict[str, bytes]:
        deadline = time.monotonic() + 120  # not a timing: waits for the other process to stage
        while not list((tmp_path / "out" / ".cache").glob(".*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list((tmp_path / "out" / ".cache").glob(".*.tmp")), "the guide's process staged nothing"
        raise ContentError([Problem(None, "a card that does not fit")])

    monkeypatch.setattr(render_cards, "render", failing)
    with pytest.raises(ContentError):
        build_workshop(folder, tmp_path / "out")
    assert snapshot(tmp_path / "out") == before


def test_the_sizes_the_check_fits_are_kept_by_a_build_and_never_written_by_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate` and `build` run one card check; the text sizes it searches go into the build's
    cache, so the next check of the same cards searches none; validate only reads them."""
    from workshop.render.cards import deck

    workshop = tmp_path / "deck"
    shutil.copytree(DECK, workshop, ignore=shutil.ignore_patterns("build"))
    build_workshop(workshop)
    before = snapshot(workshop / "build")
    assert (workshop / "build" / ".cache" / "text-sizes.bin").is_file()
    searched: list[object] = []
    real_search = deck.search

    def counting_search(*args: object, **kwargs: object) -> object:
        searched.append(args)
        return real_search(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(deck, "search", counting_search)
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "validate", str(workshop)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    load_and_check(workshop, cards=True, cache_dir=workshop / "build" / ".cache")
    assert searched == [], "every size came from the cache the build wrote"
    assert snapshot(workshop / "build") == before, "validate writes nothing"


def test_a_rebuild_hyphenates_with_the_patterns_the_last_build_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyphen parses its dictionary in the first build only; the second loads what the first kept."""
    import pyphen

    from workshop.pdf.hyphenation import hyphenator

    out = tmp_path / "out"
    parsed: list[object] = []
    parse = pyphen.HyphDict.__init__
    monkeypatch.setattr(
        pyphen.HyphDict, "__init__", lambda self, path: parsed.append(path) or parse(self, path)
    )
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenator.cache_clear()
    try:
        first = outputs(build_workshop(DECK, out).out_dir)
        assert len(parsed) == 1 and (out / ".cache" / "hyphenation.bin").is_file()
        hyphenator.cache_clear()  # as in a new process
        assert outputs(build_workshop(DECK, out).out_dir) == first
        assert len(parsed) == 1
    finally:
        hyphenator.cache_clear()


@pytest.mark.parametrize("kind", ["card-pages", "hyphenation"])
def test_doctored_pages_or_patterns_never_change_the_output(tmp_path: Path, kind: str) -> None:
    """Compressed pages (and hyphenation patterns) someone else wrote are refused like card faces;
    patterns that do not read, even signed with the user's key, are parsed again from pyphen."""
    from workshop.pdf.hyphenation import hyphenator

    workshop = tmp_path / "deck"
    shutil.copytree(DECK, workshop, ignore=shutil.ignore_patterns("build"))
    out = tmp_path / "out"
    clean = outputs(build_workshop(workshop, out, only=("cards",)).out_dir)
    entry = out / ".cache" / f"{kind}.bin"
    evil = b"GhVa~>"  # not the compressed page (nor patterns)
    try:
        for guessed_key in (b"", b"\0" * 32, hashlib.sha256(b"workshop").digest()):
            doctor(entry, guessed_key, evil)
            hyphenator.cache_clear()
            assert outputs(build_workshop(workshop, out, only=("cards",)).out_dir) == clean
        if kind == "hyphenation":
            doctor(entry, cache.user_secret() or b"", b"not patterns")
            hyphenator.cache_clear()
            assert outputs(build_workshop(workshop, out, only=("cards",)).out_dir) == clean
        else:  # the same doctoring with the user's own key is used: the test could have failed
            doctor(entry, cache.user_secret() or b"", evil)
            assert outputs(build_workshop(workshop, out, only=("cards",)).out_dir) != clean
    finally:
        hyphenator.cache_clear()


def test_asking_whether_an_entry_is_there_does_not_keep_it(tmp_path: Path) -> None:
    """`has` (the guide's helper asks it of every chapter) neither uses an entry nor keeps it."""
    workshop, _ = load_and_check(DECK)
    first = CacheStore.for_build(tmp_path / ".cache", workshop)
    key, other = first.key("guide-chapters", "a"), first.key("guide-chapters", "b")
    first.put("guide-chapters", key, b"chapter a")
    assert first.has("guide-chapters", key) and not first.has("guide-chapters", other)
    first.commit()
    second = CacheStore.for_build(tmp_path / ".cache", workshop)
    assert second.has("guide-chapters", key) and not second.has("guide-chapters", other)
    second.put("guide-chapters", other, b"chapter b")
    second.commit()  # `key` asked, never taken: the file keeps what this build used, `other`
    third = CacheStore.for_build(tmp_path / ".cache", workshop)
    assert third.has("guide-chapters", other) and not third.has("guide-chapters", key)
    assert not CacheStore(None).has("guide-chapters", key)


def test_a_first_build_failing_after_the_guides_process_staged_its_cache_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No build/ before: staging the guide's cache made build/.cache, and the failure removes it."""
    import time

    from bench.generate import generate_workshop
    from workshop.content.problems import Problem
    from workshop.render import cards as render_cards

    folder = generate_workshop(tmp_path / "w", 12)
    out = folder / "build"

    def failing(workshop: object, context: object) -> dict[str, bytes]:
        deadline = time.monotonic() + 120  # not a timing: waits for the other process to stage
        while not list((out / ".cache").glob(".*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list((out / ".cache").glob(".*.tmp")), "the guide's process staged nothing"
        raise ContentError([Problem(None, "a card that does not fit")])

    monkeypatch.setattr(render_cards, "render", failing)
    with pytest.raises(ContentError):
        build_workshop(folder)
    assert sorted(path.name for path in folder.iterdir()) == ["kaarten-001.yaml", "workshop.yaml"]


def test_a_new_process_draws_with_the_faces_the_last_build_kept_and_only_those_signed(tmp_path: Path) -> None:
    """Each build is a new process: it reads the fonts as the last build kept them, not the font
    files. Faces signed with anything but the user's key, or that do not read, are not used."""
    import marshal

    from workshop.pdf import fonts

    workshop = tmp_path / "deck"
    shutil.copytree(DECK, workshop, ignore=shutil.ignore_patterns("build"))
    out = tmp_path / "out"

    def build() -> dict[str, bytes]:
        command = [sys.executable, "-m", "workshop", "build", str(workshop), "--out", str(out)]
        command += ["--only", "cards"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        return outputs(out)

    clean = build()
    entry = out / ".cache" / "fonts.bin"
    assert entry.is_file()
    kept = fonts.kept_faces()
    assert kept is not None
    wider = marshal.loads(kept)  # an 'e' twice as wide: every line of text breaks elsewhere
    wider[fonts.REGULAR]["face"]["charWidths"][ord("e")] *= 2
    for guessed_key in (b"", hashlib.sha256(b"workshop").digest()):
        doctor(entry, guessed_key, marshal.dumps(wider))
        assert build() == clean
    doctor(entry, cache.user_secret() or b"", b"not faces")
    assert build() == clean
    # the same faces signed with the user's key are used: the test could have failed
    doctor(entry, cache.user_secret() or b"", marshal.dumps(wider))
    assert build() != clean


COUNT_FONT_FILES_READ = """
import sys
from pathlib import Path
from reportlab.pdfbase import ttfonts
read = []
parse = ttfonts.TTFontFile.__init__
ttfonts.TTFontFile.__init__ = lambda self, *args, **kwargs: read.append(1) or parse(self, *args, **kwargs)
from workshop.pipeline.build import build_workshop
build_workshop(Path(sys.argv[1]), Path(sys.argv[2]), only=tuple(sys.argv[3].split(",")))
print(len(read))
"""


@pytest.mark.parametrize("only", ["cards", "guide,handouts", "cards,guide,handouts,site"])
def test_a_rebuild_reads_no_font_file_whatever_it_makes(tmp_path: Path, only: str) -> None:
    """The first build of a folder reads the five font files and keeps what it read; the next
    reads none, whichever outputs it makes (a build without the cards checks the glyphs
    itself, and did so with fonts read from the files)."""

    def font_files_read() -> int:
        command = [sys.executable, "-c", COUNT_FONT_FILES_READ, str(DECK), str(tmp_path / "out"), only]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        return int(result.stdout)

    assert font_files_read() == 5
    assert font_files_read() == 0
