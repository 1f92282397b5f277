"""Which activity types are runs: every source spells them its own way.

Strava writes "Run", "Trail Run" or "VirtualRun", intervals.icu "TrailRun", FIT files
"running" with a sub-sport such as "treadmill", TCX "Running", GPX whatever the exporting app
chose. The type is split into lower-case words (at punctuation and camel-case humps) and
matched word by word, so "Rowing" is not a run and "trail_running" is. Anything that is not
a run is cross-training (docs/log.md), a watch's "Strength" activity too: the planner cannot
tell a hip/core routine from an hour of heavy lifting, so only a session logged as `strength`
(an entry, or a row of the planner's own CSV) counts as a hip/core session.
"""

from __future__ import annotations

import re

RUN_WORDS = frozenset({"run", "running", "treadmill", "jog", "jogging"})
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def words(sport: str) -> list[str]:
    """ "TrailRun" -> ["trail", "run"]; "running/treadmill" -> ["running", "treadmill"]."""
    return [word.lower() for word in _WORD.findall(sport)]


def classify(sport: str | None, default: str = "cross") -> str:
    """The session kind for an activity type: "run" or "cross" (`default` when the source names
    no type)."""
    if sport is None or not sport.strip():
        return default
    return "run" if set(words(sport)) & RUN_WORDS else "cross"
