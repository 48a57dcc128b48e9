"""`workshop room` and `workshop room export` as a trainer runs them."""

from __future__ import annotations

import re
import signal
import socket
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import run_cli
from tests.room.phones import DILEMMA, Phone
from tests.serve.test_serve import WAIT, eventually, free_port, workshop_running
from tests.workshops import rich_workshop
from workshop.cli import main
from workshop.cli.error_handler import INTERRUPTED
from workshop.room.store import RoomStore


def test_the_room_starts_takes_votes_and_stops_with_ctrl_c(tmp_path: Path) -> None:
    root = rich_workshop(tmp_path / "ws")
    port = free_port()
    stderr: list[str] = []
    command = ["room", ".", "--port", str(port), "--open", "Dinsdag"]
    with workshop_running(command, root, errors=stderr) as (process, lines):
        eventually(lambda: any(line.startswith("Press Ctrl-C") for line in lines), "the room to open")
        output = "".join(lines)
        assert f"The room is open at http://127.0.0.1:{port}/" in output
        token = re.search(rf"Facilitator: http://127\.0\.0\.1:{port}/host/([A-Za-z0-9_-]+)/", output)
        assert token and len(token.group(1)) >= 43
        assert "Event open: Dinsdag" in output
        phone = Phone(port)
        assert phone.vote(DILEMMA, 2).status == 303
        assert phone.get(f"/host/{token.group(1)}/").status == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == INTERRUPTED
    errors = stderr[0]
    assert "Traceback" not in errors and ": error:" not in errors
    assert errors.count(": warning: ") == 15, "the content's warnings, as a build prints them"
    assert "".join(lines).rstrip().splitlines()[-1] == "Stopped."
    assert not (root / "build").exists(), "nothing of the room in build/"
    store = RoomStore(root / "room")
    try:
        event = store.current_event()
        assert event is not None and store.counts(event, DILEMMA, 4) == [0, 0, 1, 0]
    finally:
        store.close()


def filled_room(tmp_path: Path) -> Path:
    root = rich_workshop(tmp_path / "ws")
    store = RoomStore(root / "room")
    morning = store.open_event("ochtend", [DILEMMA])
    store.vote(morning, DILEMMA, "p1", 0)
    store.answer(morning, "wat-neem-je-mee", "p1", 0, "=1+1 en <b>meer</b>")
    evening = store.open_event("avond", [DILEMMA])
    store.vote(evening, DILEMMA, "p1", 1)
    store.close()
    return root


def test_export_writes_one_row_per_response(tmp_path: Path) -> None:
    root = filled_room(tmp_path)
    result = run_cli("room", "export", root, "--to", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "event,card,kind,choice,text,hidden,time"
    assert len(lines) == 4
    assert any(line.startswith(f"avond,{DILEMMA},vote,Humor hoort *mét* de gast te zijn.") for line in lines)
    assert "'=1+1 en <b>meer</b>" in result.stdout

    target = tmp_path / "uit.csv"
    result = run_cli("room", "export", root, "--event", "ochtend", "-o", target)
    assert result.exit_code == 0 and "Wrote 2 rows" in result.output
    assert target.read_text(encoding="utf-8").count("ochtend") == 2


def test_export_to_xlsx_needs_a_file_name(tmp_path: Path) -> None:
    root = filled_room(tmp_path)
    result = run_cli("room", "export", root, "--to", "xlsx")
    assert result.exit_code == 2 and "name it with --output" in result.stderr
    import openpyxl

    result = run_cli("room", "export", root, "--to", "xlsx", "-o", tmp_path / "uit.xlsx")
    assert result.exit_code == 0 and "Wrote 3 rows" in result.output
    rows = list(openpyxl.load_workbook(tmp_path / "uit.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[0][0] == "event"


def test_export_says_what_is_missing(tmp_path: Path) -> None:
    root = filled_room(tmp_path)
    result = run_cli("room", "export", root, "--event", "middag")
    assert result.exit_code == 1
    assert "no event is called 'middag'; the events are: ochtend, avond" in result.stderr
    empty = rich_workshop(tmp_path / "leeg")
    result = run_cli("room", "export", empty)
    assert result.exit_code == 1 and "holds no room data" in result.stderr
    result = run_cli("room", "export", root, "-o", tmp_path / "geen" / "map" / "x.csv")
    assert result.exit_code == 1 and "cannot write" in result.stderr


def test_reset_asks_and_keeps_the_data_unless_told_yes(tmp_path: Path) -> None:
    root = filled_room(tmp_path)
    result = CliRunner().invoke(main, ["room", str(root), "--reset", "--port", "1"], input="n\n")
    assert result.exit_code == 1 and "nothing deleted" in result.stderr
    assert (root / "room" / "room.db").exists()
    (root / "room" / "notes.txt").write_text("van de trainer")
    with socket.socket() as taken:  # the room cannot start, so the test ends after the reset
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(main, ["room", str(root), "--reset", "--port", port], input="y\n")
    assert result.exit_code == 2 and "Deleted the room's data" in result.stdout
    assert (root / "room" / "notes.txt").read_text() == "van de trainer", "only the room's own files go"
    store = RoomStore(root / "room")
    try:
        assert store.events() == []
    finally:
        store.close()


def test_content_errors_are_reported_not_raised(tmp_path: Path) -> None:
    root = rich_workshop(tmp_path / "ws")
    (root / "workshop.yaml").write_text("title: x\ndebrief:\n  reveal: soms\n", encoding="utf-8")
    result = run_cli("room", root, "--port", str(free_port()))
    assert result.exit_code == 1
    assert "workshop.yaml:3:" in result.stderr and "reveal" in result.stderr
    assert "Traceback" not in result.output + result.stderr
