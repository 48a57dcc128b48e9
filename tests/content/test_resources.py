"""The packaged folders are found both in a source checkout and in an installed package."""

from workshop.content.resources import fonts_dir, templates_dir


def test_templates_hold_the_site_templates_and_the_starters():
    folder = templates_dir()
    assert {"site", "starter"} <= {path.name for path in folder.iterdir()}
    assert any((folder / "site").glob("*.html*")), sorted((folder / "site").iterdir())


def test_fonts_hold_every_face_of_lato_and_its_licence():
    names = {path.name for path in fonts_dir().iterdir()}
    faces = {f"Lato-{face}.ttf" for face in ("Regular", "Bold", "Italic", "BoldItalic", "Black")}
    assert faces | {"OFL.txt"} <= names, names
