"""The JSON Schema of the content format: defaults read as a trainer writes them."""


def test_the_schema_shows_defaults_as_written():
    from workshop.content.schema import json_schema

    printing = json_schema("workshop")["$defs"]["PrintSettings"]["properties"]
    assert printing["card_size"]["default"] == "poker"
    assert printing["bleed"]["default"] == "3mm"
    assert printing["back_offset"]["default"] == ["0mm", "0mm"]
    assert printing["face"]["default"]["reflection"] == ["question", "prompts"]
    assert "auto" in printing["card_size"]["anyOf"][0]["enum"]
    assert printing["layout"]["default"] == "auto" and printing["layout"]["enum"] == ["auto", "max"]
    assert printing["safe"]["default"] == "3mm"
    assert "home printer" in printing["layout"]["description"]


def test_no_default_in_the_schema_is_a_computed_number():
    """Nested defaults too (the whole `print` mapping) read as a trainer writes them."""
    import json

    from workshop.content.schema import json_schema

    text = json.dumps(json_schema("all"))
    assert "180.00000000000003" not in text and "8.503937007874017" not in text
    printing = json_schema("workshop")["properties"]["print"]["default"]
    assert printing["card_size"] == "poker" and printing["bleed"] == "3mm"
