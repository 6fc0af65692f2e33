"""Plots of bargaining forecasts: actors' positions over rounds (plotly, imported lazily).

plotly is only needed when a plot is asked for; without it the functions raise ImportError
with the command that installs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stratagem.bargaining.forecast import Forecast

__all__ = ["forecast_figure", "write_plot"]

_LABELS = {
    "compromise": "compromise (weighted mean)",
    "median": "median (Condorcet winner)",
    "nash": "Nash bargaining",
    "expected_utility": "expected utility (BDM)",
    "exchange": "exchange (Stokman-Van Oosten)",
}


def _plotly() -> Any:
    try:
        import plotly.graph_objects as go
    except ImportError as exc:  # pragma: no cover - plotly is installed in the test env
        raise ImportError(
            "plots need plotly: pip install plotly (or pip install 'stratagem[report]')"
        ) from exc
    return go


def forecast_figure(forecasts: Forecast | Sequence[Forecast]) -> Any:
    """A plotly figure of the actors' positions over rounds, with each model's outcome.

    The first forecast with rounds (else the first forecast) draws one line per actor; every
    forecast's outcome trajectory is drawn as a dashed line (a flat line for models without
    rounds). The y axis is the focal issue's scale, with its named ends.

    Examples
    --------
    >>> from stratagem.bargaining.forecast import forecast_all
    >>> figure = forecast_figure(list(forecast_all("korea-nuclear-2013").values()))
    >>> len(figure.data)  # six actors and four models
    10
    """
    go = _plotly()
    items = [forecasts] if isinstance(forecasts, Forecast) else list(forecasts)
    if not items:
        raise ValueError("nothing to plot")
    primary = next((f for f in items if f.rounds > 0), items[0])
    table = primary.table
    k = table.issue_index(primary.issue)
    issue = table.issues[k]
    last = max(f.rounds for f in items)
    rounds = list(range(last + 1))
    figure = go.Figure()
    for i, actor in enumerate(table.actors):
        values = list(primary.positions[:, i, k])
        values += [values[-1]] * (last + 1 - len(values))
        figure.add_trace(
            go.Scatter(
                x=rounds,
                y=values,
                mode="lines+markers",
                name=table.labels[i] if table.labels[i] != actor else actor,
                line={"width": 1.5},
                hovertemplate=f"{actor}: %{{y:.3g}} (round %{{x}})<extra></extra>",
            )
        )
    for result in items:
        values = list(result.trajectory[:, table.issue_index(result.issue)])
        values += [values[-1]] * (last + 1 - len(values))
        figure.add_trace(
            go.Scatter(
                x=rounds,
                y=values,
                mode="lines",
                name=f"{_LABELS.get(result.model, result.model)}: {result.outcome:.3g}",
                line={"width": 3, "dash": "dash"},
            )
        )
    y_title = issue.name
    if issue.low_label or issue.high_label:
        y_title += (
            f"<br><sup>{issue.low:g} = {issue.low_label}; {issue.high:g} = {issue.high_label}</sup>"
        )
    figure.update_layout(
        title=table.title or table.name,
        xaxis={"title": "round", "dtick": 1},
        yaxis={
            "title": y_title,
            "range": None if issue.low is None else [issue.low, issue.high],
        },
        legend={"title": "actors and model outcomes"},
        template="plotly_white",
    )
    if issue.status_quo is not None:
        figure.add_hline(
            y=issue.status_quo,
            line={"dash": "dot", "color": "grey"},
            annotation_text="status quo",
        )
    return figure


def write_plot(forecasts: Forecast | Sequence[Forecast], path: str | Path) -> Path:
    """Write :func:`forecast_figure` to ``path``: ``.html`` (self-contained) or ``.png``.

    HTML embeds plotly.js (``include_plotlyjs=True``) so it opens offline; PNG needs the
    ``kaleido`` package.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from stratagem.bargaining.forecast import forecast
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     result = forecast("korea-nuclear-2013", "expected_utility")
    ...     path = write_plot(result, pathlib.Path(folder) / "korea.html")
    ...     path.name, path.stat().st_size > 1_000_000
    ('korea.html', True)
    """
    target = Path(path)
    figure = forecast_figure(forecasts)
    suffix = target.suffix.lower()
    if suffix in (".html", ".htm"):
        figure.write_html(str(target), include_plotlyjs=True, full_html=True)
    elif suffix == ".png":
        try:
            figure.write_image(str(target))
        except (ImportError, ValueError, RuntimeError) as exc:
            raise ImportError(f"PNG export needs kaleido (pip install kaleido): {exc}") from exc
    else:
        raise ValueError(f"plots are written as .html or .png, not {suffix or 'no extension'!r}")
    return target
