"""acwr_max: for every planned day, acute / chronic workload <= 1.3 (default).

acute(d) = load summed over days d-6..d; chronic(d) = load summed over d-27..d divided by 4,
floored at the weekly load of start_floor at easy pace plus the weekly strength load. Days
before the planning day carry what was done (history loads spread evenly, or the log's).

The free days' part of each 7-day sum is one variable, and each 28-day sum is four of those.
acute <= r x max(chronic, floor) is one constraint where the fixed days alone lift chronic over
the floor, else a choice between the two. Fixed loads are rounded against the athlete (acute
up, chronic down), so the plan holds with exact arithmetic too. Where the past alone puts a day
over the cap, the planned days of its 7-day window rest (docs/replanning.md).

With `Window.lookahead`, the 6 days after the window must meet the cap at zero load of their
own: the whole plan implies it (more load there only raises their ratio, as the cap is under 4),
so a week solved on its own leaves the next one a way to go on.
"""

import math

from constraints.rule import Rule
from planner.instance import RPE, STRENGTH_RPE, scaled_down

RULE = Rule(
    name="acwr_max",
    summary="the acute:chronic load ratio stays at or below rules.acwr_max on every day",
    suggestion="your recent history already loads you above the cap; raise rules.acwr_max or start later",
)
SCALE = 100  # acwr_max in hundredths
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
MINUTES_PER_DAY = 1440


def _cap(inst) -> tuple[int, int]:
    """The cap scaled to an integer ratio, and the floor of 4 x chronic load scaled alike."""
    ratio = scaled_down(inst.config.rules.acwr_max, SCALE)
    return ratio, math.floor(ratio * 4 * inst.chronic_floor)


def build(m) -> None:
    ratio, floor = _cap(m.instance)
    for index, windows, resting in _checked_days(m):
        if resting is not None:
            m.rest_free_days(RULE.name, resting, _why_rest(m.instance))
            continue
        acute_fixed, acute_free = windows.acute(index)
        chronic_fixed, chronic_free = windows.chronic(index)
        if acute_free is None and isinstance(chronic_free, int):
            continue  # no free day in its 28 days: nothing here can change its ratio
        acute, chronic = _fixed_parts(ratio, acute_fixed, chronic_fixed)
        left = 4 * SCALE * (acute_free if acute_free is not None else 0) + acute
        if chronic >= floor:  # the fixed days alone lift chronic above the floor
            m.add(RULE.name, left <= ratio * chronic_free + chronic)
        else:
            m.at_most_max(RULE.name, left, [ratio * chronic_free + chronic, floor])


def _checked_days(m):
    """Each day the rule checks, with the model's rolling load sums and, where the load done
    before the planning day alone puts the day over the cap, the planned days that rest for it
    (else None)."""
    windows = _Windows(m)
    over = days_over_the_cap(m.instance)
    for index in _days(m):
        yield index, windows, (_resting_window(m.instance, index) if index in over else None)


def _fixed_parts(ratio: int, acute_fixed: float, chronic_fixed: float) -> tuple[int, int]:
    """The fixed days' acute load (x 4 x SCALE, rounded up) and chronic load (x the scaled cap,
    rounded down): integer sides of the ratio, erring towards the cap."""
    return math.ceil(4 * SCALE * acute_fixed - 1e-9), math.floor(ratio * chronic_fixed + 1e-9)


def days_over_the_cap(inst) -> frozenset[int]:
    """Planned days whose ratio the load done before the planning day (history, the log) alone
    puts over the cap: the planned days of their 7-day windows rest (docs/replanning.md)."""
    if "acwr_over" in inst.memo:
        return inst.memo["acwr_over"]
    ratio, floor = _cap(inst)
    first = inst.first
    over = set()
    for index in range(first, min(first + CHRONIC_DAYS, inst.days_total)):
        acute = sum(inst.rule_load(i) for i in range(index - ACUTE_DAYS + 1, first))
        chronic = sum(inst.rule_load(i) for i in range(index - CHRONIC_DAYS + 1, first))
        if 4 * SCALE * acute > max(ratio * chronic, floor) + 1e-6:
            over.add(index)
    inst.memo["acwr_over"] = frozenset(over)
    return inst.memo["acwr_over"]


def _why_rest(inst) -> str:
    days = sorted(resting_days(inst))
    first, last = inst.days[days[0]].date, inst.days[days[-1]].date
    when = f"{first}" if first == last else f"{first} to {last}"
    return (f"the load done before {inst.start_date} alone puts the first planned days over the load-ratio cap of "
            f"{inst.config.rules.acwr_max:g}: {when} are rest days")


def resting_days(inst) -> frozenset[int]:
    """The planned days that rest because of `days_over_the_cap`."""
    return frozenset(i for d in days_over_the_cap(inst) for i in _resting_window(inst, d))


def _resting_window(inst, index: int) -> range:
    """The planned days of the 7-day window ending on `index`: they rest when it is over the cap."""
    return range(max(inst.first, index - ACUTE_DAYS + 1), index + 1)


def holds(m, values: dict) -> bool:
    """Whether free days taking `values` (day index -> FixedDay) keep every day the model
    checks within the cap, in the same integer arithmetic as `build` (so a solution of the
    model without this rule that passes is a solution with it)."""
    ratio, floor = _cap(m.instance)
    for index, windows, resting in _checked_days(m):
        if resting is not None:
            if any(values[i].rest == 0 for i in resting if i in values):
                return False
            continue
        acute, chronic = _fixed_parts(ratio, windows.fixed_acute(index), windows.fixed_chronic(index))
        acute_free = sum(values[i].load for i in range(index - ACUTE_DAYS + 1, index + 1) if i in values)
        chronic_free = sum(values[i].load for i in range(index - CHRONIC_DAYS + 1, index + 1) if i in values)
        if 4 * SCALE * acute_free + acute > max(ratio * chronic_free + chronic, floor):
            return False
    return True


def _days(m) -> list[int]:
    """The checked days, and with a look-ahead the 6 days after the window."""
    days = list(m.checked_days)
    if m.window.lookahead and days:
        last = days[-1]
        days += range(last + 1, min(last + ACUTE_DAYS, m.instance.days_total))
    return days


class _Windows:
    """Fixed and free parts of the rolling load sums (days after the window count as zero)."""

    def __init__(self, m):
        self.m = m
        strength = STRENGTH_RPE * m.instance.config.strength.minutes
        self.most = ACUTE_DAYS * (max(RPE.values()) * MINUTES_PER_DAY + strength)
        self.free_sums: dict[int, object] = {}
        self.fixed_sums: dict[int, float] = {}

    def _fixed_load(self, index: int) -> float:
        m = self.m
        if m.is_free(index) or not m.known(index):
            return 0.0
        return m.load(index)

    def fixed_acute(self, index: int) -> float:
        if index not in self.fixed_sums:
            self.fixed_sums[index] = sum(self._fixed_load(i) for i in range(index - ACUTE_DAYS + 1, index + 1))
        return self.fixed_sums[index]

    def fixed_chronic(self, index: int) -> float:
        return sum(self.fixed_acute(end) for end in range(index, index - CHRONIC_DAYS, -ACUTE_DAYS))

    def acute(self, index: int):
        return self.fixed_acute(index), self._free_sum(index)

    def chronic(self, index: int):
        ends = range(index, index - CHRONIC_DAYS, -ACUTE_DAYS)
        free = [s for s in (self._free_sum(end) for end in ends) if s is not None]
        return self.fixed_chronic(index), sum(free) if free else 0

    def _free_sum(self, end: int):
        """The free days' load over end-6..end as one variable (None without a free day)."""
        if end not in self.free_sums:
            loads = [self.m.load(i) for i in range(end - ACUTE_DAYS + 1, end + 1) if self.m.is_free(i)]
            if not loads:
                self.free_sums[end] = None
            else:
                total = self.m.int_var(0, self.most)
                self.m.cp.add(total == sum(loads))
                self.free_sums[end] = total
        return self.free_sums[end]
