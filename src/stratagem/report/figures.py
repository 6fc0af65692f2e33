"""Plotly figures of simulation results, shared by the HTML report and notebooks.

One pure function per figure; ``results.plot`` exposes them for notebooks.

Every figure has a title, axes with units and a legend; each strategy keeps its colour across the
whole report (Okabe-Ito colour-blind-safe palette, in the order the scenario lists strategies).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

    from stratagem.store.results import Results

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")

#: Great-circle distances from Pyongyang (km, sphere of 6,371 km):
#: shared/data/compiled/distances_nk_to_targets.csv.
CITY_DISTANCES_KM: Mapping[str, float] = {
    "Guam": 3405.0,
    "Anchorage": 5995.0,
    "Honolulu": 7391.0,
    "Los Angeles": 9557.0,
    "Washington": 11042.0,
}

_FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13}


def strategy_colors(strategies: Sequence[str]) -> dict[str, str]:
    """The colour of each strategy, fixed by its position in the scenario.

    >>> strategy_colors(["a", "b"])
    {'a': '#0072B2', 'b': '#D55E00'}
    """
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(strategies)}


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 380) -> None:
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 15}},
        xaxis_title=x_title,
        yaxis_title=y_title,
        font=_FONT,
        height=height,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0.0},
        template="plotly_white",
        hovermode="x unified",
    )


def _hex_to_rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def month_dates(start: str, months: Sequence[int] | np.ndarray) -> pd.DatetimeIndex:
    """Calendar dates of months counted from the scenario's start month.

    >>> list(month_dates("2013-04", [0, 9]).strftime("%Y-%m"))
    ['2013-04', '2014-01']
    """
    base = pd.Period(start, freq="M")
    return pd.PeriodIndex([base + int(m) for m in months]).to_timestamp()


def fan_quantiles(trajectories: pd.DataFrame, variable: str) -> pd.DataFrame:
    """Per strategy and month: the 10/25/50/75/90th percentiles and the mean of ``variable``."""
    grouped = trajectories.groupby(["strategy", "month"], sort=False)[variable]
    q = grouped.quantile(np.array([0.1, 0.25, 0.5, 0.75, 0.9])).unstack()
    q.columns = ["q10", "q25", "q50", "q75", "q90"]
    q["mean"] = grouped.mean()
    return q.reset_index()


def fan_chart(
    trajectories: pd.DataFrame,
    variable: str,
    *,
    strategies: Sequence[str],
    start: str,
    title: str,
    unit: str,
    share: bool = False,
    reference_lines: Mapping[str, float] | None = None,
) -> go.Figure:
    """Median and 50 %/80 % bands of ``variable`` over time, one colour per strategy.

    With ``share=True`` (for 0/1 flags) the line is the share of runs where the flag is set.
    """
    import plotly.graph_objects as go

    colors = strategy_colors(strategies)
    fig = go.Figure()
    q = fan_quantiles(trajectories, variable)
    for strategy in strategies:
        rows = q[q["strategy"] == strategy]
        if rows.empty:
            continue
        x = month_dates(start, rows["month"].to_numpy())
        color = colors[strategy]
        if share:
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=rows["mean"],
                    name=strategy,
                    mode="lines",
                    line={"color": color, "width": 2.5},
                )
            )
            continue
        # With many strategies the 80 % bands would drown each other: keep the middle half.
        bands = (
            (("q25", "q75", 0.18),)
            if len(strategies) > 3
            else (("q10", "q90", 0.10), ("q25", "q75", 0.20))
        )
        for low, high, alpha in bands:
            fig.add_trace(
                go.Scatter(
                    x=np.concatenate([x, x[::-1]]),
                    y=np.concatenate([rows[high].to_numpy(), rows[low].to_numpy()[::-1]]),
                    fill="toself",
                    fillcolor=_hex_to_rgba(color, alpha),
                    line={"width": 0},
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=strategy,
                    name=strategy,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=rows["q50"],
                name=strategy,
                mode="lines",
                legendgroup=strategy,
                line={"color": color, "width": 2.5},
            )
        )
    for label, value in (reference_lines or {}).items():
        fig.add_hline(
            y=value,
            line={"dash": "dot", "color": "#666", "width": 1},
            annotation_text=label,
            annotation_position="top left",
            annotation_font_size=11,
        )
    _layout(fig, title, "", ("share of runs" if share else unit))
    if share:
        fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


def event_curves(
    outcomes: pd.DataFrame,
    outcome: str,
    *,
    strategies: Sequence[str],
    start: str,
    horizon: int,
    title: str,
) -> go.Figure:
    """Share of runs in which a time-to-event outcome has happened, month by month."""
    import plotly.graph_objects as go

    colors = strategy_colors(strategies)
    months = np.arange(horizon + 1)
    fig = go.Figure()
    for strategy in strategies:
        values = outcomes.loc[outcomes["strategy"] == strategy, outcome].to_numpy()
        if values.size == 0:
            continue
        share = (values[None, :] <= months[:, None]).mean(axis=1)
        fig.add_trace(
            go.Scatter(
                x=month_dates(start, months),
                y=share,
                name=strategy,
                mode="lines",
                line={"shape": "hv", "color": colors[strategy], "width": 2.5},
            )
        )
    _layout(fig, title, "", "share of runs")
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


def interval_chart(
    summary: pd.DataFrame,
    outcome: str,
    *,
    strategies: Sequence[str],
    title: str,
    unit: str,
) -> go.Figure:
    """Median (dot) and 80 % interval (bar) of one outcome for every strategy."""
    import plotly.graph_objects as go

    colors = strategy_colors(strategies)
    rows = summary[summary["outcome"] == outcome].set_index("strategy")
    fig = go.Figure()
    for strategy in reversed(list(strategies)):
        if strategy not in rows.index:
            continue
        row = rows.loc[strategy]
        median, low, high = (_finite(row[k]) for k in ("median", "q10", "q90"))
        fig.add_trace(
            go.Scatter(
                x=[median],
                y=[strategy],
                mode="markers",
                name=strategy,
                showlegend=False,
                marker={"color": colors[strategy], "size": 12},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [high - median],
                    "arrayminus": [median - low],
                    "color": colors[strategy],
                    "thickness": 3,
                },
                hovertemplate=f"{strategy}: median %{{x:.3g}} {unit}<extra></extra>",
            )
        )
    _layout(fig, title, unit, "", height=max(220, 60 + 42 * len(strategies)))
    fig.update_layout(hovermode="closest")
    return fig


def _finite(value: Any) -> float:
    v = float(value)
    return v if np.isfinite(v) else np.nan


def time_bought_chart(
    frame: pd.DataFrame, *, strategies: Sequence[str], title: str, unit: str = "months"
) -> go.Figure:
    """Mean paired difference (bar) with its 10th-90th percentile range, per strategy."""
    import plotly.graph_objects as go

    colors = strategy_colors(strategies)
    vs = str(frame["vs"].iloc[0])
    stats = {
        str(r["strategy"]): (float(r["mean"]), float(r["q10"]), float(r["q90"]))
        for _, r in frame.iterrows()
    }
    names = [s for s in strategies if s in stats and s != vs]
    fig = go.Figure(
        go.Bar(
            x=[stats[s][0] for s in names],
            y=names,
            orientation="h",
            marker={"color": [colors[s] for s in names]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [max(stats[s][2] - stats[s][0], 0.0) for s in names],
                "arrayminus": [max(stats[s][0] - stats[s][1], 0.0) for s in names],
            },
            hovertemplate="%{y}: %{x:+.1f}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line={"color": "#444", "width": 1})
    _layout(
        fig,
        title,
        f"{unit} gained vs {vs} (mean; bars: 10th-90th pct)",
        "",
        height=max(220, 60 + 42 * len(names)),
    )
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig


def variant_chart(
    rows: Sequence[Mapping[str, Any]], *, title: str, unit: str, statistic: str = "median"
) -> go.Figure:
    """One outcome under a claim's variants.

    The dot is the claim's statistic; for means and medians the whiskers span the 10th-90th
    percentiles of the runs.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    share = statistic == "p_event"
    for row in reversed(list(rows)):
        color = "#0072B2" if row.get("reference") else "#D55E00"
        value, low, high = (_finite(row[k]) for k in ("value", "q10", "q90"))
        error = (
            None
            if share
            else {
                "type": "data",
                "symmetric": False,
                "array": [max(float(np.nan_to_num(high - value)), 0.0)],
                "arrayminus": [max(float(np.nan_to_num(value - low)), 0.0)],
                "color": color,
            }
        )
        fig.add_trace(
            go.Scatter(
                x=[value],
                y=[row["label"]],
                mode="markers",
                showlegend=False,
                marker={"color": color, "size": 11},
                error_x=error,
                hovertemplate=f"{row['label']}: {statistic} %{{x:.3g}}<extra></extra>",
            )
        )
    axis = "share of runs with the event" if share else f"{statistic}, {unit}"
    _layout(fig, title, axis, "", height=max(180, 70 + 40 * len(rows)))
    fig.update_layout(hovermode="closest", margin={"l": 10, "r": 20, "t": 50, "b": 45})
    fig.update_yaxes(automargin=True)
    if share:
        fig.update_xaxes(range=[0, 1.02], tickformat=".0%")
    return fig


class ResultsPlots:
    """``results.plot``: the report's figures for notebooks.

    >>> import stratagem
    >>> r = stratagem.simulate("korea-2013", runs=50, seed=1, trajectory_runs=50)
    >>> fig = r.plot.fan("reach_toward_los_angeles_km")
    >>> len(fig.data) > 0
    True
    """

    def __init__(self, results: Results) -> None:
        self._results = results

    def _start(self) -> str:
        return str(self._results.manifest["scenario"]["start"])

    def fan(self, variable: str, *, share: bool | None = None) -> go.Figure:
        """Fan chart of a recorded state variable over time, per strategy."""
        r = self._results
        recorded = r.manifest["trajectories"]["variables"]
        if variable not in recorded:
            raise ValueError(f"{variable!r} was not recorded; recorded: {recorded}")
        traj = r.trajectories([variable])
        flag = share if share is not None else bool(set(np.unique(traj[variable])) <= {0.0, 1.0})
        return fan_chart(
            traj,
            variable,
            strategies=r.strategies,
            start=self._start(),
            title=variable.replace("_", " "),
            unit="",
            share=flag,
        )

    def distribution(self, outcome: str) -> go.Figure:
        """Median and 80 % interval of an outcome, per strategy."""
        r = self._results
        spec = r.outcome_specs[outcome]
        return interval_chart(
            r.summary(),
            outcome,
            strategies=r.strategies,
            title=outcome.replace("_", " "),
            unit=spec["unit"],
        )

    def events(self, outcome: str) -> go.Figure:
        """Share of runs in which a time-to-event outcome has happened, month by month."""
        r = self._results
        return event_curves(
            r.outcomes(),
            outcome,
            strategies=r.strategies,
            start=self._start(),
            horizon=r.horizon_months,
            title=outcome.replace("_", " "),
        )

    def time_bought(self, vs: str | None = None, outcome: str | None = None) -> go.Figure:
        """Paired months gained against ``vs`` (default: the baseline)."""
        r = self._results
        frame = r.time_bought(vs=vs, outcome=outcome)
        return time_bought_chart(
            frame, strategies=r.strategies, title=f"Months gained on {frame['outcome'].iloc[0]}"
        )
