"""Errors the planner reports to people (never as a traceback)."""

from __future__ import annotations

from pathlib import Path


class PlannerError(Exception):
    """Base class: a problem with a clear, user-facing message."""


class ConfigError(PlannerError):
    """Invalid input: names the file, the field path and what is allowed."""

    def __init__(self, field: str, problem: str, path: Path | str | None = None):
        super().__init__(problem)
        self.field = field
        self.problem = problem
        self.path = path

    def __str__(self) -> str:
        where = str(self.path) if self.path else "config"
        if self.field:
            return f"{where}: {self.field}: {self.problem}"
        return f"{where}: {self.problem}"


class ExportError(PlannerError, ValueError):
    """A plan cannot be written as asked: an unknown format, or a config that does not match."""


class OptionError(PlannerError, ValueError):
    """A solver option (time_limit, workers, processes, ...) outside what it allows."""
