"""Whatever a learner feeds in, the network layer answers with a result or an NNError, never another exception."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foggyhill.nn import (
    HIDDEN_KINDS,
    NN_OPTIMIZERS,
    OUTPUT_KINDS,
    Dataset,
    LayerSpec,
    Network,
    NNError,
    parse_csv,
    predict,
    train,
)

CELLS = st.one_of(
    st.sampled_from(["1", "2.5", "-3e2", "", " ", "nan", "inf", "cat", "dog", "1,5", '"q"', "x;y"]),
    st.text(max_size=6),
)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    width = draw(st.integers(1, 4))
    header = draw(st.lists(st.sampled_from(["a", "b", "y", "", "a b"]), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 1), max_size=6))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    return "\n".join(separator.join(row) for row in [header, *rows])


@settings(max_examples=300, deadline=None)
@given(st.one_of(csv_texts(), st.text(max_size=60)), st.sampled_from(["y", "a", "", "missing"]))
def test_any_csv_text_gives_a_dataset_or_a_plain_error(text: str, target: str) -> None:
    try:
        data = parse_csv(text, target)
    except NNError as error:
        assert str(error) and "Traceback" not in str(error)
        return
    assert data.X.shape == (data.rows, data.features) and data.rows >= 1 and data.features >= 1
    assert all(math.isfinite(v) for v in data.X.ravel())
    assert data.summary()


SPECS = st.builds(
    LayerSpec,
    size=st.one_of(st.integers(-2, 6), st.just(1.5), st.just(True)),
    kind=st.sampled_from([*HIDDEN_KINDS, *OUTPUT_KINDS, "swish"]),
    role=st.sampled_from(["hidden", "output", "input"]),
)
TINY = Dataset(
    "tiny",
    "four points",
    X=np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]),
    y=np.array([0, 1, 0, 1]),
    feature_names=["x", "y"],
    target_name="side",
    classes=["left", "right"],
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layers=st.lists(SPECS, max_size=3),
    rounds=st.one_of(st.integers(-1, 4), st.floats(allow_nan=True), st.just("3")),
    speed=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just("fast")),
    batch=st.integers(-1, 5),
    optimizer=st.sampled_from([*NN_OPTIMIZERS, "sgd"]),
    rows=st.lists(st.lists(st.one_of(st.floats(), st.integers(-5, 5), st.text(max_size=2)), max_size=3), max_size=2),
)
def test_any_network_and_settings_train_or_fail_in_words(layers, rounds, speed, batch, optimizer, rows) -> None:
    try:
        net = Network(2, layers)
        history = train(net, TINY, rounds, speed, batch=batch, optimizer=optimizer)
        assert len(history.rounds) == rounds
        assert set(predict(net, rows)) <= {"left", "right"}
    except NNError as error:
        assert str(error)
