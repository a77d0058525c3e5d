"""Which language the server answers in: `?lang=`, else `--lang`, else Accept-Language; the caches keep the languages
apart, and every page offers the others."""

from __future__ import annotations

import re
import urllib.request

import pytest

from foggyhill.web import replay


def test_lang_is_taken_from_any_request_and_said_back(client) -> None:
    answer = client.get("/api/descend?speed=0.5&lang=es")
    assert answer.status_code == 200  # not "unknown parameter 'lang'": no tool has to know about it
    assert answer.headers["content-language"] == "es"
    assert "Accept-Language" in answer.headers["vary"]
    assert client.get("/api/descend?speed=0.5").headers["content-language"] == "en"
    assert (
        client.get("/api/descend?speed=0.5", headers={"accept-language": "es-MX,es;q=0.9"}).headers["content-language"]
        == "es"
    )


def test_a_language_foggyhill_does_not_speak_is_refused_in_words(client) -> None:
    answer = client.get("/api/descend?speed=0.5&lang=xx")
    assert answer.status_code == 422
    assert answer.json()["error"] == {
        "field": "lang",
        "message": "no language 'xx': foggyhill speaks en, es",
        "position": None,
    }
    assert client.get("/sim/gradient-descent?lang=klingon").status_code == 422


@pytest.mark.parametrize("path", ["/api/descend?speed=0.47", "/api/landscape?landscape=bowl", "/api/schema"])
def test_the_same_address_in_two_languages_gets_two_answers(client, path: str) -> None:
    english = client.get(path)
    spanish = client.get(path, headers={"accept-language": "es"})
    again = client.get(path)  # replayed or cached: still English
    assert english.json() != spanish.json()
    assert again.json() == english.json()
    assert spanish.json() == client.get(path + ("&" if "?" in path else "?") + "lang=es").json()


def test_the_replay_keeps_languages_apart(client) -> None:
    path = "/api/descend?speed=0.4321"
    client.get(path)
    client.get(path, headers={"accept-language": "es"})
    keys = {key for key in replay.answers._items if key[0] == "/api/descend" and key[1] == b"speed=0.4321"}
    assert {key[2] for key in keys} == {"en", "es"}


def test_every_page_says_its_language_and_links_the_others(client) -> None:
    for path in ("/", "/sim/gradient-descent", "/sim/studio", "/sim/nowhere"):
        english = client.get(path).text
        spanish = client.get(path + "?lang=es").text
        assert '<html lang="en"' in english and '<html lang="es"' in spanish, path
        assert re.search(r'<a href="\?lang=es" hreflang="es" lang="es" data-lang="es">Español</a>', english), path
        assert re.search(r'<a href="\?lang=en" hreflang="en" lang="en" data-lang="en">English</a>', spanish), path
        assert english != spanish.replace('lang="es"', 'lang="en"'), path  # more than the tag changed


def page(url: str, accept_language: str) -> str:
    """A page of a running server, asked for as a browser with that Accept-Language would."""
    request = urllib.request.Request(url, headers={"Accept-Language": accept_language})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def test_the_teachers_language_beats_the_browsers_and_a_learners_beats_both(serve) -> None:
    server = serve("--port", "0", "--lang", "es")
    assert "foggyhill está funcionando en" in server.first_line  # --lang reaches the command's own words
    assert '<html lang="es"' in page(server.url + "sim/gradient-descent", "en-US,en;q=0.9")
    assert '<html lang="en"' in page(server.url + "sim/gradient-descent?lang=en", "en-US,en;q=0.9")


def test_a_language_named_in_the_link_follows_the_reader_from_the_index(client) -> None:
    asked = client.get("/?lang=es").text
    assert 'href="/sim/gradient-descent?lang=es"' in asked and 'href="/?lang=es"' in asked
    said_by_browser = client.get("/", headers={"accept-language": "es"}).text  # the browser will say it again
    assert (
        'href="/sim/gradient-descent"' in said_by_browser and '?lang=es"' not in said_by_browser.split("languages")[0]
    )
