"""What renderers of one build share: a store that may be empty, notes, and progress when asked for."""

from __future__ import annotations

from collections.abc import Callable

from workshop.pipeline.cache import CacheStore
from workshop.render.context import NoStore, RenderContext, Store, digest


def test_without_a_cache_nothing_is_found_and_nothing_kept():
    store = NoStore()
    assert not store.enabled
    store.put("kind", store.key("kind", "a"), b"value")
    assert store.get("kind", store.key("kind", "a")) is None


def test_the_pipelines_cache_is_a_store_that_keeps_what_it_is_given(store: Callable[[], CacheStore]):
    cache: Store = store()
    assert cache.enabled
    key = cache.key("kind", "a", 1)
    assert key != cache.key("kind", "a", 2) and key != cache.key("other", "a", 1)
    cache.put("kind", key, b"value")
    assert cache.get("kind", key) == b"value"


def test_a_digest_names_content_stably_and_apart():
    assert digest("card", 1) == digest("card", 1)
    assert digest("card", 1) != digest("card", 2) != digest(("card", 2))
    assert len(digest("x")) == 40


def test_notes_are_kept_and_progress_is_told_only_when_someone_listens():
    heard: list[str] = []
    context = RenderContext(progress=heard.append)
    context.step("making cards…")
    context.note("9 cards per sheet")
    assert heard == ["making cards…"] and context.notes == ["9 cards per sheet"]
    silent = RenderContext()
    silent.step("making cards…")  # nobody listens: nothing happens
    assert silent.notes == [] and silent.handouts is None and not silent.store.enabled
