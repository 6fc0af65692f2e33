"""The data layer: loaders for the shared data sets and the fits that derive model defaults.

Research-use data (CSIS, TIES, ...) are never packaged with stratagem (BRIEF §8): loaders read
the user's copy from a path, and :func:`default_data_dir` finds a ``shared/data`` folder (from
``STRATAGEM_DATA`` or by walking up from the working directory or the package).

Each calibrated default of a mechanism can be re-derived from the raw file:

========================================  ===================================================
default                                   fit
========================================  ===================================================
provocation_cycle mu, alpha, beta (D16)   :func:`fit_discrete_hawkes` on the CSIS counts
talks breakdown hazard, C9 contrast       :func:`talk_spells`, :func:`breakdown_hazard`,
                                          :func:`provocations_by_talks`
missile_program f0, b (D13)               :func:`fit_failure_curve` on
                                          :func:`long_range_sequence` of the CNS table
sanctions time to acquiescence (C10)      :func:`acquiescence_incidence`,
                                          :func:`monthly_hazard_from_incidence`,
                                          :func:`fit_weibull_time_to_success`
========================================  ===================================================
"""

from stratagem.data.hawkes import HawkesFit, excitation, fit_discrete_hawkes, hawkes_intensity
from stratagem.data.learning import (
    LONG_RANGE_TYPES,
    FailureCurveFit,
    failure_curve_log_likelihood,
    failure_probability,
    fit_failure_curve,
    long_range_sequence,
)
from stratagem.data.loaders import (
    load_cns_tests,
    load_csis_monthly,
    load_gmd_tests,
    load_ties,
    load_trade,
)
from stratagem.data.paths import (
    CNS_TESTS,
    CSIS_MONTHLY,
    DATA_ENV_VAR,
    GMD_TESTS,
    TIES_INCIDENCE,
    TIES_RAW,
    TRADE,
    default_data_dir,
)
from stratagem.data.talks import (
    TalksContrast,
    breakdown_hazard,
    mean_spell_length,
    provocations_by_talks,
    talk_spells,
)
from stratagem.data.ties import (
    PiecewiseHazard,
    WeibullCureFit,
    aalen_johansen,
    acquiescence_incidence,
    fit_weibull_time_to_success,
    monthly_hazard_from_incidence,
    ties_episodes,
)

__all__ = [
    "CNS_TESTS",
    "CSIS_MONTHLY",
    "DATA_ENV_VAR",
    "GMD_TESTS",
    "LONG_RANGE_TYPES",
    "TIES_INCIDENCE",
    "TIES_RAW",
    "TRADE",
    "FailureCurveFit",
    "HawkesFit",
    "PiecewiseHazard",
    "TalksContrast",
    "WeibullCureFit",
    "aalen_johansen",
    "acquiescence_incidence",
    "breakdown_hazard",
    "default_data_dir",
    "excitation",
    "failure_curve_log_likelihood",
    "failure_probability",
    "fit_discrete_hawkes",
    "fit_failure_curve",
    "fit_weibull_time_to_success",
    "hawkes_intensity",
    "load_cns_tests",
    "load_csis_monthly",
    "load_gmd_tests",
    "load_ties",
    "load_trade",
    "long_range_sequence",
    "mean_spell_length",
    "monthly_hazard_from_incidence",
    "provocations_by_talks",
    "talk_spells",
    "ties_episodes",
]
