"""Offense-side accuracy and lethality: CEP, lethal radius and single-shot kill probability.

Equation E10 of ``shared/reference/missile_defense.md`` §1.2, with the accuracy data points of
§2.4. The impact error is circular normal with standard deviation ``sigma`` per axis, and the
circular error probable is ``CEP = sqrt(2 ln 2) sigma = 1.1774 sigma``. Units: km for lengths,
kilotons (kt) of TNT for yields, psi (pounds per square inch) for hardness.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "CEP_PER_SIGMA",
    "KM_PER_NMI",
    "lethal_radius_km",
    "probability_within",
    "sigma_from_cep",
    "single_shot_kill_probability",
]

#: ``CEP / sigma`` for a circular normal error, ``sqrt(2 ln 2) = 1.17741`` (E10: "1.1774").
CEP_PER_SIGMA = float(np.sqrt(2.0 * np.log(2.0)))
#: Kilometres per international nautical mile.
KM_PER_NMI = 1.852
#: Hard-target lethal-radius coefficient of E10, nautical miles at 1 Mt and 1 psi.
_LR_COEFF_NMI = 2.62


def probability_within(radius_km: ArrayLike, cep_km: ArrayLike) -> NDArray[np.float64]:
    """Probability that a warhead lands within ``radius_km`` of the aim point (E10).

    ``P(r) = 1 - 0.5^((r / CEP)^2)`` for a circular-normal impact distribution (reference notes
    §1.2 E10, illustrated in §2.4). A zero CEP is a perfectly accurate weapon (``P = 1`` for any
    positive radius).

    Parameters
    ----------
    radius_km : array_like
        Miss-distance radius, km (>= 0).
    cep_km : array_like
        Circular error probable, km (>= 0).

    Returns
    -------
    numpy.ndarray
        Probability in [0, 1].

    Examples
    --------
    >>> round(float(probability_within(1.0, 3.0)), 3)  # CEP 3 km, within 1 km
    0.074
    >>> float(probability_within(3.0, 3.0))
    0.5
    """
    r = np.asarray(radius_km, dtype=np.float64)
    cep = np.asarray(cep_km, dtype=np.float64)
    safe_cep = np.where(cep > 0.0, cep, 1.0)
    # 1 - 0.5**x computed as -expm1(x * ln 0.5) to keep precision for small x.
    p = -np.expm1(-np.log(2.0) * (r / safe_cep) ** 2)
    return np.asarray(np.where(cep > 0.0, p, np.where(r > 0.0, 1.0, 0.0)), dtype=np.float64)


def lethal_radius_km(yield_kt: ArrayLike, hardness_psi: ArrayLike) -> NDArray[np.float64]:
    """Hard-target lethal radius (km) of a nuclear warhead of ``yield_kt`` kilotons (E10).

    E10 (reference notes §1.2, as coded in the public JS model):
    ``LR = 2.62 nmi * Y[Mt]^(1/3) / H[psi]^(1/3)``. Here the yield is given in **kilotons** and
    converted (``Y[Mt] = yield_kt / 1000``), and the result is converted from nautical miles to
    **kilometres** (1 nmi = 1.852 km), so ``LR[km] = 4.852 km * (yield_kt / 1000)^(1/3) /
    hardness_psi^(1/3)``. This is a hard-target fit; do not use it for soft or area targets.

    Parameters
    ----------
    yield_kt : array_like
        Explosive yield, kilotons of TNT.
    hardness_psi : array_like
        Target hardness (peak overpressure it withstands), psi.

    Returns
    -------
    numpy.ndarray
        Lethal radius, km.

    Examples
    --------
    >>> round(float(lethal_radius_km(1000.0, 1.0)), 3)  # 1 Mt against 1 psi: 2.62 nmi
    4.852
    """
    y_mt = np.asarray(yield_kt, dtype=np.float64) / 1000.0
    h = np.asarray(hardness_psi, dtype=np.float64)
    return np.asarray(_LR_COEFF_NMI * KM_PER_NMI * np.cbrt(y_mt) / np.cbrt(h), dtype=np.float64)


def single_shot_kill_probability(
    yield_kt: ArrayLike,
    hardness_psi: ArrayLike,
    cep_km: ArrayLike,
    reliability: ArrayLike = 1.0,
) -> NDArray[np.float64]:
    """Offensive single-shot kill probability of one warhead against a point target (E10).

    ``SSPK_off = 1 - 0.5^((LR / CEP)^2)`` with ``LR`` from :func:`lethal_radius_km`, times the
    missile reliability: ``TKP = R_m * SSPK_off`` (reference notes §1.2 E10).

    Parameters
    ----------
    yield_kt : array_like
        Yield, kilotons.
    hardness_psi : array_like
        Target hardness, psi.
    cep_km : array_like
        Circular error probable, km.
    reliability : array_like, default 1
        Missile reliability ``R_m`` (launch, flight and re-entry survival), probability.

    Returns
    -------
    numpy.ndarray
        Kill probability in [0, 1].

    Examples
    --------
    A 1 Mt warhead with a CEP equal to its lethal radius kills half the time:

    >>> float(single_shot_kill_probability(1000.0, 1.0, 2.62 * 1.852))
    0.5
    """
    lr = lethal_radius_km(yield_kt, hardness_psi)
    return np.asarray(
        np.asarray(reliability, dtype=np.float64) * probability_within(lr, cep_km),
        dtype=np.float64,
    )


def sigma_from_cep(cep_km: ArrayLike) -> NDArray[np.float64]:
    """Per-axis standard deviation (km) of a circular-normal error with the given CEP.

    ``CEP = 1.1774 sigma`` (reference notes §1.2 E10; exactly ``sqrt(2 ln 2) sigma``).

    Parameters
    ----------
    cep_km : array_like
        Circular error probable, km.

    Returns
    -------
    numpy.ndarray
        Standard deviation per axis, km.

    Examples
    --------
    >>> round(float(sigma_from_cep(30.0)), 2)  # Hwasong-14 at full range, CEP ~30 km
    25.48
    """
    return np.asarray(np.asarray(cep_km, dtype=np.float64) / CEP_PER_SIGMA, dtype=np.float64)
