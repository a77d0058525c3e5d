"""The names the Studio language and the web server import from foggyhill.nn."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import foggyhill.nn as nn

PROMISED = {
    # what Studio and the web server import
    "Dataset", "DATASETS", "load_dataset", "load_csv", "parse_csv", "LayerSpec", "Network", "train", "evaluate",
    "predict", "History", "RoundReport", "NNError", "TrainingDiverged", "HIDDEN_KINDS", "OUTPUT_KINDS", "NN_OPTIMIZERS",
    "MAX_ROUNDS", "MAX_LAYER_SIZE", "MAX_ROWS", "MAX_SPEED", "MAX_LAYERS", "check_fit",
    # the pieces and limits a learner (and the gradient checks) can reach for
    "ACTIVATIONS", "Activation", "Dense", "HEADS", "Head", "EXPLODE_FACTOR", "check_training", "check_work",
    "MAX_CSV_BYTES", "MAX_FEATURES", "MAX_INPUTS", "MAX_WORK",
    # kept for callers of the first name: the same tuple as NN_OPTIMIZERS
    "OPTIMIZERS",
}  # fmt: skip


def names_imported_from_nn(source: str) -> set[str]:
    """The names a module imports from foggyhill.nn (`from ..nn import X`, `from foggyhill.nn import X`)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] == "nn":
            names.update(alias.name for alias in node.names)
    return names


def test_every_promised_name_is_exported_and_nothing_else() -> None:
    assert sorted(nn.__all__) == sorted(PROMISED)  # nothing missing, nothing extra, nothing twice
    star: dict[str, object] = {}
    exec("from foggyhill.nn import *", star)
    assert set(star) - {"__builtins__"} == PROMISED  # every name resolves
    package = Path(nn.__file__).resolve().parents[1]
    imported: set[str] = set()
    for module in package.rglob("*.py"):
        if module.parent.name != "nn":
            used = names_imported_from_nn(module.read_text(encoding="utf-8"))
            assert used <= PROMISED, f"{module.relative_to(package)} imports {sorted(used - PROMISED)} from nn"
            imported |= used
    assert {"Network", "check_fit", "DATASETS"} <= imported  # the scan sees Studio's and the server's imports


def test_the_kinds_and_optimizers_are_the_learners_words() -> None:
    assert nn.HIDDEN_KINDS == ("relu", "tanh", "sigmoid", "linear")
    assert nn.OUTPUT_KINDS == ("softmax", "sigmoid", "linear")
    assert nn.NN_OPTIMIZERS == ("plain", "momentum", "adam")
    assert nn.OPTIMIZERS is nn.NN_OPTIMIZERS  # the first name still works


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


def build_wheel(folder: Path) -> Path:
    """The wheel pip builds from a copy of this checkout (a copy: the build writes build/ and egg-info beside the
    sources), with the build backend pinned in pyproject.toml, as `pip install` gets it."""
    root = Path(__file__).resolve().parents[2]
    project = folder / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, project / name)
    shutil.copytree(root / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check"]
    quick = {**os.environ, "PIP_NO_COMPILE": "1"}  # the build's own setuptools needs no bytecode
    built = subprocess.run(
        [*command, "-w", str(folder / "dist"), str(project)], capture_output=True, text=True, env=quick
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (folder / "dist").glob("foggyhill-*.whl")
    return wheel


def test_every_bundled_dataset_file_is_in_the_wheel_and_loads_from_it(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    bundled = Path(nn.__file__).resolve().parent / "data"
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name.removeprefix("foggyhill/nn/data/"): archive.read(name) for name in archive.namelist()
                   if name.startswith("foggyhill/nn/data/")}  # fmt: skip
    assert shipped == {path.name: path.read_bytes() for path in bundled.iterdir() if path.is_file()}
    assert {"fruits.csv", "SOURCES.md"} <= set(shipped)  # the data and where it came from
    # Imported from the wheel alone (its own files, not this checkout's), every dataset loads whole.
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import foggyhill.nn as nn; "
        "assert nn.__file__.startswith(sys.argv[1]), nn.__file__; "
        "print(json.dumps({name: nn.load_dataset(name).rows for name in nn.DATASETS}))"
    )
    loaded = subprocess.run([sys.executable, "-I", "-c", script, str(wheel)], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout) == {name: nn.load_dataset(name).rows for name in nn.DATASETS}
