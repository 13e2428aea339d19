"""The one error type for bad input, and the problem records it carries."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "DataError"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as a spreadsheet user would find it.

    ``row`` is 1-based as a spreadsheet shows it (the header is row 1); ``None`` when the
    problem concerns the whole file or column.

    Examples
    --------
    >>> str(Problem("raw/survey/responses.csv", 7, "team", "unknown team 'Mash team'", "one of MASH, Early Help"))
    "raw/survey/responses.csv:7:team: unknown team 'Mash team'; expected one of MASH, Early Help"
    """

    file: str
    row: int | None
    column: str | None
    message: str
    expected: str | None = None

    def __str__(self) -> str:
        where = self.file
        where += f":{self.row}" if self.row is not None else ":-"
        where += f":{self.column}" if self.column else ":-"
        text = f"{where}: {self.message}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class DataError(ValueError):
    """Bad input data: carries every problem found, not only the first.

    Examples
    --------
    >>> err = DataError([Problem("study.yml", 3, "name", "missing value", "text")])
    >>> print(err)
    1 problem in the study folder:
      study.yml:3:name: missing value; expected text
    """

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems: list[Problem] = [
            p if isinstance(p, Problem) else Problem("-", None, None, str(p)) for p in problems
        ]
        super().__init__(self._format())

    def _format(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the study folder:"
        return "\n".join([head] + [f"  {p}" for p in self.problems])
