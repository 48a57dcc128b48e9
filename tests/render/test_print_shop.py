"""render/print_shop.py: greys as black ink alone, and what a shop build checks before drawing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from reportlab.lib.colors import CMYKColor, HexColor

from tests.cardgen import write_workshop
from tests.conftest import need_tool
from tests.workshops import SVG_LOGO, png_logo
from workshop.content.problems import ContentError
from workshop.pipeline.build import Overrides, check
from workshop.render.print_shop import press_color, targets, wanted


@pytest.mark.parametrize(
    ("hex_colour", "black"),
    [("#000000", 1.0), ("#1D1D1F", 1.0), ("#5F6368", 0.6105), ("#FFFFFF", 0.0), ("#808080", 0.498)],
)
def test_greys_become_black_ink_alone(hex_colour: str, black: float) -> None:
    colour = press_color(HexColor(hex_colour))
    assert isinstance(colour, CMYKColor)
    assert (colour.cyan, colour.magenta, colour.yellow) == (0, 0, 0)
    assert colour.black == pytest.approx(black, abs=0.001)


@pytest.mark.parametrize("hex_colour", ["#B03A2E", "#1F618D", "#1E8449", "#2E4053"])
def test_colours_are_left_for_ghostscript_to_convert(hex_colour: str) -> None:
    assert press_color(HexColor(hex_colour)) == HexColor(hex_colour)
    assert not isinstance(press_color(HexColor(hex_colour)), CMYKColor)


def test_a_cmyk_colour_passes_as_it_is() -> None:
    colour = CMYKColor(0.1, 0.2, 0.3, 0.4)
    assert press_color(colour) is colour


def _workshop(root: Path, logo: str) -> Path:
    write_workshop(root, 3, language="en")
    config = yaml.safe_load((root / "workshop.yaml").read_text(encoding="utf-8"))
    if logo == "png":
        png_logo(root / "logo.png")
        config["theme"] = {"logo": "logo.png"}
    else:
        (root / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
        config["theme"] = {"logo": "logo.svg"}
    (root / "workshop.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


SHOP = Overrides(shop_for=("print-shop",))


def test_a_raster_logo_under_300_ppi_is_a_warning_naming_its_ppi(tmp_path: Path) -> None:
    need_tool("gs")
    checked = check(_workshop(tmp_path / "w", "png"), SHOP, cards=True)
    (warning,) = [w for w in checked.warnings if "theme.logo" in w.message]
    assert warning.location.file.name == "workshop.yaml" and warning.location.line > 0
    # 240 px across a logo printed about 30 mm wide: about 200 ppi
    assert "prints at 2" in warning.message and "ppi" in warning.message and "SVG" in warning.message
    assert not [w for w in check(tmp_path / "w", cards=True).warnings if "ppi" in w.message]  # only for shops


def test_an_svg_logo_has_no_ppi(tmp_path: Path) -> None:
    need_tool("gs")
    checked = check(_workshop(tmp_path / "w", "svg"), SHOP, cards=True)
    assert not [w for w in checked.warnings if "ppi" in w.message]


def test_without_ghostscript_the_check_fails_before_anything_is_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _workshop(tmp_path / "w", "svg")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ContentError) as caught:
        check(root, SHOP, cards=True)
    (problem,) = caught.value.problems
    assert problem.location.file.name == "workshop.yaml"
    assert "apt-get install ghostscript" in problem.message


def test_what_print_shop_asks_for(tmp_path: Path) -> None:
    root = write_workshop(tmp_path / "w", 1, language="en")
    plain = check(root).workshop
    assert not wanted(plain) and targets(plain) == ()
    both = check(root, Overrides(shop_for=("tgc", "print-shop", "pdfx-1a"))).workshop
    assert wanted(both) and targets(both) == ("tgc", "pdfx-1a")
    assert targets(check(root, SHOP).workshop) == () and wanted(check(root, SHOP).workshop)
