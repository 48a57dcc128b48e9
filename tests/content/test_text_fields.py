"""Every string of nested data with its path: what the glyph, markup and paste checks walk."""

from workshop.content.text_fields import text_fields


def test_every_string_is_found_with_its_path_and_nothing_else():
    data = {
        "title": "Thee",
        "minutes": 5,
        "options": ["A", "B"],
        "roles": [{"name": "Gast", "observe": ["kijkt", None]}],
        "pair": ("x", 1.5),
        "nothing": None,
    }
    assert list(text_fields(data)) == [
        (("title",), "Thee"),
        (("options", 0), "A"),
        (("options", 1), "B"),
        (("roles", 0, "name"), "Gast"),
        (("roles", 0, "observe", 0), "kijkt"),
        (("pair", 0), "x"),
    ]


def test_a_path_prefix_is_kept_and_a_bare_string_is_its_own_field():
    assert list(text_fields("los", ("cards", 3))) == [(("cards", 3), "los")]
    assert list(text_fields({"a": {}}, ("x",))) == []
