"""Claim by claim: what each claim of the source articles does to the outcomes.

For every claim C1-C12 of the brief whose mechanisms a scenario contains, one experiment: switch
the claim's mechanism off, or move one of its parameters across its range, and compare an outcome
under one strategy on common random numbers (same seed, same runs; named random streams keep
every other mechanism's draws unchanged). Each result is one sentence with the numbers and a small
figure in the report, and a record in ``summary.json``.

The catalogue is data: a claim is skipped when the scenario lacks its mechanism, strategy or
outcome, so the same code serves any case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from stratagem.distributions import Distribution, Fixed
from stratagem.scenario.model import Scenario

#: The claims of the brief (BRIEF.md §2), as the report quotes them.
CLAIM_TEXT = {
    "C1": "North Korea has no demonstrated capability to reach the United States, "
    "much less land with real accuracy (2013).",
    "C2": "US interceptors are 'not always successful' (8 hits in 15 tests by April 2013).",
    "C3": "China sees US missile defense as encirclement: a cut-back is worth more to China "
    "than to North Korea.",
    "C4": "The linkage offer gives China an incentive to pressure North Korea.",
    "C5": "China has sticks the US lacks: withholding aid and curbing cross-border trade.",
    "C6": "The usual cycle: provocation, reward, short-lived good behaviour, provocation.",
    "C7": "China may not follow through: supporting North Korea is its least-bad option.",
    "C8": "Even severe punishment may not change Pyongyang's calculus.",
    "C9": "High-level talks, even in bad faith, can slow the nuclear and missile programs.",
    "C10": "Sanctions take time to bite: about three years for Iran.",
    "C11": "Sanctions, defenses and covert operations are what can resolve the crisis.",
    "C12": "North Korea is unlikely to make meaningful nuclear concessions.",
}

Statistic = Literal["median", "mean", "p_event"]


@dataclass(frozen=True)
class Variant:
    """One way of changing the scenario for a claim's experiment."""

    label: str
    apply: Callable[[Scenario], Scenario]


@dataclass(frozen=True)
class ClaimExperiment:
    """How a claim is tested in the report."""

    claim: str
    mechanisms: tuple[str, ...]
    strategy: str
    outcome: str
    statistic: Statistic
    variants: tuple[Variant, ...]
    sentence: str
    reference_label: str = "as specified"
    extra_strategies: tuple[str, ...] = field(default=())
    #: Used instead when the median time is beyond the horizon in the reference run: the share
    #: of runs in which the event happens carries the information then.
    fallback_sentence: str | None = None


def parameter_range(distribution: Distribution) -> tuple[float, float]:
    """A low and a high value spanning a parameter's uncertainty.

    Bounds for bounded distributions, the 10th and 90th percentiles otherwise, and half and
    one-and-a-half times a fixed value.

    >>> from stratagem.distributions import Uniform
    >>> parameter_range(Uniform(distribution="uniform", low=0.2, high=0.6))
    (0.2, 0.6)
    """
    d = distribution.model_dump()
    kind = d["distribution"]
    if kind in ("uniform", "triangular", "truncated_normal"):
        return float(d["low"]), float(d["high"])
    if kind == "categorical":
        return float(min(d["values"])), float(max(d["values"]))
    if kind == "fixed":
        value = float(d["value"])
        return 0.5 * value, 1.5 * value
    samples = distribution.sample(np.random.default_rng(20260101), 20_000)
    low, high = np.quantile(samples, [0.1, 0.9])
    return float(low), float(high)


def _set(mechanism: str, parameter: str, value: float) -> Callable[[Scenario], Scenario]:
    def apply(scenario: Scenario) -> Scenario:
        return scenario.with_value(
            mechanism, parameter, Fixed(value=value), note="claim experiment"
        )

    return apply


def _sweep(
    scenario: Scenario, mechanism: str, parameter: str, fmt: str = "{:.3g}", name: str | None = None
) -> tuple[Variant, ...]:
    low, high = parameter_range(scenario.parameters[(mechanism, parameter)].distribution)
    label = name or parameter.replace("_", " ")
    return (
        Variant(f"{label} = {fmt.format(low)}", _set(mechanism, parameter, low)),
        Variant(f"{label} = {fmt.format(high)}", _set(mechanism, parameter, high)),
    )


def _off(*mechanisms: str) -> Variant:
    return Variant(
        f"{' and '.join(mechanisms)} switched off",
        lambda s: s.without(*[m for m in mechanisms if m in {x.name for x in s.mechanisms}]),
    )


def catalogue(scenario: Scenario) -> list[ClaimExperiment]:
    """The experiments that apply to ``scenario`` (claims whose ingredients it has)."""
    enabled = {m.name for m in scenario.mechanisms}
    strategies = set(scenario.strategies)
    outcomes = set(scenario.outcomes)
    baseline = scenario.baseline
    headline = scenario.document.headline

    def have(
        mechanisms: Sequence[str],
        strategy: str,
        outcome: str,
        params: Sequence[tuple[str, str]] = (),
    ) -> bool:
        return (
            set(mechanisms) <= enabled
            and strategy in strategies
            and outcome in outcomes
            and all(p in scenario.parameters for p in params)
        )

    out: list[ClaimExperiment] = []
    if have(
        ["missile_accuracy"],
        baseline,
        headline,
        [("missile_accuracy", "reentry_demonstration_probability")],
    ):
        out.append(
            ClaimExperiment(
                "C1",
                ("missile_accuracy",),
                baseline,
                headline,
                "median",
                _sweep(
                    scenario,
                    "missile_accuracy",
                    "reentry_demonstration_probability",
                    name="P(re-entry shown per ICBM success)",
                ),
                "Reach alone is not a threat: under {strategy}, the median {outcome} is {ref} "
                "{unit} as specified, {v0} if each successful ICBM test shows a working re-entry "
                "vehicle less often and {v1} if more often.",
            )
        )
    if have(
        ["missile_defense"], baseline, "zero_leaker_probability", [("missile_defense", "sspk")]
    ):
        out.append(
            ClaimExperiment(
                "C2",
                ("missile_defense",),
                baseline,
                "zero_leaker_probability",
                "mean",
                _sweep(scenario, "missile_defense", "sspk", "{:.2f}", name="interceptor SSPK"),
                "Interceptors are not always successful: the mean probability of stopping every "
                "warhead at the horizon under {strategy} is {ref} with the test record's SSPK, "
                "{v0} with a poor interceptor and {v1} with a good one.",
            )
        )
    if have(["china_threat_perception", "linkage_offer"], "linkage_2013", "china_pressure"):
        out.append(
            ClaimExperiment(
                "C3",
                ("china_threat_perception",),
                "linkage_2013",
                "china_pressure",
                "mean",
                (_off("china_threat_perception"),),
                "Missile defense worries China more than North Korea: under {strategy}, China "
                "curbs {ref} of its trade with North Korea on average, and {v0} if its perceived "
                "threat "
                "stayed at its April 2013 level.",
            )
        )
    if have(["linkage_offer", "china_pressure"], "linkage_2013", "china_pressure"):
        out.append(
            ClaimExperiment(
                "C4",
                ("linkage_offer",),
                "linkage_2013",
                "china_pressure",
                "mean",
                (_off("linkage_offer"),),
                "The offer moves China: under {strategy}, China curbs {ref} of its trade with "
                "North Korea on average, against {v0} when the offer carries no weight.",
            )
        )
    if have(["china_pressure"], "linkage_2013", "economic_pain"):
        out.append(
            ClaimExperiment(
                "C5",
                ("china_pressure",),
                "linkage_2013",
                "economic_pain",
                "mean",
                (_off("china_pressure"),),
                "China holds the sticks: under {strategy}, North Korea loses {ref} of its external "
                "income on average, and {v0} if China never curbs trade.",
            )
        )
    if have(
        ["provocation_cycle"],
        "provocation_reward",
        "provocations",
        [("provocation_cycle", "reward_reinforcement")],
    ):
        out.append(
            ClaimExperiment(
                "C6",
                ("provocation_cycle",),
                "provocation_reward",
                "provocations",
                "mean",
                _sweep(
                    scenario,
                    "provocation_cycle",
                    "reward_reinforcement",
                    "{:.2f}",
                    name="lesson per reward",
                ),
                "Rewards buy short-lived calm but teach that provoking pays: under {strategy}, "
                "{ref} provocations over the horizon on average, {v0} if rewards teach nothing and "
                "{v1} if they teach the most.",
            )
        )
    if have(
        ["china_pressure"],
        "linkage_2013",
        "china_pressure",
        [("china_pressure", "belief_freeze_given_pressure")],
    ):
        out.append(
            ClaimExperiment(
                "C7",
                ("china_pressure",),
                "linkage_2013",
                "china_pressure",
                "mean",
                _sweep(
                    scenario,
                    "china_pressure",
                    "belief_freeze_given_pressure",
                    "{:.2f}",
                    name="China's P(freeze | pressure)",
                ),
                "China may not follow through: even with the offer, it curbs {ref} of its trade "
                "on average under {strategy}; {v0} if it doubts pressure works and {v1} if it "
                "believes it does.",
            )
        )
    freeze = next(
        (o for o in ("months_to_freeze", "months_to_interim_deal") if o in outcomes), None
    )
    pressure_strategy = "maximum_pressure" if "maximum_pressure" in strategies else baseline
    if freeze and have(
        ["hardship_tolerance", "concession"],
        pressure_strategy,
        freeze,
        [("hardship_tolerance", "initial_resolve")],
    ):
        out.append(
            ClaimExperiment(
                "C8",
                ("hardship_tolerance",),
                pressure_strategy,
                freeze,
                "p_event",
                _sweep(scenario, "hardship_tolerance", "initial_resolve", "{:.2f}", name="resolve"),
                "Severe pressure may not change the calculus: under {strategy}, {ref} of runs see "
                "a freeze within the horizon; {v0} with the least resolve in the range and {v1} "
                "with the most.",
            )
        )
    if have(["talks"], "bad_faith_talks_2017", headline):
        out.append(
            ClaimExperiment(
                "C9",
                ("talks",),
                "bad_faith_talks_2017",
                headline,
                "median",
                (_off("talks"),),
                "Talks buy time even in bad faith: under {strategy}, the median {outcome} is {ref} "
                "{unit}, against {v0} if the talks never slowed anything.",
            )
        )
    if freeze and have(
        ["sanctions"], pressure_strategy, freeze, [("sanctions", "bite_time_constant_months")]
    ):
        out.append(
            ClaimExperiment(
                "C10",
                ("sanctions",),
                pressure_strategy,
                freeze,
                "median",
                _sweep(
                    scenario,
                    "sanctions",
                    "bite_time_constant_months",
                    "{:.0f}",
                    name="bite time constant (months)",
                ),
                "Sanctions take time: under {strategy}, the median {outcome} is {ref} {unit}; "
                "{v0} if they bite fastest and {v1} if slowest.",
                fallback_sentence="Sanctions take time: under {strategy}, {ref} of runs see "
                "a freeze within the horizon; {v0} if sanctions bite fastest and {v1} if "
                "slowest.",
            )
        )
    if have(["sanctions", "covert_and_defense"], "maximum_pressure", headline):
        out.append(
            ClaimExperiment(
                "C11",
                ("sanctions", "covert_and_defense"),
                "maximum_pressure",
                headline,
                "median",
                (_off("sanctions", "covert_and_defense"),),
                "Sanctions, defenses and covert action are what works: under {strategy}, the "
                "median {outcome} is {ref} {unit}, and {v0} without sanctions and covert action.",
            )
        )
    if freeze and have(["concession"], baseline, freeze):
        out.append(
            ClaimExperiment(
                "C12",
                ("concession",),
                baseline,
                freeze,
                "p_event",
                (),
                "Meaningful concessions are unlikely: across strategies, the share of runs with "
                "even a freeze by the horizon ranges from {low} to {high}.",
                extra_strategies=tuple(s for s in scenario.strategy_names() if s != baseline),
            )
        )
    return out


@dataclass(frozen=True)
class ClaimResult:
    """The numbers behind one claim sentence."""

    claim: str
    text: str
    mechanisms: tuple[str, ...]
    strategy: str
    outcome: str
    unit: str
    statistic: str
    rows: list[dict[str, Any]]
    sentence: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for ``summary.json``."""
        return {
            "claim": self.claim,
            "text": self.text,
            "mechanisms": list(self.mechanisms),
            "strategy": self.strategy,
            "outcome": self.outcome,
            "unit": self.unit,
            "statistic": self.statistic,
            "rows": self.rows,
            "sentence": self.sentence,
        }


def format_number(value: float, unit: str = "", statistic: str = "") -> str:
    """How the report writes a number.

    >>> format_number(0.4321, "probability"), format_number(46.0, "months")
    ('0.43', '46')
    >>> format_number(0.25, "", "p_event"), format_number(float("inf"), "months")
    ('25%', 'never')
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "n/a"
    if np.isinf(value):
        return "never" if value > 0 else "-inf"
    if statistic == "p_event":
        return f"{value:.0%}"
    if unit.startswith("fraction"):
        return f"{value:.0%}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10 or value == round(value):
        return f"{value:.0f}"
    return f"{value:.2f}"
