r"""The Stokman-Van Oosten exchange model: two-issue vote trading between pairs of actors.

Each issue's outcome is the capability x salience weighted mean of the actors' *voting*
positions (the compromise model). Two actors who sit on opposite sides of the outcome on two
issues ``p`` and ``q``, and who care about them in different proportions, can both gain by
trading votes: the actor that cares relatively more about ``p`` (``s_ap / s_aq > s_bp / s_bq``)
*demands* ``p``, and the other moves its voting position on ``p`` toward it; in return the
demander moves on ``q`` toward the other (Stokman & Van Oosten 1994). A shift ``dx`` of actor
``k``'s vote on issue ``d`` moves the outcome by ``c_k s_kd dx / sum_l c_l s_ld``.

Utilities are linear in the distance between an actor's *policy* position (its preference,
which never changes) and the outcome, weighted by salience (on 0-1); only *voting* positions
move. With outcome shifts ``alpha`` on ``p`` (toward ``a``) and ``beta`` on ``q``
(toward ``b``), the gains are ``G_a = s_ap alpha - s_aq beta`` and ``G_b = s_bq beta - s_bp alpha``.
The *equal gain* exchange rate (Stokman & Van Oosten 1994; the "Equal Gain" model of Decide)
sets ``G_a = G_b``:

.. math:: \beta = \alpha \frac{s_{ap} + s_{bp}}{s_{aq} + s_{bq}}, \qquad
          G = \alpha \frac{s_{ap} s_{bq} - s_{aq} s_{bp}}{s_{aq} + s_{bq}}.

``alpha`` is as large as possible subject to: no voter moves past its partner's position, and
no outcome moves past the demander's position (beyond it the linear gain no longer holds).

Within a round, exchanges are realised greedily, the largest gain first; after each one the
outcomes and every remaining exchange are recomputed, and an actor's vote on an issue that has
moved is not traded again in the same round (decision B12). The model is one round by default;
further rounds trade again from the voting positions the last one left (decision B13).

References
----------
Stokman, F. N. & Van Oosten, R. (1994). The exchange of voting positions: an object-oriented
model of policy networks. In Bueno de Mesquita & Stokman (eds.), *European Community Decision
Making*, Yale University Press, 105-127.
Van Assen, M. A. L. M., Stokman, F. N. & Van Oosten, R. (2003). Conflict measures in cooperative
exchange models of collective decision-making. *Rationality and Society* 15(1): 85-112.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike

from stratagem.bargaining._arrays import FloatArray

__all__ = ["DEFAULT_ROUNDS", "Exchange", "ExchangeResult", "issue_outcomes", "solve"]

#: Default number of rounds: Stokman & Van Oosten's model is a single round of exchanges
#: (decision B13). More rounds trade again from the new voting positions.
DEFAULT_ROUNDS = 1


def issue_outcomes(position: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> FloatArray:
    """Per-issue outcomes: the weighted means ``sum_i c_i s_id x_id / sum_i c_i s_id``.

    Parameters
    ----------
    position : array_like, shape (n, m)
        Positions of ``n`` actors on ``m`` issues.
    capability : array_like, shape (n,)
        Capabilities.
    salience : array_like, shape (n, m)
        Saliences (any non-negative scale; on each issue some actor must have weight).

    Examples
    --------
    >>> issue_outcomes([[0, 0], [100, 100]], [1, 1], [[80, 20], [20, 80]]).tolist()
    [20.0, 80.0]
    """
    x = np.asarray(position, dtype=np.float64)
    c = np.asarray(capability, dtype=np.float64)
    s = np.asarray(salience, dtype=np.float64)
    w = c[:, None] * s
    total = w.sum(axis=0)
    if np.any(total <= 0):
        raise ValueError("on every issue at least one actor needs capability x salience > 0")
    outcomes: FloatArray = (w * x).sum(axis=0) / total
    return outcomes


@dataclass(frozen=True)
class Exchange:
    """One realised exchange.

    ``demander`` moves its vote on ``supply_issue`` toward ``supplier``'s position; ``supplier``
    moves its vote on ``demand_issue`` (the demander's issue) toward the demander's position.
    Moves and outcome shifts are in units of the issues' scales; ``gain`` is each party's
    utility gain (salience on 0-1 times distance as a fraction of the scale).
    """

    round: int
    demander: int
    supplier: int
    demand_issue: int
    supply_issue: int
    supplier_move: float
    demander_move: float
    demand_shift: float
    supply_shift: float
    gain: float


@dataclass(frozen=True)
class ExchangeResult:
    """Outcome of the exchange model.

    Attributes
    ----------
    outcomes : ndarray, shape (m,)
        Per-issue outcomes after the last round (units of each issue's scale).
    positions : ndarray, shape (rounds + 1, n, m)
        Voting positions at the start and after each round.
    trajectory : ndarray, shape (rounds + 1, m)
        Per-issue outcomes at the start and after each round.
    exchanges : tuple of Exchange
        Every realised exchange, in order.
    gain : ndarray, shape (n,)
        Each actor's total utility gain from its exchanges: salience (0-1) times distance as a
        fraction of the issue's scale.
    converged : bool
        True if the run stopped because no exchange was left.
    """

    outcomes: FloatArray
    positions: FloatArray
    trajectory: FloatArray
    exchanges: tuple[Exchange, ...]
    gain: FloatArray
    converged: bool


def _best_exchange(
    x: FloatArray,
    y: FloatArray,
    c: FloatArray,
    s: FloatArray,
    locked: np.ndarray[tuple[int, int], np.dtype[np.bool_]],
) -> tuple[float, tuple[int, int, int, int, float, float]] | None:
    """The feasible exchange with the largest gain, or None.

    ``x`` are the actors' policy positions (their preferences), ``y`` their current voting
    positions (which make the outcomes), salience ``s`` on 0-1.
    """
    n, m = x.shape
    w = c[:, None] * s
    total = w.sum(axis=0)
    outcome = (w * y).sum(axis=0) / total
    span = np.ptp(x, axis=0)
    offset = x - outcome[None, :]
    # Within 1e-9 of the scale of the outcome counts as at it: rounding never decides a side.
    side = np.where(np.abs(offset) <= 1e-9 * np.maximum(span, 1e-300), 0.0, np.sign(offset))
    tol = 1e-12 * max(float(span.max()), 1e-300)
    best: tuple[float, tuple[float, ...], tuple[int, int, int, int, float, float]] | None = None
    for p in range(m):
        for q in range(p + 1, m):
            for i in range(n):
                for j in range(i + 1, n):
                    # Opposite sides of the outcome on both issues.
                    if side[i, p] * side[j, p] >= 0 or side[i, q] * side[j, q] >= 0:
                        continue
                    cross = s[i, p] * s[j, q] - s[j, p] * s[i, q]
                    if cross == 0:
                        continue
                    a, b = (i, j) if cross > 0 else (j, i)  # a demands p, b demands q
                    if locked[b, p] or locked[a, q] or w[b, p] <= 0 or w[a, q] <= 0:
                        continue
                    rate = (s[a, p] + s[b, p]) / (s[a, q] + s[b, q])  # beta / alpha
                    alpha = min(
                        w[b, p] * abs(x[a, p] - y[b, p]) / total[p],
                        abs(x[a, p] - outcome[p]),
                        w[a, q] * abs(x[b, q] - y[a, q]) / total[q] / rate,
                        abs(x[b, q] - outcome[q]) / rate,
                    )
                    gain = alpha * abs(cross) / (s[a, q] + s[b, q])
                    if gain <= tol:
                        continue
                    # Order-free tie-break: the gain, then the data of the two parties.
                    key = (gain, alpha, -x[a, p], -x[b, p], -x[a, q], -x[b, q], c[a], c[b])
                    if best is None or key > best[1]:
                        best = (gain, key, (a, b, p, q, alpha, alpha * rate))
    return None if best is None else (best[0], best[2])


def _move_toward(start: float, goal: float, distance: float) -> float:
    """``start`` moved ``distance`` toward ``goal``, landing exactly on it when it is reached."""
    gap = abs(goal - start)
    if distance >= gap * (1 - 1e-12):
        return goal
    return start + distance if goal > start else start - distance


def solve(
    position: ArrayLike,
    capability: ArrayLike,
    salience: ArrayLike,
    *,
    rounds: int = DEFAULT_ROUNDS,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
) -> ExchangeResult:
    """Run the exchange model on a multi-issue table.

    Parameters
    ----------
    position : array_like, shape (n, m)
        Positions of ``n`` actors on ``m >= 2`` issues (units of each issue's scale).
    capability : array_like, shape (n,)
        Capabilities (any non-negative unit).
    salience : array_like, shape (n, m)
        Saliences on 0-100.
    rounds : int
        Maximum number of rounds (default 1, the original model; the run stops earlier when no
        exchange is left). Each round starts from the voting positions the previous one left;
        the actors' policy positions (their preferences) never change.
    low, high : array_like, shape (m,), optional
        Ends of each issue's scale. Distances are measured as fractions of the scale (Decide
        normalises every issue to 0-100 the same way), so gains on different issues compare;
        default: the range of the positions on each issue.

    Examples
    --------
    Two actors who each care most about a different issue trade fully: each gets its way on
    the issue it cares about (the weighted means were 20 and 80).

    >>> result = solve([[0, 0], [100, 100]], [1, 1], [[80, 20], [20, 80]])
    >>> result.outcomes.tolist(), len(result.exchanges)
    ([0.0, 100.0], 1)
    """
    x = np.array(position, dtype=np.float64)
    c = np.asarray(capability, dtype=np.float64)
    s100 = np.asarray(salience, dtype=np.float64)
    if x.ndim != 2 or s100.shape != x.shape or c.shape != (x.shape[0],):
        raise ValueError(
            "position and salience must have shape (actors, issues) and capability (actors,)"
        )
    if x.shape[1] < 2:
        raise ValueError("the exchange model needs at least two issues")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(c)) and np.all(np.isfinite(s100))):
        raise ValueError("positions, capabilities and saliences must be finite")
    if np.any(c < 0) or np.any(s100 < 0) or np.any(s100 > 100):
        raise ValueError("capabilities must be non-negative and saliences in [0, 100]")
    if isinstance(rounds, bool) or not isinstance(rounds, int | np.integer) or rounds < 0:
        raise ValueError(f"rounds must be a non-negative whole number, got {rounds!r}")
    s = s100 / 100.0
    n, m = x.shape
    # Work in normalised coordinates per issue, (x - low) / (high - low) (B17): a shifted or
    # rescaled table then follows exactly the same path.
    x0 = x
    origin = x.min(axis=0) if low is None else np.asarray(low, dtype=np.float64)
    top = x.max(axis=0) if high is None else np.asarray(high, dtype=np.float64)
    if origin.shape != (m,) or top.shape != (m,) or np.any(top < origin):
        raise ValueError("low and high need one value per issue, with low <= high")
    unit = np.where(top - origin > 0, top - origin, 1.0)
    x = (x - origin) / unit
    history = [x.copy()]
    outcomes = [issue_outcomes(x, c, s)]
    realised: list[Exchange] = []
    gain = np.zeros(n)
    converged = False
    y = x.copy()
    for round_number in range(1, int(rounds) + 1):
        locked = np.zeros((n, m), dtype=bool)
        count = 0
        while True:
            best = _best_exchange(x, y, c, s, locked)
            if best is None:
                break
            g, (a, b, p, q, alpha, beta) = best
            total_p = float((c * s[:, p]).sum())
            total_q = float((c * s[:, q]).sum())
            before_b, before_a = y[b, p], y[a, q]
            y[b, p] = _move_toward(before_b, x[a, p], alpha * total_p / (c[b] * s[b, p]))
            y[a, q] = _move_toward(before_a, x[b, q], beta * total_q / (c[a] * s[a, q]))
            locked[b, p] = locked[a, q] = True
            gain[a] += g
            gain[b] += g
            count += 1
            realised.append(
                Exchange(
                    round=round_number,
                    demander=a,
                    supplier=b,
                    demand_issue=p,
                    supply_issue=q,
                    supplier_move=float(abs(y[b, p] - before_b)),
                    demander_move=float(abs(y[a, q] - before_a)),
                    demand_shift=float(alpha),
                    supply_shift=float(beta),
                    gain=float(g),
                )
            )
        if count == 0:
            converged = True
            break
        history.append(y.copy())
        outcomes.append(issue_outcomes(y, c, s))
    normalised = np.array(history)
    positions = np.where(normalised == normalised[0], x0, origin + normalised * unit)
    trajectory = origin + np.array(outcomes) * unit
    scaled = tuple(
        replace(
            e,
            supplier_move=e.supplier_move * float(unit[e.demand_issue]),
            demander_move=e.demander_move * float(unit[e.supply_issue]),
            demand_shift=e.demand_shift * float(unit[e.demand_issue]),
            supply_shift=e.supply_shift * float(unit[e.supply_issue]),
        )
        for e in realised
    )
    return ExchangeResult(
        outcomes=trajectory[-1],
        positions=positions,
        trajectory=trajectory,
        exchanges=scaled,
        gain=gain,
        converged=converged,
    )
