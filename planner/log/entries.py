"""The config's `log:` section (docs/log.md): activity files and inline sessions.

These models validate what a person writes, in the config or in the planner's own CSV log:
unknown fields are errors, a run needs a distance and a strength or cross session has none.
Distances are in the athlete's unit (the config converts "8 km" before validation).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

Kind = Literal["easy", "long", "quality", "race", "run", "strength", "cross"]
RUN_KINDS = ("easy", "long", "quality", "race", "run")
MOST_MINUTES = 24 * 60 * 7  # a week: beyond any single session, so typos like 5000 hours fail


class LogEntry(BaseModel):
    """One session as the athlete logged it; `date` may carry a start time (ISO date-time)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date | dt.datetime
    kind: Kind
    distance: float | None = Field(default=None, validate_default=True)
    minutes: float = Field(gt=0, le=MOST_MINUTES, allow_inf_nan=False)
    rpe: float | None = Field(default=None, ge=1, le=10, allow_inf_nan=False)
    note: str | None = Field(default=None, max_length=500)

    @field_validator("date", mode="before")
    @classmethod
    def _date_or_date_time(cls, value: object) -> dt.date | dt.datetime:
        """A date, or a date-time when a start time is given ("2026-12-01T00:00" keeps it)."""
        if isinstance(value, dt.date):
            return value
        text = value.strip() if isinstance(value, str) else ""
        try:
            return dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"must be a date (2026-12-01) or a date and start time (2026-12-01T07:30), "
                             f"not {value!r}") from None

    @field_validator("distance")
    @classmethod
    def _distance_fits_kind(cls, distance: float | None, info: ValidationInfo) -> float | None:
        kind = info.data.get("kind")
        if kind in RUN_KINDS:
            if distance is None:
                raise ValueError(f"is required for runs (kind {kind}): a number greater than 0, in the athlete's unit")
            if not 0 < distance < 1000:
                raise ValueError("must be greater than 0 and less than 1000")
        elif kind is not None and distance is not None:
            raise ValueError(f"must be left out for kind {kind} (only runs have a distance)")
        return distance


class LogSection(BaseModel):
    """`log:` in the config: files (relative to the config file; a directory means every
    activity file in it) and inline entries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    files: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    entries: list[LogEntry] = Field(default_factory=list)
