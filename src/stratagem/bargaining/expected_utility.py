"""Bueno de Mesquita's expected-utility model, as written out by Scholz, Calbert & Smith (2011).

Every round, each actor ``i`` weighs challenging every other actor ``j``; the signs of the two
expected utilities ``a = E^i(U_ij)`` and ``b = E^j(U_ji)`` decide who gives ground (conflict,
compromise, capitulation or stalemate); each actor takes one offer; positions move together.
Equation numbers below are those of Scholz et al. (2011) as extracted in
``shared/reference/bargaining.md`` section 1 (x = position on the issue scale, c = capability,
s = salience as a probability 0-1, i.e. the table's 0-100 salience / 100, R = the span of the
positions, mu = the weighted median):

- (15, 16) ``U_s = 2 - 4 (0.5 - 0.5 |x_i - x_j| / R)^r``,
  ``U_f = 2 - 4 (0.5 + 0.5 |x_i - x_j| / R)^r``
- (22, 23) ``U_b, U_w = 2 - 4 (0.5 -+ 0.25 (|x_i - mu| + |x_i - x_j|) / R)^r``
- (24) ``U_sq = 2 - 4 (0.5)^r``
- (31) ``P^i = sum_{k: a_k > 0} c_k s_k a_k / sum_k c_k s_k |a_k|``,
  ``a_k = |x_k - x_j| - |x_k - x_i|``
- (5-7) ``E^i(U_ij) = s_j (P^i U_s + (1 - P^i) U_f) + (1 - s_j) U_s - Q U_sq
  - (1 - Q)(T U_b + (1 - T) U_w)``
- (32-34) ``R_i = (2 Sec_i - max Sec - min Sec) / (max Sec - min Sec)``,
  ``Sec_i = sum_{j != i} E^j(U_ji)`` from a first pass with ``r = 1``;
  (33) ``r_i = (1 - R_i / 3) / (1 + R_i / 3)`` in [0.5, 2]
- (35) compromise: the actor that gives ground moves ``(x_j - x_i) |a / b|`` toward the other.

The published ambiguities are options (defaults in brackets; the reasons are decisions B5-B10 in
:mod:`stratagem.bargaining`):

``probability`` ["scholz_code"]
    ``"scholz_code"``: the numerator of eq. 31 with risk-adjusted votes, divided by the sum of
    all vote magnitudes over every voter and every ordered pair (what Scholz's program computes,
    as reconstructed by jmckib). ``"pairwise"``: eq. 31 as printed (``P^i + P^j = 1``).
``conflict`` ["loser_moves"]
    When both expect to gain (``b > a > 0`` from the loser's side), the actor with the lower
    expected utility moves fully to the other (``"loser_moves"``) or nobody moves (``"no_move"``).
``offer`` ["scholz_code"]
    Which of its offers an actor accepts: ``"scholz_code"`` (conflict before compromise before
    capitulation; within conflicts and capitulations the smallest move; among compromises the
    lowest ``(|a| x_i + |b| x_j) / (|a| + |b|)``), ``"type_then_least_move"`` (the same order by
    kind, smallest move within each, Scholz section 6.2 as printed), ``"least_move"`` (smallest
    move whatever the kind) or ``"most_enforceable"`` (the proposer with the highest expected
    utility, ties to the smallest move).
``capitulation`` [True]
    Whether the capitulation octant (``a < 0 < b <= |a|``: the actor moves fully; Scholz
    figure 6) makes offers. Scholz's program as reconstructed by jmckib never does (its test
    ``eu_ji < abs(eu_ji)`` is never true); on the EC table the choice changes nothing.
``q`` [1.0] and ``t`` ["median_rule"]
    The status-quo probability ``Q`` (Scholz set 1.0 for the replication) and the rule for
    ``T``: 1 iff ``|x_i - mu| < |x_i - x_j|`` (``"median_rule"``), or always 1 / always 0.
``perspective`` ["receiver"]
    Whose risk exponent enters ``a`` and ``b``: the actor receiving the offer, for both
    (``"receiver"``, Scholz's program) or each challenger its own (``"own"``, the paper's
    notation).
``risk`` [True]
    Compute the risk exponents (eqs. 32-34) or keep ``r = 1``.
``span`` ["initial"]
    ``R``: the span of the initial positions, of the current round's positions, or a number.

References
----------
Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method. In Bueno de
Mesquita & Stokman (eds.), *European Community Decision Making*, Yale University Press, 71-104.
Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). Unravelling Bueno De Mesquita's group
decision model. *Journal of Theoretical Politics* 23(4): 510-531.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
from numpy.typing import ArrayLike

from stratagem.bargaining._arrays import FloatArray, same_length, vector, weights
from stratagem.bargaining.median import weighted_median

__all__ = [
    "ConflictRule",
    "ExpectedUtilityResult",
    "OfferRule",
    "Perspective",
    "ProbabilityRule",
    "TRule",
    "challenge_expected_utility",
    "probability_of_prevailing",
    "risk_exponents",
    "solve",
]

ProbabilityRule = Literal["scholz_code", "pairwise"]
ConflictRule = Literal["loser_moves", "no_move"]
OfferRule = Literal["scholz_code", "type_then_least_move", "least_move", "most_enforceable"]
Perspective = Literal["receiver", "own"]
TRule = Literal["median_rule", "better", "worse"]
SpanRule = Literal["initial", "current"]
OutcomeRule = Literal["median", "mean"]

#: Offer kinds recorded per actor and round (``kind`` in :class:`ExpectedUtilityResult`).
NO_MOVE, CONFLICT, COMPROMISE, CAPITULATION = 0, 1, 2, 3
KIND_NAMES = ("none", "conflict", "compromise", "capitulation")

#: Default number of rounds: the length of Scholz et al.'s Table 2 (decision B9).
DEFAULT_ROUNDS = 8


def _check(value: str, allowed: object, name: str) -> None:
    options = get_args(allowed)
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")


def probability_of_prevailing(
    position: ArrayLike,
    weight: ArrayLike,
    *,
    rule: ProbabilityRule = "scholz_code",
    risk: ArrayLike | None = None,
    span: float | None = None,
) -> FloatArray:
    """``P[i, j]``: the probability that ``i`` prevails when it challenges ``j``.

    Parameters
    ----------
    position : array_like, shape (n,)
        Positions (units of the issue scale).
    weight : array_like, shape (n,)
        Capability x salience of each actor (any positive scale: it cancels).
    rule : {"scholz_code", "pairwise"}
        ``"pairwise"`` is Scholz et al. eq. 31 (linear distances, ``P[i, j] + P[j, i] = 1``,
        0.5 when ``x_i = x_j``). ``"scholz_code"`` uses the votes
        ``V[k, i, j] = w_k ((|x_k - x_j| / R)^r_k - (|x_k - x_i| / R)^r_k)``,
        ``P[i, j] = sum_k max(V[k, i, j], 0) / sum_{k, a, b} |V[k, a, b]|`` and 0 when
        ``x_i = x_j`` (Scholz's program as reconstructed by jmckib; the reference notes
        P(4 vs 10) = 0.0088 on the EC table).
    risk : array_like, shape (n,), optional
        Voters' risk exponents ``r_k`` (``"scholz_code"`` only; default 1).
    span : float, optional
        ``R`` (default: the span of ``position``, or 1 if all positions are equal).

    Examples
    --------
    Actor 0 (at 0) challenges actor 1 (at 10); the voters' margins ``a_k`` are 10, -10 and 2
    (actor 2 sits at 4), so ``P = (10 + 2) / 22``:

    >>> x, w = [0, 10, 4], [1, 1, 1]
    >>> p = probability_of_prevailing(x, w, rule="pairwise")
    >>> round(float(p[0, 1]), 4), round(float(p[0, 1] + p[1, 0]), 4)
    (0.5455, 1.0)
    """
    _check(rule, ProbabilityRule, "probability")
    x = vector(position, "position")
    w = vector(weight, "weight")
    n = same_length(position=x, weight=w)
    r = np.ones(n) if risk is None else vector(risk, "risk")
    scale = float(np.ptp(x)) if span is None else float(span)
    scale = scale if scale > 0 else 1.0
    distance = np.abs(x[:, None] - x[None, :])  # distance[k, i] = |x_k - x_i|
    same = distance == 0
    if rule == "pairwise":
        # a[k, i, j] = |x_k - x_j| - |x_k - x_i|: k prefers i to j when positive.
        a = distance[:, None, :] - distance[:, :, None]
        weighted = w[:, None, None] * a
        numerator = np.clip(weighted, 0.0, None).sum(axis=0)
        denominator = np.abs(weighted).sum(axis=0)
        p = np.divide(numerator, denominator, out=np.full((n, n), 0.5), where=denominator > 0)
    else:
        powered = (distance / scale) ** r[:, None]  # powered[k, i] = (|x_k - x_i| / R)^r_k
        votes = w[:, None, None] * (powered[:, None, :] - powered[:, :, None])
        total = np.abs(votes).sum()
        numerator = np.clip(votes, 0.0, None).sum(axis=0)
        p = numerator / total if total > 0 else np.zeros((n, n))
        p = np.where(same, 0.0, p)
    result: FloatArray = np.asarray(p, dtype=np.float64)
    return result


def challenge_expected_utility(
    position: ArrayLike,
    salience: ArrayLike,
    probability: FloatArray,
    exponent: ArrayLike,
    median: float,
    *,
    span: float,
    q: float = 1.0,
    t: TRule = "median_rule",
) -> FloatArray:
    """``E[i, j]``: the expected utility to ``i`` of challenging ``j`` (eqs. 5-7, 15-24).

    Parameters
    ----------
    position : array_like, shape (n,)
        Positions (units of the issue scale).
    salience : array_like, shape (n,)
        Saliences as probabilities (0-1): ``s_j`` is the chance that ``j`` resists.
    probability : ndarray, shape (n, n)
        ``P[i, j]`` from :func:`probability_of_prevailing`.
    exponent : array_like, shape (n,) or (n, n)
        Risk exponent of the evaluation: a vector gives each challenger ``i`` its own ``r_i``;
        a matrix gives ``r`` per ordered pair.
    median : float
        The weighted median ``mu`` (eqs. 22-23).
    span : float
        ``R``, the range the distances are divided by (units of the issue scale).
    q : float
        ``Q``, the probability that the status quo persists if ``i`` does not challenge.
    t : {"median_rule", "better", "worse"}
        ``T`` in eq. 7.

    Examples
    --------
    Two actors at the ends of the scale, equal odds, no resistance, ``r = 1``:
    ``E = U_s - U_sq = (2 - 4 * 0) - (2 - 4 * 0.5) = 2``.

    >>> p = np.array([[0.0, 0.5], [0.5, 0.0]])
    >>> challenge_expected_utility([0, 1], [0, 0], p, [1, 1], 0.5, span=1.0)[0, 1]
    np.float64(2.0)
    """
    _check(t, TRule, "t")
    x = vector(position, "position")
    s = vector(salience, "salience")
    n = same_length(position=x, salience=s)
    e = np.asarray(exponent, dtype=np.float64)
    e = np.broadcast_to(e[:, None], (n, n)) if e.ndim == 1 else e
    d = np.abs(x[:, None] - x[None, :]) / span
    m = np.broadcast_to(np.abs(x - median)[:, None] / span, (n, n))
    u_success = 2 - 4 * np.clip(0.5 - 0.5 * d, 0.0, None) ** e
    u_failure = 2 - 4 * (0.5 + 0.5 * d) ** e
    u_better = 2 - 4 * np.clip(0.5 - 0.25 * (m + d), 0.0, None) ** e
    u_worse = 2 - 4 * (0.5 + 0.25 * (m + d)) ** e
    u_status_quo = 2 - 4 * 0.5**e
    if t == "median_rule":
        t_value = (m < d).astype(np.float64)
    else:
        t_value = np.full((n, n), 1.0 if t == "better" else 0.0)
    resist = s[None, :]
    challenge = resist * (probability * u_success + (1 - probability) * u_failure)
    challenge = challenge + (1 - resist) * u_success
    no_challenge = q * u_status_quo + (1 - q) * (t_value * u_better + (1 - t_value) * u_worse)
    eu: FloatArray = np.asarray(challenge - no_challenge, dtype=np.float64)
    np.fill_diagonal(eu, 0.0)
    return eu


def risk_exponents(first_pass: FloatArray) -> FloatArray:
    """Risk exponents ``r_i`` from first-pass expected utilities (eqs. 32-34, 33).

    ``Sec_i = sum_{j != i} E[j, i]`` (what i's adversaries expect from challenging it; Scholz
    section 5), ``R_i = (2 Sec_i - max - min) / (max - min)``, ``r_i = (1 - R_i/3)/(1 + R_i/3)``.
    All ``r_i = 1`` if every ``Sec_i`` is equal.

    Examples
    --------
    >>> eu = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.5, 0.0, 0.0]])
    >>> risk_exponents(eu).round(3).tolist()  # Sec = (0.5, 1, 0): R = (0, 1, -1)
    [1.0, 0.5, 2.0]
    """
    security = first_pass.sum(axis=0) - np.diag(first_pass)
    low, high = float(security.min()), float(security.max())
    if high - low <= 1e-15 * max(abs(high), abs(low), 1.0):
        return np.ones_like(security)
    basis = (2 * security - high - low) / (high - low)
    r: FloatArray = (1 - basis / 3) / (1 + basis / 3)
    return r


@dataclass(frozen=True)
class ExpectedUtilityResult:
    """Outcome of the expected-utility model.

    Attributes
    ----------
    outcome : float
        The forecast: the weighted median (or mean, ``outcome="mean"``) of the final positions.
    positions : ndarray, shape (rounds + 1, n)
        Positions at the start (row 0) and after each round.
    median, mean : ndarray, shape (rounds + 1,)
        Capability x salience weighted median and mean of the positions, per round.
    risk : ndarray, shape (rounds, n)
        Risk exponents used in each round.
    kind : ndarray of int, shape (rounds, n)
        Offer each actor accepted in each round: 0 none, 1 conflict, 2 compromise,
        3 capitulation (names in ``KIND_NAMES``).
    partner : ndarray of int, shape (rounds, n)
        Index of the actor whose offer was accepted, -1 if none.
    converged : bool
        True if the run stopped because no actor moved (the remaining rounds would repeat).
    """

    outcome: float
    positions: FloatArray
    median: FloatArray
    mean: FloatArray
    risk: FloatArray
    kind: np.ndarray[tuple[int, int], np.dtype[np.int64]]
    partner: np.ndarray[tuple[int, int], np.dtype[np.int64]]
    converged: bool


@dataclass(frozen=True)
class _Options:
    probability: ProbabilityRule
    conflict: ConflictRule
    offer: OfferRule
    capitulation: bool
    q: float
    t: TRule
    perspective: Perspective
    risk: bool


def _offers(
    x: FloatArray,
    a: FloatArray,
    b: FloatArray,
    options: _Options,
) -> tuple[
    FloatArray,
    np.ndarray[tuple[int], np.dtype[np.int64]],
    np.ndarray[tuple[int], np.dtype[np.int64]],
]:
    """New positions, accepted kinds and partners from the receiver-side EU pairs ``a``, ``b``.

    ``a[i, j] = E(i challenges j)`` and ``b[i, j] = E(j challenges i)``, both as seen by the
    receiver ``i`` of a possible offer from ``j``.
    """
    n = len(x)
    valid = (x[:, None] != x[None, :]) & ~np.eye(n, dtype=bool)
    target = np.broadcast_to(x[None, :], (n, n)).copy()
    kind = np.zeros((n, n), dtype=np.int64)
    if options.conflict == "loser_moves":
        kind[valid & (b > a) & (a > 0)] = CONFLICT
    compromise = valid & (a < 0) & (b > 0) & (b > -a)
    kind[compromise] = COMPROMISE
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(compromise, np.abs(a / np.where(b == 0, 1.0, b)), 0.0)
    target = np.where(compromise, x[:, None] + (x[None, :] - x[:, None]) * fraction, target)
    if options.capitulation:
        kind[valid & (a < 0) & (b > 0) & (b <= -a)] = CAPITULATION
    move = np.abs(target - x[:, None])
    new_x = x.copy()
    accepted = np.zeros(n, dtype=np.int64)
    partner = np.full(n, -1, dtype=np.int64)
    for i in range(n):
        candidates = np.flatnonzero(kind[i] > 0)
        if candidates.size == 0:
            continue
        kinds = kind[i, candidates]
        if options.offer in ("scholz_code", "type_then_least_move"):
            # Conflict before compromise before capitulation (Scholz section 6.2).
            candidates = candidates[kinds == kinds.min()]
        if options.offer == "scholz_code" and kind[i, candidates[0]] == COMPROMISE:
            abs_a, abs_b = np.abs(a[i, candidates]), np.abs(b[i, candidates])
            primary = (abs_a * x[i] + abs_b * x[candidates]) / (abs_a + abs_b)
        elif options.offer == "most_enforceable":
            primary = -b[i, candidates]
        else:
            primary = move[i, candidates]
        # Ties: the smaller move, then the stronger proposer, then the lower target position,
        # so the choice never depends on the order of the actors in the table.
        order = np.lexsort((target[i, candidates], -b[i, candidates], move[i, candidates], primary))
        j = int(candidates[order[0]])
        new_x[i] = target[i, j]
        accepted[i] = kind[i, j]
        partner[i] = j
    return new_x, accepted, partner


def _median_on_scale(
    row: FloatArray, w: FloatArray, x0: FloatArray, u0: FloatArray, origin: float, unit: float
) -> float:
    """The weighted median of normalised ``row`` on the table's scale.

    Exact when the median is one of the initial positions.
    """
    u_median = weighted_median(row, w)
    hits = np.flatnonzero(u0 == u_median)
    return float(x0[hits[0]]) if hits.size else float(origin + u_median * unit)


def solve(
    position: ArrayLike,
    capability: ArrayLike,
    salience: ArrayLike,
    *,
    rounds: int = DEFAULT_ROUNDS,
    probability: ProbabilityRule = "scholz_code",
    conflict: ConflictRule = "loser_moves",
    offer: OfferRule = "scholz_code",
    capitulation: bool = True,
    q: float = 1.0,
    t: TRule = "median_rule",
    perspective: Perspective = "receiver",
    risk: bool = True,
    span: float | SpanRule = "initial",
    outcome: OutcomeRule = "median",
) -> ExpectedUtilityResult:
    """Run the expected-utility model for ``rounds`` rounds (or until nobody moves).

    Parameters
    ----------
    position : array_like, shape (n,)
        Positions (units of the issue scale).
    capability : array_like, shape (n,)
        Capabilities (any non-negative unit).
    salience : array_like, shape (n,)
        Saliences on 0-100 (divided by 100 where the model needs a probability of resisting).
    rounds : int
        Maximum number of rounds (default 8, the length of Scholz et al.'s Table 2).
    probability, conflict, offer, capitulation, q, t, perspective, risk, span
        The published ambiguities; see the module docstring.
    outcome : {"median", "mean"}
        Forecast rule applied to the final positions (BDM: the median).

    Examples
    --------
    The EC emission-standards table (BDM 1994 Table 1); Scholz Table 2 reports a median of 8.4
    after round 1 and 9.9 after rounds 2-5.

    >>> c = [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08]
    >>> s = [80, 40, 20, 80, 60, 60, 90, 10, 100, 70]
    >>> x = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7]
    >>> result = solve(x, c, s, rounds=5)
    >>> result.median.round(1).tolist()
    [7.0, 8.4, 9.6, 10.0, 10.0, 10.0]
    """
    _check(probability, ProbabilityRule, "probability")
    _check(conflict, ConflictRule, "conflict")
    _check(offer, OfferRule, "offer")
    _check(t, TRule, "t")
    _check(perspective, Perspective, "perspective")
    _check(outcome, OutcomeRule, "outcome")
    if isinstance(span, str):
        _check(span, SpanRule, "span")
    elif not span > 0:
        raise ValueError(f"span must be positive, got {span!r}")
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"q must lie in [0, 1], got {q!r}")
    if isinstance(rounds, bool) or not isinstance(rounds, int | np.integer) or rounds < 0:
        raise ValueError(f"rounds must be a non-negative whole number, got {rounds!r}")
    x = vector(position, "position")
    c = vector(capability, "capability")
    s100 = vector(salience, "salience")
    n = same_length(position=x, capability=c, salience=s100)
    if np.any(s100 > 100):
        raise ValueError("saliences must lie in [0, 100]")
    w = weights(c, s100)
    s = s100 / 100.0
    options = _Options(probability, conflict, offer, capitulation, q, t, perspective, risk)
    # Work in normalised coordinates (x - min) / span of the initial positions (B17): a shifted
    # or rescaled table then follows exactly the same path.
    origin = float(x.min())
    unit = float(np.ptp(x)) or 1.0
    x0 = x
    u = (x - origin) / unit
    history = [u.copy()]
    risks: list[FloatArray] = []
    kinds: list[np.ndarray[tuple[int], np.dtype[np.int64]]] = []
    partners: list[np.ndarray[tuple[int], np.dtype[np.int64]]] = []
    converged = False
    for _ in range(int(rounds)):
        if span == "initial":
            scale = 1.0
        elif span == "current":
            scale = float(np.ptp(u)) or 1.0
        else:
            scale = float(span) / unit
        mu = weighted_median(u, w)
        ones = np.ones(n)
        if risk:
            p1 = probability_of_prevailing(u, w, rule=probability, risk=ones, span=scale)
            first = challenge_expected_utility(u, s, p1, ones, mu, span=scale, q=q, t=t)
            r = risk_exponents(first)
        else:
            r = ones
        p = probability_of_prevailing(u, w, rule=probability, risk=r, span=scale)
        own = challenge_expected_utility(u, s, p, r, mu, span=scale, q=q, t=t)
        if perspective == "receiver":
            # Both sides of the dyad evaluated with the receiver's exponent: E(j challenges i)
            # with r_i is E[j, i] computed with the target's exponent.
            target_exp = np.broadcast_to(r[None, :], (n, n))
            by_target = challenge_expected_utility(u, s, p, target_exp, mu, span=scale, q=q, t=t)
            a, b = own, by_target.T
        else:
            a, b = own, own.T
        new_u, kind, partner = _offers(u, a, b, options)
        risks.append(r)
        kinds.append(kind)
        partners.append(partner)
        moved = not np.array_equal(new_u, u)
        u = new_u
        history.append(u.copy())
        if not moved:
            converged = True
            break
    normalised = np.array(history)
    # Back to the scale of the table; actors that never moved keep their exact positions.
    positions = np.where(normalised == normalised[0], x0, origin + normalised * unit)
    medians = np.array(
        [_median_on_scale(row, w, x0, normalised[0], origin, unit) for row in normalised]
    )
    means = positions @ w / w.sum()
    final = float(medians[-1] if outcome == "median" else means[-1])
    return ExpectedUtilityResult(
        outcome=final,
        positions=positions,
        median=medians,
        mean=means,
        risk=np.array(risks).reshape(len(risks), n),
        kind=np.array(kinds, dtype=np.int64).reshape(len(kinds), n),
        partner=np.array(partners, dtype=np.int64).reshape(len(partners), n),
        converged=converged,
    )
