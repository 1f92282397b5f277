"""Errors the planner reports to people (never as a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PlannerError(Exception):
    """Base class: a problem with a clear, user-facing message."""


@dataclass
class Problem:
    """One mistake in an input: the field path (e.g. `availability.tue`, "" for the whole
    file) and what is wrong with it, ending in what is allowed or how to fix it."""

    field: str
    problem: str

    def text(self) -> str:
        return f"{self.field}: {self.problem}" if self.field else self.problem


class ConfigError(PlannerError):
    """Invalid input: names the file, the field path and what is allowed.

    A file with several mistakes gives one ConfigError holding them all in `problems`, so a
    person fixes every one in one go; `field` and `problem` are the first's (what callers
    that know of one mistake only read and annotate)."""

    def __init__(self, field: str, problem: str, path: Path | str | None = None,
                 more: list[Problem] | tuple[Problem, ...] = ()):
        super().__init__(problem)
        self.problems = [Problem(field, problem), *more]
        self.path = path

    @classmethod
    def of(cls, problems: list[Problem], path: Path | str | None = None) -> "ConfigError":
        """One error holding every problem of `problems` (at least one), in order."""
        first, *more = problems
        return cls(first.field, first.problem, path=path, more=more)

    @property
    def field(self) -> str:
        return self.problems[0].field

    @property
    def problem(self) -> str:
        return self.problems[0].problem

    @property
    def where(self) -> str:
        """The file the problems are in ("config" for a mapping given in Python)."""
        return str(self.path) if self.path else "config"

    def lines(self) -> list[str]:
        """Each problem on a line of its own, naming the file and the field."""
        return [f"{self.where}: {problem.text()}" for problem in self.problems]

    def one_line(self) -> str:
        """Every problem on one line (a table cell): the file once, then field: problem; ..."""
        return f"{self.where}: " + "; ".join(problem.text() for problem in self.problems)

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __reduce__(self):
        """Pickled whole (a worker process may raise it for its parent to report)."""
        return type(self).of, (self.problems, self.path)


class ExportError(PlannerError, ValueError):
    """A plan cannot be written as asked: an unknown format, or a config that does not match."""


class OptionError(PlannerError, ValueError):
    """A solver option (time_limit, workers, processes, ...) outside what it allows."""
