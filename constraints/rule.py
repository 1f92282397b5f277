"""What each rule declares about itself, in one place (its module's `RULE`).

The model core, the conflict search, the limits reading, the week capacities and the CLI all
take their rule lists from these declarations (see `constraints.ALL`), so adding a rule means
writing its module, its test and its validator check, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A hard rule of the plan (docs/rules.md has the full text of each).

    name: the rule's name in the plan JSON's explanations and the validator's reports.
    summary: the rule in one line, as a runner would read it.
    suggestion: what to change in the config when the rule takes part in a conflict.
    relaxable: whether the conflict search may try the plan without it (the definitions a plan
        cannot do without, such as a run's minutes following its distance, are not).
    chosen_none: the config's field that, at 0, means the runner asked for none of what the
        rule limits (quality runs); the rule then never counts as a conflict or a limit, since
        "lower it" cannot be the fix.
    within_week: with every day before a week at rest, the rule is no stricter on that week
        than with any real past (it concerns the week's own days, or earlier days only through
        the runs and sessions they hold), so it belongs in the one-week capacity models that
        bound each week's distance.
    """

    name: str
    summary: str
    suggestion: str
    relaxable: bool = True
    within_week: bool = False
    chosen_none: str | None = None

    def relaxable_for(self, config) -> bool:
        """Whether this config's plan may be tried without the rule (conflicts, limits)."""
        return self.relaxable and not (self.chosen_none is not None and getattr(config, self.chosen_none) == 0)


@dataclass(frozen=True)
class Cap:
    """A rule's cap on one week's training distance: scale x distance <= max(options).

    Options are integers or model variables (the weeks before it), so one definition serves
    the model (`PlanModel.cap_week`), the closed-form weekly bound (each option evaluated at the
    bounds of the weeks before) and the long-run exemption for weeks whose caps leave no room
    for three runs."""

    options: tuple
    scale: int = 1

    def value(self) -> int:
        """The cap in tenths, rounded down, when every option is a number."""
        return max(self.options) // self.scale
