"""Training paces for quality sessions: from a recent race, or else from the easy pace.

Daniels and Gilbert's formulas, the basis of the VDOT tables runners use: running at v
metres a minute costs VO2(v) = -4.60 + 0.182258 v + 0.000104 v^2 (ml/kg/min), and a race of
t minutes is run at the share F(t) = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)
of VO2max. A race of d metres in t minutes gives VDOT = VO2(d / t) / F(t). Training paces are
the speeds where VO2(v) is a share of VDOT: threshold ("tempo") 88 %, interval 97.5 %, easy
70 %; a race pace is the pace of the race-equivalent time at that VDOT (the time where the
same formula gives the same VDOT), marathon pace that of 42.195 km.

Without `athlete.recent_race` the VDOT is read off the easy pace, taken as the fast end of
easy effort (70 %): real easy running is often slower, so paces from it err on the gentle side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.units import METRES_PER_UNIT

if TYPE_CHECKING:
    from planner.config import AthleteConfig

MARATHON_METRES = 42195.0
EASY_SHARE, THRESHOLD_SHARE, INTERVAL_SHARE = 0.70, 0.88, 0.975


def oxygen_cost(metres_per_minute: float) -> float:
    """VO2 (ml/kg/min) of running at this speed."""
    v = metres_per_minute
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def speed_at(oxygen: float) -> float:
    """The speed (metres a minute) whose oxygen cost is `oxygen`: oxygen_cost inverted."""
    a, b, c = 0.000104, 0.182258, -4.60 - oxygen
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def race_share(minutes: float) -> float:
    """The share of VO2max a race lasting this long is run at."""
    return 0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)


def vdot(metres: float, seconds: float) -> float:
    """The VDOT of a race of `metres` run in `seconds`."""
    minutes = seconds / 60
    return oxygen_cost(metres / minutes) / race_share(minutes)


def race_seconds(metres: float, fitness: float) -> float:
    """The time a runner of VDOT `fitness` would race `metres` in (bisection: a slower time
    always gives a lower VDOT)."""
    fast, slow = metres / 600 * 60, metres / 40 * 60  # 36 km/h to 2.4 km/h, in seconds
    for _ in range(60):
        middle = (fast + slow) / 2
        fast, slow = (middle, slow) if vdot(metres, middle) > fitness else (fast, middle)
    return (fast + slow) / 2


@dataclass(frozen=True)
class Paces:
    """Seconds per unit for each kind of running, and where they came from."""

    units: str
    easy: int        # the athlete's own easy pace (warm-ups, cool-downs, recoveries)
    marathon: int    # steady: progression runs
    tempo: int       # threshold: tempo runs and cruise intervals
    interval: int    # VO2max: intervals
    fitness: float   # the VDOT the paces were derived from
    source: str      # "your easy pace of 6:00/km" or "your 10 km in 48:30"

    def race(self, distance: float) -> int:
        """Race pace for `distance` (in the athlete's unit) at this fitness."""
        metres = distance * METRES_PER_UNIT[self.units]
        return round(race_seconds(metres, self.fitness) / distance)


def training_paces(config: "AthleteConfig") -> Paces:
    """The athlete's training paces: from `athlete.recent_race` when given, else from the easy pace."""
    from planner.config import parse_duration

    units, easy = config.units, config.pace_seconds
    metres_per_unit = METRES_PER_UNIT[units]
    race = config.athlete.recent_race
    if race is not None:
        fitness = vdot(race.distance * metres_per_unit, parse_duration(race.time))
        source = f"your {race.distance:g} {units} in {race.time}"
    else:
        fitness = oxygen_cost(metres_per_unit / (easy / 60)) / EASY_SHARE
        source = f"your easy pace of {pace_text(easy, units)}"

    def at(share: float) -> int:
        return round(metres_per_unit / speed_at(share * fitness) * 60)

    marathon = round(race_seconds(MARATHON_METRES, fitness) / (MARATHON_METRES / metres_per_unit))
    return Paces(units=units, easy=easy, marathon=marathon, tempo=at(THRESHOLD_SHARE), interval=at(INTERVAL_SHARE),
                 fitness=round(fitness, 1), source=source)


def pace_text(seconds: int, units: str) -> str:
    """Seconds per unit as a runner reads a pace: 300 -> "5:00/km"."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}/{units}"
