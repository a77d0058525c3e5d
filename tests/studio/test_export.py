"""`foggyhill export`: the scripts are run, and every round's loss is compared with Studio's own run of the program,
exactly for numpy and to about a billionth for PyTorch."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from foggyhill.nn import Network
from foggyhill.studio import FilesBeside, Loader, StudioError, Uploads, check_program, parse
from foggyhill.studio import run as run_studio
from foggyhill.studio.errors import Span
from foggyhill.studio.examples import EXAMPLES
from foggyhill.studio.export import NOTHING_TO_EXPORT, TARGETS, Walk, export_program
from foggyhill.studio.interpreter import Limits

PROGRAMS = Path(__file__).parent / "programs"
# The examples, and test programs that add a CSV, a sigmoid output, momentum, two trainings, tabs and CRLF.
SOURCES = {
    **{name: (example.source, Path(".")) for name, example in EXAMPLES.items()},
    **{
        name: ((PROGRAMS / f"{name}.studio").read_text(encoding="utf-8"), PROGRAMS)
        for name in ("csv_file", "train_twice", "tabs_comments_crlf", "lemonade")
    },
}
STANDALONE = {
    "math",
    "sys",
    "numpy",
    "torch",
    "torch.nn.functional",
    "matplotlib",
    "matplotlib.pyplot",
    "base64",
    "zlib",
}


def torch_missing() -> bool:
    """Whether torch cannot be imported here (CI has none; the PyTorch scripts are then not run)."""
    try:
        return importlib.util.find_spec("torch") is None
    except (ImportError, ValueError):
        return True


NO_TORCH = torch_missing()
needs_torch = pytest.mark.skipif(NO_TORCH, reason="torch is not installed here, so the PyTorch scripts are not run")


class Quiet:
    """A viewer that shows nothing: the tests read the effects."""

    def __call__(self, effect: object) -> None:
        """Nothing to show."""

    def mistake(self, error: object, source: str) -> None:
        """Nothing to show."""

    def stopped(self) -> None:
        """Nothing to show."""

    def done(self) -> None:
        """Nothing to show."""


def studio(source: str, folder: Path) -> dict[str, Any]:
    """Studio's own run: every round's loss and accuracy, each evaluation's loss, each prediction's lines."""
    record = run_studio(source, folder=folder, viewer=Quiet())
    assert record.ok, record.error
    effects = record.effects
    return {
        "round": [e.data["round"] for e in effects if e.kind == "round"],
        "loss": [e.data["loss"] for e in effects if e.kind == "round"],
        "accuracy": [e.data["accuracy"] for e in effects if e.kind == "round"],
        "evaluations": [e.data["loss"] for e in effects if e.kind == "evaluation"],
        "predictions": [line for e in effects if e.kind == "prediction" for line in e.text.split("\n")],
    }


def script(code: str, folder: Path, name: str = "program.py") -> subprocess.CompletedProcess[str]:
    """Run an exported script in its own python process, in a folder of its own."""
    path = folder / name
    path.write_text(code, encoding="utf-8")
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=folder, timeout=600)


def printed(out: str) -> dict[str, Any]:
    """What a script printed: every round's loss and accuracy, each evaluation's loss, each prediction's line."""
    rounds = re.findall(r"^round (\d+): loss (\S+)(?: accuracy (\S+)%)?$", out, re.M)
    return {
        "round": [int(n) for n, _, _ in rounds],
        "loss": [float(loss) for _, loss, _ in rounds],
        "accuracy": [float(a) / 100 if a else None for _, _, a in rounds],
        "evaluations": [float(x) for x in re.findall(r"^\w+ on .+: loss (\S+)", out, re.M)],
        "predictions": re.findall(r"^\[.*\] → .*$", out, re.M),
    }


def imports(code: str) -> set[str]:
    """Every module the script imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module or "")
    return found


@pytest.mark.parametrize("name", list(SOURCES))
def test_the_numpy_script_reproduces_every_loss_exactly(name: str, tmp_path: Path) -> None:
    source, folder = SOURCES[name]
    code = export_program(source, "numpy", FilesBeside(folder), program=f"{name}.studio")
    assert imports(code) <= STANDALONE  # no foggyhill: the script stands alone
    ran = script(code, tmp_path)
    assert ran.returncode == 0, ran.stderr
    want, got = studio(source, folder), printed(ran.stdout)
    assert len(want["loss"]) > 0
    assert got["loss"] == want["loss"]  # bit for bit: repr both ways
    assert got["round"] == want["round"]  # a second training numbers its rounds on, as Studio's chart does
    assert got["evaluations"] == want["evaluations"]
    assert got["predictions"] == want["predictions"]
    assert all(
        g is None if w is None else abs(g - w) < 6e-4 for g, w in zip(got["accuracy"], want["accuracy"], strict=True)
    )


def one_ulp_spread(source: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> float:
    """How far the losses move when one starting weight moves by the smallest step a float can take: a long run
    (the spirals' 500 rounds of adam) amplifies any rounding difference by that much, whoever adds up."""
    original = Network.__init__

    def nudged(self: Network, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.layers[0].W[0, 0] = np.nextafter(self.layers[0].W[0, 0], np.inf)

    plain = studio(source, folder)["loss"]
    with monkeypatch.context() as patch:
        patch.setattr(Network, "__init__", nudged)
        moved = studio(source, folder)["loss"]
    return max(abs(a - b) / abs(a) for a, b in zip(plain, moved, strict=True))


@needs_torch
@pytest.mark.parametrize("name", ["fruits", "lemonade", "checkerboard", "spirals", "speeds", "csv_file", "train_twice"])
def test_the_pytorch_script_reproduces_every_loss_to_a_billionth(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, folder = SOURCES[name]
    code = export_program(source, "pytorch", FilesBeside(folder), program=f"{name}.studio")
    assert "import torch" in code and imports(code) <= STANDALONE
    ran = script(code, tmp_path)
    assert ran.returncode == 0, ran.stderr
    want, got = studio(source, folder), printed(ran.stdout)
    assert len(got["loss"]) == len(want["loss"]) > 0
    # A billionth, unless one float's nudge to a starting weight already moves Studio's own losses further.
    allowed = max(1e-9, 10 * one_ulp_spread(source, folder, monkeypatch))
    worst = max(abs(g - w) / abs(w) for g, w in zip(got["loss"], want["loss"], strict=True))
    assert worst <= allowed, (worst, allowed)
    assert got["predictions"] == want["predictions"]


def test_the_one_ulp_spread_of_a_short_run_is_far_below_a_billionth(monkeypatch: pytest.MonkeyPatch) -> None:
    # So the PyTorch test above holds the short programs to a billionth: its allowance widens only for long runs.
    assert one_ulp_spread(EXAMPLES["fruits"].source, Path("."), monkeypatch) < 1e-12


def test_a_program_that_trains_nothing_cannot_be_exported() -> None:
    source = (PROGRAMS / "show_and_print.studio").read_text(encoding="utf-8")
    for to in TARGETS:
        with pytest.raises(StudioError) as caught:
            export_program(source, to)
        assert caught.value.message == NOTHING_TO_EXPORT
        assert "train_network" in caught.value.hint


@pytest.mark.parametrize("program", sorted(p.name for p in PROGRAMS.glob("error_*.studio")))
def test_a_program_with_a_mistake_gives_the_mistake_checking_gives(program: str) -> None:
    source = (PROGRAMS / program).read_text(encoding="utf-8")
    try:
        check_program(source, FilesBeside(PROGRAMS))
    except StudioError as error:
        expected: StudioError | None = error
    else:
        expected = None  # a mistake only training finds (the loss blowing up): the script meets it too
    if expected is None:
        return
    with pytest.raises(StudioError) as caught:
        export_program(source, "numpy", FilesBeside(PROGRAMS))
    assert (caught.value.message, caught.value.span) == (expected.message, expected.span)


def test_a_csv_uploaded_on_the_page_is_written_into_the_script(tmp_path: Path) -> None:
    text = (PROGRAMS / "tiny.csv").read_text(encoding="utf-8")
    source = (PROGRAMS / "csv_file.studio").read_text(encoding="utf-8")
    code = export_program(source, "numpy", Uploads({"tiny.csv": text}))
    assert printed(script(code, tmp_path).stdout)["loss"] == studio(source, PROGRAMS)["loss"]
    with pytest.raises(StudioError, match="no uploaded file called tiny.csv"):
        export_program(source, "numpy", Uploads({}))


def test_a_program_that_loads_a_file_where_files_are_not_allowed_says_so() -> None:
    source = (PROGRAMS / "csv_file.studio").read_text(encoding="utf-8")
    with pytest.raises(StudioError, match="loads only the bundled datasets"):
        export_program(source, "numpy", Loader())


def test_names_and_texts_python_would_trip_on_are_renamed_and_escaped(tmp_path: Path) -> None:
    # Names the script or Python already uses, and texts with quotes, backslashes and code in them.
    source = "\n".join(
        [
            'np = load "fruits"',
            "class = 0.1",
            "train = make_network",
            "  layer input from np",
            "  layer hidden size 4 kind sigmoid",
            "  layer output size 4 kind softmax",
            "end",
            "None = 3",
            "main = [150, 7.2, 7.5, 0.7]",
            """DATA = 'say "hi" \\ \"\"\" ) ; import os'""",
            "train_network train, on: np, rounds: None, speed: class, seed: 7, batch: 10",
            "predict train, main",
            "print DATA, None, main, np",
        ]
    )
    code = export_program(source, "numpy")
    ran = script(code, tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "class_ = 0.1" in code and "None_ = 3" in code and "np_ = load('fruits')" in code
    want = studio(source, Path("."))
    assert printed(ran.stdout)["loss"] == want["loss"] and len(want["loss"]) == 3
    assert printed(ran.stdout)["predictions"] == want["predictions"]
    assert 'say "hi" \\ """ ) ; import os 3 [150, 7.2, 7.5, 0.7] Dataset(\'fruits\'' in ran.stdout


def test_odd_column_and_class_names_and_a_big_table_travel_exactly(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    rows = 3000
    whole = rng.integers(0, 17, size=(rows, 20))  # like the digits: small whole numbers, sent as compressed bytes
    floats = rng.normal(size=(rows, 2)) * 1e3
    kinds = np.array(['o\'brien "x"', "naïve\\n"])[rng.integers(0, 2, size=rows)]
    header = [*(f"pixel {i}" for i in range(20)), "wide 'a'", 'b"', "kind"]
    lines = [",".join(f'"{h}"' if '"' not in h else '"' + h.replace('"', '""') + '"' for h in header)]
    for w, f, k in zip(whole, floats, kinds, strict=True):
        cells = [*map(str, w), repr(float(f[0])), repr(float(f[1])), '"' + k.replace('"', '""') + '"']
        lines.append(",".join(cells))
    (tmp_path / "big.csv").write_text("\n".join(lines), encoding="utf-8")
    source = """big = load "big.csv", target: "kind"
net = make_network
  layer input from big
  layer output size 1 kind sigmoid
end
train_network net, on: big, rounds: 3, speed: 0.5, batch: 500, optimizer: adam
predict net, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 1, 2, 3, -5.5, 7]]
"""
    code = export_program(source, "numpy", FilesBeside(tmp_path), program="big.studio")
    assert "unpack(" in code and len(code) < 200_000  # 66,000 numbers, compressed
    ran = script(code, tmp_path / "..", name="big_script.py")
    assert ran.returncode == 0, ran.stderr
    want = studio(source, tmp_path)
    assert printed(ran.stdout)["loss"] == want["loss"]
    assert printed(ran.stdout)["predictions"] == want["predictions"]


def test_a_training_that_blows_up_stops_the_script_in_studios_words(tmp_path: Path) -> None:
    source = (PROGRAMS / "error_training_diverges.studio").read_text(encoding="utf-8")
    record = run_studio(source, folder=PROGRAMS, viewer=Quiet())
    assert record.error is not None and "training diverged in round" in record.error
    ran = script(export_program(source, "numpy", FilesBeside(PROGRAMS)), tmp_path)
    assert ran.returncode == 1
    message = re.search(r"training diverged in round .*", record.error)
    assert message is not None and message.group() in ran.stderr


def test_statements_the_exporter_does_not_draw_become_a_comment_and_change_nothing(tmp_path: Path) -> None:
    source = EXAMPLES["checkerboard"].source + "plot_network net\nplot_boundary net, on: board\n"
    code = export_program(source, "numpy")
    assert "# line 12: plot_network net\n    # Here Studio shows a picture of the network, each weight an edge" in code
    assert "# Here Studio shows the regions the network sorts the feature plane into (plot_boundary)" in code
    assert printed(script(code, tmp_path).stdout)["loss"] == studio(source, Path("."))["loss"]


def test_a_statement_still_to_come_becomes_a_comment_on_what_studio_shows() -> None:
    walk = Walk(parse(EXAMPLES["fruits"].source), Loader(), Limits())
    walk.lines = [*walk.lines[:8], "  future_command net, on: data"]

    class Future:
        span = Span(9, 3, 14)

    written = walk.written(Future())  # type: ignore[arg-type]
    assert written == ["# Here Studio shows something this script does not draw (future_command); this script "
                       "leaves it out."]  # fmt: skip


def test_the_script_says_where_each_line_came_from_in_the_learners_words() -> None:
    code = export_program(EXAMPLES["checkerboard"].source, "numpy", program="checkerboard.studio")
    assert "# line 9: train_network net, on: board, rounds: 150, speed: 0.05, optimizer: adam" in code
    assert "# Train: 150 rounds at speed 0.05, batches of 32, adam descent" in code
    assert "# One straight line cannot split a checkerboard:" in code  # the learner's own comment comes along
    assert "mean 0 and spread 1" in code and "def adam_step" in code and "def momentum_step" not in code
    assert "plot_training" in code and "pip install matplotlib" in code


def test_export_refuses_an_unknown_library() -> None:
    with pytest.raises(ValueError, match="numpy, pytorch"):
        export_program(EXAMPLES["fruits"].source, "jax")
