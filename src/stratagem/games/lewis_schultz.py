"""The Lewis-Schultz crisis-signalling game (the sigInt model), its equilibria and its estimation.

Source: game_theory.md §5 M3 and §6.3; Lewis & Schultz (2003), "Revealing Preferences: Empirical
Estimation of a Crisis Bargaining Game with Incomplete Information", *Political Analysis* 11(4):
345-367, doi 10.1093/pan/mpg021; Crisman-Cox & Gibilisco (2021), "Estimating Signaling Games in
International Relations: Problems and Solutions", *PSRM*, doi 10.1017/psrm.2019.58 (the R package
``sigInt``, GPL-3; its documented model ``man/sigint.Rd``).

Tree: A keeps the status quo ``(S_A, 0)`` or challenges; B concedes ``(V_A, C_B)`` or resists; A
stands firm ``(W_A + e_A, W_B + e_B)`` or backs down ``(a + e_a, V_B)``; the shocks are private,
independent ``N(0, sigma^2)``. With ``p = P(B resists)`` (M3's equations):

* ``c*(p) = (S_A - (1 - p) V_A) / p``; A challenges iff ``max(W_A + e_A, a + e_a) > c*``;
* ``P(challenge) = g = 1 - Phi((c* - W_A)/sigma) Phi((c* - a)/sigma)``;
* ``P(stand firm | challenge, resist) = p_F = Phi_2(d1, d2; 1/sqrt 2) / g`` with
  ``d1 = (W_A - a)/(sigma sqrt 2)``, ``d2 = (W_A - c*)/sigma``;
* B resists with probability ``Phi((p_F W_B + (1 - p_F) V_B - C_B) / (sigma p_F))``;
* equilibria are the fixed points ``p = Phi(...)``, possibly several.

Outcome probabilities: ``SQ = 1 - g``, ``CD = g (1 - p)``, ``SF = g p p_F``, ``BD = g p (1 - p_F)``.

Estimation on ``shared/data/sigint_sanctions/`` (TIES threats as this game, 418 dyad-decades):
the pseudo-likelihood (PL) with first-stage ``PRhat``/``PFhat`` and the nested pseudo-likelihood
(NPL) of Aguirregabiria & Mira (2007, *Econometrica* 75(1): 1-53) as adapted by Crisman-Cox &
Gibilisco, with the specification of the sigInt example (``f1`` in ``man/sigint.Rd``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize
from scipy.special import ndtr, owens_t

from stratagem.engine.random import SeedLike, seed_sequence
from stratagem.errors import Problem, ScenarioError

__all__ = [
    "OBSERVED_SHARES",
    "SIGINT_F1",
    "Fit",
    "Utilities",
    "best_response",
    "bivariate_normal_cdf",
    "comparison",
    "design",
    "equilibria",
    "equilibrium_probabilities",
    "fit",
    "load_sanctions_data",
    "outcome_probabilities",
]

FloatArray = NDArray[np.float64]
_EPS = np.finfo(float).eps


def bivariate_normal_cdf(h: ArrayLike, k: ArrayLike, rho: float) -> FloatArray:
    """``P(X <= h, Y <= k)`` for standard normals with correlation ``rho`` (vectorized).

    Owen (1956), "Tables for computing bivariate normal probabilities", *Ann. Math. Statist.*
    27(4): 1075-1090, eq. (2.1)-(3.1), via Owen's T function.

    >>> round(float(bivariate_normal_cdf(0.0, 0.0, 0.5)), 6)  # 1/4 + asin(0.5)/(2 pi) = 1/3
    0.333333
    """
    h_, k_ = np.broadcast_arrays(np.asarray(h, dtype=np.float64), np.asarray(k, dtype=np.float64))
    s = np.sqrt(1.0 - rho * rho)
    both0 = (h_ == 0) & (k_ == 0)
    # Owen's formula needs h, k != 0; a zero is moved by 1e-300 (an exact limit for T)
    hh = np.where(h_ == 0, np.where(k_ >= 0, 1e-300, -1e-300), h_)
    kk = np.where(k_ == 0, np.where(h_ >= 0, 1e-300, -1e-300), k_)
    with np.errstate(over="ignore"):
        th = owens_t(hh, (kk - rho * hh) / (hh * s))
        tk = owens_t(kk, (hh - rho * kk) / (kk * s))
    beta = np.where(hh * kk < 0, 0.5, 0.0)
    out = 0.5 * ndtr(hh) + 0.5 * ndtr(kk) - th - tk - beta
    out = np.where(both0, 0.25 + np.arcsin(rho) / (2 * np.pi), out)
    return np.asarray(np.clip(out, 0.0, 1.0), dtype=np.float64)


@dataclass(frozen=True)
class Utilities:
    """The game's payoffs (scalars or arrays, one entry per game)."""

    S_A: FloatArray | float
    V_A: FloatArray | float
    C_B: FloatArray | float
    W_A: FloatArray | float
    W_B: FloatArray | float
    a: FloatArray | float
    V_B: FloatArray | float
    sigma: float = 1.0


def _c_star(p: FloatArray, u: Utilities) -> FloatArray:
    return np.asarray((np.asarray(u.S_A) - (1.0 - p) * np.asarray(u.V_A)) / p, dtype=np.float64)


def _tails(c: FloatArray, u: Utilities) -> tuple[FloatArray, FloatArray]:
    """Upper-tail probabilities ``P(W_A + e_A > c)`` and ``P(a + e_a > c)``."""
    return (
        np.asarray(ndtr((np.asarray(u.W_A) - c) / u.sigma), dtype=np.float64),
        np.asarray(ndtr((np.asarray(u.a) - c) / u.sigma), dtype=np.float64),
    )


def _challenge(c: FloatArray, u: Utilities) -> FloatArray:
    # 1 - Phi(x1) Phi(x2) written with upper tails, without cancellation when both are small
    t1, t2 = _tails(c, u)
    return np.asarray(t1 + t2 - t1 * t2, dtype=np.float64)


def _firm_joint(c: FloatArray, u: Utilities) -> FloatArray:
    d1 = (np.asarray(u.W_A) - np.asarray(u.a)) / (u.sigma * np.sqrt(2.0))
    d2 = (np.asarray(u.W_A) - c) / u.sigma
    return bivariate_normal_cdf(d1, d2, 1.0 / np.sqrt(2.0))


#: Below this challenge probability ``p_F`` is computed by its tail limit (rounding noise in the
#: ratio of two tiny probabilities otherwise creates spurious equilibria).
TINY_CHALLENGE = 1e-12


def _firm_given_challenge(
    c: FloatArray, u: Utilities, g: FloatArray, stable: bool = True
) -> FloatArray:
    """``p_F``, the probability of standing firm given a challenge.

    Where challenges are rarer than :data:`TINY_CHALLENGE` (with ``stable``) the ratio of two
    tiny probabilities is replaced by its limit as ``c* -> inf``, the share of the stand-firm
    tail in the two tails
    (decision G10: avoids spurious equilibria from rounding noise).
    """
    t1, t2 = _tails(c, u)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = _firm_joint(c, u) / np.maximum(g, _EPS)
        limit = np.where(t1 + t2 > 0, t1 / (t1 + t2), 0.5)
    if not stable:
        return np.asarray(np.clip(ratio, 0.0, 1.0), dtype=np.float64)
    return np.asarray(
        np.clip(np.where(g < TINY_CHALLENGE, limit, ratio), 0.0, 1.0), dtype=np.float64
    )


def _resist(p_firm: FloatArray, u: Utilities) -> FloatArray:
    pf = np.maximum(p_firm, _EPS)
    z = (pf * np.asarray(u.W_B) + (1.0 - pf) * np.asarray(u.V_B) - np.asarray(u.C_B)) / (
        u.sigma * pf
    )
    return np.asarray(ndtr(z), dtype=np.float64)


def equilibrium_probabilities(
    p_resist: ArrayLike, u: Utilities, *, stable: bool = True
) -> tuple[FloatArray, FloatArray]:
    """``(P(challenge), P(stand firm | challenge, resist))`` given ``P(B resists)``.

    ``stable=False`` computes ``p_F`` as the plain ratio, as sigInt does; the estimator uses it
    so that its likelihood surface (and optimum) is sigInt's (decision G10).
    """
    p = np.clip(np.asarray(p_resist, dtype=np.float64), _EPS, 1.0)
    c = _c_star(p, u)
    g = np.maximum(_challenge(c, u), _EPS)
    return g, _firm_given_challenge(c, u, g, stable)


def best_response(p_resist: ArrayLike, u: Utilities) -> FloatArray:
    """B's resistance probability given that A expects resistance with ``p_resist``."""
    _, pf = equilibrium_probabilities(p_resist, u)
    return _resist(pf, u)


def equilibria(u: Utilities, *, grid: int = 2000, tol: float = 1e-12) -> list[dict[str, float]]:
    """All equilibria of one game: fixed points of :func:`best_response` on ``(0, 1]``.

    A grid of ``grid`` points locates sign changes of ``p - BR(p)``; each is refined by
    bisection (the reference's method, game_theory.md M3).

    Examples
    --------
    The first regression anchor of M3:

    >>> u = Utilities(0, 1, -1, -0.5, -0.5, -1, 0, 1)
    >>> [{k: round(v, 4) for k, v in e.items()} for e in equilibria(u)]
    [{'p_resist': 0.8358, 'p_challenge': 0.5113, 'p_firm': 0.6769}]
    """
    ps = np.linspace(1e-6, 1.0, grid)
    f = ps - best_response(ps, u)
    out: list[dict[str, float]] = []
    for i in np.flatnonzero(np.sign(f[:-1]) * np.sign(f[1:]) <= 0):
        lo, hi = float(ps[i]), float(ps[i + 1])
        flo = float(lo - best_response(lo, u))
        if flo == 0.0:
            hi = lo
        while hi - lo > tol:
            mid = 0.5 * (lo + hi)
            fm = float(mid - best_response(mid, u))
            if (fm < 0) == (flo < 0):
                lo, flo = mid, fm
            else:
                hi = mid
        p = 0.5 * (lo + hi)
        g, pf = equilibrium_probabilities(p, u)
        if not out or abs(out[-1]["p_resist"] - p) > 1e-9:
            out.append({"p_resist": p, "p_challenge": float(g), "p_firm": float(pf)})
    return out


def outcome_probabilities(p_resist: ArrayLike, u: Utilities) -> FloatArray:
    """Probabilities of SQ, CD, SF, BD (last axis) given ``P(B resists)``."""
    p = np.clip(np.asarray(p_resist, dtype=np.float64), _EPS, 1.0)
    g, pf = equilibrium_probabilities(p, u)
    return np.stack([1 - g, g * (1 - p), g * p * pf, g * p * (1 - pf)], axis=-1)


# --------------------------------------------------------------------------- estimation

#: The sigInt example specification ``f1`` (man/sigint.Rd): regressors of each utility;
#: ``"1"`` is a constant; ``V_B`` is fixed at 0 and ``S_A`` has no constant (identification).
SIGINT_F1: dict[str, tuple[str, ...]] = {
    "S_A": ("sqrt(senderecondep)", "senderdemocracy", "contig", "ally"),
    "V_A": ("1", "anticipatedsendercosts"),
    "C_B": ("1", "sqrt(targetecondep)", "anticipatedtargetcosts", "contig", "ally"),
    "W_A": ("1", "sqrt(senderecondep)", "senderdemocracy", "lncaprat"),
    "W_B": ("1", "targetdemocracy", "lncaprat"),
    "a": ("1", "senderdemocracy"),
    "V_B": (),
}

COUNTS = ("sq", "cd", "sf", "bd")
_COLUMNS = (
    *COUNTS,
    "senderecondep",
    "senderdemocracy",
    "contig",
    "ally",
    "anticipatedsendercosts",
    "anticipatedtargetcosts",
    "targetecondep",
    "lncaprat",
    "targetdemocracy",
)


def load_sanctions_data(path: str | Path | None = None) -> pd.DataFrame:
    """Read ``sigint_sanctions/sanctionsData.csv`` (research-use data, never packaged).

    ``path`` is the CSV or a ``shared/data`` folder; by default the folder found by
    :func:`stratagem.data.paths.default_data_dir`. Missing files and bad columns raise
    :class:`~stratagem.errors.ScenarioError` naming the file, row and column.
    """
    if path is None:
        from stratagem.data.paths import default_data_dir

        base = default_data_dir()
        if base is None:
            raise ScenarioError(
                [
                    Problem(
                        "no shared data folder found",
                        expected="STRATAGEM_DATA or a shared/data folder",
                        found="none",
                    )
                ]
            )
        path = base
    p = Path(path)
    if p.is_dir():
        p = p / "sigint_sanctions" / "sanctionsData.csv"
    if not p.is_file():
        raise ScenarioError(
            [Problem("data file not found", file=str(p), expected="sanctionsData.csv")]
        )
    try:
        df = pd.read_csv(p)
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise ScenarioError(
            [Problem("cannot parse the CSV file", file=str(p), found=str(error))]
        ) from None
    problems = [
        Problem(
            "missing column",
            file=str(p),
            line=1,
            path=c,
            expected=f"a column {c!r}",
            found="no such column",
        )
        for c in _COLUMNS
        if c not in df.columns
    ]
    if problems:
        raise ScenarioError(problems)
    for c in _COLUMNS:
        values = pd.to_numeric(df[c], errors="coerce")
        bad = np.flatnonzero(values.isna().to_numpy())
        if bad.size:
            row = int(bad[0])
            problems.append(
                Problem(
                    "not a number",
                    file=str(p),
                    line=row + 2,
                    path=c,
                    expected="a number",
                    found=repr(df[c].iloc[row]),
                )
            )
        elif c in COUNTS and (values < 0).any():
            row = int(np.flatnonzero((values < 0).to_numpy())[0])
            problems.append(
                Problem(
                    "negative count",
                    file=str(p),
                    line=row + 2,
                    path=c,
                    expected="a count >= 0",
                    found=str(values.iloc[row]),
                )
            )
        df[c] = values
    if problems:
        raise ScenarioError(problems)
    return df


def _column(df: pd.DataFrame, name: str) -> FloatArray:
    if name == "1":
        return np.ones(len(df))
    if name.startswith("sqrt(") and name.endswith(")"):
        return np.asarray(np.sqrt(df[name[5:-1]].to_numpy(dtype=np.float64)), dtype=np.float64)
    return np.asarray(df[name].to_numpy(dtype=np.float64))


def design(
    df: pd.DataFrame, spec: dict[str, tuple[str, ...]] | None = None
) -> dict[str, FloatArray]:
    """Regressor matrices of each utility (``(n_games, n_regressors)``)."""
    s = spec or SIGINT_F1
    return {
        k: (np.column_stack([_column(df, c) for c in cols]) if cols else np.zeros((len(df), 0)))
        for k, cols in s.items()
    }


def _utilities(theta: FloatArray, X: dict[str, FloatArray]) -> Utilities:
    vals: dict[str, FloatArray] = {}
    i = 0
    for k in ("S_A", "V_A", "C_B", "W_A", "W_B", "a", "V_B"):
        n = X[k].shape[1]
        vals[k] = X[k] @ theta[i : i + n] if n else np.zeros(X[k].shape[0])
        i += n
    return Utilities(
        vals["S_A"], vals["V_A"], vals["C_B"], vals["W_A"], vals["W_B"], vals["a"], vals["V_B"]
    )


def _pseudo_loglik(
    theta: FloatArray, X: dict[str, FloatArray], Y: FloatArray, pr: FloatArray, pf: FloatArray
) -> float:
    """SigInt's PL: B best-responds to ``pf``; A's challenge and firmness use ``pr``."""
    u = _utilities(theta, X)
    p_resist = np.maximum(_resist(pf, u), _EPS)
    g, p_firm = equilibrium_probabilities(pr, u, stable=False)
    probs = np.stack(
        [1 - g, g * (1 - p_resist), g * p_resist * p_firm, g * p_resist * (1 - p_firm)], axis=1
    )
    return float(np.sum(Y * np.log(np.maximum(probs, np.sqrt(_EPS)))))


def _maximize(loglik: Callable[[FloatArray], float], start: FloatArray) -> tuple[FloatArray, bool]:
    """BFGS, then L-BFGS-B from its end point; the better of the two.

    BFGS alone can stall on this surface. Returns the maximizer and whether an optimizer
    reported success.
    """
    first = minimize(
        lambda t: -loglik(t), start, method="BFGS", options={"gtol": 1e-8, "maxiter": 2000}
    )
    second = minimize(lambda t: -loglik(t), first.x, method="L-BFGS-B", options={"maxiter": 5000})
    best = second if second.fun <= first.fun else first
    return np.asarray(best.x, dtype=np.float64), bool(second.success or first.success)


@dataclass(frozen=True)
class Fit:
    """A fitted Lewis-Schultz model.

    Attributes
    ----------
    names:
        ``"utility:regressor"`` labels of the coefficients.
    coef:
        Estimated coefficients.
    loglik:
        Log-likelihood of the data at the fitted choice probabilities.
    p_resist, p_firm:
        Fitted ``P(resist)`` and ``P(stand firm | challenge, resist)`` per game (for NPL, the
        fixed point of the iteration).
    iterations:
        NPL outer iterations (0 for PL).
    converged:
        Whether NPL converged (PL: whether the optimizer did).
    """

    names: tuple[str, ...]
    coef: FloatArray
    loglik: float
    p_resist: FloatArray
    p_firm: FloatArray
    iterations: int
    converged: bool

    def predicted_shares(self, X: dict[str, FloatArray], counts: FloatArray) -> FloatArray:
        """Predicted number of SQ, CD, SF, BD months summed over games (same total as data)."""
        u = _utilities(self.coef, X)
        probs = outcome_probabilities(self.p_resist, u)
        return np.asarray((probs * counts.sum(axis=1, keepdims=True)).sum(axis=0), dtype=np.float64)


def fit(
    df: pd.DataFrame,
    *,
    method: str = "npl",
    spec: dict[str, tuple[str, ...]] | None = None,
    p_resist: ArrayLike | None = None,
    p_firm: ArrayLike | None = None,
    max_iter: int = 100,
    tol: float = 1e-7,
    start: ArrayLike | None = None,
    n_starts: int = 6,
    seed: SeedLike = 12345,
) -> Fit:
    """Fit the Lewis-Schultz game by pseudo-likelihood (``"pl"``) or NPL (``"npl"``).

    First-stage probabilities default to the data's ``PRhat`` and ``PFhat`` (sigInt's random
    forest). The first PL maximization starts from ``start`` (default zeros) and from
    ``n_starts - 1`` draws of ``N(0, 0.05^2)`` (sigInt's starting values; ``seed`` follows the
    project's randomness rule) and keeps the best; the surface has poor local optima. NPL then
    alternates a PL maximization (warm-started) with one best-response update of the choice
    probabilities until the coefficients and probabilities change by less than ``tol``.
    """
    s = spec or SIGINT_F1
    X = design(df, s)
    Y = df[list(COUNTS)].to_numpy(dtype=np.float64)
    names = tuple(f"{k}:{c}" for k, cols in s.items() for c in cols)
    pr = np.asarray(df["PRhat"] if p_resist is None else p_resist, dtype=np.float64).copy()
    pf = np.asarray(df["PFhat"] if p_firm is None else p_firm, dtype=np.float64).copy()
    theta = np.zeros(len(names)) if start is None else np.asarray(start, dtype=np.float64)
    rng = np.random.default_rng(seed_sequence(seed))
    starts = [theta] + [rng.normal(0.0, 0.05, len(names)) for _ in range(max(n_starts - 1, 0))]
    converged = False
    it = 0
    for it in range(1, (max_iter if method == "npl" else 1) + 1):  # noqa: B007 - `it` is reported

        def loglik(t: FloatArray, pr: FloatArray = pr, pf: FloatArray = pf) -> float:
            return _pseudo_loglik(t, X, Y, pr, pf)

        candidates = [_maximize(loglik, s0) for s0 in starts]
        new_theta, ok = max(candidates, key=lambda c: loglik(c[0]))
        starts = [new_theta]
        if method != "npl":
            theta, converged = new_theta, ok
            break
        u = _utilities(new_theta, X)
        _, new_pf = equilibrium_probabilities(pr, u, stable=False)
        new_pr = _resist(pf, u)
        change = max(
            float(np.max(np.abs(new_theta - theta))),
            float(np.max(np.abs(new_pr - pr))),
            float(np.max(np.abs(new_pf - pf))),
        )
        theta, pr, pf = new_theta, new_pr, new_pf
        if change < tol:
            converged = True
            break
    u = _utilities(theta, X)
    return Fit(
        names,
        theta,
        _pseudo_loglik(theta, X, Y, pr, pf),
        pr,
        pf,
        0 if method != "npl" else it,
        converged,
    )


#: Shares of the 633 challenges in the sigInt data that end in concession, standing firm and
#: backing down (game_theory.md §6.3: 22.7 %, 55.1 %, 22.1 %).
OBSERVED_SHARES = (0.227, 0.551, 0.221)


def comparison(
    df: pd.DataFrame, result: Fit, spec: dict[str, tuple[str, ...]] | None = None
) -> dict[str, float]:
    """Compare a fit with the published figures (decision G10).

    Returns the predicted shares of concede / stand firm / back down among challenges (and the
    observed ones of game_theory.md §6.3), the predicted and observed challenge rate, and the
    largest and mean absolute differences between the fitted choice probabilities and sigInt's
    published NPL estimates ``PRnpl``/``PFnpl`` (when the data have them).
    """
    counts = df[list(COUNTS)].to_numpy(dtype=np.float64)
    predicted = result.predicted_shares(design(df, spec), counts)
    challenges = predicted[1:].sum()
    out = {
        "loglik": result.loglik,
        "pred_concede": float(predicted[1] / challenges),
        "pred_stand_firm": float(predicted[2] / challenges),
        "pred_back_down": float(predicted[3] / challenges),
        "obs_concede": OBSERVED_SHARES[0],
        "obs_stand_firm": OBSERVED_SHARES[1],
        "obs_back_down": OBSERVED_SHARES[2],
        "pred_challenge_rate": float(challenges / counts.sum()),
        "obs_challenge_rate": float(counts[:, 1:].sum() / counts.sum()),
    }
    if "PRnpl" in df.columns and "PFnpl" in df.columns:
        dr = np.abs(result.p_resist - df["PRnpl"].to_numpy(dtype=np.float64))
        df_ = np.abs(result.p_firm - df["PFnpl"].to_numpy(dtype=np.float64))
        out.update(
            {
                "max_abs_diff_PRnpl": float(dr.max()),
                "mean_abs_diff_PRnpl": float(dr.mean()),
                "max_abs_diff_PFnpl": float(df_.max()),
                "mean_abs_diff_PFnpl": float(df_.mean()),
            }
        )
    return out
