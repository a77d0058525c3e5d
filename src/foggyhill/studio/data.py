"""Where `load` finds its data: bundled datasets always; CSV files beside the program (command line) or uploaded
through the web page. A program never reaches other paths on the machine."""

from __future__ import annotations

from pathlib import Path

from ..lang import N_, _, say
from ..nn import DATASETS, Dataset, NNError, load_csv, load_dataset, parse_csv
from .errors import StudioError, closest


class Loader:
    """Bundled datasets only; subclasses add CSV files. Loads each name once per run."""

    files_message = N_("this place loads only the bundled datasets: {names}")  # translated when refused

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str | None], Dataset] = {}

    def load(self, name: str, target: str | None) -> Dataset:
        """The dataset called `name` (with `target` the column to predict, for a CSV); NNError/StudioError if not."""
        key = (name, target)
        if key not in self._cache:
            self._cache[key] = self._load(name, target)
        return self._cache[key]

    def _load(self, name: str, target: str | None) -> Dataset:
        """Load without the cache: bundled names, then CSV files, else a plain refusal."""
        if name in DATASETS and target is None:
            return load_dataset(name)
        if name.lower().endswith(".csv"):
            if target is None:
                example = f'load "{name}", target: "column"'
                raise StudioError(
                    say("loading {name} needs the column to predict: {example}", name=name, example=example)
                )
            return self.load_file(name, target)
        if target is not None and name in DATASETS:
            raise StudioError(
                say("{name} is a bundled dataset: it already knows its target, so leave out `target:`", name=name)
            )
        guess = closest(name, DATASETS)
        raise StudioError(
            say("unknown dataset `{name}`: try {names}", name=name, names=", ".join(DATASETS)),
            hint=say('did you mean "{name}"?', name=guess)
            if guess
            else say("or a CSV file: {example}", example='load "file.csv", target: "column"'),
        )

    def load_file(self, name: str, target: str) -> Dataset:
        """A CSV file: not allowed here."""
        raise StudioError(say(self.files_message, names=", ".join(DATASETS)))

    def names(self) -> list[str]:
        """The names `load` accepts here besides file paths."""
        return list(DATASETS)


class FilesBeside(Loader):
    """The command line: bundled datasets, and CSV files named relative to the program's folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def load_file(self, name: str, target: str) -> Dataset:
        """A CSV file beside the program (or at a path relative to it)."""
        return load_csv(self.folder / name, target)


class Uploads(Loader):
    """The web page: bundled datasets, and CSV texts the learner uploaded, by their file name."""

    files_message = N_("only the bundled datasets and CSV files uploaded on this page can be loaded")

    def __init__(self, files: dict[str, str]) -> None:
        super().__init__()
        self.files = dict(files)

    def load_file(self, name: str, target: str) -> Dataset:
        """An uploaded CSV by its file name."""
        if name not in self.files:
            uploaded = ", ".join(self.files) or _("none yet")
            raise StudioError(
                say(
                    "no uploaded file called {name} (uploaded: {uploaded}); upload it with the page first",
                    name=name,
                    uploaded=uploaded,
                )
            )
        return parse_csv(self.files[name], target, name=name)


__all__ = ["FilesBeside", "Loader", "NNError", "Uploads"]
