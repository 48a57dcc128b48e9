"""YAML text → plain data, plus the line and column of every key and value.

The models validate plain data; to point the trainer at `file:line:column` we keep, for
every path into the data (`("cards", 3, "title")`), where its value and its key stand.

Scalars stay text: `start: 09:30` must not become the YAML 1.1 number 570, nor `no` the
boolean False. Pydantic's lax mode turns text into the numbers and booleans the model
asks for, and only there.

Hostile input is refused before it can hurt: files over `MAX_FILE_BYTES`, non-UTF-8,
nesting deeper than `MAX_DEPTH` (on the flat event stream, before anything recurses, when
a cheap bound says the text could nest dangerously deep; else while building; and after a
syntax error, since libyaml's own nesting limit may have fired first) and alias
expansion past `MAX_NODES` ("billion laughs").
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from workshop.content.problems import Location, Problem

try:  # libyaml is ten times faster; fall back to pure Python where it is not built.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader  # type: ignore[assignment]  # the pure-Python loader under the C loader's name

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 1_000_000
SAFE_NESTING = 1_000  # libyaml's C composer recurses per level: beyond ~10,000 it crashes the process
NULL_TAG, MERGE_TAG, STR_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:str"
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BLOCK_PREFIX = re.compile(r"^ *(?:[-?:][ \t]+)*", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no text of a workshop needs, which YAML's escapes ("\\e", "\\0") still let in."""
SEPARATORS = "\u2028\u2029"
"""Line and paragraph separators: text pasted from word processors and web pages holds them,
meaning a line break and a paragraph break (`markup` reads them so)."""
STAND_INS = "\ufdd0\ufdd1"
"""Noncharacters that stand in for the separators while YAML reads the file: YAML would take a
separator for a line break, ending a plain scalar (an error) and counting a line no editor
shows (every later location one line off). Put back in each scalar."""
_HIDE = str.maketrans(SEPARATORS, STAND_INS)
_SHOW = str.maketrans(STAND_INS, SEPARATORS)
_CONTROL_NAMES = {"\x00": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x0b": "LINE TABULATION"}

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one YAML file stands."""

    file: Path
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """The location of `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return Location(self.file, *table[probe])
            if not key and probe in self.keys:
                return Location(self.file, *self.keys[probe])
            probe = probe[:-1]
        return Location(self.file, *self.values.get((), (1, 1)))

    def name(self, path: Path_) -> str:
        """How a message names the value at `path`: `cards[3].debrief.summary`."""
        text = ""
        for part in path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        return text or "(top level)"

    def missing(self, path: Path_) -> tuple[Location, str]:
        """Where a required field that is absent should go, and how to add it."""
        parent = path[:-1]
        location = self.locate(parent, key=True) if parent in self.keys else self.locate(parent)
        return location, f"add '{path[-1]}:'"


@dataclass
class Loaded:
    """The data of one file and its source map; `data` is None when the file was refused."""

    data: Any
    source: SourceMap
    problems: list[Problem]


class _TextLoader(SafeLoader):
    """The C loader minus YAML 1.1 type guessing: scalars stay text, so only null and '<<' need a tag.

    PyYAML's resolver runs a Python regex per scalar and two Python calls per node; we
    never use what it finds, and skipping it makes composing ~25 % faster.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value in NULLS:
                return NULL_TAG
            return MERGE_TAG if implicit[0] and value == "<<" else STR_TAG
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    def descend_resolver(self, *_args: Any) -> None:
        """No path resolvers are registered: nothing to track."""

    def ascend_resolver(self, *_args: Any) -> None:
        """No path resolvers are registered: nothing to track."""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while building large acyclic data.

    Composing 1,000 cards makes ~100,000 objects; the collector would walk them again and
    again (~40 % of the loading time) although none of them can form a cycle.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        self.line, self.column, self.message = line, column, message


def load_yaml(file: Path) -> Loaded:
    """Read and parse one YAML file; every problem becomes a `Problem`, never an exception."""
    source = SourceMap(file)
    try:
        text = _read_text(file)
        if _nesting_bound(text) > SAFE_NESTING:
            _check_depth(text)
        separated = any(ch in text for ch in SEPARATORS)
        if separated:
            text = text.translate(_HIDE)
        with paused_gc():
            node = yaml.compose(text, Loader=_TextLoader)
            builder = _Builder(source, separated=separated)
            data = builder.build(node, ()) if node is not None else None
    except _Refused as refused:
        return Loaded(None, source, [Problem(Location(file, refused.line, refused.column), refused.message)])
    except yaml.MarkedYAMLError as exc:
        deep = _depth_refusal(text, exc.problem_mark or exc.context_mark)
        if deep is not None:
            return Loaded(None, source, [Problem(Location(file, deep.line, deep.column), deep.message)])
        return Loaded(None, source, [_syntax_problem(file, exc)])
    except yaml.reader.ReaderError as exc:
        return Loaded(None, source, [_unreadable_character(file, text, exc)])
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return Loaded(None, source, [Problem(Location(file, 1, 1), f"YAML error: {exc}")])
    return Loaded(data, source, builder.problems)


def _read_text(file: Path) -> str:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Refused(
                0,
                0,
                f"file is {size / 1_048_576:.1f} MiB, more than the "
                f"{MAX_FILE_BYTES // 1_048_576} MiB a content file may have; split it into several card files",
            )
        raw = file.read_bytes()
    except OSError as exc:
        raise _Refused(0, 0, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _Refused(
            line,
            column,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8 "
            "(in most editors: 'Save with encoding' → UTF-8)",
        ) from None


def _nesting_bound(text: str) -> int:
    """A cheap upper bound of how deeply `text` can nest collections.

    Each flow level needs a '[' or '{'; a block level needs a deeper column at least every
    second level, and a block entry starts after a line's indentation and its leading
    '- ' / '? ' indicators. When the bound is small, the exact depth is checked while
    building (`_Builder`) instead of parsing the whole file twice.
    """
    widest = max(map(len, _BLOCK_PREFIX.findall(text)), default=0)
    return 2 * (widest + 1) + text.count("[") + text.count("{")


def _check_depth(text: str, loader: type = SafeLoader) -> None:
    """Refuse deep nesting using the flat event stream, before anything recurses."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                # Parsed events always carry a mark (C or Python, same fields); the stubs allow None.
                raise _too_deep(cast(yaml.Mark, event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _depth_refusal(text: str, mark: yaml.Mark | None) -> _Refused | None:
    """Our refusal, when a file YAML could not parse nests deeper than `MAX_DEPTH` first.

    libyaml 0.2.6 and later stop at their own nesting limit (1,000 levels) while scanning,
    before any event reaches `_check_depth`, with their own wording and no advice. PyYAML's
    pure-Python parser has no such limit and keeps a flat stack, so re-reading a file with
    it finds the depth whichever libyaml is installed; it stops at the first level too
    deep, or at the error. It is ten times slower, so only where the error could be a
    nesting limit: where the text could be nested deeper than ours.
    """
    if mark is None or not _could_be_deep_at(text, mark.line):
        return None
    try:
        _check_depth(text, yaml.SafeLoader)
    except _Refused as refused:
        return refused
    except yaml.YAMLError:
        return None
    return None


def _could_be_deep_at(text: str, line: int) -> bool:
    """Whether the text up to `line` (0-based) may nest deeper than `MAX_DEPTH` there.

    An upper bound like `_nesting_bound`'s, but at one place: brackets still open by the
    end of that line (counting quoted ones too), or that line's block indentation.
    """
    lines = text.split("\n", line + 1)
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text, 0, sum(map(len, lines[: line + 1])) + line + 1):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    prefix = _BLOCK_PREFIX.match(lines[line]) if line < len(lines) else None
    return deepest > MAX_DEPTH or 2 * (len(prefix.group()) + 1 if prefix else 0) > MAX_DEPTH


def _too_deep(mark: yaml.Mark) -> _Refused:
    return _Refused(
        mark.line + 1,
        mark.column + 1,
        f"data is nested more than {MAX_DEPTH} levels deep; a workshop never needs that",
    )


def _unreadable_character(file: Path, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """A control character YAML refuses (NUL, vertical tab, escape …), at its line and column."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    return Problem(
        Location(file, line, column),
        f"invisible control character {describe_character(chr(exc.character))}; delete it "
        "(it often comes along when text is pasted from another program)",
    )


def describe_character(ch: str) -> str:
    """U+001B (ESCAPE): a character named without printing it, safe for any terminal."""
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, _CONTROL_NAMES.get(ch, 'control character'))})"


def _syntax_problem(file: Path, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if "tab" in problem.lower():
        message = "tab character: YAML indents with spaces only; replace the tab with spaces"
    else:
        message = f"YAML syntax error: {problem}"
        if exc.context:
            message += f" ({exc.context})"
        message += "; check indentation, colons and quotes around this place"
    return Problem(Location(file, line, column), message)


class _Builder:
    """Turns a composed node tree into plain data, recording positions as it goes."""

    def __init__(self, source: SourceMap, *, separated: bool = False) -> None:
        self.source = source
        self.separated = separated  # the file's line and paragraph separators stand in (STAND_INS)
        self.problems: list[Problem] = []
        self.nodes = 0
        self.open: set[int] = set()  # collections being built: a '<<' into one of them never ends

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            mark = node.start_mark
            raise _Refused(
                mark.line + 1,
                mark.column + 1,
                "aliases (*name) expand to more data than any workshop needs; "
                "write the content out instead of repeating anchors",
            )
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.CollectionNode) and len(path) >= MAX_DEPTH:
            raise _too_deep(node.start_mark)  # also stops aliases that contain themselves
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if id(node) in self.open:
            mark = node.start_mark
            raise _Refused(
                mark.line + 1,
                mark.column + 1,
                "this anchor contains itself (through '*' or '<<'); write it out",
            )
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._merge(result, value_node, path)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "a key must be a plain word, not a list or mapping")
                continue
            key = self._scalar(key_node) or ""
            if key in result:
                first = self.source.keys.get((*path, key), (0, 0))
                self._problem(
                    key_node,
                    f"'{key}' appears twice in the same mapping (first at line {first[0]}); keep one",
                )
                continue
            self.source.keys[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*path, key))
        return result

    def _merge(self, result: dict[str, Any], value_node: yaml.Node, path: Path_) -> None:
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            merged = self.build(source, path)
            if not isinstance(merged, dict):
                self._problem(source, "'<<' merges only mappings")
                continue
            for key, value in merged.items():
                result.setdefault(key, value)

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.tag == "tag:yaml.org,2002:null":
            return None
        text = str(node.value)
        if self.separated:
            text = text.translate(_SHOW)
        found = CONTROL.search(text)
        if found:  # written as an escape in quotes ("\e"): refuse, and keep it out of later messages
            self._problem(
                node,
                f"the text holds the invisible control character {describe_character(found.group())}, "
                "which cannot be printed or shown; remove it",
            )
            return CONTROL.sub("\ufffd", text)
        return text

    def _problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(Location(self.source.file, mark.line + 1, mark.column + 1), message))
