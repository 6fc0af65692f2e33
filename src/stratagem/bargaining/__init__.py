"""Bargaining forecasts from actor tables: compromise, median, Nash, expected utility, exchange.

Analysts forecast negotiated outcomes from who takes part, how strong each actor is
(capability), where it stands (position on a numeric issue scale) and how much it cares
(salience, 0-100)::

    from stratagem.bargaining import forecast, read_table
    table = read_table("korea-nuclear-2017")          # or a .yaml / .csv path (KTAB layout too)
    forecast(table).outcome                            # compromise: the weighted mean
    result = forecast(table, "expected_utility", rounds=8)
    result.trajectory_frame(), result.actor_frame()    # per round, per actor

A forecast also feeds the simulation: a scenario parameter written ``distribution: forecast``
takes its value from :func:`forecast` on a table (the Korea cases' terms of a freeze,
``docs/decisions.md`` D41).

Every model lives in its own module of pure functions over NumPy arrays
(:mod:`~stratagem.bargaining.compromise`, :mod:`~stratagem.bargaining.median`,
:mod:`~stratagem.bargaining.nash`, :mod:`~stratagem.bargaining.expected_utility`,
:mod:`~stratagem.bargaining.exchange`); :func:`forecast` is the one entry point; plots are in
:mod:`~stratagem.bargaining.plot` (plotly, imported only when a plot is drawn). Nothing here is
random: the same table and options always give the same numbers.

Decisions
---------
Interpretive choices against the sources, numbered like ``docs/decisions.md`` (never
renumbered). Docstrings cite them as ``Bn``.

B1. Provenance. A YAML table's values carry a ``source`` or an ``assumption``; a bare number is
    accepted only if the table lists the documents it draws on under ``sources`` (a published
    table cited as a whole, e.g. BDM 1994 Table 1). CSV tables (plain or KTAB) cannot carry
    provenance and are read as data the user vouches for.

B2. Scales. Capability may be in any non-negative unit (every model uses ratios only); salience
    is on 0-100 and is validated, never rescaled silently (a 0-1 salience is an error with a
    hint). The bargaining weight of every model is capability x salience.

B3. Weighted-median ties. When the cumulative weight reaches exactly half (relative tolerance
    1e-12) at a position, every point up to the next position is a Condorcet winner; the
    midpoint is returned, so the median does not depend on the direction of the axis or on the
    order of the actors. Zero-weight actors are ignored.

B4. The default model of :func:`forecast` is the compromise (weighted mean): on real
    negotiation outcomes it has matched or beaten the expected-utility and procedural models
    (Achen 2006; Leinaweaver & Thomson 2014; reference bargaining.md section 4), so it is the
    benchmark every other model is read against.

B5. Expected utility, defaults: ``probability="scholz_code"``, ``conflict="loser_moves"``,
    ``offer="scholz_code"``, ``perspective="receiver"``, ``risk=True``, ``span="initial"``.
    Of the 128 combinations of the published ambiguities (probability x conflict x offer x
    capitulation x perspective x risk), this is the only one whose median trajectory on the EC
    emission-standards table stays within 0.5 of Scholz et al.'s Table 2 in all 8 rounds (largest
    gap 0.29, round 2: 9.61 vs 9.9); every other combination misses by 1.4 to 5.4 in some round.
    It also reproduces jmckib's reconstruction of Scholz's program to three decimals (medians
    8.416, 9.611, 9.962, ...; risk exponents 1.4057, 0.7542, ...; Belgium's round-1 move to
    8.4159). Eq. 31 as printed (``"pairwise"``), conflicts without moves (schelling D2.6),
    least-move or most-enforceable offers (Scholz section 6.2; schelling D2.5) and the paper's
    own-exponent notation (``"own"``) are options.

B6. ``capitulation=True``: the capitulation octant of Scholz's figure 6 (``a < 0 < b <= |a|``:
    the actor moves fully) makes offers. jmckib's test for it (``eu_ji < abs(eu_ji)``) can never
    be true, so Scholz's program as reconstructed never capitulates; on the EC table the two
    give identical trajectories, so the figure wins.

B7. ``q=1.0``: Scholz's choice for the replication (BDM gives no value). ``t="median_rule"``:
    ``T = 1`` iff ``|x_i - mu| < |x_i - x_j|`` (schelling D2.4, reproducing Scholz's four cases);
    it matters only when ``q < 1``.

B8. Security level ``Sec_i = sum_j E^j(U_ji)`` from the first pass with ``r = 1`` (Scholz
    section 5 prose; what his program computes), not the appendix's superscript.

B9. Rounds and forecast: 8 rounds by default (the length of Scholz's Table 2), stopping early
    when nobody moves; the forecast is the weighted median of the final positions (BDM's rule).
    This is a horizon, not a convergence rule: on the EC table the median leaves 9.96 in round 6
    (Scholz: it "appears to stabilise, but then continues to change").

B10. Offer ties (equal keys) go to the smaller move, then to the proposer with the higher
    expected utility, then to the lower target position: the result never depends on the order
    of the actors in the table.

B11. Nash: bargaining powers ``c_i s_i``; the disagreement point is the issue's status quo when
    the table gives one, else each actor's worst point of the scale; utility quadratic by
    default (smooth, unique optimum; with a remote disagreement point the solution tends to the
    compromise mean, Achen 2006), linear as an option. Zero-weight actors have no say. When no
    agreement improves on the status quo for every actor (actors on both sides of it), the
    forecast is the status quo itself and the result says so.

B12. Exchange: utilities are linear in the distance between an actor's fixed policy position and
    the outcome (salience-weighted); only voting positions move. Exchanges are realised greedily
    by equal gain, recomputing all outcomes and candidate exchanges after each; an actor's vote
    on an issue is traded at most once per round; a supplier moves no further than its partner's
    position and an outcome no further than the demander's position (Decide's NBS check).

B13. Exchange rounds: one by default, Stokman & Van Oosten's (1994) single round of exchanges.
    Further rounds trade again from the voting positions left by the last; they need not
    converge (on KTAB's SOE-Pol-Comp table 30 rounds keep drifting), so they are opt-in.

B14. KTAB CSV: positions must lie on 0-100 and the scale is set to [0, 100]; an issue is named
    after its header ("Policy Position" -> "Policy", "Pstn1" -> "1"); the counts on line 1 must
    match the rows and dimensions found.

B15. Korea tables (``cases/tables/korea-nuclear-2013.yaml``, ``-2017.yaml``): capability is
    national military expenditure (SIPRI; the DPRK from WMEAT), i.e. power in general, not
    leverage over Pyongyang; the DPRK's control of its own program enters as the status quo
    (85 in 2013, 90 in 2017; labelled assumptions), the no-deal point of the Nash model.
    Positions map official statements onto the scale's named points; each mapping is a
    labelled assumption beside its cited statement.

B16. :func:`forecast` runs every model on the actors sorted by their data (positions, then
    saliences, then capability) and maps the per-actor results back. The model functions are
    deterministic in the order they are given; sorting makes the forecast independent of the
    order of the table's rows even where floating-point sums would otherwise round differently.

B17. The expected-utility and exchange models compute in normalised coordinates: the span of
    the initial positions (expected utility; it is Scholz's ``R``) or each issue's scale,
    ``[low, high]`` when declared, else the range of the positions (exchange: distances, and so
    gains, are fractions of the scale, as Decide's 0-100 normalisation makes them). A shifted or
    rescaled table then follows the same path of discrete choices, and the exchange model ranks
    trades on issues with different units fairly. Results are mapped back to the table's scale;
    positions that never move are returned exactly.
"""

from stratagem.bargaining.forecast import (
    MODEL_OPTIONS,
    MODELS,
    Forecast,
    compare_models,
    forecast,
    forecast_all,
)
from stratagem.bargaining.plot import forecast_figure, write_plot
from stratagem.bargaining.table import (
    ActorTable,
    Issue,
    builtin_tables,
    make_table,
    parse_csv,
    parse_yaml_table,
    read_table,
)

__all__ = [
    "MODELS",
    "MODEL_OPTIONS",
    "ActorTable",
    "Forecast",
    "Issue",
    "builtin_tables",
    "compare_models",
    "forecast",
    "forecast_all",
    "forecast_figure",
    "make_table",
    "parse_csv",
    "parse_yaml_table",
    "read_table",
    "write_plot",
]
