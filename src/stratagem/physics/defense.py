"""Missile-defense engagement effectiveness: probability of zero leakers.

Equations E1-E9 of ``shared/reference/missile_defense.md`` §1.2 (the standard probabilistic form of
Wilkening, *Science & Global Security* 8(2), 1999; the paper's own equation numbers are not
reproduced in the notes). Notation: ``p`` SSPK (single-shot kill probability of one interceptor),
``n`` interceptors per RV, ``N`` RVs (warheads), ``P_sys`` probability of no common-mode failure,
``P_id`` probability an RV is detected, tracked, discriminated and engaged, ``I`` inventory, ``m``
decoys per RV and ``f`` the probability a decoy is taken for an RV.

All quantities are probabilities or counts (dimensionless). All functions are vectorized over
NumPy arrays and broadcast their arguments.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import roots_jacobi

__all__ = [
    "expected_leakers",
    "interceptors_needed",
    "kill_probability",
    "layered_leak_probability",
    "layered_zero_leaker_probability",
    "shoot_look_shoot",
    "sspk_posterior",
    "zero_leaker_probability",
    "zero_leaker_probability_from_record",
    "zero_leaker_probability_inventory",
    "zero_leaker_probability_with_decoys",
]

_FloatArray = NDArray[np.float64]


def _f64(x: ArrayLike) -> _FloatArray:
    return np.asarray(x, dtype=np.float64)


def kill_probability(
    sspk: ArrayLike, shots: ArrayLike, p_engage: ArrayLike = 1.0
) -> NDArray[np.float64]:
    """Per-warhead kill probability of a barrage of ``shots`` independent interceptors (E1).

    ``K(n) = P_id * (1 - (1 - p)^n)`` (reference notes §1.2 E1).

    Parameters
    ----------
    sspk : array_like
        Single-shot kill probability ``p`` of one interceptor.
    shots : array_like
        Interceptors fired at the warhead, ``n``.
    p_engage : array_like, default 1
        ``P_id``: probability the warhead is detected, tracked, discriminated and engaged.

    Returns
    -------
    numpy.ndarray
        Kill probability ``K(n)``.

    Examples
    --------
    >>> round(float(kill_probability(0.55, 4)), 3)
    0.959
    """
    p = _f64(sspk)
    n = _f64(shots)
    return np.asarray(_f64(p_engage) * (1.0 - (1.0 - p) ** n), dtype=np.float64)


def zero_leaker_probability(
    sspk: ArrayLike,
    shots_per_warhead: ArrayLike,
    warheads: ArrayLike,
    p_system: ArrayLike = 1.0,
    p_engage: ArrayLike = 1.0,
) -> NDArray[np.float64]:
    """Probability that none of ``warheads`` leaks through a barrage defense (E2).

    ``P0 = P_sys * K(n)^N`` (reference notes §1.2 E2, ``K`` from E1). With no warheads the
    defense trivially succeeds (P0 = 1).

    Parameters
    ----------
    sspk : array_like
        Interceptor SSPK ``p``.
    shots_per_warhead : array_like
        Barrage size ``n``.
    warheads : array_like
        Number of RVs ``N``.
    p_system : array_like, default 1
        ``P_sys``, probability of no common-mode (sensor / battle-management) failure.
    p_engage : array_like, default 1
        ``P_id``, per-RV engagement probability.

    Returns
    -------
    numpy.ndarray
        Probability of zero leakers.

    Examples
    --------
    >>> round(float(zero_leaker_probability(0.584, 4, 12)), 3)  # The Economist, 2017
    0.694
    """
    n_warheads = _f64(warheads)
    k = kill_probability(sspk, shots_per_warhead, p_engage)
    p0 = _f64(p_system) * k**n_warheads
    return np.where(n_warheads > 0, p0, 1.0)


def expected_leakers(
    sspk: ArrayLike,
    shots_per_warhead: ArrayLike,
    warheads: ArrayLike,
    p_system: ArrayLike = 1.0,
    p_engage: ArrayLike = 1.0,
) -> NDArray[np.float64]:
    """Expected number of leaking warheads (E3).

    ``E[L] = N * (1 - P_sys * K(n))``: if the system fails (probability ``1 - P_sys``) all ``N``
    leak; otherwise ``L ~ Binomial(N, 1 - K(n))`` (reference notes §1.2 E3).

    Parameters
    ----------
    sspk : array_like
        Interceptor SSPK ``p``.
    shots_per_warhead : array_like
        Barrage size ``n``.
    warheads : array_like
        Number of RVs ``N``.
    p_system : array_like, default 1
        ``P_sys``.
    p_engage : array_like, default 1
        ``P_id``.

    Returns
    -------
    numpy.ndarray
        Expected leakers (same unit as ``warheads``).

    Examples
    --------
    >>> round(float(expected_leakers(0.95, 1, 5)), 2)  # 5 RVs at 95 % per-missile effectiveness
    0.25
    """
    k = kill_probability(sspk, shots_per_warhead, p_engage)
    return np.asarray(_f64(warheads) * (1.0 - _f64(p_system) * k), dtype=np.float64)


def zero_leaker_probability_inventory(
    sspk: ArrayLike,
    interceptors: ArrayLike,
    warheads: ArrayLike,
    max_shots_per_warhead: ArrayLike | None = None,
    p_system: ArrayLike = 1.0,
) -> NDArray[np.float64]:
    """Zero-leaker probability when the interceptor inventory limits the barrage (E4).

    Interceptors are spread as evenly as possible: with ``I`` interceptors and ``N`` warheads,
    ``k = I mod N`` warheads get ``floor(I/N) + 1`` shots and the rest ``floor(I/N)``
    (reference notes §1.2 E4):
    ``P0 = P_sys [1-(1-p)^floor(I/N)]^(N-k) [1-(1-p)^(floor(I/N)+1)]^k``. A shot doctrine
    ``max_shots_per_warhead`` caps the shots per warhead (``None``: fire everything, as in the
    reference's inventory table).

    Parameters
    ----------
    sspk : array_like
        Interceptor SSPK ``p``.
    interceptors : array_like
        Inventory ``I`` (fractional values are floored).
    warheads : array_like
        Number of RVs ``N``.
    max_shots_per_warhead : array_like or None, default None
        Doctrine cap ``n_max``.
    p_system : array_like, default 1
        ``P_sys``.

    Returns
    -------
    numpy.ndarray
        Probability of zero leakers.

    Examples
    --------
    >>> round(float(zero_leaker_probability_inventory(0.55, 44, 10)), 3)
    0.722
    >>> round(float(zero_leaker_probability_inventory(0.55, 30, 5)), 3)
    0.959
    """
    p = _f64(sspk)
    inventory = np.floor(_f64(interceptors))
    n_warheads = _f64(warheads)
    safe_n = np.maximum(n_warheads, 1.0)
    base = np.floor(inventory / safe_n)
    extra = inventory - base * safe_n
    if max_shots_per_warhead is not None:
        cap = _f64(max_shots_per_warhead)
        capped = base >= cap
        base = np.where(capped, cap, base)
        extra = np.where(capped, 0.0, extra)
    miss = 1.0 - p
    k_base = 1.0 - miss**base
    k_extra = 1.0 - miss ** (base + 1.0)
    p0 = _f64(p_system) * k_base ** (safe_n - extra) * k_extra**extra
    return np.where(n_warheads > 0, p0, 1.0)


def shoot_look_shoot(
    sspk: ArrayLike,
    first_salvo: ArrayLike,
    second_salvo: ArrayLike,
    p_kill_assessment: ArrayLike = 1.0,
    p_false_alarm: ArrayLike = 0.0,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per-RV kill probability and mean interceptors used by shoot-look-shoot (E5).

    ``n1`` shots, kill assessment, then ``n2`` shots at RVs judged alive (reference notes §1.2 E5)::

        leak  = (1-p)^n1 * [(1 - p_ka) + p_ka (1-p)^n2]
        shots = n1 + n2 * [(1-p)^n1 p_ka + (1 - (1-p)^n1) q_fa]

    where ``p_ka`` is the probability a surviving RV is correctly seen as alive and ``q_fa`` the
    probability a killed RV is wrongly seen as alive (wasted second-salvo shots).

    Parameters
    ----------
    sspk : array_like
        Interceptor SSPK ``p``.
    first_salvo, second_salvo : array_like
        Shots ``n1`` and ``n2``.
    p_kill_assessment : array_like, default 1
        ``p_ka``.
    p_false_alarm : array_like, default 0
        ``q_fa``.

    Returns
    -------
    kill : numpy.ndarray
        Per-RV kill probability ``1 - leak``.
    mean_shots : numpy.ndarray
        Expected interceptors expended per RV.

    Examples
    --------
    >>> kill, shots = shoot_look_shoot(0.55, 2, 2)
    >>> round(float(kill), 3), round(float(shots), 2)
    (0.959, 2.4)
    """
    miss = 1.0 - _f64(sspk)
    n1 = _f64(first_salvo)
    n2 = _f64(second_salvo)
    p_ka = _f64(p_kill_assessment)
    q_fa = _f64(p_false_alarm)
    survive_first = miss**n1
    leak = survive_first * ((1.0 - p_ka) + p_ka * miss**n2)
    shots = n1 + n2 * (survive_first * p_ka + (1.0 - survive_first) * q_fa)
    return np.asarray(1.0 - leak, dtype=np.float64), np.asarray(shots, dtype=np.float64)


def layered_leak_probability(layer_kill_probs: ArrayLike) -> NDArray[np.float64]:
    """Probability that one RV leaks through every layer of a layered defense (E6).

    ``P(RV leaks) = prod_l (1 - K_l)`` over the layers on the **last axis** (reference notes §1.2
    E6), with ``K_l`` each layer's per-RV kill probability (E1).

    Parameters
    ----------
    layer_kill_probs : array_like
        Per-layer kill probabilities ``K_l``, layers along the last axis.

    Returns
    -------
    numpy.ndarray
        Leak probability, the last axis reduced.

    Examples
    --------
    >>> round(float(layered_leak_probability([0.5, 0.8])), 3)  # e.g. midcourse + terminal
    0.1
    """
    k = np.atleast_1d(_f64(layer_kill_probs))
    return np.asarray(np.prod(1.0 - k, axis=-1), dtype=np.float64)


def layered_zero_leaker_probability(
    layer_kill_probs: ArrayLike,
    warheads: ArrayLike,
    layer_p_system: ArrayLike = 1.0,
    *,
    all_layers_required: bool = False,
) -> NDArray[np.float64]:
    """Probability of zero leakers for a layered defense with per-layer common-mode failure (E6).

    Layers are on the **last axis** of ``layer_kill_probs`` (and of ``layer_p_system``, which
    broadcasts against it). Each layer ``l`` is up (no common-mode failure) with probability
    ``P_sys,l``, independently; a failed layer kills nothing, the others keep working. Given the
    set ``S`` of layers that are up, RVs leak independently with probability
    ``prod_{l in S} (1 - K_l)``, so (reference notes §1.2 E6)::

        P0 = sum_S  prod_{l in S} P_sys,l  prod_{l not in S} (1 - P_sys,l)
                    * [1 - prod_{l in S} (1 - K_l)]^N

    E6 as printed in the notes, ``prod_l P_sys,l * [1 - prod_l (1 - K_l)]^N``, is the ``S = all
    layers`` term alone: the defense then counts as failed if *any* layer fails. It is a lower
    bound, returned with ``all_layers_required=True``. Both agree when every ``P_sys,l = 1``,
    and for a single layer both reduce to E2. Zero warheads give P0 = 1.

    Parameters
    ----------
    layer_kill_probs : array_like
        Per-layer per-RV kill probabilities ``K_l`` (layers on the last axis, at most 20).
    warheads : array_like
        Number of RVs ``N`` (broadcasts against the leading axes).
    layer_p_system : array_like, default 1
        Per-layer probability of no common-mode failure ``P_sys,l``.
    all_layers_required : bool, default False
        Use the literal E6 product (all layers must be up).

    Returns
    -------
    numpy.ndarray
        Probability of zero leakers, the layer axis reduced.

    Examples
    --------
    >>> round(float(layered_zero_leaker_probability([0.5, 0.8], 5, [0.9, 0.9])), 3)
    0.511
    >>> round(float(layered_zero_leaker_probability([0.5, 0.8], 5, [0.9, 0.9],
    ...                                             all_layers_required=True)), 3)
    0.478
    """
    k = np.atleast_1d(_f64(layer_kill_probs))
    p_sys = _f64(layer_p_system)
    k, p_sys = np.broadcast_arrays(k, p_sys)
    n_warheads = _f64(warheads)
    n_layers = k.shape[-1]
    if n_layers > 20:
        raise ValueError(f"at most 20 layers are supported, got {n_layers}")
    if all_layers_required:
        p0 = np.prod(p_sys, axis=-1) * (1.0 - np.prod(1.0 - k, axis=-1)) ** n_warheads
        return np.asarray(np.where(n_warheads > 0, p0, 1.0), dtype=np.float64)
    total = np.zeros(np.broadcast_shapes(k.shape[:-1], n_warheads.shape), dtype=np.float64)
    for state in itertools.product((False, True), repeat=n_layers):
        up = np.array(state)
        p_state = np.prod(np.where(up, p_sys, 1.0 - p_sys), axis=-1)
        leak = np.prod(np.where(up, 1.0 - k, 1.0), axis=-1)
        total = total + p_state * np.where(n_warheads > 0, (1.0 - leak) ** n_warheads, 1.0)
    return total


def interceptors_needed(
    shots_per_warhead: ArrayLike,
    warheads: ArrayLike,
    decoys_per_warhead: ArrayLike,
    false_target_rate: ArrayLike = 1.0,
) -> NDArray[np.float64]:
    """Interceptors needed to engage every RV and every decoy taken for an RV (E7/E8).

    ``n * N * (1 + m f)`` (reference notes §1.2 E7 with ``f = 1``, no discrimination:
    ``n N (1 + m)``; E8 with imperfect discrimination and every RV engaged, ``P_id = 1``).

    Parameters
    ----------
    shots_per_warhead : array_like
        Shots per credible object ``n``.
    warheads : array_like
        Number of RVs ``N``.
    decoys_per_warhead : array_like
        Credible decoys per RV ``m``.
    false_target_rate : array_like, default 1
        ``f``, probability a decoy is taken for an RV (1 = no discrimination).

    Returns
    -------
    numpy.ndarray
        Interceptors (count, may be fractional for ``f < 1``: an expectation).

    Examples
    --------
    >>> interceptors_needed(4, 5, [0, 1, 3, 10]).tolist()
    [20.0, 40.0, 80.0, 220.0]
    """
    n = _f64(shots_per_warhead)
    m = _f64(decoys_per_warhead)
    f = _f64(false_target_rate)
    return np.asarray(n * _f64(warheads) * (1.0 + m * f), dtype=np.float64)


def zero_leaker_probability_with_decoys(
    sspk: ArrayLike,
    shots_per_warhead: ArrayLike,
    warheads: ArrayLike,
    decoys_per_warhead: ArrayLike,
    false_target_rate: ArrayLike,
    interceptors: ArrayLike,
    p_system: ArrayLike = 1.0,
) -> NDArray[np.float64]:
    """Zero-leaker probability against RVs accompanied by decoys, inventory-limited (E7/E8).

    Reading of E8 used here (reference notes §1.2 E7/E8). The defense classifies every RV as a
    threat and each of the ``m`` decoys per RV as a threat with probability ``f``, so it faces
    ``M = N (1 + m f)`` credible objects on average and fires ``n`` shots at each object it
    engages. With ``I`` interceptors it can engage ``j = floor(I / n)`` objects; being unable to
    tell RVs from accepted decoys, each RV is engaged with probability
    ``P_id = min(1, j / M)`` (E8's "``P_id = j / (1 + m)``" for ``f = 1``, per RV). Then
    ``K = P_id [1 - (1-p)^n]`` (E1, leak per RV ``1 - K``) and ``P0 = P_sys K^N`` (E2), treating
    RVs as engaged independently (sampling without replacement is approximated by its mean).
    When ``I >= n N (1 + m f)`` (:func:`interceptors_needed`) decoys cost interceptors but not
    effectiveness. RVs wrongly classified as decoys are not modelled (fold them into ``p``).

    Parameters
    ----------
    sspk : array_like
        Interceptor SSPK ``p``.
    shots_per_warhead : array_like
        Shots per engaged object ``n`` (> 0).
    warheads : array_like
        Number of RVs ``N``.
    decoys_per_warhead : array_like
        Credible decoys per RV ``m``.
    false_target_rate : array_like
        ``f``, probability a decoy is taken for an RV.
    interceptors : array_like
        Inventory ``I``.
    p_system : array_like, default 1
        ``P_sys``.

    Returns
    -------
    numpy.ndarray
        Probability of zero leakers.

    Examples
    --------
    5 RVs, p = 0.55, n = 4, 44 GBIs: enough for one decoy per RV (40 needed), not for three
    (80 needed; 11 of 20 credible objects engaged):

    >>> round(float(zero_leaker_probability_with_decoys(0.55, 4, 5, 1, 1.0, 44)), 3)
    0.811
    >>> round(float(zero_leaker_probability_with_decoys(0.55, 4, 5, 3, 1.0, 44)), 3)
    0.041
    """
    n = _f64(shots_per_warhead)
    n_warheads = _f64(warheads)
    credible = np.maximum(n_warheads, 0.0) * (
        1.0 + _f64(decoys_per_warhead) * _f64(false_target_rate)
    )
    safe_n = np.where(n > 0, n, 1.0)
    engageable = np.where(n > 0, np.floor(_f64(interceptors) / safe_n), np.inf)
    safe_credible = np.where(credible > 0, credible, 1.0)
    p_id = np.where(credible > 0, np.minimum(1.0, engageable / safe_credible), 1.0)
    return zero_leaker_probability(sspk, n, n_warheads, p_system, p_id)


def sspk_posterior(
    hits: ArrayLike,
    trials: ArrayLike,
    prior: tuple[ArrayLike, ArrayLike] = (1.0, 1.0),
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Beta posterior parameters of the SSPK after ``hits`` in ``trials`` intercept tests (E9).

    Conjugate update ``p ~ Beta(h + a, t - h + b)`` of a ``Beta(a, b)`` prior (reference notes
    §1.2 E9; the uniform prior ``(1, 1)`` gives ``Beta(h + 1, t - h + 1)``).

    Parameters
    ----------
    hits : array_like
        Successful intercepts ``h``.
    trials : array_like
        Intercept attempts ``t`` (>= ``h``).
    prior : tuple of array_like, default (1, 1)
        Prior Beta parameters ``(a, b)``.

    Returns
    -------
    alpha, beta : numpy.ndarray
        Posterior Beta parameters.

    Examples
    --------
    >>> a, b = sspk_posterior(8, 15)  # GMD record in April 2013
    >>> float(a), float(b), round(float(a / (a + b)), 3)
    (9.0, 8.0, 0.529)
    """
    h = _f64(hits)
    t = _f64(trials)
    if np.any(h < 0) or np.any(t < h):
        raise ValueError("need 0 <= hits <= trials")
    a, b = _f64(prior[0]), _f64(prior[1])
    return np.asarray(h + a, dtype=np.float64), np.asarray(t - h + b, dtype=np.float64)


@lru_cache(maxsize=256)
def _beta_nodes(order: int, alpha: float, beta: float) -> tuple[_FloatArray, _FloatArray]:
    """Gauss-Jacobi nodes on [0, 1] and weights normalized to the Beta(alpha, beta) density."""
    # Weight (1 - x)^(beta - 1) (1 + x)^(alpha - 1) on [-1, 1]; p = (1 + x) / 2.
    x, w = roots_jacobi(order, beta - 1.0, alpha - 1.0)
    nodes = np.asarray(0.5 * (1.0 + x), dtype=np.float64)
    weights = np.asarray(w / np.sum(w), dtype=np.float64)
    return nodes, weights


def zero_leaker_probability_from_record(
    hits: ArrayLike,
    trials: ArrayLike,
    shots_per_warhead: ArrayLike,
    warheads: ArrayLike,
    p_system: ArrayLike = 1.0,
    prior: tuple[ArrayLike, ArrayLike] = (1.0, 1.0),
) -> NDArray[np.float64]:
    """Zero-leaker probability averaged over the SSPK uncertainty of a test record (E9).

    ``P0 = P_sys * E_p[(1 - (1-p)^n)^N]`` with ``p ~ Beta(h + a, t - h + b)``
    (:func:`sspk_posterior`; reference notes §1.2 E9). The shots at all RVs share the one unknown
    ``p``, so P0 is lower than the point value at the posterior mean. The expectation is computed
    by Gauss-Jacobi quadrature mapped to ``[0, 1]`` with ``K = max(32, ceil((nN + 1) / 2))``
    nodes (at most 2048), exact for integer ``n N <= 2K - 1`` (the integrand is then a polynomial
    of degree ``nN`` in ``p``). Zero warheads give P0 = 1.

    Parameters
    ----------
    hits : array_like
        Successful intercepts ``h``.
    trials : array_like
        Intercept attempts ``t``.
    shots_per_warhead : array_like
        Barrage size ``n``.
    warheads : array_like
        Number of RVs ``N``.
    p_system : array_like, default 1
        ``P_sys``.
    prior : tuple of array_like, default (1, 1)
        Prior Beta parameters ``(a, b)``.

    Returns
    -------
    numpy.ndarray
        Probability of zero leakers.

    Examples
    --------
    >>> round(float(zero_leaker_probability_from_record(8, 15, 4, 5)), 3)  # April 2013, 5 RVs
    0.732
    """
    alpha, beta = sspk_posterior(hits, trials, prior)
    alpha, beta, n, n_w, p_sys = np.broadcast_arrays(
        alpha, beta, _f64(shots_per_warhead), _f64(warheads), _f64(p_system)
    )
    out = np.empty(alpha.shape, dtype=np.float64)
    for idx in np.ndindex(alpha.shape):
        if n_w[idx] <= 0:
            out[idx] = 1.0
            continue
        degree = float(n[idx] * n_w[idx])
        order = int(min(2048, max(32, np.ceil((degree + 1.0) / 2.0))))
        nodes, weights = _beta_nodes(order, float(alpha[idx]), float(beta[idx]))
        kill = 1.0 - (1.0 - nodes) ** n[idx]
        out[idx] = p_sys[idx] * float(np.dot(weights, kill ** n_w[idx]))
    return out
