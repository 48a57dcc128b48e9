"""Setting up a room: its site stays in memory, its data in its own folder; and the sub-path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.room.phones import DILEMMA, Phone
from tests.workshops import rich_workshop
from workshop.content.problems import ContentError
from workshop.pipeline.build import Overrides
from workshop.room.app import create_room_app
from workshop.room.launch import UnderPrefix, database_files, prepare_room, without_prefix
from workshop.serve.server import start_server, stop_server


def test_a_room_writes_its_database_and_nothing_into_the_workshop(tmp_path: Path) -> None:
    root = rich_workshop(tmp_path / "ws")
    before = sorted(path.relative_to(root) for path in root.rglob("*"))
    room, warnings = prepare_room(root, tmp_path / "data", Overrides(base_url="http://192.168.1.20:8000/"))
    try:
        assert sorted(path.relative_to(root) for path in root.rglob("*")) == before, "no build/, no room/"
        assert [path.name for path in database_files(tmp_path / "data")][:1] == ["room.db"]
        assert f"{DILEMMA}/index.html" in room.serving.state.site
        assert room.reveal == "by-facilitator" and room.language == "nl"
        assert any("shows as typed" in problem.message for problem in warnings), "warnings are passed on"
    finally:
        room.store.close()
    assert database_files(tmp_path / "leeg") == []


def test_content_errors_stop_the_room_before_any_data_is_made(tmp_path: Path) -> None:
    root = rich_workshop(tmp_path / "ws")
    (root / "workshop.yaml").write_text("title: x\ndebrief:\n  reveal: soms\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        prepare_room(root, tmp_path / "data", Overrides())
    assert "reveal" in str(raised.value.problems[0])
    assert not (tmp_path / "data").exists()


def test_prefix_is_taken_off_whether_or_not_the_proxy_strips_it() -> None:
    assert without_prefix("/kamer/x/", "/kamer") == "/x/"
    assert without_prefix("/kamer", "/kamer") == "/"
    assert without_prefix("/x/", "/kamer") == "/x/"
    assert without_prefix("/kamers/x/", "/kamer") == "/kamers/x/"


def test_the_room_answers_under_a_root_path(tmp_path: Path) -> None:
    room, _ = prepare_room(rich_workshop(tmp_path / "ws"), tmp_path / "data", Overrides())
    room.store.open_event("e", list(room.cards))
    server = start_server(room.serving, "127.0.0.1", 0, app=UnderPrefix(create_room_app(room), "/kamer/"))
    try:
        phone = Phone(server.address[1])
        assert 'name="option"' in phone.get(f"/kamer/{DILEMMA}/").body
        assert phone.post(f"/kamer/{DILEMMA}/", {"option": "1"}).status == 303
        assert 'name="option"' in phone.get(f"/{DILEMMA}/").body, "a proxy that strips the prefix"
        assert phone.get("/kamer/_room/health").body == "ok\n"
    finally:
        stop_server(server)
        room.store.close()
