"""One error type that carries every located problem found in a pass.

Users fix data files by hand, so each problem names the file, the 1-based
line and column, the dotted field path and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the dataset, with where it is."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DatasetError(Exception):
    """Raised when the dataset cannot be loaded; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DatasetError needs at least one problem")
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[DatasetError], tuple[list[Problem]]]:
        """Pickle by problems, so the error crosses a process boundary intact (a test runner's workers, say)."""
        return (DatasetError, (self.problems,))


class BuildFailed(Exception):
    """The engine's build failed; its warnings and errors were shown as they came, this says how it ended."""


class ReadError(Exception):
    """A file that cannot be read at all: one problem, located."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
