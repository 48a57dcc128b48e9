"""reportlab's PDF serializer made about twice as fast, writing the very same bytes.

When a document is saved, reportlab turns every object into bytes through a generic
function that, for each of a guide's ~175,000 tokens, runs a Python text codec and
rebuilds each dictionary key's `/Name` character by character. On a rebuild, where the
pages themselves come from caches, that serializing is a third of each PDF's time.

`install()` swaps in faster versions of the four functions doing it: the same branches
in the same order, with names encoded once and ASCII text (all that PDF syntax and our
numbers are) encoded without the codec. It checks the two against each other on sample
objects first and keeps reportlab's own functions should they ever differ.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc

_CODEC_ONLY = re.compile(rb"[\x18-\x1f]")
"""The ASCII characters PDFDocEncoding does not map to themselves (it refuses them)."""
_REF_ONLY = "__RefOnly__"
_COMMENT = "__Comment__"
PDFObject = pdfdoc.PDFObject


def encode(value: Any) -> Any:
    """pdfdocEnc: text in PDFDocEncoding, anything else unchanged."""
    if type(value) is str and value.isascii():
        data = value.encode("ascii")
        if not _CODEC_ONLY.search(data):
            return data
    return value.encode("extpdfdoc") if isinstance(value, str) else value


@lru_cache(maxsize=4096)
def _name(key: str) -> bytes:
    """A dictionary key as the PDF name it is written as (a document has a few dozen distinct keys)."""
    return encode(pdfdoc.PDFName(key))


def format_element(element: Any, document: Any, toplevel: int = 0) -> bytes:
    """pdfdoc.format, with the common plain values first."""
    kind = type(element)
    if kind is str:
        return encode(element)
    if kind is float or kind is int:
        return fp_str(element).encode("ascii")
    if kind is bytes:
        return element
    if isinstance(element, PDFObject):
        if not toplevel and hasattr(element, _REF_ONLY):
            return document.Reference(element).format(document)
        formatted = element.format(document)
        if not rl_config.invariant and rl_config.pdfComments and hasattr(element, _COMMENT):
            formatted = encode(f"% {element.__Comment__}\n") + formatted
        return formatted
    return _THEIRS["format"](element, document, toplevel)


def format_dictionary(self: Any, document: Any, IND: bytes = b"\n ") -> bytes:
    """PDFDictionary.format with each key's name bytes remembered."""
    entries = self.dict
    keys = list(entries.keys())
    if not isinstance(entries, OrderedDict):
        keys.sort()
    parts = [_name(key) + b" " + format_element(entries[key], document) for key in keys]
    return b"<<\n" + _laid_out(self, parts, 6, IND) + b"\n>>"


def format_array(self: Any, document: Any, IND: bytes = b"\n ") -> bytes:
    """PDFArray.format calling the faster element formatter directly."""
    parts = [format_element(item, document) for item in self.sequence]
    return b"[ " + _laid_out(self, parts, 10, IND) + b" ]"


def _laid_out(container: Any, parts: list[bytes], per_line: int, indent: bytes) -> bytes:
    """The items as reportlab lays them out: one per line in multi-line mode, else
    `per_line` to a line (6 for dictionaries, 10 for arrays)."""
    if (container.multiline and rl_config.pdfMultiLine) or container.multiline == "forced":
        return indent.join(parts)
    for index in reversed(range(per_line, len(parts), per_line)):
        parts.insert(index, b"\n ")
    return b" ".join(parts)


def install() -> bool:
    """Use the faster functions from now on in this process; False if they would change a byte."""
    if _current() == _OURS:
        return True
    if not _same_bytes():
        return False
    _use(_OURS)
    return True


def uninstall() -> None:
    """reportlab's own functions again."""
    _use(_THEIRS)


def sample_objects() -> list[Any]:
    """Objects covering every branch above: what the self-check and the tests format both ways."""
    names = ["Type", "A B", "a#b", "(x)", "é", "Font"]
    dictionary = pdfdoc.PDFDictionary({name: index * 1.5 for index, name in enumerate(names)})
    many = pdfdoc.PDFDictionary({f"K{index}": index for index in range(13)})
    many.multiline = False
    compact = pdfdoc.PDFArrayCompact([*range(23), 0.125, -3, "/Name", b"raw"])
    return [
        dictionary,
        many,
        compact,
        pdfdoc.PDFArray([1, 2.5, "/X", b"(y)", "é", True, None, dictionary]),
        pdfdoc.PDFDictionary(OrderedDict([("Z", 1), ("A", pdfdoc.PDFString("tekst é"))])),
        pdfdoc.PDFString("haakjes (en) \\ backslash"),
        "plain",
        "é ü",
        _Text("a str subclass"),
        7,
        -0.333333,
        1e-7,
        b"bytes",
        False,
    ]


class _Text(str):
    """A str subclass: reportlab encodes those too (a fast path for exact str only must not skip them)."""


def format_both(objects: list[Any]) -> tuple[list[bytes], list[bytes]]:
    """Each object formatted by reportlab's functions and by ours."""
    document = pdfdoc.PDFDocument(invariant=1)
    previous = _current()
    try:
        _use(_THEIRS)
        theirs = [pdfdoc.format(item, document) for item in objects]
        _use(_OURS)
        ours = [pdfdoc.format(item, document) for item in objects]
    finally:
        _use(previous)
    return theirs, ours


def _same_bytes() -> bool:
    try:
        theirs, ours = format_both(sample_objects())
    except Exception:  # a reportlab we do not know: keep its own functions
        return False
    return theirs == ours


_OURS = {
    "format": format_element,
    "pdfdocEnc": encode,
    "PDFDictionary.format": format_dictionary,
    "PDFArray.format": format_array,
}


def _current() -> dict[str, Any]:
    return {
        "format": pdfdoc.format,
        "pdfdocEnc": pdfdoc.pdfdocEnc,
        "PDFDictionary.format": pdfdoc.PDFDictionary.format,
        "PDFArray.format": pdfdoc.PDFArray.format,
    }


_THEIRS = _current()  # reportlab's own, as imported


def _use(functions: dict[str, Any]) -> None:
    pdfdoc.format = functions["format"]
    pdfdoc.pdfdocEnc = functions["pdfdocEnc"]
    pdfdoc.PDFDictionary.format = functions["PDFDictionary.format"]
    pdfdoc.PDFArray.format = functions["PDFArray.format"]
