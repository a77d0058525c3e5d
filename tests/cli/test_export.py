"""`foggyhill export`: the script on standard output or in a file, the run's own losses, exit codes and words."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from foggyhill.cli import main

PROGRAMS = Path(__file__).parents[1] / "studio" / "programs"


@pytest.fixture
def program(tmp_path: Path) -> Path:
    for name in ("csv_file.studio", "tiny.csv"):
        shutil.copy(PROGRAMS / name, tmp_path / name)
    return tmp_path / "csv_file.studio"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_script_goes_to_standard_output_and_reads_the_csv_beside_the_program(
    program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "export", str(program), "--to", "numpy")
    assert code == 0 and err == ""
    assert out.startswith("# csv_file.studio, taken away from foggyhill Studio as a standalone numpy script.")
    assert "# Run it with: python csv_file.py" in out
    assert "DATA['tiny.csv', 'label'] = Dataset(" in out  # the file's numbers travel inside the script


def test_the_saved_script_prints_the_losses_foggyhill_run_prints(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "taken.py"
    code, out, err = cli(capsys, "export", str(program), "--to", "numpy", "--out", str(out_file))
    assert code == 0 and out == f"saved the numpy script to {out_file}: run it with python {out_file}\n"
    assert f"# Run it with: python {out_file}" in out_file.read_text(encoding="utf-8")
    code, out, _ = cli(capsys, "run", str(program), "--json")
    events = [json.loads(line) for line in out.splitlines()]
    want = [repr(e["loss"]) for e in events if e["type"] == "round"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()  # away from the CSV: the script needs no file but itself
    ran = subprocess.run([sys.executable, str(out_file)], capture_output=True, text=True, cwd=elsewhere, timeout=120)
    got = [line.split()[3] for line in ran.stdout.splitlines() if line.startswith("round")]
    assert ran.returncode == 0 and len(want) == 20 and got == want


def test_a_program_with_a_mistake_or_nothing_to_train_exits_1_in_studios_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "export", str(PROGRAMS / "error_arithmetic.studio"), "--to", "pytorch")
    assert code == 1 and out == ""
    assert "column 49: Studio does no arithmetic, so `/` cannot be used here" in err and "    ^" in err
    code, out, err = cli(capsys, "export", str(PROGRAMS / "show_and_print.studio"), "--to", "numpy")
    assert code == 1 and out == ""
    assert err.startswith("this program trains no network, so there is nothing to take away yet\nhint: train it")


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        ([], "foggyhill export: --to is needed: --to numpy or --to pytorch"),
        (["--to", "jax"], "foggyhill export: --to must be one of numpy, pytorch (got 'jax')"),
        (["--to", ""], "foggyhill export: --to is empty"),
        (["--to", "numpy", "--to", "pytorch"], "--to is given more than once"),
        (["--to", "numpy", "--out", "script.txt"], "--out must name a .py file (got 'script.txt')"),
        (["--to", "numpy", "--out", "no/such/folder/x.py"], "the folder 'no/such/folder' does not exist"),
        (["--to", "numpy", "--speed", "2"], "unrecognized arguments: --speed 2"),
    ],
)
def test_bad_flags_are_refused_in_one_line_with_code_2(
    program: Path, flags: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "export", str(program), *flags)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1


def test_a_missing_program_or_a_folder_is_refused_with_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "export", str(tmp_path / "nope.studio"), "--to", "numpy")[2].startswith(
        "foggyhill export: no file at"
    )
    code, _, err = cli(capsys, "export", str(tmp_path), "--to", "numpy")
    assert code == 2 and "is a folder" in err


def test_the_command_is_listed_with_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = " ".join(capsys.readouterr().out.split())
    assert "export take a Studio program away as a standalone numpy or PyTorch script" in listed
