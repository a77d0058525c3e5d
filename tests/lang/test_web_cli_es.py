"""The server's and the command line's own words in Spanish: refusals, pages, the schema's words, the terminal's lines.

English stays the default: every test that asks for Spanish also checks the English answer is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from foggyhill import lang
from foggyhill.cli import main
from foggyhill.core.map_settings import map_request
from foggyhill.lang import use
from foggyhill.web import create_app
from foggyhill.web.costs import map_cost

SPANISH = {"accept-language": "es-MX,es;q=0.9"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The app in this process, its engines started (a descent is answered by them, in the asked language)."""
    with TestClient(create_app(), base_url="http://127.0.0.1") as test_client:
        yield test_client


def spanish(english: str) -> str:
    """What the catalogs say for an English message (the test fails if they say nothing)."""
    said = lang.messages("es").get(english)
    assert said, f"no Spanish for {english!r}"
    return said


def test_a_descent_answers_in_spanish_with_spanish_numbers(client: TestClient) -> None:
    english = client.get("/api/descend?speed=0.5").json()
    answer = client.get("/api/descend?speed=0.5&lang=es")
    assert answer.headers["content-language"] == "es"
    verdict = answer.json()["verdict"]
    assert verdict["kind"] == english["verdict"]["kind"]  # the kind is a key, never translated
    assert verdict["headline"] == spanish(english["verdict"]["headline"])
    assert re.search(r"\d,\d", verdict["explanation"]) and not re.search(r"\d\.\d", verdict["explanation"])
    assert re.search(r"\d\.\d", english["verdict"]["explanation"])  # the same number, written the English way


def test_the_browsers_language_chooses_and_an_unknown_one_is_refused_naming_both(client: TestClient) -> None:
    refused = client.get("/api/descend?nonesuch=1", headers=SPANISH)
    assert refused.status_code == 422 and refused.headers["content-language"] == "es"
    assert refused.json()["error"]["message"].startswith("parámetro desconocido 'nonesuch': se admiten landscape")
    english = client.get("/api/descend?nonesuch=1").json()["error"]["message"]
    assert english.startswith("unknown parameter 'nonesuch': allowed are landscape")
    unknown = client.get("/api/descend?speed=0.5&lang=xx")
    assert unknown.status_code == 422 and "en, es" in unknown.json()["error"]["message"]


def test_a_repeated_parameter_is_refused_in_spanish(client: TestClient) -> None:
    error = client.get("/api/descend?speed=0.5&speed=0.6&lang=es").json()["error"]
    assert error == {"field": "speed", "message": "speed aparece más de una vez: dalo una sola vez", "position": None}


def test_the_schema_says_its_words_in_the_asked_language_and_keeps_its_keys(client: TestClient) -> None:
    english = client.get("/api/schema").json()
    schema = client.get("/api/schema?lang=es").json()
    assert [v["kind"] for v in schema["verdicts"]] == [v["kind"] for v in english["verdicts"]]
    assert [v["colour"] for v in schema["verdicts"]] == [v["colour"] for v in english["verdicts"]]
    for ours, theirs in zip(schema["verdicts"], english["verdicts"], strict=True):
        assert ours["headline"] == spanish(theirs["headline"]) and ours["legend"] == spanish(theirs["legend"])
    race = schema["tools"]["surfaces"]["fields"]["race"]
    assert race["choices"] == ["off", "on"] and race["help"] == spanish(
        "race every other update rule from the same start"
    )
    assert schema["studio"] == english["studio"]  # Studio's keywords stay as they are
    assert client.get("/api/schema").json() == english  # asked again in English: the Spanish answer is kept apart


def test_the_index_and_a_missing_page_read_in_spanish(client: TestClient) -> None:
    page = client.get("/?lang=es").text
    assert "<h1>Todas las simulaciones</h1>" in page and "Descenso de gradiente" in page
    assert "All simulations" not in page and "Gradient descent" not in page
    assert "<h1>All simulations</h1>" in client.get("/").text
    missing = client.get("/sim/nowhere", headers=SPANISH)
    assert missing.status_code == 404
    assert "No hay ninguna simulación llamada «nowhere»." in missing.text
    assert "Volver a todas las simulaciones" in missing.text
    listed = client.get("/api/simulations?lang=es").json()["simulations"]
    assert {page["slug"]: page["title"] for page in listed}["gradient-descent"] == "Descenso de gradiente"


def test_the_guard_and_studio_refuse_in_spanish(client: TestClient) -> None:
    wrong_host = client.get("/api/schema", headers={**SPANISH, "host": "evil.example"})
    assert wrong_host.status_code == 400
    assert wrong_host.json()["error"]["message"].startswith("este servidor solo responde a 127.0.0.1, ::1, localhost")
    no_source = client.post("/api/studio/check?lang=es", json={"files": {}})
    assert no_source.status_code == 422
    assert no_source.json()["error"]["message"] == "la petición necesita `source`, el programa como texto"


def test_too_much_work_is_refused_with_spanish_numbers() -> None:
    request = map_request({"speeds": "500", "starts": "500", "steps": "160"})
    with use("es"):
        said = map_cost(request).too_much()
    assert said.startswith("un mapa de 250.000 recorridos x 160 pasos sobre una curva incorporada son unos ")
    assert "baja speeds, starts o steps" in said  # the settings keep their names; "or" is said in Spanish
    assert map_cost(request).too_much().startswith("a map of 250,000 runs x 160 steps on a built-in curve is about")


def test_every_operation_documents_the_language_parameter(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, methods in paths.items():
        for method, operation in methods.items():
            (parameter,) = [p for p in operation.get("parameters", []) if p["name"] == "lang"]
            assert parameter["in"] == "query" and parameter["schema"]["enum"] == ["en", "es"], (method, path)


def spoken(capsys: Any, *words: str) -> str:
    """What `foggyhill <words>` prints on standard output (it must succeed)."""
    assert main(list(words)) == 0
    return capsys.readouterr().out


def test_the_command_line_speaks_spanish_when_asked(capsys: Any) -> None:
    out = spoken(capsys, "--lang", "es", "descend", "--speed", "0.5", "--steps", "30")
    assert "inicio w = " in out and "velocidad 0,5, 30 pasos, regla plain" in out
    assert "paso dado" in out and "(decidido en el paso " in out
    english = spoken(capsys, "descend", "--speed", "0.5", "--steps", "30")
    assert "speed 0.5, 30 steps, plain descent" in english and "step taken" in english


def test_the_machines_language_is_the_command_lines_default(capsys: Any, monkeypatch: Any) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "FOGGYHILL_LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    out = spoken(capsys, "landscapes")
    assert "(ventana de -3 a 3, inicio " in out and "punto más bajo en w = " in out


def test_a_usage_mistake_is_said_in_spanish(capsys: Any) -> None:
    assert main(["--lang", "es", "descend", "--speed", ""]) == 2
    said = capsys.readouterr().err
    assert "foggyhill descend: --speed está vacío: dale un valor" in said and "(mira 'foggyhill --help')" in said
