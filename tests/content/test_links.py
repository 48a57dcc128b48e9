"""Where a card's debrief page lives: the QR code's address and the file in the site agree."""

from workshop.content.links import card_page_path, card_url


def test_the_address_is_the_base_url_then_the_id_with_one_slash_between():
    assert card_url("https://example.org/mini", "het-menu") == "https://example.org/mini/het-menu/"
    assert card_url("https://example.org/mini/", "het-menu") == "https://example.org/mini/het-menu/"


def test_the_page_is_the_folder_the_address_names():
    url = card_url("https://example.org/w/", "wachttijd")
    assert card_page_path("wachttijd") == "wachttijd/index.html"
    assert url.removeprefix("https://example.org/w/") + "index.html" == card_page_path("wachttijd")
