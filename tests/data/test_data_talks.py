from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stratagem.data import (
    CSIS_MONTHLY,
    breakdown_hazard,
    load_csis_monthly,
    mean_spell_length,
    provocations_by_talks,
    talk_spells,
)

months_with_talks = st.lists(st.integers(0, 3), max_size=80)
gaps = st.integers(0, 4)


def regex_spells(negotiations: list[int] | np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """Independent oracle: a spell is 1+ talks months, then (lull of <= max_gap, 1+) repeated."""
    text = "".join("1" if v > 0 else "0" for v in negotiations)
    lull = f"0{{1,{max_gap}}}" if max_gap > 0 else "(?!)"
    return [(m.start(), m.end() - m.start()) for m in re.finditer(f"1+(?:{lull}1+)*", text)]


@given(months_with_talks, gaps)
def test_spells_match_the_regex_oracle(nego: list[int], max_gap: int) -> None:
    assert talk_spells(nego, max_gap) == regex_spells(nego, max_gap)


@given(months_with_talks, gaps)
def test_spells_cover_exactly_the_talks_months(nego: list[int], max_gap: int) -> None:
    spells = talk_spells(nego, max_gap)
    covered = np.zeros(len(nego), dtype=bool)
    for start, length in spells:
        assert length >= 1
        assert nego[start] > 0 and nego[start + length - 1] > 0  # starts and ends with talks
        assert not covered[start : start + length].any()  # disjoint
        covered[start : start + length] = True
        inside = np.asarray(nego[start : start + length]) > 0
        lulls = np.diff(np.flatnonzero(inside)) - 1 if inside.sum() > 1 else np.array([0])
        assert lulls.max() <= max_gap  # no lull inside a spell is longer than max_gap
    talks = np.asarray(nego, dtype=int) > 0
    assert not (talks & ~covered).any()  # every talks month is in a spell
    if max_gap == 0:
        np.testing.assert_array_equal(covered, talks)
    for (s0, l0), (s1, _) in itertools.pairwise(spells):
        assert s1 - (s0 + l0) > max_gap  # spells are separated by breakdowns


@given(months_with_talks, gaps)
def test_hazard_is_a_probability(nego: list[int], max_gap: int) -> None:
    spells = talk_spells(nego, max_gap)
    for n_months in (None, len(nego)):
        h = breakdown_hazard(spells, n_months, max_gap)
        assert np.isnan(h) or 0.0 <= h <= 1.0


def test_hazard_by_hand() -> None:
    # two completed spells of 2 and 4 months: h = 2 / 6
    assert breakdown_hazard([(0, 2), (5, 4)]) == pytest.approx(1 / 3)
    assert breakdown_hazard([(0, 2), (5, 4)], n_months=11, max_gap=1) == pytest.approx(1 / 3)
    # the second spell ends one month before the series: with max_gap=1 it is censored,
    # contributing (1 - h)^3: h = 1 / (2 + 3)
    assert breakdown_hazard([(0, 2), (5, 4)], n_months=10, max_gap=1) == pytest.approx(0.2)
    # with max_gap=0 the following empty month shows the breakdown
    assert breakdown_hazard([(0, 2), (5, 4)], n_months=10, max_gap=0) == pytest.approx(1 / 3)
    assert np.isnan(breakdown_hazard([]))
    assert mean_spell_length([(0, 2), (5, 4)]) == 3.0


def test_recovers_a_known_breakdown_hazard() -> None:
    rng = np.random.default_rng(5)
    h = 0.2
    pieces: list[np.ndarray] = []
    for _ in range(3000):
        pieces.append(np.ones(rng.geometric(h)))  # spell: P(L = l) = h (1 - h)^(l - 1)
        pieces.append(np.zeros(2 + rng.poisson(3)))  # a breakdown: lull longer than max_gap=1
    # inside a spell, talks every month; the lulls separate spells
    nego = np.concatenate(pieces)
    spells = talk_spells(nego, max_gap=1)
    assert len(spells) == 3000
    estimate = breakdown_hazard(spells, nego.size, max_gap=1)
    se = np.sqrt(h * h * (1 - h) / 3000)
    assert abs(estimate - h) < 4 * se


def test_censoring_raises_the_estimate_of_survival() -> None:
    # the last spell runs to the end of the series: treating it as completed would overstate
    # breakdowns
    nego = [1, 1, 0, 0, 1, 1, 1, 1]
    spells = talk_spells(nego)
    assert spells == [(0, 2), (4, 4)]
    assert breakdown_hazard(spells, len(nego)) == pytest.approx(1 / (2 + 3))
    assert breakdown_hazard(spells) == pytest.approx(2 / 6)


def test_published_contrast_c9(shared_data: Path) -> None:
    """data.md §2.3 / C9: 138 talks months at 0.32 a month, 206 without at 0.56."""
    df = load_csis_monthly(shared_data / CSIS_MONTHLY)
    c = provocations_by_talks(df["provocations"], df["negotiations"])
    assert (c.talk_months, c.other_months) == (138, 206)
    assert round(c.rate_talks, 2) == 0.32
    assert round(c.rate_other, 2) == 0.56
    assert round(c.p_any_talks, 2) == 0.24
    assert round(c.p_any_other, 2) == 0.31
    # Pearson r(Prov, Nego) = -0.12
    r = np.corrcoef(df["provocations"], df["negotiations"])[0, 1]
    assert round(float(r), 2) == -0.12


def test_csis_spells(shared_data: Path) -> None:
    df = load_csis_monthly(shared_data / CSIS_MONTHLY)
    nego = df["negotiations"].to_numpy()
    spells = talk_spells(nego, max_gap=1)
    assert spells == regex_spells(nego, 1)
    # data.md §2.3: no US-DPRK negotiation events at all in 2013-2017
    quiet = (df["month"] >= pd.Period("2013-01", "M")) & (df["month"] <= pd.Period("2017-12", "M"))
    idx = np.flatnonzero(quiet.to_numpy())
    for start, length in spells:
        assert start + length - 1 < idx[0] or start > idx[-1]
    # ... and the 2018 summit spell is still running when the series ends (2018-08)
    last_start, last_length = spells[-1]
    assert last_start + last_length == len(df)
    assert str(df["month"].iloc[last_start]) >= "2018-01"
    h = breakdown_hazard(spells, len(df), max_gap=1)
    mean = mean_spell_length(spells)
    print(f"CSIS talks: {len(spells)} spells, mean {mean:.2f} months, hazard {h:.4f}/month")
    # the censored last spell: h = completed / (total months - 1) (derivation in the docstring)
    total = sum(length for _, length in spells)
    assert h == pytest.approx((len(spells) - 1) / (total - 1))
    # treating the censored spell as ended would overstate breakdowns
    assert 0.0 < h < 1 / mean


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="max_gap"):
        talk_spells([1, 0, 1], max_gap=-1)
    with pytest.raises(ValueError, match="non-negative"):
        talk_spells([1, -1])
    with pytest.raises(ValueError, match="same length"):
        provocations_by_talks([1, 0], [1])
