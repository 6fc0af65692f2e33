"""The analyst's report: a self-contained HTML file, claim by claim, plus ``summary.json``."""

from stratagem.report.build import REPORT_FILE, SUMMARY_FILE, build_report, run_claims
from stratagem.report.figures import ResultsPlots

__all__ = ["REPORT_FILE", "SUMMARY_FILE", "ResultsPlots", "build_report", "run_claims"]
