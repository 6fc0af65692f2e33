from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stratagem.data import (
    CNS_TESTS,
    CSIS_MONTHLY,
    GMD_TESTS,
    TIES_RAW,
    TRADE,
    load_cns_tests,
    load_csis_monthly,
    load_gmd_tests,
    load_ties,
    load_trade,
)
from stratagem.errors import ScenarioError

Loader = Callable[[Path], pd.DataFrame]

TIES_COLUMNS = ["caseid", "primarysender", "sender1", "targetstate", "institution", "issue1"]
TIES_COLUMNS += ["threat", "imposition", "finaloutcome"]
TIES_COLUMNS += [
    f"{p}{u}"
    for p in ("start", "sancimpositionstart", "end", "ongoingasof")
    for u in ("year", "month", "day")
]
TIES_ROW = ["1", "2", "2", "731", "0", "9", "1", "1", "7"] + ["1990", "5", "1"] * 3 + [""] * 3

# loader, file name, a valid header + row (minimal columns)
MINIMAL: dict[str, tuple[Loader, str, str]] = {
    "csis": (load_csis_monthly, "USKoreaData.csv", "Year,Month,Prov,Nego\n1990,Jan,0,1\n"),
    "cns": (
        load_cns_tests,
        "nk_missile_tests_flat.csv",
        "date,missile_name,missile_type,outcome,apogee_km,distance_km\n"
        "2017-11-28,Hwasong-15,ICBM,success,4475,950\n",
    ),
    "trade": (
        load_trade,
        "china_dprk_trade_by_year.csv",
        "year,total_trade_usd_million,china_exports_to_dprk_usd_million,"
        "china_imports_from_dprk_usd_million,status\n2013,6540,3600,2900,sourced\n",
    ),
    "gmd": (
        load_gmd_tests,
        "gmd_intercept_tests.csv",
        "test_id,date,result,counted_in_common_tally,cumulative_hits,cumulative_attempts\n"
        "IFT-3,1999-10-02,hit,yes,1,1\n",
    ),
    "ties": (load_ties, "TIESv4-1.csv", ",".join(TIES_COLUMNS) + "\n" + ",".join(TIES_ROW) + "\n"),
}


# --- the shared files -----------------------------------------------------------------------


def test_csis_monthly_matches_source_md(shared_data: Path) -> None:
    df = load_csis_monthly(shared_data / CSIS_MONTHLY)
    # SOURCE.md: 344 rows, 1990-Jan .. 2018-Aug, totals Prov 159, Nego 214.
    assert len(df) == 344
    assert list(df.columns) == ["month", "provocations", "negotiations"]
    assert str(df["month"].iloc[0]) == "1990-01"
    assert str(df["month"].iloc[-1]) == "2018-08"
    assert isinstance(df["month"].dtype, pd.PeriodDtype)
    assert df["provocations"].dtype == np.int64
    assert int(df["provocations"].sum()) == 159
    assert int(df["negotiations"].sum()) == 214
    # data.md §2.3, annual Prov/Nego: 1994 3/18, 2003 11/3, 2016 22/0, 2018 0/10.
    by_year = df.groupby(df["month"].dt.year)[["provocations", "negotiations"]].sum()
    for year, prov, nego in [(1994, 3, 18), (2003, 11, 3), (2016, 22, 0), (2018, 0, 10)]:
        assert tuple(by_year.loc[year]) == (prov, nego)


def test_csis_monthly_accepts_folder(shared_data: Path) -> None:
    folder = load_csis_monthly(shared_data / CSIS_MONTHLY).drop(columns="month")
    file = load_csis_monthly((shared_data / CSIS_MONTHLY).parent).drop(columns="month")
    pd.testing.assert_frame_equal(folder, file)


def test_cns_tests_per_year_counts(shared_data: Path) -> None:
    df = load_cns_tests(shared_data / CNS_TESTS)
    assert len(df) == 160  # data.md §0: 160 missiles, copy cut at 2021-12-31
    assert df["date"].dtype == "datetime64[ns]"
    assert df["date"].max() <= pd.Timestamp("2021-12-31")
    # data.md §2.1: counts per year from nk_missile_tests_per_year.csv
    published = {2006: 7, 2009: 8, 2012: 2, 2013: 6, 2014: 19, 2015: 15, 2016: 24, 2017: 21}
    published |= {2018: 0, 2019: 27, 2020: 9, 2021: 6}
    counts = df["date"].dt.year.value_counts()
    for year, n in published.items():
        assert counts.get(year, 0) == n, year
    icbm_2017 = df[(df["date"].dt.year == 2017) & (df["missile_type"] == "ICBM")]
    assert len(icbm_2017) == 3
    assert set(df["outcome"]) <= {"success", "failure", "unknown"}


def test_cns_month_only_dates_become_first_of_month(shared_data: Path) -> None:
    df = load_cns_tests(shared_data / CNS_TESTS)
    raw = pd.read_csv(shared_data / CNS_TESTS, dtype=str)
    month_only = raw["date"].str.fullmatch(r"\d{4}-\d{2}").to_numpy()
    assert month_only.sum() > 0
    np.testing.assert_array_equal(df["day_known"].to_numpy(), ~month_only)
    assert (df.loc[month_only, "date"].dt.day == 1).all()
    first_month_only = raw.loc[month_only, "date"].iloc[0]  # '1984-09'
    assert df.loc[month_only, "date"].iloc[0] == pd.Timestamp(first_month_only + "-01")


def test_cns_numbers_match_pandas_reading(shared_data: Path) -> None:
    df = load_cns_tests(shared_data / CNS_TESTS)
    raw = pd.read_csv(shared_data / CNS_TESTS)
    np.testing.assert_allclose(df["apogee_km"], raw["apogee_km"], equal_nan=True)
    np.testing.assert_allclose(df["distance_km"], raw["distance_km"], equal_nan=True)


def test_ties_counts_match_game_theory_md(shared_data: Path) -> None:
    df = load_ties(shared_data / TIES_RAW)
    # game_theory.md §6.2: 1,412 cases; 1,053 with a threat; 845 with imposition.
    assert len(df) == 1412
    assert int((df["threat"] == 1).sum()) == 1053
    assert int((df["imposition"] == 1).sum()) == 845
    # DPRK-target cases (7) listed in §6.2
    dprk = sorted(df.loc[df["targetstate"] == 731, "caseid"].tolist())
    assert dprk == [
        1950062501,
        1968012301,
        1983110501,
        1988011601,
        1991052001,
        2001020101,
        2002101601,
    ]
    outcome = dict(zip(df["caseid"], df["finaloutcome"], strict=True))
    assert outcome[1991052001] == 6  # the Agreed Framework: partial acquiescence
    assert outcome[2001020101] == 9
    assert pd.isna(outcome[2002101601])


def test_ties_date_rules(shared_data: Path) -> None:
    df = load_ties(shared_data / TIES_RAW).set_index("caseid")
    # "1969, probably sometime before this date", month 9, day 24 (a note in the year cell)
    assert df.loc[1967013101, "imposition_start"] == pd.Timestamp("1969-09-24")
    # 31 June in the source becomes 30 June
    assert df.loc[1965063101, "imposition_start"] == pd.Timestamp("1965-06-30")
    # end 1967-02 with no day: the 15th (game_theory.md §6.2)
    assert df.loc[1965063101, "end"] == pd.Timestamp("1967-02-15")


def test_trade_matches_data_md(shared_data: Path) -> None:
    df = load_trade(shared_data / TRADE).set_index("year")
    # data.md §2.5: 2013 6,540 (KOTRA); 2017 5,060 with imports from DPRK 1,720; 2021 318
    assert df.loc[2013, "total_trade_usd_million"] == 6540
    assert df.loc[2017, "total_trade_usd_million"] == 5060
    assert df.loc[2017, "china_imports_from_dprk_usd_million"] == 1720
    assert df.loc[2021, "total_trade_usd_million"] == 318
    assert np.isnan(df.loc[2000, "china_imports_from_dprk_usd_million"])
    assert df.index.max() <= 2021


def test_gmd_record_matches_claim_c2(shared_data: Path) -> None:
    df = load_gmd_tests(shared_data / GMD_TESTS)
    counted = df[df["counted_in_common_tally"]]
    # C2: 8 hits in 15 intercept tests by April 2013
    before = counted[counted["date"] < pd.Timestamp("2013-04-01")]
    assert (len(before), int((before["result"] == "hit").sum())) == (15, 8)
    # compiled/README.md: 10 of 18 after FTG-15
    upto = counted[counted["date"] <= df.loc[df["test_id"] == "FTG-15", "date"].iloc[0]]
    assert (len(upto), int((upto["result"] == "hit").sum())) == (18, 10)
    np.testing.assert_array_equal(
        counted["cumulative_hits"].to_numpy(), np.cumsum(counted["result"] == "hit")
    )


# --- errors people can act on ---------------------------------------------------------------


@pytest.mark.parametrize("key", list(MINIMAL))
def test_missing_file_is_a_scenario_error(tmp_path: Path, key: str) -> None:
    loader = MINIMAL[key][0]
    target = tmp_path / "nowhere.csv"
    with pytest.raises(ScenarioError) as info:
        loader(target)
    (problem,) = info.value.problems
    assert problem.file == str(target)
    assert problem.found == "no such file"


@pytest.mark.parametrize("key", list(MINIMAL))
def test_folder_without_the_file_names_the_expected_file(tmp_path: Path, key: str) -> None:
    loader, name, _ = MINIMAL[key]
    with pytest.raises(ScenarioError) as info:
        loader(tmp_path)
    (problem,) = info.value.problems
    assert problem.file == str(tmp_path / name)
    assert name in (problem.expected or "")


@pytest.mark.parametrize("key", list(MINIMAL))
def test_minimal_files_load(tmp_path: Path, key: str) -> None:
    loader, name, text = MINIMAL[key]
    (tmp_path / name).write_text(text, "utf-8")
    assert len(loader(tmp_path)) == 1


@pytest.mark.parametrize("key", list(MINIMAL))
def test_every_missing_column_is_reported(tmp_path: Path, key: str) -> None:
    loader, _name, text = MINIMAL[key]
    header, row = text.splitlines()
    columns, values = header.split(","), row.split(",")
    for drop in range(len(columns)):
        kept = [j for j in range(len(columns)) if j != drop]
        path = tmp_path / f"{key}_{drop}.csv"
        path.write_text(
            ",".join(columns[j] for j in kept) + "\n" + ",".join(values[j] for j in kept) + "\n"
        )
        with pytest.raises(ScenarioError) as info:
            loader(path)
        (problem,) = info.value.problems
        assert problem.path == columns[drop]
        assert problem.line == 1
        assert problem.file == str(path)
        assert problem.expected == f"a column named {columns[drop]!r}"


def test_misspelt_column_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "USKoreaData.csv"
    path.write_text("Year,Month,Provs,Nego\n1990,Jan,0,1\n")
    with pytest.raises(ScenarioError) as info:
        load_csis_monthly(path)
    (problem,) = info.value.problems
    assert problem.hint == "Did you mean 'Provs'?"
    assert "Prov" in str(info.value)


def test_bad_values_are_reported_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "USKoreaData.csv"
    path.write_text(
        "Year,Month,Prov,Nego\n1990,Jan,0,1\n1990,Feb,x,0\n1990,Mar,1,-2\n1990,Apr,1,1\n"
    )
    with pytest.raises(ScenarioError) as info:
        load_csis_monthly(path)
    found = {(p.path, p.line, p.found) for p in info.value.problems}
    assert found == {("Prov", 3, "'x'"), ("Nego", 4, "'-2'")}


def test_line_numbers_survive_multiline_quoted_fields(tmp_path: Path) -> None:
    path = tmp_path / "gmd.csv"
    path.write_text(
        "test_id,date,result,counted_in_common_tally,cumulative_hits,cumulative_attempts,notes\n"
        'A,1999-10-02,hit,yes,1,1,"a note\nover two lines"\n'
        "B,2000-01-18,maybe,yes,1,2,\n"
    )
    with pytest.raises(ScenarioError) as info:
        load_gmd_tests(path)
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.found) == ("result", 4, "'maybe'")


def test_months_must_be_consecutive(tmp_path: Path) -> None:
    path = tmp_path / "USKoreaData.csv"
    path.write_text("Year,Month,Prov,Nego\n1990,Jan,0,1\n1990,Mar,0,1\n")
    with pytest.raises(ScenarioError) as info:
        load_csis_monthly(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.path) == (3, "Month")
    assert "consecutive" in problem.message


def test_unknown_month_name(tmp_path: Path) -> None:
    path = tmp_path / "USKoreaData.csv"
    path.write_text("Year,Month,Prov,Nego\n1990,Janvier,0,1\n1990,Foo,0,1\n")
    with pytest.raises(ScenarioError) as info:
        load_csis_monthly(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.found) == (3, "'Foo'")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "USKoreaData.csv"
    path.write_text("")
    with pytest.raises(ScenarioError, match="empty file"):
        load_csis_monthly(path)


def test_ties_bad_month_is_reported(tmp_path: Path) -> None:
    row = ["1", "2", "2", "731", "0", "9", "1", "1", "7", "1990", "13", "1"] + [""] * 9
    path = tmp_path / "TIESv4-1.csv"
    path.write_text(",".join(TIES_COLUMNS) + "\n" + ",".join(row) + "\n")
    with pytest.raises(ScenarioError) as info:
        load_ties(path)
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.found) == ("startmonth", 2, "'13'")


def test_ties_impossible_day_is_reported(tmp_path: Path) -> None:
    row = ["1", "2", "2", "731", "0", "9", "1", "1", "7", "1990", "6", "31", "1991", "2", "45"]
    path = tmp_path / "TIESv4-1.csv"
    path.write_text(",".join(TIES_COLUMNS) + "\n" + ",".join(row + [""] * 6) + "\n")
    with pytest.raises(ScenarioError) as info:
        load_ties(path)
    (problem,) = info.value.problems  # 31 June is tolerated (TIES has one), 45 is not
    assert (problem.path, problem.found) == ("sancimpositionstartday", "'45'")
