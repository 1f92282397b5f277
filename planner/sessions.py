"""What each day holds besides distance: hip/core exercises, warm-up, cool-down and notes.

Prevention for lower-back and hip trouble: core and hip strength (clamshells, glute bridges,
dead bugs, ...), a dynamic warm-up before every run, static stretching after, and a
resistance-band routine on non-running days for athletes training above about 50 km / 30 mi a
week.
"""

from __future__ import annotations

HIP_CORE = ("clamshells", "glute bridges", "dead bugs", "bird dogs", "side planks", "band walks")
BAND_ROUTINE = ("banded clamshells", "banded glute bridges", "band walks", "banded monster walks")
EXERCISES_PER_SESSION = 3
WARMUP = ["leg swings", "hip openers"]
COOLDOWN = ["static stretching"]
HIGH_MILEAGE = {"km": 50.0, "mi": 30.0}

KIND_NOTES = {
    "long": "Keep it conversational. If your lower back starts to ache, slow down or walk a minute; "
    "stop if the pain turns sharp or runs down a leg.",
    "race": "Race day: start easy, warm up well, and enjoy it.",
}
FOAM_ROLLING = "Foam roll glutes, hips and lower back for 5-10 minutes after this run."


def strength_exercises(session_number: int, running: bool, peak_distance: float, units: str) -> list[str]:
    """Exercises for the n-th hip/core session of the plan (rotating through the list)."""
    if not running and peak_distance > HIGH_MILEAGE[units]:
        return list(BAND_ROUTINE)
    start = (session_number * EXERCISES_PER_SESSION) % len(HIP_CORE)
    return [HIP_CORE[(start + i) % len(HIP_CORE)] for i in range(EXERCISES_PER_SESSION)]


def day_notes(kind: str, pain_level: str, in_pain_weeks: bool) -> list[str]:
    notes = [KIND_NOTES[kind]] if kind in KIND_NOTES else []
    if kind != "rest" and kind != "race" and pain_level == "mild" and in_pain_weeks:
        notes.append(FOAM_ROLLING)
    if kind != "rest" and pain_level == "persistent" and in_pain_weeks:
        notes.append("Run only if the pain has settled; stop and rest if it returns during the run.")
    return notes
