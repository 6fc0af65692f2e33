from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import multivariate_normal

from stratagem.errors import ScenarioError
from stratagem.games import lewis_schultz as ls

# game_theory.md §5 M3 regression anchors: (S_A, V_A, C_B, W_A, W_B, a, V_B, sigma) -> p_R, g, p_F
ANCHORS = [
    ((0, 1, -1, -0.5, -0.5, -1, 0, 1), 0.8358, 0.5113, 0.6769),
    ((0, 1, -0.2, 0.5, -2, -1, 0, 1), 0.0387, 1.0, 0.8556),
    ((0, 1, -1, -1, 0.5, -0.5, 0, 1), 0.9999, 0.4183, 0.3133),
]


@pytest.mark.parametrize(("u", "p_r", "g", "p_f"), ANCHORS)
def test_reference_anchors(u: tuple[float, ...], p_r: float, g: float, p_f: float) -> None:
    (eq,) = ls.equilibria(ls.Utilities(*u))
    assert eq["p_resist"] == pytest.approx(p_r, abs=1e-4)
    assert eq["p_challenge"] == pytest.approx(g, abs=1e-3 if g == 1.0 else 1e-4)
    assert eq["p_firm"] == pytest.approx(p_f, abs=1e-4)


def test_bivariate_normal_against_scipy() -> None:
    rng = np.random.default_rng(0)
    h, k = rng.normal(size=(2, 40)) * 2
    h[:4] = 0.0
    k[2:6] = 0.0
    rho = 1 / np.sqrt(2)
    ref = [
        multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]]).cdf([a, b])
        for a, b in zip(h, k, strict=True)
    ]
    np.testing.assert_allclose(ls.bivariate_normal_cdf(h, k, rho), ref, atol=1e-7)


def test_multiple_equilibria_are_found() -> None:
    # a game with three equilibria (found by a random search); each is a fixed point of the
    # best-response map, checked directly
    u = ls.Utilities(
        0,
        0.44199249314295574,
        -1.4717699945130804,
        -0.6109291835312106,
        -2.7908519589962775,
        -0.3328055303126131,
        -1.3759754175273406,
        0.2,
    )
    eqs = ls.equilibria(u)
    assert len(eqs) == 3
    for eq in eqs:
        assert float(ls.best_response(eq["p_resist"], u)) == pytest.approx(eq["p_resist"], abs=1e-9)
    grid = np.linspace(1e-6, 1.0, 20001)
    f = grid - ls.best_response(grid, u)
    assert int(np.sum(np.sign(f[:-1]) != np.sign(f[1:]))) == 3


def test_npl_fit_reproduces_sigint(sigint_csv: Path) -> None:
    df = ls.load_sanctions_data(sigint_csv)
    fit = ls.fit(df, method="npl")
    assert fit.converged
    # the NPL fixed point published with the data (sigInt's PRnpl, PFnpl)
    np.testing.assert_allclose(fit.p_resist, df["PRnpl"], atol=2e-5)
    np.testing.assert_allclose(fit.p_firm, df["PFnpl"], atol=2e-5)
    # outcome shares of the 633 challenges: 22.7 % concede, 55.1 % stand firm, 22.1 % back down
    comp = ls.comparison(df, fit)
    shares = [comp["pred_concede"], comp["pred_stand_firm"], comp["pred_back_down"]]
    np.testing.assert_allclose(shares, [0.227, 0.551, 0.221], atol=0.005)
    # 633 challenges in 49,704 dyad-months (game_theory.md §6.3)
    assert comp["pred_challenge_rate"] == pytest.approx(633 / 49704, rel=0.01)
    assert comp["max_abs_diff_PRnpl"] < 2e-5


def test_data_errors_are_located(tmp_path: Path, sigint_csv: Path) -> None:
    df = pd.read_csv(sigint_csv).drop(columns=["contig"])
    bad = tmp_path / "missing.csv"
    df.to_csv(bad, index=False)
    with pytest.raises(ScenarioError) as info:
        ls.load_sanctions_data(bad)
    assert info.value.problems[0].path == "contig"
    df = pd.read_csv(sigint_csv)
    df["sq"] = df["sq"].astype(object)
    df.loc[3, "sq"] = "many"
    bad2 = tmp_path / "text.csv"
    df.to_csv(bad2, index=False)
    with pytest.raises(ScenarioError) as info:
        ls.load_sanctions_data(bad2)
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.found) == ("sq", 5, "'many'")
    with pytest.raises(ScenarioError, match="not found"):
        ls.load_sanctions_data(tmp_path / "nothing.csv")
