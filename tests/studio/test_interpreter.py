"""The interpreter: real training through the nn engine, effects to a sink, stopping, limits, loaders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foggyhill.studio import (
    Collect,
    Limits,
    Loader,
    Stopped,
    StudioError,
    Uploads,
    check_program,
    format_error,
    run_program,
)
from foggyhill.studio.errors import Span, closest, edit_distance

ISSUE_PROGRAM = (Path(__file__).parent / "programs" / "fruits.studio").read_text(encoding="utf-8")


def run(source: str, **kwargs: object) -> Collect:
    sink = Collect()
    run_program(source, sink, **kwargs)  # type: ignore[arg-type]
    return sink


def test_the_issue_program_reaches_ninety_percent_and_asks_for_a_chart() -> None:
    sink = run(ISSUE_PROGRAM)
    rounds = [e for e in sink.effects if e.kind == "round"]
    assert [e.data["round"] for e in rounds] == list(range(1, 31))
    trained = next(e for e in sink.effects if e.kind == "trained")
    assert trained.data["accuracy"] >= 0.9
    plot = next(e for e in sink.effects if e.kind == "plot")
    assert len(plot.data["loss"]) == 30 and len(plot.data["accuracy"]) == 30
    assert plot.data["loss"][-1] < plot.data["loss"][0] / 2
    assert sink.kinds()[:3] == ["loaded", "network", "training"]
    json.dumps([e.to_dict() for e in sink.effects])  # every effect is JSON-ready


def test_the_same_program_gives_the_same_numbers() -> None:
    first = [e.data["loss"] for e in run(ISSUE_PROGRAM).effects if e.kind == "round"]
    second = [e.data["loss"] for e in run(ISSUE_PROGRAM).effects if e.kind == "round"]
    assert first == second


def test_the_interpreter_never_prints(capsys: pytest.CaptureFixture[str]) -> None:
    run(ISSUE_PROGRAM + "show data\nprint 1\n")
    assert capsys.readouterr() == ("", "")


def test_a_stop_request_ends_training_between_batches() -> None:
    sink = Collect()
    program = ISSUE_PROGRAM.replace("rounds: 30", "rounds: 1000") + "print 'never'\n"
    with pytest.raises(Stopped):
        run_program(program, sink, should_stop=lambda: sink.kinds().count("round") >= 5)
    assert sink.kinds().count("round") == 5
    assert "print" not in sink.kinds() and "plot" not in sink.kinds()
    assert any("stopped on request" in text for text in sink.texts("notes"))


def test_a_mistake_late_in_the_program_is_found_before_anything_trains() -> None:
    sink = Collect()
    with pytest.raises(StudioError) as caught:
        run_program(ISSUE_PROGRAM + "predict net, [1, 2]\n", sink)
    assert sink.effects == []
    assert "each row needs 4 numbers; row 1 has 2 values" in caught.value.message


def limit_error(limits: Limits) -> str:
    with pytest.raises(StudioError) as caught:
        check_program(ISSUE_PROGRAM, limits=limits)
    return format_error(caught.value, ISSUE_PROGRAM)


def test_limits_are_checked_with_plain_messages() -> None:
    assert "rounds is 30, which is not allowed\n" in limit_error(Limits(max_rounds=10))
    assert "expected a whole number at least 1 and at most 10\n" in limit_error(Limits(max_rounds=10))
    assert "expected a whole number at least 1 and at most 8" in limit_error(Limits(max_layer_size=8))
    assert "fruits has 59 rows; here a dataset can have at most 50" in limit_error(Limits(max_rows=50))


def test_a_layer_kind_given_as_the_optimizer_gets_no_layer_hint() -> None:
    program = ISSUE_PROGRAM.replace("speed: 0.1", "speed: 0.1, optimizer: softmax")
    with pytest.raises(StudioError) as caught:
        check_program(program)
    assert caught.value.message == "unknown optimizer `softmax`"
    assert caught.value.expected == "`plain`, `momentum` or `adam`"
    assert caught.value.hint == ""  # softmax is a fine word, for a layer; nothing here is about layers


def test_without_files_only_bundled_data_loads() -> None:
    with pytest.raises(StudioError) as caught:
        check_program('data = load "/etc/passwd.csv", target: "x"\n', loader=Loader())
    assert "only the bundled datasets" in caught.value.message
    assert caught.value.span == Span(1, 13, 17)


def test_uploaded_csv_files_load_by_name_and_nothing_else_does() -> None:
    uploads = Uploads({"plants.csv": "height,width,kind\n1,2,a\n3,4,b\n1.5,2.5,a\n3.5,4.5,b\n"})
    program = 'p = load "plants.csv", target: "kind"\nshow p\n'
    sink = run(program, loader=uploads)
    assert "plants.csv: 4 rows, 2 features, 2 classes: a, b" in sink.texts("show")[0]
    with pytest.raises(StudioError, match="no uploaded file called other.csv"):
        check_program('p = load "other.csv", target: "kind"\n', loader=uploads)


def test_predict_answers_in_the_targets_words() -> None:
    sink = run(ISSUE_PROGRAM + "predict net, [[192, 8.4, 7.3, 0.55], [84, 6, 4.6, 0.79]]\n")
    prediction = next(e for e in sink.effects if e.kind == "prediction")
    assert prediction.data["predictions"] == ["apple", "mandarin"]
    assert prediction.text.splitlines()[0] == "[192, 8.4, 7.3, 0.55] → apple"


def test_one_formatter_shows_place_caret_expected_and_hint() -> None:
    source = "x = 1\ntrain_network net, on: data, rounds: 3, sped: 0.1\n"
    error = StudioError("`train_network` has no option `sped`", Span(2, 41, 4), "`speed`", "did you mean `speed`?")
    assert format_error(error, source).split("\n") == [
        "line 2, column 41: `train_network` has no option `sped`",
        "    train_network net, on: data, rounds: 3, sped: 0.1",
        "                                            ^^^^",
        "expected `speed`",
        "hint: did you mean `speed`?",
    ]
    assert error.to_dict(source)["line"] == 2 and error.to_dict(source)["text"].startswith("line 2")


def test_suggestions_come_from_edit_distance() -> None:
    assert edit_distance("rounds", "roudns") == 1  # a swap counts as one edit
    assert edit_distance("speed", "sped") == 1
    assert closest("rellu", ["relu", "tanh"]) == "relu"
    assert closest("xyz", ["relu", "tanh"]) is None
