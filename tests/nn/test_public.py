"""The names the Studio language and the web server import from foggyhill.nn."""

from __future__ import annotations

import foggyhill.nn as nn

PROMISED = {
    "Dataset", "DATASETS", "load_dataset", "load_csv", "parse_csv", "LayerSpec", "Network", "train", "evaluate",
    "predict", "History", "RoundReport", "NNError", "TrainingDiverged", "HIDDEN_KINDS", "OUTPUT_KINDS", "OPTIMIZERS",
    "MAX_ROUNDS", "MAX_LAYER_SIZE", "MAX_ROWS", "MAX_SPEED", "MAX_LAYERS", "check_fit",
}  # fmt: skip


def test_every_promised_name_is_exported() -> None:
    assert set(nn.__all__) >= PROMISED
    for name in nn.__all__:
        assert hasattr(nn, name), f"foggyhill.nn.{name} is in __all__ but missing"


def test_the_kinds_and_optimizers_are_the_learners_words() -> None:
    assert nn.HIDDEN_KINDS == ("relu", "tanh", "sigmoid", "linear")
    assert nn.OUTPUT_KINDS == ("softmax", "sigmoid", "linear")
    assert nn.OPTIMIZERS == ("plain", "momentum", "adam")


def test_errors_are_foggyhill_errors() -> None:
    from foggyhill.core import FoggyhillError

    assert issubclass(nn.TrainingDiverged, nn.NNError) and issubclass(nn.NNError, FoggyhillError)
    error = nn.TrainingDiverged(7, float("inf"))
    assert (error.round, str(error)) == (7, "training diverged in round 7: the loss became infinite or not a number "
                                         "— try a smaller speed")  # fmt: skip


def test_the_readme_example_prints_what_it_says() -> None:
    import doctest
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The network engine", 1)[1].split("\n## ", 1)[0]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(example, {}, "README network engine", "README.md", 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0 and len(test.examples) >= 6


def test_the_datasets_ship_as_package_data() -> None:
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "nn/data/*.csv" in pyproject["tool"]["setuptools"]["package-data"]["foggyhill"]
