"""Missile reach: range, apogee and flight time from burnout speed, with Earth rotation.

Claim C1 ("no demonstrated capability to reach anywhere near the United States").

From the best demonstrated burnout speed (``missile_program``) this mechanism derives

* the minimum-energy range on a non-rotating Earth (Bate, Mueller & White eq. 6.2-19), its apogee
  and free-flight time (6.2-21/22): :mod:`stratagem.physics.ballistics`;
* the reach toward Los Angeles and Washington on the rotating Earth (missile_defense.md §2.3):
  the eastward launch gains about 1,100 km toward Los Angeles and about 200 km toward Washington for
  a 10,400 km missile. Reach toward a target is read from a table of
  :func:`~stratagem.physics.ballistics.max_range_toward_km` over burnout speed, computed once per
  launch site and target.

Lofted tests: North Korea tests on lofted trajectories, and the equal-burnout-speed conversion of
a lofted test to a standard range is a lower bound (missile_defense.md §2.2); published ranges
need 0.4-0.7 km/s more. ``assessment_margin_km_s`` adds that margin to the speed analysts credit
(0 by default: the model's speed is already the demonstrated standard-trajectory speed).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput, fixed
from stratagem.physics.ballistics import (
    apogee_altitude_km,
    free_flight_time_min,
    max_range_km,
    max_range_toward_km,
)

_DISTANCES = "shared/data/compiled/distances_nk_to_targets.csv"
#: Half the Earth's circumference on the model sphere: any point on Earth is within this range.
HALF_CIRCUMFERENCE_KM = float(np.pi * 6371.0)
#: Burnout speeds of the reach tables, km/s (up to just below orbital speed at the surface).
_TABLE_SPEEDS = np.linspace(0.0, 7.85, 400)

PARAMETERS = (
    Parameter(
        "launch_lat",
        fixed(39.0392),
        "deg N",
        "Launch site latitude (Pyongyang).",
        source=_DISTANCES,
    ),
    Parameter(
        "launch_lon",
        fixed(125.7625),
        "deg E",
        "Launch site longitude (Pyongyang).",
        source=_DISTANCES,
    ),
    Parameter(
        "los_angeles_lat", fixed(34.0522), "deg N", "Los Angeles latitude.", source=_DISTANCES
    ),
    Parameter(
        "los_angeles_lon", fixed(-118.2437), "deg E", "Los Angeles longitude.", source=_DISTANCES
    ),
    Parameter(
        "washington_lat", fixed(38.9072), "deg N", "Washington DC latitude.", source=_DISTANCES
    ),
    Parameter(
        "washington_lon", fixed(-77.0369), "deg E", "Washington DC longitude.", source=_DISTANCES
    ),
    Parameter(
        "assessment_margin_km_s",
        fixed(0.0),
        "km/s",
        "Speed added to the demonstrated burnout speed when crediting reach.",
        source="missile_defense.md §2.2: published ranges need +0.4-0.7 km/s over lofted tests",
    ),
)


@lru_cache(maxsize=64)
def _reach_table(
    lat: float, lon: float, target_lat: float, target_lon: float
) -> NDArray[np.float64]:
    reach = max_range_toward_km(lat, lon, target_lat, target_lon, _TABLE_SPEEDS)
    # Beyond half the Earth's circumference every target is in reach (and near-orbital speeds
    # make the number meaningless), so the reach is capped there.
    return np.asarray(np.minimum(reach, HALF_CIRCUMFERENCE_KM), dtype=np.float64)


def reach_toward_km(
    speed: Array, lat: float, lon: float, target_lat: float, target_lon: float
) -> Array:
    """Rotating-Earth reach toward a target (km), interpolated in the cached table."""
    table = _reach_table(float(lat), float(lon), float(target_lat), float(target_lon))
    return np.asarray(
        np.interp(speed, _TABLE_SPEEDS, table, right=HALF_CIRCUMFERENCE_KM), dtype=np.float64
    )


def _derived(speed: Array, margin: Array | float) -> Array:
    return np.asarray(max_range_km(speed + margin), dtype=np.float64)


def step(x: StepInput) -> dict[str, Array]:
    """Recompute reach where the demonstrated speed moved (everywhere in the first month)."""
    s, p = x.state, x.params
    speed = s["burnout_speed_km_s"] + p["assessment_margin_km_s"]
    shape = speed.shape
    out = {name: np.array(s[name], dtype=np.float64) for name in _DERIVED}
    out["credited_burnout_speed_km_s"] = np.broadcast_to(speed, shape) * 1.0
    # Only the runs whose speed moved this month (rare) need the physics.
    changed = np.flatnonzero(
        np.ones(shape, dtype=bool) if x.month == 0 else speed != s["credited_burnout_speed_km_s"]
    )
    if changed.size:
        v = out["credited_burnout_speed_km_s"].reshape(-1)[changed]
        range_km = max_range_km(v)
        lat, lon = float(np.mean(p["launch_lat"])), float(np.mean(p["launch_lon"]))
        values = {
            "demonstrated_range_km": range_km,
            "apogee_km": apogee_altitude_km(range_km),
            "flight_time_min": free_flight_time_min(range_km),
            "reach_toward_los_angeles_km": reach_toward_km(
                v,
                lat,
                lon,
                float(np.mean(p["los_angeles_lat"])),
                float(np.mean(p["los_angeles_lon"])),
            ),
            "reach_toward_washington_km": reach_toward_km(
                v,
                lat,
                lon,
                float(np.mean(p["washington_lat"])),
                float(np.mean(p["washington_lon"])),
            ),
        }
        for name, value in values.items():
            out[name].reshape(-1)[changed] = value
    return out


_DERIVED = (
    "demonstrated_range_km",
    "apogee_km",
    "flight_time_min",
    "reach_toward_los_angeles_km",
    "reach_toward_washington_km",
)


MECHANISM = Mechanism(
    name="missile_reach",
    step=step,
    state=(
        StateVar(
            "credited_burnout_speed_km_s",
            "km/s",
            "Burnout speed credited to the program (demonstrated plus assessment margin).",
        ),
        StateVar(
            "demonstrated_range_km",
            "km",
            "Minimum-energy range on a non-rotating Earth at the credited speed.",
            1300.0,
        ),
        StateVar("apogee_km", "km", "Apogee of that minimum-energy trajectory.", 308.0),
        StateVar("flight_time_min", "min", "Free-flight time of that trajectory.", 9.1),
        StateVar(
            "reach_toward_los_angeles_km",
            "km",
            "Reach toward Los Angeles on the rotating Earth (9,557 km away).",
            1300.0,
        ),
        StateVar(
            "reach_toward_washington_km",
            "km",
            "Reach toward Washington on the rotating Earth (11,042 km away).",
            1300.0,
        ),
    ),
    reads=("burnout_speed_km_s",),
    parameters=PARAMETERS,
    claims=("C1",),
    summary="Range, apogee, flight time; rotating-Earth reach toward Los Angeles and Washington.",
)
