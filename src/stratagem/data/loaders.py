"""Loaders for the shared data sets, from a path the user gives.

Research-use data (CSIS, TIES) are never packaged (BRIEF §8): every loader takes the path of the
user's copy, either the file itself or the folder holding it (then the file name of
``shared/data`` is used), e.g. ``load_csis_monthly(default_data_dir() / CSIS_MONTHLY)``.

Every loader checks the file, its columns and each value it converts, and reports all problems
at once as a :class:`stratagem.errors.ScenarioError` whose
:class:`stratagem.errors.Problem` entries name the file, the line (header = line 1), the column,
what was expected and what was found.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import numpy as np
import pandas as pd

from stratagem.data._io import (
    PathLike,
    convert,
    count,
    fail,
    float_or_blank,
    int_or_blank,
    lenient_year,
    one_of,
    read_table,
    resolve,
)
from stratagem.errors import Problem

__all__ = [
    "load_cns_tests",
    "load_csis_monthly",
    "load_gmd_tests",
    "load_ties",
    "load_trade",
]

_MONTHS = tuple(calendar.month_abbr)[1:]


def _month_number(text: str) -> int:
    for i, name in enumerate(_MONTHS, start=1):
        if text[:3].lower() == name.lower():
            return i
    raise ValueError(text)


def load_csis_monthly(path: PathLike) -> pd.DataFrame:
    r"""CSIS monthly counts of North Korean provocations and US-DPRK negotiations.

    Source: CSIS Beyond Parallel, "US negotiations vs North Korean provocations" interactive
    (``shared/data/csis_us_dprk_negotiations_provocations/USKoreaData.csv``, copied from
    github.com/adityajain15/Interactive_NorthKoreaUS at commit 547c9dbe). Research use only:
    cite CSIS Beyond Parallel. 344 months, 1990-01..2018-08.

    Parameters
    ----------
    path : str or os.PathLike
        ``USKoreaData.csv`` (columns ``Year``, ``Month`` as ``Jan``..``Dec``, ``Prov``,
        ``Nego``) or the folder holding it.

    Returns
    -------
    pandas.DataFrame
        One row per month in calendar order: ``month`` (``pandas.Period``, monthly),
        ``provocations`` (int, events in the month) and ``negotiations`` (int, negotiation
        events in the month).

    Raises
    ------
    stratagem.errors.ScenarioError
        Missing file, missing column, a value that is not a count or a month name, or months
        that are not consecutive (the Hawkes recursion needs an unbroken series).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "USKoreaData.csv"
    ...     _ = f.write_text("Year,Month,Prov,Nego\n1990,Jan,0,1\n1990,Feb,2,0\n")
    ...     df = load_csis_monthly(tmp)
    >>> df["month"].astype(str).tolist(), df["provocations"].tolist()
    (['1990-01', '1990-02'], [0, 2])
    >>> from stratagem.errors import ScenarioError
    >>> try:
    ...     load_csis_monthly("/nowhere/USKoreaData.csv")
    ... except ScenarioError as err:
    ...     print(err.problems[0].found)
    no such file
    """
    name = "USKoreaData.csv"
    what = "CSIS monthly data"
    table = read_table(resolve(path, name), what, name, ("Year", "Month", "Prov", "Nego"))
    problems: list[Problem] = []
    years = convert(table, "Year", count, "a year such as 1990", problems)
    months = convert(table, "Month", _month_number, "a month name Jan..Dec", problems)
    prov = convert(table, "Prov", count, "a count (integer >= 0)", problems)
    nego = convert(table, "Nego", count, "a count (integer >= 0)", problems)
    if problems:
        fail(problems)
    ordinals = [12 * (y or 0) + (m or 0) for y, m in zip(years, months, strict=True)]
    for i in range(1, len(ordinals)):
        if ordinals[i] != ordinals[i - 1] + 1:
            problems.append(
                Problem(
                    message=f"{what}: months are not consecutive",
                    path="Month",
                    file=table.file,
                    line=table.lines[i],
                    expected="the month after the previous row",
                    found=f"{years[i]}-{table.column('Month')[i]}",
                )
            )
            break
    if problems:
        fail(problems)
    period = pd.PeriodIndex(
        [pd.Period(year=y, month=m, freq="M") for y, m in zip(years, months, strict=True)]
    )
    return pd.DataFrame(
        {
            "month": period,
            "provocations": np.asarray(prov, dtype=np.int64),
            "negotiations": np.asarray(nego, dtype=np.int64),
        }
    )


def _datetimes(days: list[date | None]) -> pd.Series:
    """A datetime64[ns] series (NaT for ``None``)."""
    return pd.to_datetime(pd.Series(days, dtype=object)).astype("datetime64[ns]")


_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _partial_date(text: str) -> tuple[date, bool]:
    """``YYYY-MM-DD`` or ``YYYY-MM`` (day unknown: the first of the month)."""
    match = _DATE.match(text)
    if match is None:
        raise ValueError(text)
    year, month, day = match.groups()
    return date(int(year), int(month), int(day) if day else 1), day is not None


def load_cns_tests(path: PathLike) -> pd.DataFrame:
    r"""The CNS North Korea missile test database, one row per missile.

    Source: James Martin Center for Nonproliferation Studies (CNS) North Korea Missile Test
    Database (NTI), via github.com/nagix/nk-missile-tests (Apache-2.0, commit a0cc6587), flattened
    in ``shared/data/nk_missile_tests/nk_missile_tests_flat.csv``; the shared copy ends at
    2021-12-31.

    Parameters
    ----------
    path : str or os.PathLike
        ``nk_missile_tests_flat.csv`` or the folder holding it.

    Returns
    -------
    pandas.DataFrame
        In file order: ``date`` (datetime64; a month-only date such as ``1984-09`` becomes the
        first of the month), ``day_known`` (bool, False for those), ``time`` (text as in the
        file, e.g. ``"21:42 (UTC)"`` or ``"unknown"``), ``series`` (Int64, position in a
        salvo, <NA> for a single launch), ``missile_name``, ``missile_type`` (``SRBM``,
        ``MRBM``, ``IRBM``, ``ICBM``, ``SLBM``, ``SLV``, ``HGV``, ``Unknown``), ``outcome``
        (``success``, ``failure`` or ``unknown``), ``apogee_km`` and ``distance_km`` (float,
        km, NaN when not reported; as reported, i.e. lofted for many tests).

    Raises
    ------
    stratagem.errors.ScenarioError
        Missing file or column, a malformed date, an outcome other than the three above, or a
        non-numeric apogee/distance.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> rows = ("date,time,series,missile_name,missile_type,outcome,apogee_km,distance_km\n"
    ...         "1984-09,unknown,,Scud-B,SRBM,failure,,\n"
    ...         "2017-11-28,18:18 (UTC),,Hwasong-15,ICBM,success,4475,950\n")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "cns.csv"
    ...     _ = f.write_text(rows)
    ...     df = load_cns_tests(f)
    >>> df[["missile_type", "outcome", "apogee_km", "day_known"]].values.tolist()
    [['SRBM', 'failure', nan, False], ['ICBM', 'success', 4475.0, True]]
    """
    name = "nk_missile_tests_flat.csv"
    what = "CNS missile tests"
    required = ("date", "missile_name", "missile_type", "outcome", "apogee_km", "distance_km")
    table = read_table(resolve(path, name), what, name, required)
    problems: list[Problem] = []
    dates = convert(table, "date", _partial_date, "a date YYYY-MM-DD or YYYY-MM", problems)
    outcome = convert(
        table,
        "outcome",
        one_of(("success", "failure", "unknown")),
        "success/failure/unknown",
        problems,
    )
    apogee = convert(table, "apogee_km", float_or_blank, "a number (km) or blank", problems)
    distance = convert(table, "distance_km", float_or_blank, "a number (km) or blank", problems)
    series: list[int | None] = [None] * len(table.rows)
    if "series" in table.header:
        series = convert(table, "series", int_or_blank, "an integer or blank", problems)
    if problems:
        fail(problems)
    n = len(table.rows)
    times = table.column("time") if "time" in table.header else ["unknown"] * n
    return pd.DataFrame(
        {
            "date": _datetimes([d[0] if d else None for d in dates]),
            "day_known": np.array([bool(d and d[1]) for d in dates], dtype=bool),
            "time": pd.Series(times, dtype=object),
            "series": pd.array(series, dtype="Int64"),
            "missile_name": pd.Series(table.column("missile_name"), dtype=object),
            "missile_type": pd.Series(table.column("missile_type"), dtype=object),
            "outcome": pd.Series(outcome, dtype=object),
            "apogee_km": np.array([np.nan if v is None else v for v in apogee], dtype=float),
            "distance_km": np.array([np.nan if v is None else v for v in distance], dtype=float),
        }
    )


_TIES_INT_COLUMNS = (
    "primarysender",
    "sender1",
    "targetstate",
    "institution",
    "issue1",
    "threat",
    "imposition",
    "finaloutcome",
)
_TIES_DATES = {
    "start": "start",
    "imposition_start": "sancimpositionstart",
    "end": "end",
    "ongoing_asof": "ongoingasof",
}


def _ties_date(year: int | None, month: int | None, day: int | None) -> date | None:
    """TIES date rule of game_theory.md §6.2: a missing month is July, a missing day the 15th.

    A day past the end of its month (TIES has a 31 June) is moved to the month's last day.
    Raises :class:`ValueError` with ``"month"`` or ``"day"`` for an impossible value.
    """
    if year is None:
        return None
    m = 7 if month is None else month
    if not 1 <= m <= 12:
        raise ValueError("month")
    d = 15 if day is None else day
    if not 1 <= d <= 31:
        raise ValueError("day")
    return date(year, m, min(d, calendar.monthrange(year, m)[1]))


def load_ties(path: PathLike) -> pd.DataFrame:
    r"""TIES 4.1 case-level data: the columns the duration and outcome analyses need.

    Source: Morgan, Bapat & Kobayashi (2014), "Threat and imposition of economic sanctions
    1945-2005: Updating the TIES dataset", *Conflict Management and Peace Science* 31(5):
    541-558; raw sheet ``TIESv4.1.raw`` converted to ``shared/data/ties_v4/TIESv4-1.csv``
    (1,412 cases). Research use: cite the 2014 article.

    Dates are built from the ``*year``, ``*month``, ``*day`` triples with the rule of
    game_theory.md §6.2 (missing month = 7, missing day = 15; a day past the month's end becomes
    its last day). A few TIES year cells hold notes ("1969, probably sometime before this
    date"): the first four-digit year in the cell is used.

    Parameters
    ----------
    path : str or os.PathLike
        ``TIESv4-1.csv`` or the folder holding it.

    Returns
    -------
    pandas.DataFrame
        ``caseid`` (int64); ``primarysender``, ``sender1``, ``targetstate`` (COW codes; USA = 2,
        DPRK = 731), ``institution`` (1 = an institution is a sender), ``issue1``, ``threat``,
        ``imposition`` (0/1) and ``finaloutcome`` (1-10) as nullable Int64; and dates
        (datetime64, NaT when the year is missing) ``start``, ``imposition_start``, ``end``,
        ``ongoing_asof``.

    Raises
    ------
    stratagem.errors.ScenarioError
        Missing file or column, or a value that cannot be read as the integer or date part
        expected.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> cols = ["caseid", *_TIES_INT_COLUMNS] + [
    ...     f"{p}{u}" for p in _TIES_DATES.values() for u in ("year", "month", "day")]
    >>> row = ["1", "2", "2", "731", "0", "9", "1", "1", "7",
    ...        "1990", "5", "", "1969, a note", "6", "31", "1992", "", "", "", "", ""]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "TIESv4-1.csv"
    ...     _ = f.write_text(",".join(cols) + "\n" + ",".join(f'"{v}"' for v in row) + "\n")
    ...     df = load_ties(tmp)
    >>> [str(df.loc[0, c].date()) for c in ("start", "imposition_start", "end")]
    ['1990-05-15', '1969-06-30', '1992-07-15']
    """
    name = "TIESv4-1.csv"
    what = "TIES 4.1 data"
    date_columns = [f"{p}{u}" for p in _TIES_DATES.values() for u in ("year", "month", "day")]
    required = ("caseid", *_TIES_INT_COLUMNS, *date_columns)
    table = read_table(resolve(path, name), what, name, required)
    problems: list[Problem] = []
    caseid = convert(table, "caseid", count, "a case id (integer)", problems)
    ints = {
        c: convert(table, c, int_or_blank, "an integer or blank", problems)
        for c in _TIES_INT_COLUMNS
    }
    dates: dict[str, list[date | None]] = {}
    for out_name, prefix in _TIES_DATES.items():
        years = convert(table, f"{prefix}year", lenient_year, "a year or blank", problems)
        months = convert(table, f"{prefix}month", int_or_blank, "a month 1-12 or blank", problems)
        days = convert(table, f"{prefix}day", int_or_blank, "a day 1-31 or blank", problems)
        column: list[date | None] = []
        for i, (y, m, d) in enumerate(zip(years, months, days, strict=True)):
            try:
                column.append(_ties_date(y, m, d))
            except ValueError as exc:
                part = str(exc)
                expected = "a month 1-12" if part == "month" else "a day 1-31"
                column.append(None)
                problems.append(
                    table.problem(i, prefix + part, expected, table.column(prefix + part)[i])
                )
        dates[out_name] = column
    if problems:
        fail(problems)
    frame: dict[str, object] = {"caseid": np.asarray(caseid, dtype=np.int64)}
    for c, values in ints.items():
        frame[c] = pd.array(values, dtype="Int64")
    for c, parsed in dates.items():
        frame[c] = _datetimes(parsed)
    return pd.DataFrame(frame)


def load_trade(path: PathLike) -> pd.DataFrame:
    r"""China-DPRK trade by calendar year (US$ million).

    Source: ``shared/data/compiled/china_dprk_trade_by_year.csv`` (compiled for this project;
    data.md §2.5): KOTRA and China General Administration of Customs figures, each row with
    its citation and a ``status`` of ``sourced``, ``derived`` or ``recalled - verify``.

    Parameters
    ----------
    path : str or os.PathLike
        ``china_dprk_trade_by_year.csv`` or the folder holding it.

    Returns
    -------
    pandas.DataFrame
        ``year`` (int), ``total_trade_usd_million``, ``china_exports_to_dprk_usd_million``,
        ``china_imports_from_dprk_usd_million`` (float, US$ million, NaN when not known) and
        ``status`` (text).

    Raises
    ------
    stratagem.errors.ScenarioError
        Missing file or column, or a value that is not a number.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> text = ("year,total_trade_usd_million,china_exports_to_dprk_usd_million,"
    ...         "china_imports_from_dprk_usd_million,status\n2013,6540,3600,2900,sourced\n")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "china_dprk_trade_by_year.csv").write_text(text)
    ...     df = load_trade(tmp)
    >>> df["year"].tolist(), df["total_trade_usd_million"].tolist()
    ([2013], [6540.0])
    """
    name = "china_dprk_trade_by_year.csv"
    what = "China-DPRK trade"
    money = (
        "total_trade_usd_million",
        "china_exports_to_dprk_usd_million",
        "china_imports_from_dprk_usd_million",
    )
    table = read_table(resolve(path, name), what, name, ("year", *money, "status"))
    problems: list[Problem] = []
    years = convert(table, "year", count, "a year", problems)
    values = {
        c: convert(table, c, float_or_blank, "a number (US$ million) or blank", problems)
        for c in money
    }
    if problems:
        fail(problems)
    frame: dict[str, object] = {"year": np.asarray(years, dtype=np.int64)}
    for c, v in values.items():
        frame[c] = np.array([np.nan if x is None else x for x in v], dtype=float)
    frame["status"] = pd.Series(table.column("status"), dtype=object)
    return pd.DataFrame(frame)


def _iso_date(text: str) -> date:
    return date.fromisoformat(text)


def load_gmd_tests(path: PathLike) -> pd.DataFrame:
    r"""Ground-based Midcourse Defense (GMD) intercept tests, 1999-2023.

    Source: ``shared/data/compiled/gmd_intercept_tests.csv`` (compiled for this project from
    ACA, MDA-quoting and news pages cited per row; the common tally matches ACA's 10 of 18
    after FTG-15). ``counted_in_common_tally`` marks the attempts in that tally (FTG-03, a
    target failure with no intercept attempt, is not).

    Parameters
    ----------
    path : str or os.PathLike
        ``gmd_intercept_tests.csv`` or the folder holding it.

    Returns
    -------
    pandas.DataFrame
        ``test_id`` (text), ``date`` (datetime64), ``result`` (``hit``, ``miss`` or
        ``no_test``), ``counted_in_common_tally`` (bool), ``cumulative_hits`` and
        ``cumulative_attempts`` (int).

    Raises
    ------
    stratagem.errors.ScenarioError
        Missing file or column, or a malformed value.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> text = ("test_id,date,result,counted_in_common_tally,cumulative_hits,"
    ...         "cumulative_attempts\nIFT-3,1999-10-02,hit,yes,1,1\n")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "gmd_intercept_tests.csv").write_text(text)
    ...     df = load_gmd_tests(tmp)
    >>> df["test_id"].tolist(), df["result"].tolist(), df["counted_in_common_tally"].tolist()
    (['IFT-3'], ['hit'], [True])
    """
    name = "gmd_intercept_tests.csv"
    what = "GMD intercept tests"
    required = (
        "test_id",
        "date",
        "result",
        "counted_in_common_tally",
        "cumulative_hits",
        "cumulative_attempts",
    )
    table = read_table(resolve(path, name), what, name, required)
    problems: list[Problem] = []
    dates = convert(table, "date", _iso_date, "a date YYYY-MM-DD", problems)
    result = convert(
        table, "result", one_of(("hit", "miss", "no_test")), "hit/miss/no_test", problems
    )
    counted = convert(table, "counted_in_common_tally", one_of(("yes", "no")), "yes/no", problems)
    hits = convert(table, "cumulative_hits", count, "a count", problems)
    attempts = convert(table, "cumulative_attempts", count, "a count", problems)
    if problems:
        fail(problems)
    return pd.DataFrame(
        {
            "test_id": pd.Series(table.column("test_id"), dtype=object),
            "date": _datetimes(dates),
            "result": pd.Series(result, dtype=object),
            "counted_in_common_tally": np.array([c == "yes" for c in counted], dtype=bool),
            "cumulative_hits": np.asarray(hits, dtype=np.int64),
            "cumulative_attempts": np.asarray(attempts, dtype=np.int64),
        }
    )
