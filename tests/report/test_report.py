"""The HTML report: structure, data in every figure, offline, numbers that match summary.json."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

import stratagem
from stratagem.report import build_report


@pytest.fixture(scope="module")
def korea_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("korea") / "results"
    results = stratagem.simulate("korea-2013", runs=300, seed=2, out=out, trajectory_runs=100)
    path = build_report(results, claims_runs=200)
    return results, path, path.read_text("utf-8"), json.loads((out / "summary.json").read_text())


def _figures(page: str) -> dict:
    match = re.search(r"var figures = (\{.*?\});\n", page, re.S)
    assert match, "figure data block missing"
    return json.loads(match.group(1).replace("<\\/", "</"))


def test_every_section_is_present(korea_report):
    _, _, page, _ = korea_report
    for section in (
        "case",
        "comparison",
        "trajectories",
        "claims",
        "negotiations",
        "assumptions",
        "method",
    ):
        assert f'<section id="{section}">' in page, section
    claims = set(re.findall(r'<article class="claim" id="claim-(C\d+)">', page))
    assert claims == {f"C{i}" for i in range(1, 13)}


def test_every_figure_has_data_and_a_title(korea_report):
    _, _, page, _ = korea_report
    figures = _figures(page)
    assert len(figures) >= 25
    for fid, figure in figures.items():
        assert figure["data"], fid
        assert any(len(t.get("x", [])) or len(t.get("y", [])) for t in figure["data"]), fid
        assert figure["layout"]["title"]["text"], fid
        assert f'id="{fid}"' in page


def test_no_external_resources(korea_report):
    _, _, page, _ = korea_report
    # Plotly's bundled library mentions web addresses in strings it never loads (logo link, map
    # tiles); the document around it must not load anything. The browser test checks requests.
    head_script = re.search(r"<head>.*?<script>(.*?)</script>", page, re.S)
    assert head_script and "plotly.js" in head_script.group(1).lower()
    document = page.replace(head_script.group(1), "")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", document)
    assert "<link" not in document
    assert not re.search(r"@import|url\(\s*['\"]?https?:", document)
    assert "<script src" not in page
    assert "Plotly.newPlot" in document


def _parse(text: str) -> float:
    text = text.strip().replace(",", "")
    if text == "never":
        return float("inf")
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def _resolve(data, key: str):
    node = data
    for part in key.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def test_numbers_in_the_text_match_summary_json(korea_report):
    _, _, page, summary = korea_report
    spans = re.findall(r'<span class="num" data-json="([^"]+)">([^<]+)</span>', page)
    assert len(spans) > 200
    for key, text in spans:
        value = _resolve(summary, key)
        value = float("inf") if value == "inf" else float(value)
        shown = _parse(text)
        if np.isinf(value):
            assert np.isinf(shown), key
            continue
        # The text rounds: to whole numbers, two decimals or whole percents.
        tolerance = 0.5 if abs(value) >= 10 else 0.005 + 1e-9
        assert abs(shown - value) <= tolerance + 1e-9, (key, text, value)


def test_summary_json_matches_the_results(korea_report):
    results, _, _, summary = korea_report
    frame = results.summary()
    for _, row in frame.iterrows():
        entry = summary["outcomes"][row["strategy"]][row["outcome"]]
        for stat in ("mean", "median", "q10", "q90"):
            expected = row[stat]
            got = entry[stat]
            if np.isinf(expected):
                assert got == "inf"
            else:
                assert got == pytest.approx(expected)


def test_claim_sentences_state_their_numbers(korea_report):
    _, _, _, summary = korea_report
    by_id = {c["claim"]: c for c in summary["claims"]}
    # C4: the offer raises China's pressure; with the mechanism off it falls back.
    c4 = by_id["C4"]["rows"]
    assert c4[0]["reference"] and c4[0]["value"] > c4[1]["value"]
    # C9: talks switched off removes the time talks buy.
    c9 = by_id["C9"]["rows"]
    assert c9[0]["value"] >= c9[1]["value"]


def test_report_for_a_case_without_korea_mechanisms(tmp_path):
    results = stratagem.simulate("iran-2010", runs=200, seed=1, out=tmp_path / "iran")
    page = build_report(results, claims_runs=200).read_text("utf-8")
    claims = set(re.findall(r'id="claim-(C\d+)"', page))
    assert claims == {"C8", "C10", "C12"}
    assert 'id="assumptions"' in page


def test_plot_accessor_gives_the_report_figures(korea_report):
    results, _, _, _ = korea_report
    assert results.plot.fan("warheads").data
    assert results.plot.events("months_to_credible_icbm").data
    assert results.plot.distribution("provocations").data
    assert results.plot.time_bought().data
    with pytest.raises(ValueError, match="was not recorded"):
        results.plot.fan("burnout_speed_km_s")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_report_opens_offline_in_chromium_without_errors(korea_report, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    _, path, _, _ = korea_report
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 420, "height": 900})
            errors: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(Path(path).as_uri())
            page.wait_for_function("document.querySelectorAll('.main-svg').length > 20")
            drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        finally:
            browser.close()
    assert errors == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    assert drawn == len(_figures(Path(path).read_text("utf-8")))
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_the_settlement_table_reruns_each_forecast(korea_report):
    """D41: each model's forecast as the terms of a freeze; the Nash forecast is the status quo
    (no agreement beats it for every actor), which asks nothing and so never freezes."""
    _, _, page, summary = korea_report
    settlements = summary["settlements"]["korea-nuclear-2013"]
    rows = {r["model"]: r for r in settlements["rows"]}
    assert set(rows) == {"compromise", "median", "nash", "expected_utility"}
    assert [m for m, r in rows.items() if r["in_run"]] == ["compromise"]
    assert rows["nash"]["settlement"] == 85.0
    assert rows["nash"]["p_freeze"] == 0.0 and rows["nash"]["tests"] == 0.0
    assert rows["median"]["dismantlement"] == 1.0
    assert settlements["strategy"] in summary["strategies"]
    assert page.count('<tr class="in-run">') == 1
