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


def test_every_documented_field_is_described_inherited_fields_too():
    """The docstring under each model field is its description (editors show it on hover),
    a card type's inherited fields included, and over a value type's own description."""
    from pydantic import BaseModel

    from workshop.content import models
    from workshop.content.schema import field_docstrings, json_schema

    definitions = json_schema("all")["$defs"]
    documented = field_docstrings()
    checked = 0
    for name, model in vars(models).items():
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or name not in definitions:
            continue
        properties = definitions[name]["properties"]
        for base in model.__mro__:
            for field, text in documented.get(base.__name__, {}).items():
                if field in model.model_fields:
                    assert properties[field]["description"] == text, (name, field)
                    checked += 1
    assert checked > 60
    assert definitions["DilemmaCard"]["properties"]["title"]["description"] == "The card's title."
    assert definitions["PrintSettings"]["properties"]["card_size"]["description"].startswith("Card trim size")
