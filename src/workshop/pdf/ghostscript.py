"""A PDF made into PDF/X by Ghostscript's pdfwrite: every colour to CMYK, an OutputIntent, fonts embedded.

Colour conversion for print is a job for a well-kept colour engine, not for this project:
Ghostscript converts each colour through ICC profiles (its default CMYK profile, the same
file this module embeds as the OutputIntent, so what a shop's press is told matches what
the numbers were made for) and checks the boxes PDF/X asks for. DeviceCMYK and DeviceGray
colours pass through unchanged, which is how a renderer keeps black text pure K.

The profile is Ghostscript's own `default_cmyk.icc` (Artifex Software; part of Ghostscript,
AGPL-3.0-or-later, Debian package libgs-common), read from the installed Ghostscript and
embedded in the output, never shipped with this package.

Ghostscript is run as a program (Debian package `ghostscript`); without it, or when it
fails, `GhostscriptError` says what went wrong in words for people.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PdfxVersion = Literal["PDF/X-4", "PDF/X-1a:2003"]
PROFILE_NAME = "default_cmyk.icc"
PROFILE_FOLDERS = (
    Path("/usr/share/color/icc/ghostscript"),  # Debian, Ubuntu
    Path("/usr/share/ghostscript/iccprofiles"),
    Path("/opt/homebrew/share/ghostscript/iccprofiles"),  # macOS (Homebrew)
    Path("/usr/local/share/ghostscript/iccprofiles"),
)
INSTALL_HINT = (
    "install Ghostscript (Debian/Ubuntu: apt-get install ghostscript; macOS: brew install ghostscript)"
)
FIXED_DATE = "D:20000101000000Z"
"""The date every output of the tool carries (reportlab's invariant mode): the same content
makes the same bytes, so a rebuild rewrites nothing that did not change."""
TIMEOUT = 600


class GhostscriptError(Exception):
    """Ghostscript is missing, lacks its CMYK profile, or failed: the message says what to do."""


@dataclass(frozen=True)
class Ghostscript:
    """An installed Ghostscript: the program, the CMYK profile it converts to, its version."""

    program: str
    profile: Path
    version: str

    @property
    def producer(self) -> str:
        """What Ghostscript writes as the PDF's Producer (the XMP must say the same)."""
        return f"GPL Ghostscript {self.version}"


def find_ghostscript() -> Ghostscript:
    """The `gs` on PATH and its default CMYK profile; GhostscriptError if either is missing."""
    program = shutil.which("gs")
    if program is None:
        raise GhostscriptError(
            f"print-shop files are made with Ghostscript, which is not installed: {INSTALL_HINT}"
        )
    for folder in PROFILE_FOLDERS:
        if (folder / PROFILE_NAME).is_file():
            return Ghostscript(program, folder / PROFILE_NAME, _version(program))
    raise GhostscriptError(
        f"Ghostscript's CMYK profile {PROFILE_NAME} was not found in {', '.join(map(str, PROFILE_FOLDERS))}; "
        f"{INSTALL_HINT} (on Debian the profile comes with it, in libgs-common)"
    )


def _version(program: str) -> str:
    try:
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GhostscriptError(
            f"Ghostscript ({program}) could not be started: {error}; {INSTALL_HINT}"
        ) from None
    if done.returncode != 0 or not done.stdout.strip():
        raise GhostscriptError(f"Ghostscript ({program}) does not say its version; {INSTALL_HINT}")
    return done.stdout.strip()


INFO_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator")


def make_pdfx(source: bytes, version: PdfxVersion, gs: Ghostscript | None = None) -> bytes:
    """`source` as PDF/X `version`: all colour CMYK (or gray), the CMYK OutputIntent, boxes kept,
    the source's title, author, subject and keywords carried over.

    Ghostscript's PDF/X mode writes PDF 1.3 without transparency, which is what PDF/X-1a asks
    for; PDF/X-4 also needs its version in XMP metadata that agrees with the document
    information, so both are written here from the same values.
    """
    import pypdfium2

    gs = gs or find_ghostscript()
    try:
        document = pypdfium2.PdfDocument(source)
    except pypdfium2.PdfiumError as error:
        raise GhostscriptError(f"the PDF to convert could not be read ({error})") from None
    try:
        info = {
            key: value for key, value in document.get_metadata_dict().items() if key in INFO_KEYS and value
        }
    finally:
        document.close()
    with tempfile.TemporaryDirectory(prefix="workshop-gs-") as folder:
        work = Path(folder)
        (work / "in.pdf").write_bytes(source)
        (work / "pdfx.ps").write_text(pdfx_prefix(info, version, gs), encoding="ascii")
        (work / "info.ps").write_text(docinfo(info, version), encoding="ascii")
        command = [
            gs.program,
            "-q",
            "-dBATCH",
            "-dNOPAUSE",
            "-dSAFER",
            "-dPDFSTOPONERROR",  # a PDF it cannot read is a failure, not an empty document
            f"--permit-file-read={gs.profile}",
            "-sDEVICE=pdfwrite",
            "-dPDFX=true",
            "-dPDFXSetBleedBoxToMediaBox=false",  # keep the BleedBox the card PDF sets
            "-sColorConversionStrategy=CMYK",
            "-dEmbedAllFonts=true",
            "-dSubsetFonts=true",
            "-sOutputFile=out.pdf",  # names relative to the folder: Ghostscript hashes them into the file's ID
            "pdfx.ps",
            "in.pdf",
            "info.ps",  # after the document, whose own information Ghostscript copies first
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=TIMEOUT,
                check=False,
                cwd=work,
                env={**os.environ, "SOURCE_DATE_EPOCH": "946684800"},
            )
        except OSError as error:
            raise GhostscriptError(
                f"Ghostscript ({gs.program}) could not be started: {error}; {INSTALL_HINT}"
            ) from None
        except subprocess.TimeoutExpired:
            raise GhostscriptError(f"Ghostscript took longer than {TIMEOUT} s and was stopped") from None
        output = work / "out.pdf"
        if done.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
            raise GhostscriptError(
                f"Ghostscript failed making PDF/X (exit code {done.returncode}): {_gist(done)}"
            )
        return output.read_bytes()


def _gist(done: subprocess.CompletedProcess[str]) -> str:
    """The lines of Ghostscript's output that say what went wrong (its own words, shortened):
    its error lines first, never its interpreter's stack dumps."""
    lines = [line.strip() for line in (done.stderr + "\n" + done.stdout).splitlines() if line.strip()]
    errors = [line for line in lines if "rror" in line and not line.startswith(("%", "--"))]
    return "; ".join(dict.fromkeys(errors or lines[:3])) or "it printed nothing"


def pdfx_prefix(info: dict[str, str], version: PdfxVersion, gs: Ghostscript) -> str:
    """The PostScript run before the document: the OutputIntent with the embedded profile and,
    for PDF/X-4, the XMP metadata (pdfmark is pdfwrite's documented way in)."""
    lines = [
        "%!",
        "[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark",
        "[{icc_PDFX} << /N 4 >> /PUT pdfmark",
        f"[{{icc_PDFX}} {_ps_bytes(str(gs.profile).encode())} (r) file /PUT pdfmark",
        "[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark",
        "[{OutputIntent_PDFX} << /Type /OutputIntent /S /GTS_PDFX",
        "  /OutputConditionIdentifier (Custom) /OutputCondition (Ghostscript default CMYK)",
        "  /Info (Ghostscript default_cmyk.icc) /RegistryName (http://www.color.org)",
        "  /DestOutputProfile {icc_PDFX} >> /PUT pdfmark",
        "[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark",
    ]
    if version == "PDF/X-4":
        lines += [
            "[/_objdef {xmp_PDFX} /type /stream /OBJ pdfmark",
            "[{xmp_PDFX} << /Type /Metadata /Subtype /XML >> /PUT pdfmark",
            f"[{{xmp_PDFX}} {_ps_bytes(xmp(info, version, gs.producer).encode())} /PUT pdfmark",
            "[{Catalog} << /Metadata {xmp_PDFX} >> /PUT pdfmark",
        ]
    return "\n".join(lines) + "\n"


def docinfo(info: dict[str, str], version: PdfxVersion) -> str:
    """The PostScript run after the document: its information with the PDF/X keys and fixed dates."""
    entries = " ".join(f"/{key} {_ps_text(value)}" for key, value in info.items())
    return (
        f"%!\n[ /GTS_PDFXVersion ({version}) /Trapped /False {entries}\n"
        f"  /CreationDate ({FIXED_DATE}) /ModDate ({FIXED_DATE}) /DOCINFO pdfmark\n"
    )


def xmp(info: dict[str, str], version: PdfxVersion, producer: str) -> str:
    """XMP metadata naming the PDF/X version (PDF/X-4 identifies itself there), saying what the
    document information says."""
    from hashlib import sha1
    from xml.sax.saxutils import escape

    ident = sha1(repr(sorted(info.items())).encode("utf-8"), usedforsecurity=False).hexdigest()
    uuid = f"uuid:{ident[:8]}-{ident[8:12]}-{ident[12:16]}-{ident[16:20]}-{ident[20:32]}"
    date = "2000-01-01T00:00:00Z"
    fields = [
        f"<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>",
        f"<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
        f"<xmpMM:DocumentID>{uuid}</xmpMM:DocumentID><xmpMM:VersionID>1</xmpMM:VersionID>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass><pdf:Trapped>False</pdf:Trapped>",
        f"<pdf:Producer>{escape(producer)}</pdf:Producer>",
    ]
    alt = '<rdf:Alt><rdf:li xml:lang="x-default">{}</rdf:li></rdf:Alt>'
    if "Title" in info:
        fields.append(f"<dc:title>{alt.format(escape(info['Title']))}</dc:title>")
    if "Author" in info:
        fields.append(
            f"<dc:creator><rdf:Seq><rdf:li>{escape(info['Author'])}</rdf:li></rdf:Seq></dc:creator>"
        )
    if "Subject" in info:
        fields.append(f"<dc:description>{alt.format(escape(info['Subject']))}</dc:description>")
    if "Keywords" in info:
        fields.append(f"<pdf:Keywords>{escape(info['Keywords'])}</pdf:Keywords>")
    if "Creator" in info:
        fields.append(f"<xmp:CreatorTool>{escape(info['Creator'])}</xmp:CreatorTool>")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        + "".join(fields)
        + "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )


def _ps_text(text: str) -> str:
    """A PDF text string as a PostScript hex string: UTF-16BE with its byte-order mark, so any
    title (parentheses, accents) arrives intact."""
    return _ps_bytes("\ufeff".encode("utf-16-be") + text.encode("utf-16-be"))


def _ps_bytes(data: bytes) -> str:
    return f"<{data.hex()}>"
