from pathlib import Path

import pytest

from workshop.content.sourcemap import MAX_DEPTH, load_yaml


def test_values_keep_their_line_and_column(write):
    file = write(
        "a.yaml",
        """
        title: Hallo
        agenda:
          start: 09:30
          blocks:
            - title: Opening
              minutes: 15
        """,
    )
    loaded = load_yaml(file)
    assert loaded.problems == []
    assert loaded.data["agenda"]["start"] == "09:30"  # not the YAML 1.1 number 570
    assert loaded.source.values[("agenda", "blocks", 0, "minutes")] == (6, 16)
    assert loaded.source.keys[("agenda", "start")] == (3, 3)


def test_scalars_stay_text_and_null_is_none(write):
    loaded = load_yaml(write("a.yaml", "a: no\nb: 3\nc:\nd: '~'\n"))
    assert loaded.data == {"a": "no", "b": "3", "c": None, "d": "~"}


def test_duplicate_key_is_reported_at_the_second(write):
    loaded = load_yaml(write("a.yaml", "title: a\ntitle: b\n"))
    assert [(p.location.line, p.location.column) for p in loaded.problems] == [(2, 1)]
    assert "twice" in loaded.problems[0].message


def test_tab_gets_a_plain_message(tmp_path: Path):
    file = tmp_path / "a.yaml"
    file.write_text("title: x\n\tlanguage: nl\n")
    (problem,) = load_yaml(file).problems
    assert problem.location.line == 2
    assert "tab" in problem.message and "spaces" in problem.message


def test_non_utf8_names_line_and_column(tmp_path: Path):
    file = tmp_path / "a.yaml"
    file.write_bytes("title: ok\nsub: caf\xe9\n".encode("latin-1"))
    (problem,) = load_yaml(file).problems
    assert (problem.location.line, problem.location.column) == (2, 9)
    assert "UTF-8" in problem.message


def test_alias_bomb_is_refused_quickly(tmp_path: Path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    file = tmp_path / "bomb.yaml"
    file.write_text("\n".join(lines) + "\n")
    loaded = load_yaml(file)
    assert loaded.data is None
    assert "aliases" in loaded.problems[0].message


def test_deep_nesting_is_refused(tmp_path: Path):
    file = tmp_path / "deep.yaml"
    file.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    loaded = load_yaml(file)
    assert loaded.data is None
    (problem,) = loaded.problems
    assert f"{MAX_DEPTH} levels" in problem.message  # ours, whatever nesting limit libyaml has
    assert (problem.location.line, problem.location.column) == (
        1,
        3 + MAX_DEPTH,
    )  # the outer mapping is level 1


@pytest.mark.parametrize("levels", [999, 1000, 1001, 2000])
def test_deep_block_nesting_is_refused_in_our_words(tmp_path: Path, levels: int):
    file = tmp_path / "deep.yaml"
    file.write_text("a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, levels)))
    (problem,) = load_yaml(file).problems
    assert f"{MAX_DEPTH} levels" in problem.message
    assert problem.location.line == MAX_DEPTH + 1


def test_a_syntax_error_in_a_file_with_many_brackets_stays_a_syntax_error(tmp_path: Path):
    file = tmp_path / "broken.yaml"
    file.write_text("".join("- tags: [a, [b]]\n" for _ in range(600)) + "- title: 'unclosed\n")
    (problem,) = load_yaml(file).problems
    assert "levels" not in problem.message
    assert problem.location.line >= 601


def test_huge_file_is_refused_without_reading(tmp_path: Path):
    file = tmp_path / "huge.yaml"
    file.write_bytes(b"# " + b"x" * (5 * 1024 * 1024))
    (problem,) = load_yaml(file).problems
    assert "MiB" in problem.message


def test_merge_keys_and_explicit_nulls_keep_their_meaning(write):
    text = "base: &b {minutes: 5, kind: break}\nblock:\n  <<: *b\n  title: Pauze\nx: ~\ny: null\nz: '<<'\n"
    loaded = load_yaml(write("a.yaml", text))
    assert loaded.data["block"] == {"minutes": "5", "kind": "break", "title": "Pauze"}
    assert (loaded.data["x"], loaded.data["y"], loaded.data["z"]) == (None, None, "<<")


def test_alias_that_contains_itself_is_refused(write):
    loaded = load_yaml(write("a.yaml", "a: &x [*x]\n"))
    assert loaded.data is None
    assert "contains itself" in loaded.problems[0].message


def test_depth_is_checked_while_building_too(write):
    loaded = load_yaml(write("a.yaml", "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40))))
    assert loaded.data is None
    assert f"{MAX_DEPTH} levels" in loaded.problems[0].message
