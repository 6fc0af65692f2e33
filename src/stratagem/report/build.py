"""Build the analyst's report: one self-contained HTML file and ``summary.json``.

The report reads a results directory (:class:`~stratagem.store.results.Results`), reloads the exact
scenario that was run (``scenario.yaml`` beside the results), runs the claim experiments on common
random numbers, and renders the Jinja2 template ``templates/report.html.j2`` with Plotly's
JavaScript inlined, so the file opens offline with no network access.
"""

from __future__ import annotations

import html
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stratagem._version import __version__
from stratagem.engine.registry import registered_mechanisms
from stratagem.report import claims as claims_mod
from stratagem.report import figures as fig
from stratagem.report.settlements import (
    SettlementOutcome,
    freeze_outcome,
    settlement_experiment,
    settlement_strategy,
)
from stratagem.scenario.model import Scenario, load
from stratagem.store.results import Results

REPORT_FILE = "report.html"
SUMMARY_FILE = "summary.json"

#: Trajectory variables drawn as fan charts when recorded, with their titles.
FAN_VARIABLES: tuple[tuple[str, str], ...] = (
    ("demonstrated_range_km", "Demonstrated missile reach against the distance to US cities"),
    ("reach_toward_los_angeles_km", "Reach toward Los Angeles on the rotating Earth"),
    ("credible_icbm_threat", "Share of runs with a credible ICBM threat to the US mainland"),
    ("icbm_arsenal", "Deployed ICBMs"),
    ("warheads", "Nuclear warheads"),
    ("zero_leaker_probability", "Probability the homeland defense stops every ICBM warhead"),
    ("china_pressure", "China's pressure: share of China-DPRK trade curbed"),
    ("sanctions_bite", "Sanctions bite: share of external income removed"),
    ("economic_pain", "Economic pain: share of external income lost"),
    ("resolve", "The regime's resolve (pain at which it is even odds to bend)"),
    ("provocations", "Provocations, cumulative"),
    ("aid_paid_musd", "Aid paid, cumulative"),
    ("talks_active", "Share of runs with talks running"),
    ("program_frozen", "Share of runs with the program frozen"),
)
_CUMULATIVE = {"provocations", "aid_paid_musd"}

#: The solved games behind mechanisms (stratagem.games): mechanism, figure function, sentence.
GAME_FIGURES: tuple[tuple[str, str, str], ...] = (
    (
        "linkage_offer",
        "linkage_region_figure",
        "The triangular linkage game (game_theory.md M7): China pressures only where the offer's "
        "value to it, weighted by its belief that pressure brings a freeze, exceeds its costs; "
        "North Korea freezes only if it is the pliable type.",
    ),
    (
        "sanctions",
        "sanctions_selection_figure",
        "The sanctions threat game (M5, TIES structure): weak targets give in at the threat, so "
        "imposed sanctions fall on resolute targets and succeed less often (TIES: 43 % vs 33 %).",
    ),
    (
        "talks",
        "talks_figure",
        "The time-buying talks game (M6): talks buy time only while the program is far from the "
        "bomb; near it, the target races.",
    ),
    (
        "provocation_cycle",
        "provocation_figure",
        "The repeated provocation-concession game (M8): enough Chinese pressure on provocations "
        "ends the cycle.",
    ),
)


@dataclass
class _Figure:
    id: str
    json: str


class _Figures:
    def __init__(self) -> None:
        self.items: list[_Figure] = []

    def add(self, figure: Any) -> str:
        fid = f"fig-{len(self.items) + 1}"
        self.items.append(_Figure(fid, figure.to_json()))
        return fid


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def _num(value: float, key: str, unit: str = "", statistic: str = "") -> str:
    """A number in the text, tagged with where it comes from in ``summary.json``."""
    text = claims_mod.format_number(value, unit, statistic)
    return f'<span class="num" data-json="{html.escape(key)}">{html.escape(text)}</span>'


def _settlement_rows(
    outcomes: Sequence[SettlementOutcome], table: str, headline_unit: str
) -> list[dict[str, Any]]:
    """Cells of the report's settlement table, every number tagged with its summary.json key."""
    rows = []
    for i, r in enumerate(outcomes):
        key = f"settlements.{table}.rows.{i}"
        rows.append(
            {
                "model": r.model,
                "in_run": r.in_run,
                "settlement": _num(r.settlement, f"{key}.settlement"),
                "tests": _num(r.tests, f"{key}.tests", "fraction"),
                "production": _num(r.production, f"{key}.production", "fraction"),
                "dismantlement": _num(r.dismantlement, f"{key}.dismantlement", "fraction"),
                "p_freeze": _num(r.p_freeze, f"{key}.p_freeze", "", "p_event"),
                "headline": _num(r.headline_median, f"{key}.headline_median", headline_unit),
                "warheads": _num(r.warheads_mean, f"{key}.warheads_mean"),
            }
        )
    return rows


def _clean(value: Any) -> Any:
    """JSON-safe: infinities become the string 'inf', NaN becomes None."""
    if isinstance(value, float | np.floating):
        v = float(value)
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    return value


def _statistic(values: np.ndarray, statistic: str) -> float:
    if statistic == "p_event":
        return float(np.isfinite(values).mean())
    if statistic == "mean":
        return float(np.mean(np.where(np.isfinite(values), values, np.nan)))
    return float(np.quantile(values, 0.5, method="inverted_cdf"))


def run_claims(
    scenario: Scenario,
    *,
    runs: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> list[claims_mod.ClaimResult]:
    """Run every claim experiment that applies to ``scenario``, on common random numbers."""
    from stratagem.api import simulate

    experiments = claims_mod.catalogue(scenario)
    cache: dict[tuple[str, ...], Results] = {}

    def outcomes_of(variant: Scenario, key: tuple[str, ...], names: Sequence[str]) -> pd.DataFrame:
        if key not in cache:
            cache[key] = simulate(
                variant, strategies=list(names), runs=runs, seed=seed, trajectory_runs=0, workers=1
            )
        return cache[key].outcomes()

    results: list[claims_mod.ClaimResult] = []
    for done, experiment in enumerate(experiments, start=1):
        spec = scenario.outcomes[experiment.outcome]
        names = [experiment.strategy, *experiment.extra_strategies]
        reference = outcomes_of(scenario, ("reference", *names), names)
        base = reference.loc[reference["strategy"] == experiment.strategy, experiment.outcome]
        if (
            experiment.statistic == "median"
            and experiment.fallback_sentence is not None
            and np.isinf(np.quantile(base.to_numpy(), 0.5, method="inverted_cdf"))
        ):
            experiment = replace(
                experiment, statistic="p_event", sentence=experiment.fallback_sentence
            )
        rows: list[dict[str, Any]] = []

        def row(
            label: str,
            frame: pd.DataFrame,
            strategy: str,
            is_reference: bool,
            outcome: str = experiment.outcome,
            statistic: str = experiment.statistic,
            rows: list[dict[str, Any]] = rows,
        ) -> None:
            values = frame.loc[frame["strategy"] == strategy, outcome].to_numpy()
            q10, median, q90 = np.quantile(values, [0.1, 0.5, 0.9], method="inverted_cdf")
            rows.append(
                {
                    "label": label,
                    "strategy": strategy,
                    "reference": is_reference,
                    "value": _statistic(values, statistic),
                    "median": float(median),
                    "q10": float(q10),
                    "q90": float(q90),
                }
            )

        if experiment.extra_strategies:
            for strategy in names:
                row(strategy, reference, strategy, strategy == experiment.strategy)
        else:
            row(experiment.reference_label, reference, experiment.strategy, True)
            for variant in experiment.variants:
                frame = outcomes_of(
                    variant.apply(scenario),
                    (experiment.claim, variant.label),
                    [experiment.strategy],
                )
                row(variant.label, frame, experiment.strategy, False)
        results.append(
            claims_mod.ClaimResult(
                experiment.claim,
                claims_mod.CLAIM_TEXT[experiment.claim],
                experiment.mechanisms,
                experiment.strategy,
                experiment.outcome,
                spec.unit,
                experiment.statistic,
                rows,
                experiment.sentence,
            )
        )
        if progress:
            progress(done, len(experiments))
    return results


def _claim_sentence(result: claims_mod.ClaimResult, index: int) -> str:
    unit, stat = result.unit, result.statistic
    key = f"claims.{index}.rows"
    values = {
        "strategy": f"<b>{html.escape(result.strategy)}</b>",
        "outcome": html.escape(result.outcome.replace("_", " ")),
        "unit": html.escape(unit if stat != "p_event" else ""),
        "ref": _num(result.rows[0]["value"], f"{key}.0.value", unit, stat),
    }
    for i, row in enumerate(result.rows[1:], start=1):
        values[f"v{i - 1}"] = _num(row["value"], f"{key}.{i}.value", unit, stat)
    if result.claim == "C12":
        order = sorted(range(len(result.rows)), key=lambda i: result.rows[i]["value"])
        values["low"] = (
            _num(result.rows[order[0]]["value"], f"{key}.{order[0]}.value", unit, stat)
            + f" ({html.escape(result.rows[order[0]]['strategy'])})"
        )
        values["high"] = (
            _num(result.rows[order[-1]]["value"], f"{key}.{order[-1]}.value", unit, stat)
            + f" ({html.escape(result.rows[order[-1]]['strategy'])})"
        )
    return result.sentence.format(**values)


def build_report(
    results: Results | str | Path,
    *,
    claims: bool = True,
    claims_runs: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write ``report.html`` and ``summary.json`` into the results directory; return the HTML path.

    Parameters
    ----------
    results:
        A :class:`Results` object or the path of a results directory.
    claims:
        Run the claim-by-claim experiments (a few seconds).
    claims_runs:
        Runs per variant in the claim experiments (same seed as the results: common random
        numbers).
    progress:
        ``progress(done, total)`` callback over the claim experiments.
    """
    import jinja2

    started = time.perf_counter()
    res = results if isinstance(results, Results) else Results.open(results)
    scenario = load(res.path / "scenario.yaml")
    meta = scenario.document.metadata
    strategies = res.strategies
    colors = fig.strategy_colors(strategies)
    summary = res.summary()
    specs = res.outcome_specs
    horizon = res.horizon_months
    start = meta.start
    figures = _Figures()

    # -- summary.json -----------------------------------------------------------------------
    by_strategy: dict[str, dict[str, Any]] = {s: {} for s in strategies}
    for _, r in summary.iterrows():
        by_strategy[str(r["strategy"])][str(r["outcome"])] = {
            "unit": r["unit"],
            "mean": r["mean"],
            "median": r["median"],
            "q10": r["q10"],
            "q90": r["q90"],
            "p_event": r["p_event"],
        }
    headline = str(res.manifest["headline"])
    bought = res.time_bought() if res.baseline in strategies and len(strategies) > 1 else None
    time_bought = (
        {}
        if bought is None
        else {
            str(r["strategy"]): {
                "mean": r["mean"],
                "median": r["median"],
                "q10": r["q10"],
                "q90": r["q90"],
                "p_later": r["p_later"],
            }
            for _, r in bought.iterrows()
        }
    )
    claim_results = (
        run_claims(
            scenario,
            runs=min(claims_runs, max(res.runs, 200)),
            seed=int(res.manifest["seed"]["entropy"]),
            progress=progress,
        )
        if claims
        else []
    )

    # -- headline sentence ------------------------------------------------------------------
    base = by_strategy.get(res.baseline, {}).get(headline)
    headline_html = ""
    if base is not None:
        unit = specs[headline]["unit"]
        headline_html = (
            f"Under the baseline <b>{html.escape(res.baseline)}</b>, the median "
            f"{html.escape(headline.replace('_', ' '))} is "
            f"{_num(base['median'], f'outcomes.{res.baseline}.{headline}.median', unit)} {unit} "
            f"(80 % of runs between "
            f"{_num(base['q10'], f'outcomes.{res.baseline}.{headline}.q10', unit)} and "
            f"{_num(base['q90'], f'outcomes.{res.baseline}.{headline}.q90', unit)})."
        )
        others = {s: v for s, v in time_bought.items() if s != res.baseline}
        if others:
            better_later = specs[headline].get("better") != "lower"
            best = (max if better_later else min)(others, key=lambda s: others[s]["mean"])
            headline_html += (
                f" On paired runs, <b>{html.escape(best)}</b> moves it the most: "
                f"{_num(others[best]['mean'], f'time_bought.{best}.mean', 'months')} months "
                f"on average (10th-90th percentile "
                f"{_num(others[best]['q10'], f'time_bought.{best}.q10', 'months')} to "
                f"{_num(others[best]['q90'], f'time_bought.{best}.q90', 'months')})."
            )

    # -- strategy comparison ----------------------------------------------------------------
    outcomes_frame = res.outcomes()
    comparison = []
    for outcome, spec in specs.items():
        if spec["kind"] == "first_month":
            fid = figures.add(
                fig.event_curves(
                    outcomes_frame,
                    outcome,
                    strategies=strategies,
                    start=start,
                    horizon=horizon,
                    title=f"{outcome.replace('_', ' ').capitalize()}: share of runs by month",
                )
            )
        else:
            fid = figures.add(
                fig.interval_chart(
                    summary,
                    outcome,
                    strategies=strategies,
                    title=f"{outcome.replace('_', ' ').capitalize()}: median and 80 % interval",
                    unit=spec["unit"],
                )
            )
        cells = []
        for s in strategies:
            v = by_strategy[s][outcome]
            key = f"outcomes.{s}.{outcome}"
            text = (
                f"{_num(v['median'], key + '.median', spec['unit'])}<br>"
                f"<span class='interval'>[{_num(v['q10'], key + '.q10', spec['unit'])}"
                f"&ndash;{_num(v['q90'], key + '.q90', spec['unit'])}]</span>"
            )
            if v["p_event"] is not None and not pd.isna(v["p_event"]):
                text += (
                    f"<br><span class='interval'>"
                    f"{_num(v['p_event'], key + '.p_event', '', 'p_event')} happen</span>"
                )
            cells.append(text)
        comparison.append(
            {
                "name": outcome,
                "label": outcome.replace("_", " "),
                "unit": spec["unit"],
                "description": spec["description"],
                "cells": cells,
                "figure": fid,
            }
        )
    bought_fig = None
    if bought is not None and len(strategies) > 1:
        bought_fig = figures.add(
            fig.time_bought_chart(
                bought,
                strategies=strategies,
                title=f"Months gained on {headline.replace('_', ' ')} against {res.baseline}",
            )
        )

    # -- fan charts --------------------------------------------------------------------------
    recorded = list(res.manifest["trajectories"]["variables"])
    fans = []
    if recorded and res.manifest["trajectories"]["runs"]:
        traj = res.trajectories(recorded)
        traj = traj.sort_values(["strategy", "run", "month"])
        for variable, title in FAN_VARIABLES:
            if variable not in recorded:
                continue
            frame = traj
            if variable in _CUMULATIVE:
                frame = traj.assign(
                    **{variable: traj.groupby(["strategy", "run"])[variable].cumsum()}
                )
            unit = (
                scenario.initial_state[variable].unit if variable in scenario.initial_state else ""
            )
            flag = unit == "flag"
            lines = fig.CITY_DISTANCES_KM if variable == "demonstrated_range_km" else None
            fid = figures.add(
                fig.fan_chart(
                    frame,
                    variable,
                    strategies=strategies,
                    start=start,
                    title=title,
                    unit=unit,
                    share=flag,
                    reference_lines=lines,
                )
            )
            fans.append({"figure": fid, "title": title, "variable": variable})

    # -- claims ------------------------------------------------------------------------------
    claim_blocks = []
    for i, result in enumerate(claim_results):
        fid = figures.add(
            fig.variant_chart(
                result.rows,
                title=f"{result.claim}: {result.outcome.replace('_', ' ')} ({result.strategy})",
                unit=result.unit,
                statistic=result.statistic,
            )
        )
        claim_blocks.append(
            {
                "claim": result.claim,
                "text": result.text,
                "sentence": _claim_sentence(result, i),
                "figure": fid,
                "mechanisms": ", ".join(result.mechanisms),
            }
        )

    # -- assumptions -------------------------------------------------------------------------
    mechanisms = registered_mechanisms()
    assumptions = []
    for (mechanism, name), value in scenario.parameters.items():
        if mechanism in scenario.disabled:
            continue
        assumptions.append(
            {
                "mechanism": mechanism,
                "parameter": name,
                "value": value.distribution.describe(),
                "unit": value.unit,
                "description": value.description,
                "kind": "source" if value.source else "assumption",
                "provenance": value.source or value.assumption or "",
                "origin": value.origin,
            }
        )
    initial = [
        {
            "variable": name,
            "value": value.distribution.describe(),
            "unit": value.unit,
            "kind": "source" if value.source else "assumption",
            "provenance": value.source or value.assumption or "",
        }
        for name, value in scenario.initial_state.items()
        if value.origin == "scenario"
    ]
    mechanism_rows = [
        {
            "name": m.name,
            "summary": mechanisms[m.name].summary if m.name in mechanisms else "",
            "claims": ", ".join(mechanisms[m.name].claims) if m.name in mechanisms else "",
        }
        for m in scenario.mechanisms
    ]

    # -- the games behind the mechanisms ---------------------------------------------------
    from stratagem.games import plot as game_plots

    enabled = {m.name for m in scenario.mechanisms}
    games = []
    for mechanism, function, text in GAME_FIGURES:
        if mechanism not in enabled:
            continue
        figure = getattr(game_plots, function)()
        # The report's house style: height, title, legend under the plot, readable when narrow.
        figure.update_layout(
            height=460,
            template="plotly_white",
            font=fig._FONT,
            title={"x": 0.0, "xanchor": "left", "font": {"size": 14}},
            legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0.0},
            margin={"l": 60, "r": 20, "t": 60, "b": 60},
        )
        games.append({"figure": figures.add(figure), "text": text})

    # -- negotiation forecasts ---------------------------------------------------------------
    negotiations = []
    negotiation_json: dict[str, list[dict[str, Any]]] = {}
    settlement_json: dict[str, dict[str, Any]] = {}
    if scenario.document.negotiations:
        from stratagem.bargaining import compare_models, forecast_all, forecast_figure

        # The settlement experiments rerun the strategy most likely to reach a freeze (D41).
        freeze = freeze_outcome(scenario)
        strategy = settlement_strategy(
            scenario,
            {s: float(by_strategy[s][freeze]["p_event"]) if freeze else np.nan for s in strategies},
        )
        for table in scenario.document.negotiations:
            frame = compare_models(table)
            negotiation_json[table] = [
                {
                    "model": str(r["model"]),
                    "outcome": float(r["outcome"]),
                    "nearest_point": str(r["nearest_point"]),
                    "notes": str(r["notes"]),
                }
                for _, r in frame.iterrows()
            ]
            rows = [
                {
                    "model": entry["model"],
                    "outcome": _num(entry["outcome"], f"negotiations.{table}.{i}.outcome"),
                    "nearest": entry["nearest_point"],
                    "notes": entry["notes"],
                }
                for i, entry in enumerate(negotiation_json[table])
            ]
            figure = forecast_figure(list(forecast_all(table).values()))
            figure.update_layout(
                title={"text": f"Positions over rounds: {table}"},
                template="plotly_white",
                font=fig._FONT,
            )
            settlement_rows: list[dict[str, Any]] = []
            if claims:
                outcomes_run = settlement_experiment(
                    scenario,
                    table,
                    strategy=strategy,
                    runs=min(claims_runs, max(res.runs, 200)),
                    seed=int(res.manifest["seed"]["entropy"]),
                )
                settlement_json[table] = {
                    "strategy": strategy,
                    "rows": [r.as_dict() for r in outcomes_run],
                }
                settlement_rows = _settlement_rows(
                    outcomes_run, table, specs.get(headline, {}).get("unit", "")
                )
            negotiations.append(
                {
                    "table": table,
                    "rows": rows,
                    "figure": figures.add(figure),
                    "settlements": settlement_rows,
                    "strategy": strategy if settlement_rows else "",
                }
            )

    summary_json = _clean(
        {
            "stratagem_version": __version__,
            "scenario": {
                "name": meta.name,
                "title": meta.title,
                "start": start,
                "horizon_months": horizon,
            },
            "runs": res.runs,
            "seed": res.manifest["seed"]["entropy"],
            "strategies": strategies,
            "baseline": res.baseline,
            "headline": headline,
            "outcomes": by_strategy,
            "time_bought": time_bought,
            "claims": [c.as_dict() for c in claim_results],
            "negotiations": negotiation_json,
            "settlements": settlement_json,
        }
    )
    (res.path / SUMMARY_FILE).write_text(json.dumps(summary_json, indent=2), "utf-8")

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("stratagem.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    template = env.get_template("report.html.j2")
    css = (resources.files("stratagem.report") / "templates" / "report.css").read_text("utf-8")
    page = template.render(
        meta=meta,
        version=__version__,
        res=res,
        strategies=strategies,
        colors=colors,
        descriptions={n: s.description for n, s in scenario.strategies.items()},
        headline=headline_html,
        comparison=comparison,
        bought_figure=bought_fig,
        fans=fans,
        games=games,
        negotiations=negotiations,
        claims=claim_blocks,
        assumptions=assumptions,
        initial=initial,
        mechanisms=mechanism_rows,
        disabled=scenario.disabled,
        figures=figures.items,
        plotly_js=_plotly_js(),
        css=css,
        created=time.strftime("%Y-%m-%d %H:%M"),
        elapsed=time.perf_counter() - started,
        seed=res.manifest["seed"]["entropy"],
    )
    out = res.path / REPORT_FILE
    tmp = out.with_suffix(".html.tmp")
    tmp.write_text(page, "utf-8")
    tmp.replace(out)
    return out
