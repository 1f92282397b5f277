"""Quality sessions a runner can follow: each quality run of a plan as a named workout.

The solver plans a quality run's minutes; this module says what to do in them: an easy
warm-up, the work (a tempo run or cruise intervals, intervals, or a progression run, in turn
through the plan) at paces from planner.paces, easy jogs between repetitions, and an easy
cool-down. The parts add up to the run's minutes. A workout needs at least 10 minutes of
warm-up, 10 of work and 5 of cool-down; a shorter quality run is a short tempo (from 20
minutes) or an easy run with strides. Race week keeps only a sharpener: mostly easy running
with a few one-minute pick-ups at race pace (or strides), never a long tempo before a race.
This is text for the athlete; the plan's minutes, distances and loads are the solver's.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from planner.paces import Paces, pace_text
from planner.schema import Workout, WorkoutStep

WARMUP_LEAST, WORK_LEAST, COOLDOWN_LEAST = 10, 10, 5
WORKOUT_LEAST = WARMUP_LEAST + WORK_LEAST + COOLDOWN_LEAST  # 25 minutes
SHORT_TEMPO_LEAST = WARMUP_LEAST + 5 + COOLDOWN_LEAST  # 20 minutes: a short tempo holds 5 minutes of work
WARMUP_MOST, COOLDOWN_MOST = 20, 10  # before any minutes the work leaves over
TEMPO_CONTINUOUS_MOST = 25  # a longer tempo is split into cruise intervals (10 min, 2 min jog, at most 4)
STRIDE, STRIDE_JOG = 0.5, 1.5  # minutes: 30 s strides, 90 s easy jog back
EFFORT = {
    "tempo": "comfortably hard, about the pace you could race for an hour",
    "interval": "hard but controlled, about your 3-5 km race pace",
    "marathon": "steady, about marathon pace",
    "race": "the pace you aim to race at, relaxed: the rest of race week stays easy",
}

Session = tuple[str, list[WorkoutStep]]  # a workout's name and its steps


def quality_workout(minutes: int, number: int, paces: Paces, race_distance: float | None = None) -> Workout:
    """The workout of a quality run of `minutes`: the `number`-th of the plan (0 first) picks
    tempo, intervals or progression in turn; `race_distance` (in race week) makes it a sharpener."""
    if race_distance is not None:
        name, steps = race_week_sharpener(minutes, paces, race_distance)
    elif minutes >= WORKOUT_LEAST:
        name, steps = framed(minutes, paces, ROTATION[number % len(ROTATION)](paces))
    elif minutes >= SHORT_TEMPO_LEAST:
        name, steps = short_tempo(minutes, paces)
    else:
        name, steps = strides_run(minutes, paces)
    return Workout(name=name, minutes=minutes, steps=steps, paces_from=paces.source)


def workout_text(workout: Workout) -> str:
    """The workout as one note: "Tempo run (45 min): 10 min easy warm-up at 6:00/km; ...". """
    steps = "; ".join(step.text for step in workout.steps)
    return f"{workout.name[0].upper()}{workout.name[1:]} ({workout.minutes} min): {steps}. Paces from {workout.paces_from}."


# ---- the frame: warm-up, work, cool-down --------------------------------------------------------

def framed(minutes: int, paces: Paces, work: Callable[[int], Session]) -> Session:
    """A workout of `minutes`: an easy warm-up (a fifth, 10 to 20 min), the work `work` makes of
    what is left after a cool-down (an eighth, 5 to 10 min), and the minutes the work leaves
    over shared between warm-up and cool-down, so that the parts add up to `minutes`."""
    warm = min(max(round(minutes * 0.2), WARMUP_LEAST), WARMUP_MOST)
    cool = min(max(round(minutes * 0.12), COOLDOWN_LEAST), COOLDOWN_MOST)
    name, steps = work(minutes - warm - cool)
    left = minutes - warm - cool - sum(step.minutes for step in steps)
    warm, cool = warm + math.ceil(left / 2), cool + left - math.ceil(left / 2)
    return name, [easy("warm-up", warm, paces), *steps, easy("cool-down", cool, paces)]


def easy(part: str, minutes: float, paces: Paces) -> WorkoutStep:
    easy_pace = pace_text(paces.easy, paces.units)
    return WorkoutStep(part=part, minutes=minutes, text=f"{duration(minutes)} easy {part} at {easy_pace}", pace=easy_pace)


def continuous(minutes: float, seconds: int, effort: str, paces: Paces) -> WorkoutStep:
    """Work at one pace without a break."""
    pace = pace_text(seconds, paces.units)
    return WorkoutStep(part="work", minutes=minutes, pace=pace,
                       text=f"{duration(minutes)} at {effort} pace {pace} ({EFFORT[effort]})")


def repeated(count: int, rep: float, recovery: float, seconds: int, effort: str, paces: Paces) -> WorkoutStep:
    """`count` repetitions of `rep` minutes with `recovery` minutes of easy jogging between them."""
    pace = pace_text(seconds, paces.units)
    return WorkoutStep(part="work", minutes=count * rep + (count - 1) * recovery, pace=pace, repeats=count,
                       rep_minutes=rep, recovery_minutes=recovery,
                       text=f"{count} x {duration(rep)} at {effort} pace {pace} ({EFFORT[effort]}), "
                            f"{duration(recovery)} easy jog between")


def repetitions(work: int, rep: int, recovery: int, most: int) -> int:
    """How many repetitions of `rep` minutes with `recovery` between fit in `work` (1 to `most`)."""
    return max(1, min(most, (work + recovery) // (rep + recovery)))


# ---- the workouts -------------------------------------------------------------------------------

def tempo(paces: Paces) -> Callable[[int], Session]:
    """Up to 25 minutes at tempo pace in one go; more as cruise intervals (10 min, 2 min jog)."""
    def work(minutes: int) -> Session:
        if minutes <= TEMPO_CONTINUOUS_MOST:
            return "tempo run", [continuous(minutes, paces.tempo, "tempo", paces)]
        count = repetitions(minutes, 10, 2, most=4)
        return "cruise intervals", [repeated(count, 10, 2, paces.tempo, "tempo", paces)]
    return work


def intervals(paces: Paces) -> Callable[[int], Session]:
    """3-minute intervals with 2 minutes' jog (at most 6); under 15 minutes of work, 2-minute ones
    (3 or 4 of them: 10 minutes or more of work in all)."""
    def work(minutes: int) -> Session:
        rep, recovery, most = (3, 2, 6) if minutes >= 15 else (2, 2, 4)
        count = repetitions(minutes, rep, recovery, most)
        return "intervals", [repeated(count, rep, recovery, paces.interval, "interval", paces)]
    return work


def progression(paces: Paces) -> Callable[[int], Session]:
    """Steady at marathon pace (at most 30 min), then the last third at tempo pace (at most 15)."""
    def work(minutes: int) -> Session:
        fast = min(15, max(1, minutes // 3))
        steady = min(30, minutes - fast)
        return "progression run", [continuous(steady, paces.marathon, "marathon", paces),
                                   continuous(fast, paces.tempo, "tempo", paces)]
    return work


ROTATION = (tempo, intervals, progression)


def short_tempo(minutes: int, paces: Paces) -> Session:
    """A quality run of 20 to 24 minutes: 10 easy, the rest but 5 at tempo pace, 5 easy."""
    work = minutes - WARMUP_LEAST - COOLDOWN_LEAST
    return "short tempo", [easy("warm-up", WARMUP_LEAST, paces), continuous(work, paces.tempo, "tempo", paces),
                           easy("cool-down", COOLDOWN_LEAST, paces)]


def strides_run(minutes: int, paces: Paces) -> Session:
    """A run too short for a workout: easy, with up to six 30-second strides after 8 minutes or
    more of warm-up (with too little room even for two, an easy run)."""
    count = min(6, int((minutes - 10 + STRIDE_JOG) // (STRIDE + STRIDE_JOG)))
    if count < 2:
        return "easy run", [easy("run", minutes, paces)]
    block = count * STRIDE + (count - 1) * STRIDE_JOG
    warm = math.floor(minutes - block) - 2
    strides = WorkoutStep(part="work", minutes=block, repeats=count, rep_minutes=STRIDE, recovery_minutes=STRIDE_JOG,
                          text=f"{count} x {duration(STRIDE)} strides (quick and relaxed, not a sprint), "
                               f"{duration(STRIDE_JOG)} easy jog between")
    return "easy run with strides", [easy("warm-up", warm, paces), strides, easy("cool-down", minutes - warm - block, paces)]


def race_week_sharpener(minutes: int, paces: Paces, race_distance: float) -> Session:
    """Race week: easy running with four one-minute pick-ups at race pace (2 min jog between);
    a run too short for that has strides. Nothing long or hard before the race."""
    def work(work_minutes: int) -> Session:
        count = repetitions(work_minutes, 1, 2, most=4)
        return "race-week sharpener", [repeated(count, 1, 2, paces.race(race_distance), "race", paces)]

    if minutes < WORKOUT_LEAST:
        name, steps = strides_run(minutes, paces)
        return ("race-week strides" if name != "easy run" else name), steps
    return framed(minutes, paces, work)


def duration(minutes: float) -> str:
    """Minutes as a runner reads them: 10 -> "10 min", 0.5 -> "30 s", 2.5 -> "2 min 30 s"."""
    whole, seconds = int(minutes), round((minutes - int(minutes)) * 60)
    if not whole:
        return f"{seconds} s"
    return f"{whole} min {seconds} s" if seconds else f"{whole} min"
