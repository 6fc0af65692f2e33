"""Comparative-statics figures of the case games (plotly; imported lazily by callers).

Every function returns a ``plotly.graph_objects.Figure``; :func:`to_html` writes one or more
figures to a self-contained HTML file (``include_plotlyjs=True``) for the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from stratagem.games import audience_costs, fearon, linkage, provocation, sanctions, talks

__all__ = [
    "FIGURES",
    "audience_cost_figure",
    "fearon_figure",
    "linkage_region_figure",
    "provocation_figure",
    "sanctions_selection_figure",
    "talks_figure",
    "to_html",
]


def _go() -> Any:
    import plotly.graph_objects as go

    return go


def linkage_region_figure(
    params: linkage.LinkageParams | None = None,
    *,
    precision: float = np.inf,
    n: int = 121,
) -> Any:
    """Where China pressures and North Korea concedes (M7).

    The probability of "pressure and freeze" over the offer value ``rho * m`` and the pliable
    prior, with the PBE boundary ``rho m = (k + h (1 - q)) / q`` and the default point.
    """
    go = _go()
    p = params or linkage.LinkageParams()
    x = np.linspace(0.0, 6.0, n)
    q = np.linspace(0.02, 1.0, n)
    _, both = linkage.pressure_region(x, q, p, precision=precision)
    boundary = linkage.pressure_threshold(q, p.k_pragmatic, p.h)
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            x=x,
            y=q,
            z=both,
            colorscale="Blues",
            zmin=0,
            zmax=1,
            colorbar={"title": "P(pressure & freeze)"},
        )
    )
    keep = boundary <= x[-1]
    fig.add_trace(
        go.Scatter(
            x=boundary[keep], y=q[keep], mode="lines", name="PBE boundary", line={"color": "black"}
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[p.rho * p.m],
            y=[p.prior_pliable],
            mode="markers",
            name="default scenario",
            marker={"color": "red", "size": 10},
        )
    )
    fig.update_layout(
        title="Linkage game: China pressures and North Korea concedes (pragmatic China)",
        xaxis_title="value of the offer to China, rho * m (units of China's cost)",
        yaxis_title="P(North Korea pliable) = P(freeze | pressure)",
    )
    return fig


def sanctions_selection_figure(
    params: sanctions.SanctionsParams | None = None, *, precision: float = 4.0, n: int = 21
) -> Any:
    """Success at the threat stage vs after imposition (M5, logit agent QRE) by prior resolve."""
    from stratagem.games.solvers.qre import logit_qre

    go = _go()
    p = params or sanctions.SanctionsParams()
    priors = np.linspace(0.05, 0.95, n)
    threat, imposed = [], []
    for r in priors:
        g = sanctions.sanctions_game(p.with_(prior_resolute=float(r)))
        o = sanctions.outcome_probabilities(g, logit_qre(g, precision))
        threat.append(o.success_at_threat)
        imposed.append(o.success_if_imposed)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=priors, y=threat, name="P(acquiesce at threat | threat)"))
    fig.add_trace(go.Scatter(x=priors, y=imposed, name="P(acquiesce | imposed)"))
    fig.update_layout(
        title=f"Sanctions game: the selection effect (logit QRE, lambda = {precision:g})",
        xaxis_title="P(target resolute)",
        yaxis_title="probability",
    )
    return fig


def talks_figure(params: talks.TalksParams | None = None, *, n: int = 21) -> Any:
    """Months bought by talks and P(ICBM within the horizon) against the value of talks ``w``."""
    go = _go()
    p = params or talks.TalksParams()
    ws = np.linspace(0.0, 0.02, n)
    base = talks.solve_talks(p, allow_talks=False)
    bought, icbm = [], []
    for w in ws:
        s = talks.solve_talks(p.with_(w=float(w)))
        bought.append(s.expected_months_to_icbm - base.expected_months_to_icbm)
        icbm.append(s.p_icbm)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ws, y=bought, name="months bought"))
    fig.add_trace(go.Scatter(x=ws, y=icbm, name="P(ICBM within horizon)", yaxis="y2"))
    fig.update_layout(
        title="Talks game: time bought against the monthly value of talks to North Korea",
        xaxis_title="value of talks to North Korea, w (per month, units of its ICBM's value)",
        yaxis_title="months bought (expected)",
        yaxis2={"overlaying": "y", "side": "right", "title": "probability"},
    )
    return fig


def provocation_figure(params: provocation.ProvocationParams | None = None, *, n: int = 26) -> Any:
    """Provocations per month against China's pressure on provocations ``sigma_C``."""
    go = _go()
    p = params or provocation.ProvocationParams()
    sig = np.linspace(0.0, 1.5, n)
    rate = [provocation.solve_provocation(p.with_(sigma_c=float(s))).provocation_rate for s in sig]
    fig = go.Figure(go.Scatter(x=sig, y=rate, mode="lines+markers", name="provocations / month"))
    fig.update_layout(
        title="Provocation cycle against China's pressure",
        xaxis_title="China's penalty on a provocation, sigma_C (units of one aid package)",
        yaxis_title="provocations per month",
    )
    return fig


def audience_cost_figure(
    params: audience_costs.AudienceParams | None = None, *, n: int = 31
) -> Any:
    """Probability the target concedes to a threat, and bluffing, against the audience cost."""
    go = _go()
    p = params or audience_costs.AudienceParams()
    acs = np.linspace(0.0, 1.0, n)
    cf = [audience_costs.closed_form(p.with_(AC=float(a))) for a in acs]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=acs, y=[c["concede_given_threat"] for c in cf], name="P(concede | threat)")
    )
    fig.add_trace(go.Scatter(x=acs, y=[c["bluff"] for c in cf], name="P(bluff)"))
    fig.update_layout(
        title="Audience costs make threats credible (Fearon 1994)",
        xaxis_title="audience cost of backing down, AC (units of the stake)",
        yaxis_title="probability",
    )
    return fig


def fearon_figure(*, p: float = 0.5, c_a: float = 0.1, n: int = 41) -> Any:
    """War probability against the spread of B's private cost (uniform on ``[0, cbar]``)."""
    go = _go()
    cbar = np.linspace(0.01, 0.5, n)
    _, war = fearon.optimal_offer_uniform(p, c_a, cbar)
    fig = go.Figure(go.Scatter(x=cbar, y=war, name="P(war)"))
    fig.update_layout(
        title="Fearon (1995): war from private information",
        xaxis_title="spread of B's private cost of war, c_B ~ U(0, cbar) (share of the pie)",
        yaxis_title="P(war)",
    )
    return fig


FIGURES: dict[str, Callable[[], Any]] = {
    "linkage": linkage_region_figure,
    "sanctions": sanctions_selection_figure,
    "talks": talks_figure,
    "provocation": provocation_figure,
    "audience_costs": audience_cost_figure,
    "fearon": fearon_figure,
}


def to_html(figures: Sequence[Any], path: str | Path) -> Path:
    """Write figures to one self-contained HTML file (plotly.js inlined)."""
    out = Path(path)
    parts = [
        fig.to_html(full_html=False, include_plotlyjs=(k == 0)) for k, fig in enumerate(figures)
    ]
    out.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        + "<title>stratagem games</title></head><body>"
        + "\n".join(parts)
        + "</body></html>",
        "utf-8",
    )
    return out
