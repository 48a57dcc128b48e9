"""SVG logos cleaned, not copied: a safe subset parsed, checked against limits, and written anew.

An SVG is a program as much as a picture: opened from the debrief site it may run a script,
call home through a CSS `url()` or `@import`, or embed a web page (`foreignObject`); drawn by
svglib it may take minutes and gigabytes (150,000 shapes, an image of 20000² pixels inside a
`data:` address, a `<use>` that repeats a thousand-element group a thousand times). So a logo
is parsed with the standard library's expat with no DOCTYPE allowed (no entities, nothing
fetched), each element and attribute is kept only if it is on the lists below, and the result
is serialised again. The PDFs and the site use that cleaned copy, never the file itself.

What could harm (scripts, event handlers, `foreignObject`, references to anything outside the
file, images beyond the raster limits, more than the limits) refuses the logo with the line it
is on. What is merely of no use to a printed logo (editor metadata, animation, filters,
unknown attributes) is left out, and said so in one warning.
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from workshop.content.rasters import MAX_EMBEDDED_PIXELS, pixel_size, raster_problem

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_ELEMENTS = 1_000
"""Counted with every `<use>` expanded. svglib converts ~2,000 shapes a second and reportlab
draws them about as fast; a PDF build draws the logo four times (a try, the two card PDFs, the
guide), so 1,000 keep any logo within a few seconds."""
MAX_NUMBERS = 50_000
"""Coordinates in path data, points and styles together, `<use>` expanded."""
MAX_DEPTH = 64
"""svglib walks the tree recursively."""
MAX_NUMBER = 1e7
"""Sizes like 1e308 make reportlab fail halfway through a PDF."""

ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "title",
        "desc",
        "symbol",
        "use",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "image",
        "style",
        "switch",
    ]
)
REFUSED = {
    "script": "a script",
    "foreignObject": "a <foreignObject> (a web page inside the picture)",
    "iframe": "an <iframe>",
    "embed": "an <embed>",
    "object": "an <object>",
    "handler": "an event handler",
}
PROPERTIES = frozenset(
    [
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-dasharray",
        "stroke-dashoffset",
        "opacity",
        "color",
        "display",
        "visibility",
        "clip-path",
        "clip-rule",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "font-variant",
        "text-anchor",
        "dominant-baseline",
        "alignment-baseline",
        "baseline-shift",
        "letter-spacing",
        "word-spacing",
        "text-decoration",
        "stop-color",
        "stop-opacity",
        "overflow",
        "shape-rendering",
        "vector-effect",
        "paint-order",
    ]
)
"""Presentation properties: allowed as attributes and in CSS (`style="…"`, `<style>`)."""
ATTRIBUTES = PROPERTIES | frozenset(
    [
        "id",
        "class",
        "style",
        "transform",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "fr",
        "width",
        "height",
        "d",
        "points",
        "viewBox",
        "preserveAspectRatio",
        "dx",
        "dy",
        "rotate",
        "textLength",
        "lengthAdjust",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "offset",
        "clipPathUnits",
        "href",
        "type",
        "version",
    ]
)
EDITOR_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/",
    "http://www.serif.com/",
    "http://www.bohemiancoding.com/sketch/ns",
)
"""What drawing programs store for themselves: left out without a word."""
IMAGE_DATA = re.compile(r"data:image/(png|jpe?g);base64,(.*)", re.DOTALL | re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_COLOUR = re.compile(r"#[0-9a-fA-F]+\b")  # '#B03E50' holds no number 3e50
_FUNCTION = re.compile(r"([a-zA-Z-]*)\(\s*([^)]*)\)")
CSS_FUNCTIONS = frozenset({"rgb", "rgba", "hsl", "hsla", "url"})
_LOCAL_URL = re.compile(r"""\s*(['"]?)#[\w.:-]+\1\s*""")
_SELECTOR = re.compile(r"[\w\s.#,>*+~-]+")


class SvgRefused(ValueError):
    """The logo is refused: `message` says why and what to do, `line`/`column` where (1-based)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    def __str__(self) -> str:
        return f"{self.message} (line {self.line} of the SVG)" if self.line else self.message


@dataclass(frozen=True)
class CleanSvg:
    """The logo as the outputs use it, and what was left out of the file (for one warning)."""

    data: bytes
    removed: tuple[str, ...] = ()


@dataclass
class _Node:
    """An element as parsed: its tag without namespace, attributes, text, children, and its line."""

    tag: str
    attrib: dict[str, str]
    line: int
    column: int
    children: list[_Node] = field(default_factory=list)
    text: str = ""
    tail: str = ""


def clean_svg(name: str, data: bytes) -> CleanSvg:
    """The SVG `data` cleaned (see the module's docstring); SvgRefused says why it cannot be."""
    root = _parse(name, data)
    cleaner = _Cleaner(name)
    cleaned = cleaner.element(root)
    if cleaned is None or root.tag != "svg":
        raise SvgRefused(f"'{name}' is XML but not SVG; its root element is <{root.tag}>")
    cleaner.check_size(root)
    cleaner.check_references(root)
    out = _serialise(cleaned)
    removed = tuple(f"{what} ({count}×)" if count > 1 else what for what, count in cleaner.removed.items())
    return CleanSvg(out, removed)


def _serialise(root: ElementTree.Element) -> bytes:
    """The cleaned tree as SVG text: every element in the SVG namespace (the default one).

    ElementTree cannot write a default namespace with attributes that have none, so the few
    lines are written here; the tree is at most MAX_DEPTH deep.
    """
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n']

    def write(element: ElementTree.Element, top: bool) -> None:
        tag = element.tag.rpartition("}")[2]
        attributes = [f' xmlns="{SVG_NS}"'] if top else []
        for key, value in element.attrib.items():
            shown = "xml:space" if key == f"{{{XML_NS}}}space" else key
            attributes.append(f" {shown}={quoteattr(value)}")
        parts.append(f"<{tag}{''.join(attributes)}>{escape(element.text or '')}")
        for child in element:
            write(child, False)
            parts.append(escape(child.tail or ""))
        parts.append(f"</{tag}>")

    write(root, True)
    return "".join(parts).encode("utf-8")


def _parse(name: str, data: bytes) -> _Node:
    """Parse with expat, refusing any DOCTYPE (so no entity is ever declared or expanded) and
    stopping at MAX_ELEMENTS elements, before a 150,000-element file is held in memory."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    roots: list[_Node] = []
    count = 0

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def doctype(*_args: object) -> None:
        raise SvgRefused(
            f"'{name}' declares a DOCTYPE or entities; save it as plain SVG without them", *where()
        )

    def start(tag: str, attrib: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS:
            raise SvgRefused(_too_many(name), *where())
        if len(stack) >= MAX_DEPTH:
            raise SvgRefused(f"'{name}' nests elements more than {MAX_DEPTH} deep; export it again", *where())
        node = _Node(tag, attrib, *where())
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def text(chars: str) -> None:
        if stack:
            node = stack[-1]
            if node.children:
                node.children[-1].tail += chars
            else:
                node.text += chars

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise SvgRefused(
            f"'{name}' is not well-formed SVG ({expat.ErrorString(exc.code)}); export it again",
            exc.lineno,
            exc.offset + 1,
        ) from None
    if not roots:
        raise SvgRefused(f"'{name}' holds no SVG element; export it again")
    return roots[0]


def _too_many(name: str) -> str:
    return (
        f"'{name}' has more than {MAX_ELEMENTS:,} shapes and groups (each <use> counted with what it "
        "repeats); simplify it in your drawing program or export the logo as PNG"
    )


def _split(tag: str) -> tuple[str, str]:
    """'uri local' (expat's form) → (namespace, local name); no namespace counts as SVG's."""
    namespace, _, local = tag.rpartition(" ")
    return namespace or SVG_NS, local


class _Cleaner:
    """One walk over the parsed tree: keeps what is allowed, refuses what harms, counts."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.removed: dict[str, int] = {}
        self.pixels = 0
        self.ids: dict[str, _Node] = {}

    def drop(self, what: str) -> None:
        self.removed[what] = self.removed.get(what, 0) + 1

    def refuse(self, node: _Node, what: str, advice: str) -> SvgRefused:
        return SvgRefused(f"'{self.name}' has {what}; {advice}", node.line, node.column)

    def element(self, node: _Node) -> ElementTree.Element | None:
        namespace, local = _split(node.tag)
        node.tag = local if namespace == SVG_NS else node.tag
        if local in REFUSED:
            raise self.refuse(node, REFUSED[local], "remove it: a logo is a picture, nothing in it may run")
        if namespace != SVG_NS:
            if not namespace.startswith(EDITOR_NAMESPACES):
                self.drop(f"<{local}>")
            return None
        if local == "a":  # a link: its picture stays, the link goes
            local = "g"
            self.drop("link <a>")
        elif local not in ELEMENTS:
            self.drop(f"<{local}>")
            return None
        element = ElementTree.Element(f"{{{SVG_NS}}}{local}")
        for key, value in node.attrib.items():
            if node.tag == "a" and key.endswith("href"):
                continue  # where the link went: left out with the link
            kept = self.attribute(node, local, key, value)
            if kept is not None:
                element.set(*kept)
        if "id" in element.attrib:
            self.ids[element.attrib["id"]] = node
        if local == "style":
            element.text = self.stylesheet(node, node.text)
        elif node.text and local in ("text", "tspan", "title", "desc"):
            element.text = node.text
        for child in node.children:
            kept_child = self.element(child)
            if kept_child is not None:
                if child.tail and local in ("text", "tspan"):
                    kept_child.tail = child.tail
                element.append(kept_child)
        return element

    def attribute(self, node: _Node, tag: str, key: str, value: str) -> tuple[str, str] | None:
        """(name, value) to keep, None to leave out; SvgRefused for what may harm."""
        namespace, local = key.rpartition(" ")[::2] if " " in key else ("", key)
        if local.lower().startswith("on"):
            raise self.refuse(node, f"an event handler ({local}=…)", "remove it: nothing in a logo may run")
        if local == "href" and namespace in ("", XLINK_NS):
            return "href", self.reference(node, tag, value)
        if namespace == XML_NS and local == "space":
            return f"{{{XML_NS}}}space", value
        if namespace:
            if not namespace.startswith(EDITOR_NAMESPACES):
                self.drop(f"attribute {local}")
            return None
        if local not in ATTRIBUTES:
            self.drop(f"attribute {local}")
            return None
        if local == "style":
            declarations = self.declarations(node, value)
            return (local, declarations) if declarations else None
        self.values(node, value)
        return local, value

    def reference(self, node: _Node, tag: str, target: str) -> str:
        """An href: to a part of this file, or an image in a `data:` address; never anything else."""
        target = target.strip()
        if target.startswith("#") and tag != "image":
            return target
        embedded = IMAGE_DATA.fullmatch(target)
        if embedded and tag == "image":
            self.embedded_image(node, embedded.group(1).upper().replace("JPG", "JPEG"), embedded.group(2))
            return target
        raise self.refuse(
            node,
            f"a reference to another file or address ('{target[:60]}')",
            "embed the image in the SVG or export the logo as PNG",
        )

    def embedded_image(self, node: _Node, kind: str, text: str) -> None:
        try:
            data = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise self.refuse(node, "an embedded image that is not valid base64", "export it again") from None
        size = pixel_size(data)
        if size is not None:
            self.pixels += max(size[0] * size[1], 0) if size[0] >= 0 else MAX_EMBEDDED_PIXELS + 1
        problem = raster_problem(f"an image inside '{self.name}'", data, kind, max_pixels=MAX_EMBEDDED_PIXELS)
        if problem is None and self.pixels > MAX_EMBEDDED_PIXELS:
            problem = (
                f"the images inside '{self.name}' have {self.pixels:,} pixels together, more than "
                f"{MAX_EMBEDDED_PIXELS // 1_000_000} million; scale them down"
            )
        if problem:
            raise SvgRefused(problem, node.line, node.column)

    def values(self, node: _Node, value: str) -> None:
        """Refuse url() to anything outside the file, and absurd numbers."""
        for function, argument in _FUNCTION.findall(value):
            if function.lower() == "url" and not _LOCAL_URL.fullmatch(argument):
                raise self.refuse(
                    node,
                    f"a url() to another file or address ('{argument.strip()[:60]}')",
                    "only references inside the file (url(#id)) are allowed",
                )
        for number in _NUMBER.findall(_COLOUR.sub(" ", value)):
            if abs(float(number)) > MAX_NUMBER:
                raise self.refuse(node, f"an absurd size or coordinate ({number})", "export it again")

    def declarations(self, node: _Node, css: str) -> str:
        """A `style` value with only presentation properties whose values svglib can read."""
        if "\\" in css or "@" in css:
            raise self.refuse(
                node, "CSS with escapes or @-rules (such as @import)", "put plain styles on the elements"
            )
        kept = []
        for declaration in re.sub(r"/\*.*?\*/", " ", css, flags=re.DOTALL).split(";"):
            if not declaration.strip():
                continue
            self.values(node, declaration)  # a url() to an address is refused, not just left out
            prop, colon, value = declaration.partition(":")
            prop, value = prop.strip().lower(), value.strip()
            functions = {f.lower() for f, _ in _FUNCTION.findall(value)}
            if not colon or ":" in value or not value:  # svglib raises on 'fill:red:blue'
                raise self.refuse(
                    node,
                    f"a style svglib cannot read ('{declaration.strip()[:40]}')",
                    "write it as 'property: value' or export the logo again",
                )
            if prop not in PROPERTIES or functions - CSS_FUNCTIONS:
                self.drop(f"style '{declaration.strip()[:40]}'")
                continue
            kept.append(f"{prop}:{value}")
        return ";".join(kept)

    def stylesheet(self, node: _Node, css: str) -> str:
        """A `<style>` element: rules with simple selectors and presentation properties only."""
        css = re.sub(r"/\*.*?\*/", " ", css, flags=re.DOTALL)
        if "\\" in css or "@" in css or "<" in css:
            raise self.refuse(
                node, "CSS with escapes or @-rules (such as @import)", "put plain styles on the elements"
            )
        rules = []
        for rule in css.split("}"):
            if not rule.strip():
                continue
            selector, brace, body = rule.partition("{")
            if not brace or "{" in body or not _SELECTOR.fullmatch(selector):
                self.drop(f"CSS rule '{rule.strip()[:40]}'")
                continue
            declarations = self.declarations(node, body)
            if declarations:
                rules.append(f"{' '.join(selector.split())}{{{declarations}}}")
        return "\n".join(rules)

    def check_size(self, root: _Node) -> None:
        """Refuse a logo without a size above zero (svglib draws nothing), or one too big to draw."""
        for attribute in ("width", "height"):
            size = _NUMBER.match(root.attrib.get(attribute, "1").strip())
            if size is None or float(size.group()) <= 0:
                raise SvgRefused(
                    f"'{self.name}' has {attribute}=\"{root.attrib.get(attribute)}\"; give the SVG a size above zero",
                    root.line,
                    root.column,
                )

    def check_references(self, root: _Node) -> None:
        """Count elements and numbers with every `<use>` replaced by what it repeats (as svglib
        draws it), and refuse loops: a small file must not draw like a huge one."""
        cost: dict[int, tuple[int, int]] = {}
        # iterative post-order over children and <use> targets: references may be chains thousands long
        stack: list[tuple[_Node, bool]] = [(root, False)]
        active: set[int] = set()
        while stack:
            node, done = stack.pop()
            if id(node) in cost:
                continue
            target = self._use_target(node)
            if done:
                active.discard(id(node))
                numbers = sum(
                    len(_NUMBER.findall(_COLOUR.sub(" ", v))) for v in [*node.attrib.values(), node.text]
                )
                elements = 1
                for child in [*node.children, *([target] if target is not None else [])]:
                    child_elements, child_numbers = cost.get(id(child), (0, 0))
                    elements, numbers = elements + child_elements, numbers + child_numbers
                cost[id(node)] = (elements, numbers)
                if elements > MAX_ELEMENTS:
                    raise SvgRefused(_too_many(self.name), node.line, node.column)
                if numbers > MAX_NUMBERS:
                    raise SvgRefused(
                        f"'{self.name}' has more than {MAX_NUMBERS:,} coordinates (each <use> counted "
                        "with what it repeats); simplify it in your drawing program or export the logo as PNG",
                        node.line,
                        node.column,
                    )
                continue
            if id(node) in active:
                raise self.refuse(node, "a <use> that repeats itself", "remove the loop")
            active.add(id(node))
            stack.append((node, True))
            for child in [*node.children, *([target] if target is not None else [])]:
                if id(child) in active:
                    raise self.refuse(node, "a <use> that repeats itself", "remove the loop")
                stack.append((child, False))

    def _use_target(self, node: _Node) -> _Node | None:
        if node.tag != "use":
            return None
        href = next((v for k, v in node.attrib.items() if k.endswith("href")), "").strip()
        return self.ids.get(href[1:]) if href.startswith("#") else None
