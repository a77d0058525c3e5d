"""Studio in Spanish: its mistakes keep their place and caret, its hints keep the keywords, its runs talk Spanish."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from foggyhill.lang import use
from foggyhill.studio import Collect, StudioError, Uploads, run_program
from foggyhill.studio.errors import format_error
from foggyhill.studio.examples import EXAMPLES

TYPO = 'data = lod "fruits"\n'
TINY = """data = load "lemonade"
n = make_network
  layer input from data
  layer output size 1 kind linear
end
train_network n, on: data, rounds: 2, speed: 0.05
"""
FRUITS = """data = load "fruits"
net = make_network
  layer input from data
  layer hidden size 4 kind relu
  layer output size 4 kind softmax
end
train_network net, on: data, rounds: 2, speed: 0.5
evaluate net, on: data
"""


def mistake(source: str, language: str, loader: Uploads | None = None) -> StudioError:
    """The StudioError a program stops on, said in `language`."""
    with use(language), pytest.raises(StudioError) as caught:
        run_program(source, Collect(), loader=loader)
    return caught.value


def texts(source: str, language: str) -> list[str]:
    """Every effect's line of text of a run, said in `language`."""
    sink = Collect()
    with use(language):
        run_program(source, sink)
    return sink.texts()


def test_a_misspelled_keyword_is_told_in_spanish_at_the_same_place_with_its_caret() -> None:
    spanish, english = mistake(TYPO, "es"), mistake(TYPO, "en")
    assert spanish.span == english.span
    assert spanish.message == "palabra desconocida `lod`"
    assert spanish.hint == "¿querías decir `load`?"  # the keyword stays as it is typed
    with use("es"):
        shown = format_error(spanish, TYPO).split("\n")
    assert shown == [
        "línea 1, columna 8: palabra desconocida `lod`",
        '    data = lod "fruits"',
        "           ^^^",
        "pista: ¿querías decir `load`?",
    ]


def test_english_errors_are_unchanged() -> None:
    error = mistake(TYPO, "en")
    assert format_error(error, TYPO).split("\n")[0] == "line 1, column 8: unknown word `lod`"
    assert error.hint == "did you mean `load`?"


def test_what_was_expected_is_said_in_spanish() -> None:
    error = mistake("x = 0,5\n", "es")
    with use("es"):
        shown = format_error(error, "x = 0,5\n")
    assert "se esperaba el final de la línea" in shown.split("\n")
    assert error.message == "no se esperaba `,`"


def test_an_uploaded_csv_with_a_word_in_a_number_column_is_refused_in_spanish() -> None:
    upload = Uploads({"prices.csv": "size,price\n50,100\ngrande,200\n"})
    error = mistake('d = load "prices.csv", target: "price"\n', "es", upload)
    assert error.message.startswith("la fila 3 de prices.csv, columna 'size', tiene 'grande', que no es un número")
    assert (error.span.line, error.span.column) == (1, 10)  # the caret stays under the file's name


def test_a_run_reports_its_progress_in_spanish_with_decimal_commas() -> None:
    said = texts(TINY, "es")
    assert any(line == "entrenando n con lemonade: 2 rondas, velocidad 0,05, lote 32, descenso plain" for line in said)
    rounds = [line for line in said if line.startswith("ronda ")]
    assert len(rounds) == 2
    assert rounds[0].startswith("ronda 1/2: pérdida 0,")
    assert "." not in rounds[0]


def test_the_same_run_in_english_is_unchanged() -> None:
    said = texts(TINY, "en")
    assert "training n on lemonade: 2 rounds, speed 0.05, batch 32, plain descent" in said
    assert any(line.startswith("round 1/2: loss 0.") for line in said)


def test_an_evaluation_and_its_confusion_table_are_in_spanish() -> None:
    evaluation = texts(FRUITS, "es")[-1]
    assert evaluation.startswith("net con fruits: pérdida ")
    assert "filas acertadas)" in evaluation
    assert "confusión (filas: la clase verdadera, columnas: lo que dijo net):" in evaluation


def test_examples_and_dataset_words_are_in_spanish_where_shown() -> None:
    with use("es"):
        fruits = EXAMPLES["fruits"].to_dict()
        loaded = texts('d = load "fruits"\n', "es")
    assert fruits["title"] == "Frutas"
    assert fruits["source"] == EXAMPLES["fruits"].source  # the program itself keeps Studio's words
    assert loaded == ["d: fruits, 59 filas, 4 características, 4 clases: apple, mandarin, orange, lemon"]


def test_the_web_worker_runs_in_the_language_it_is_handed() -> None:
    request = {"source": TYPO, "files": {}, "limits": {}, "memory_mb": 1024, "cpu_seconds": 60, "language": "es"}
    done = subprocess.run(
        [sys.executable, "-m", "foggyhill.web.studio_worker"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    event = json.loads(done.stdout.strip().split("\n")[-1])
    assert event["type"] == "error"
    assert event["hint"] == "¿querías decir `load`?"
    assert event["text"].startswith("línea 1, columna 8: palabra desconocida `lod`")
