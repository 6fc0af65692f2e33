"""Keplerian ballistic reach, flight time and lofted-test conversion on a spherical Earth.

Equations from Bate, Mueller & White (BMW), *Fundamentals of Astrodynamics* (1971), ch. 6, as
restated in ``shared/reference/missile_defense.md`` §2.1 (minimum-energy trajectory), §2.2 (lofted
tests converted to standard-trajectory range) and §2.3 (Earth rotation).

Conventions used throughout:

* Units are explicit in every name: km, km/s, degrees, minutes.
* The Earth is a sphere of radius :data:`EARTH_RADIUS_KM`; burnout altitude ``h_bo`` puts the
  burnout point at ``r = R + h_bo``.
* "Range" is the *free-flight* ground range ``R * psi`` (``psi`` the free-flight range angle, with
  re-entry at the burnout altitude, i.e. a trajectory symmetric about apogee). Powered-flight and
  re-entry ground ranges are not included.
* All functions are pure and broadcast their arguments with NumPy rules.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "EARTH_RADIUS_KM",
    "EARTH_ROTATION_RAD_S",
    "MU_EARTH_KM3_S2",
    "apogee_altitude_km",
    "burnout_speed_for_range_km_s",
    "free_flight_range_angle_deg",
    "free_flight_time_min",
    "great_circle_distance_km",
    "initial_bearing_deg",
    "lofted_burnout_speed_km_s",
    "lofted_free_flight_time_min",
    "lofted_to_max_range_km",
    "max_range_km",
    "max_range_toward_km",
    "min_energy_flight_path_angle_deg",
    "min_energy_q",
]

#: Standard gravitational parameter of the Earth, km^3/s^2 (mu = 3.986004418e14 m^3/s^2).
MU_EARTH_KM3_S2 = 3.986004418e5
#: Mean Earth radius, km (the sphere used throughout the reference notes).
EARTH_RADIUS_KM = 6371.0
#: Sidereal rotation rate of the Earth, rad/s (reference notes §2.3: omega = 7.2921e-5 rad/s).
EARTH_ROTATION_RAD_S = 7.2921150e-5

_FloatArray = NDArray[np.float64]


def _f64(x: ArrayLike) -> _FloatArray:
    return np.asarray(x, dtype=np.float64)


# --------------------------------------------------------------------------------------------
# General free flight (BMW 6.2)
# --------------------------------------------------------------------------------------------


def _free_flight(
    q: _FloatArray, cos2_gamma: _FloatArray, r_km: _FloatArray
) -> tuple[_FloatArray, _FloatArray]:
    """Return (range angle psi in rad, free-flight time in s) of a symmetric free flight.

    BMW 6.2-12 for ``psi`` and 6.2-21/22 for the time of free flight; ``0 < Q < 2``.
    """
    ecc = np.sqrt(np.maximum(1.0 + q * (q - 2.0) * cos2_gamma, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        cos_half = (1.0 - q * cos2_gamma) / ecc
        psi = 2.0 * np.arccos(np.clip(cos_half, -1.0, 1.0))
        semi_major = r_km / (2.0 - q)
        cos_e = np.clip((ecc - cos_half) / (1.0 - ecc * cos_half), -1.0, 1.0)
    ecc_anomaly = np.arccos(cos_e)
    t_s = (
        2.0
        * np.sqrt(semi_major**3 / MU_EARTH_KM3_S2)
        * (np.pi - ecc_anomaly + ecc * np.sin(ecc_anomaly))
    )
    return psi, t_s


def free_flight_range_angle_deg(
    q: ArrayLike, flight_path_angle_deg: ArrayLike
) -> NDArray[np.float64]:
    """Free-flight range angle ``psi`` (degrees) for burnout parameter ``Q`` and angle ``gamma``.

    BMW eq. 6.2-12 (reference notes §2.1):
    ``cos(psi/2) = (1 - Q cos^2 gamma) / sqrt(1 + Q (Q - 2) cos^2 gamma)``, with
    ``Q = v_bo^2 r_bo / mu`` (BMW 6.2-1, dimensionless) and ``gamma`` the flight-path angle above
    the local horizontal in degrees. Re-entry is at the burnout radius.

    Parameters
    ----------
    q : array_like
        Burnout parameter ``Q`` (dimensionless, ``0 < Q < 2``).
    flight_path_angle_deg : array_like
        Burnout flight-path angle, degrees above the local horizontal.

    Returns
    -------
    numpy.ndarray
        Free-flight range angle in degrees.

    Examples
    --------
    BMW worked example quoted in §2.5 (Q = 0.533, gamma = 51.318 deg -> 36.4 deg):

    >>> round(float(free_flight_range_angle_deg(0.5333, 51.318)), 1)
    36.4
    """
    q_arr = _f64(q)
    gamma = np.radians(_f64(flight_path_angle_deg))
    cos2 = np.cos(gamma) ** 2
    ecc = np.sqrt(np.maximum(1.0 + q_arr * (q_arr - 2.0) * cos2, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        cos_half = (1.0 - q_arr * cos2) / ecc
    return np.asarray(np.degrees(2.0 * np.arccos(np.clip(cos_half, -1.0, 1.0))), dtype=np.float64)


# --------------------------------------------------------------------------------------------
# Minimum-energy (maximum-range) trajectory, non-rotating Earth (§2.1)
# --------------------------------------------------------------------------------------------


def max_range_km(
    burnout_speed_km_s: ArrayLike, burnout_altitude_km: ArrayLike = 0.0
) -> NDArray[np.float64]:
    """Free-flight ground range of a minimum-energy (maximum-range) trajectory, in km.

    BMW eq. 6.2-19 (reference notes §2.1): ``sin(psi_max / 2) = Q / (2 - Q)`` with
    ``Q = v^2 r / mu`` (6.2-1), and ground range ``R_earth * psi_max``. Speeds with ``Q >= 1``
    reach orbit and return ``inf``.

    Parameters
    ----------
    burnout_speed_km_s : array_like
        Burnout speed (relative to a non-rotating Earth), km/s.
    burnout_altitude_km : array_like, default 0
        Burnout altitude above the spherical Earth, km.

    Returns
    -------
    numpy.ndarray
        Free-flight ground range, km (``inf`` for orbital speeds).

    Examples
    --------
    >>> round(float(max_range_km(7.13)), -2)  # §2.1 table: 7.13 km/s <-> 9,600 km
    9600.0
    >>> float(max_range_km(8.0))
    inf
    """
    v = _f64(burnout_speed_km_s)
    r = EARTH_RADIUS_KM + _f64(burnout_altitude_km)
    q = v * v * r / MU_EARTH_KM3_S2
    with np.errstate(invalid="ignore", divide="ignore"):
        half_angle = np.arcsin(np.clip(q / (2.0 - q), -1.0, 1.0))
    return np.where(q < 1.0, 2.0 * half_angle * EARTH_RADIUS_KM, np.inf)


def min_energy_q(range_km: ArrayLike) -> NDArray[np.float64]:
    """Burnout parameter ``Q`` (dimensionless) needed for a free-flight range, minimum energy.

    BMW eq. 6.2-20 (reference notes §2.1): ``Q = 2 sin(psi/2) / (1 + sin(psi/2))`` with
    ``psi = range_km / R_earth``. ``Q`` does not depend on the burnout altitude.

    Parameters
    ----------
    range_km : array_like
        Free-flight ground range, km.

    Returns
    -------
    numpy.ndarray
        ``Q = v_bo^2 r_bo / mu``.

    Examples
    --------
    >>> round(float(min_energy_q(10000.0)), 4)  # ballistic_min_energy_table.csv: 0.8281
    0.8281
    """
    s = np.sin(_f64(range_km) / EARTH_RADIUS_KM / 2.0)
    return np.asarray(2.0 * s / (1.0 + s), dtype=np.float64)


def burnout_speed_for_range_km_s(
    range_km: ArrayLike, burnout_altitude_km: ArrayLike = 0.0
) -> NDArray[np.float64]:
    """Minimum burnout speed (km/s) that reaches ``range_km`` on a minimum-energy trajectory.

    Inverse of :func:`max_range_km`, BMW eq. 6.2-20 (reference notes §2.1):
    ``Q = 2 sin(psi/2) / (1 + sin(psi/2))``, ``v = sqrt(Q mu / r)``.

    Parameters
    ----------
    range_km : array_like
        Free-flight ground range, km.
    burnout_altitude_km : array_like, default 0
        Burnout altitude, km.

    Returns
    -------
    numpy.ndarray
        Burnout speed, km/s.

    Examples
    --------
    >>> round(float(burnout_speed_for_range_km_s(5500.0)), 2)  # the ICBM threshold
    6.08
    """
    r = EARTH_RADIUS_KM + _f64(burnout_altitude_km)
    return np.asarray(np.sqrt(min_energy_q(range_km) * MU_EARTH_KM3_S2 / r), dtype=np.float64)


def min_energy_flight_path_angle_deg(
    range_km: ArrayLike, burnout_altitude_km: ArrayLike = 0.0
) -> NDArray[np.float64]:
    """Burnout flight-path angle (degrees above horizontal) of the minimum-energy trajectory.

    BMW eq. 6.2-18 (reference notes §2.1): ``gamma* = (pi - psi) / 4`` with
    ``psi = range_km / R_earth``. The angle does not depend on the burnout altitude; the argument
    is accepted (and broadcast) for symmetry with the other minimum-energy functions.

    Parameters
    ----------
    range_km : array_like
        Free-flight ground range, km.
    burnout_altitude_km : array_like, default 0
        Burnout altitude, km (only broadcast).

    Returns
    -------
    numpy.ndarray
        Flight-path angle, degrees.

    Examples
    --------
    >>> round(float(min_energy_flight_path_angle_deg(3700.0)), 2)  # Hwasong-12 over Japan
    36.68
    """
    psi = _f64(range_km) / EARTH_RADIUS_KM + 0.0 * _f64(burnout_altitude_km)
    return np.asarray(np.degrees((np.pi - psi) / 4.0), dtype=np.float64)


def _min_energy_orbit(
    range_km: ArrayLike, burnout_altitude_km: ArrayLike
) -> tuple[_FloatArray, _FloatArray, _FloatArray, _FloatArray]:
    """Return (Q, cos^2 gamma*, r_bo km, psi rad) of the minimum-energy trajectory."""
    psi = _f64(range_km) / EARTH_RADIUS_KM
    r = EARTH_RADIUS_KM + _f64(burnout_altitude_km)
    q = min_energy_q(range_km)
    cos2 = np.cos((np.pi - psi) / 4.0) ** 2
    q, cos2, r, psi = np.broadcast_arrays(q, cos2, r, psi)
    return q, cos2, r, psi


def apogee_altitude_km(
    range_km: ArrayLike, burnout_altitude_km: ArrayLike = 0.0
) -> NDArray[np.float64]:
    """Apogee altitude (km above the sphere) of the minimum-energy trajectory for a range.

    Reference notes §2.1, BMW 6.2-18/20 and the orbit relations ``a = r / (2 - Q)``,
    ``e^2 = 1 + Q (Q - 2) cos^2 gamma``, ``r_a = a (1 + e)``; returns ``r_a - R_earth``.

    Parameters
    ----------
    range_km : array_like
        Free-flight ground range, km.
    burnout_altitude_km : array_like, default 0
        Burnout altitude, km.

    Returns
    -------
    numpy.ndarray
        Apogee altitude, km.

    Examples
    --------
    >>> round(float(apogee_altitude_km(3700.0)))  # Hwasong-12, 15 Sep 2017 (CNS: 770 km)
    779
    """
    q, cos2, r, _ = _min_energy_orbit(range_km, burnout_altitude_km)
    semi_major = r / (2.0 - q)
    ecc = np.sqrt(np.maximum(1.0 + q * (q - 2.0) * cos2, 0.0))
    return np.asarray(semi_major * (1.0 + ecc) - EARTH_RADIUS_KM, dtype=np.float64)


def free_flight_time_min(
    range_km: ArrayLike, burnout_altitude_km: ArrayLike = 0.0
) -> NDArray[np.float64]:
    """Time of free flight (minutes) of the minimum-energy trajectory for a range.

    BMW eqs. 6.2-21 ``cos E = (e - cos(psi/2)) / (1 - e cos(psi/2))`` and 6.2-22
    ``t_ff = 2 sqrt(a^3 / mu) (pi - E + e sin E)`` (reference notes §2.1). Boost time (~3-5 min)
    is not included.

    Parameters
    ----------
    range_km : array_like
        Free-flight ground range, km.
    burnout_altitude_km : array_like, default 0
        Burnout altitude, km.

    Returns
    -------
    numpy.ndarray
        Free-flight time, minutes.

    Examples
    --------
    >>> round(float(free_flight_time_min(11000.0)), 1)  # Pyongyang - Washington
    34.0
    """
    q, cos2, r, _ = _min_energy_orbit(range_km, burnout_altitude_km)
    _, t_s = _free_flight(q, cos2, r)
    return np.asarray(t_s / 60.0, dtype=np.float64)


# --------------------------------------------------------------------------------------------
# Lofted tests -> standard range (§2.2)
# --------------------------------------------------------------------------------------------


def _lofted_orbit(
    apogee_km: ArrayLike, ground_range_km: ArrayLike, burnout_altitude_km: ArrayLike
) -> tuple[_FloatArray, _FloatArray, _FloatArray, _FloatArray]:
    """Return (a km, e, r_bo km, true anomaly at burnout rad) of a symmetric lofted flight."""
    r_a = EARTH_RADIUS_KM + _f64(apogee_km)
    r_bo = EARTH_RADIUS_KM + _f64(burnout_altitude_km)
    nu = np.pi - _f64(ground_range_km) / EARTH_RADIUS_KM / 2.0
    ecc = (r_a - r_bo) / (r_a + r_bo * np.cos(nu))
    semi_major = r_a / (1.0 + ecc)
    semi_major, ecc, r_bo, nu = np.broadcast_arrays(semi_major, ecc, r_bo, nu)
    return semi_major, ecc, r_bo, nu


def lofted_burnout_speed_km_s(
    apogee_km: ArrayLike, ground_range_km: ArrayLike, burnout_altitude_km: ArrayLike
) -> NDArray[np.float64]:
    """Burnout speed (km/s) implied by a lofted test's apogee and ground range.

    Reference notes §2.2: with apogee radius ``r_a`` and free-flight angle
    ``psi = ground_range / R``, the burnout point sits at true anomaly ``nu = pi - psi/2``;
    ``e = (r_a - r_bo) / (r_a + r_bo cos nu)``, ``a = r_a / (1 + e)`` and the vis-viva equation
    ``v_bo^2 = mu (2 / r_bo - 1 / a)``.

    Parameters
    ----------
    apogee_km : array_like
        Observed apogee altitude, km.
    ground_range_km : array_like
        Observed ground range (taken as the free-flight range), km.
    burnout_altitude_km : array_like
        Assumed burnout (and re-entry) altitude, km.

    Returns
    -------
    numpy.ndarray
        Burnout speed, km/s.

    Examples
    --------
    >>> round(float(lofted_burnout_speed_km_s(3725.0, 998.0, 150.0)), 2)  # Hwasong-14, 28 Jul 2017
    6.6
    """
    semi_major, _, r_bo, _ = _lofted_orbit(apogee_km, ground_range_km, burnout_altitude_km)
    return np.asarray(np.sqrt(MU_EARTH_KM3_S2 * (2.0 / r_bo - 1.0 / semi_major)), dtype=np.float64)


def lofted_to_max_range_km(
    apogee_km: ArrayLike, ground_range_km: ArrayLike, burnout_altitude_km: ArrayLike
) -> NDArray[np.float64]:
    """Minimum-energy range (km) of a missile that flew a lofted test, at equal burnout speed.

    Reference notes §2.2: the burnout speed of :func:`lofted_burnout_speed_km_s` is applied to BMW
    eq. 6.2-19 (:func:`max_range_km`) at the same burnout altitude. This is a **lower bound**: a
    standard trajectory loses less speed to gravity than a near-vertical lofted boost (the notes
    quote 0.4-0.7 km/s more burnout speed behind the published range estimates).

    Parameters
    ----------
    apogee_km : array_like
        Observed apogee altitude, km.
    ground_range_km : array_like
        Observed ground range, km.
    burnout_altitude_km : array_like
        Assumed burnout altitude, km.

    Returns
    -------
    numpy.ndarray
        Free-flight ground range on a minimum-energy trajectory, km.

    Examples
    --------
    >>> round(float(lofted_to_max_range_km(2802.0, 933.0, 150.0)), -1)  # Hwasong-14, 4 Jul 2017
    5400.0
    """
    v = lofted_burnout_speed_km_s(apogee_km, ground_range_km, burnout_altitude_km)
    return max_range_km(v, burnout_altitude_km)


def lofted_free_flight_time_min(
    apogee_km: ArrayLike, ground_range_km: ArrayLike, burnout_altitude_km: ArrayLike
) -> NDArray[np.float64]:
    """Free-flight time (minutes) of the lofted trajectory itself, burnout to re-entry.

    Same Keplerian ellipse as :func:`lofted_burnout_speed_km_s` (reference notes §2.2); the
    eccentric anomaly at burnout ``cos E = (e + cos nu) / (1 + e cos nu)`` and BMW 6.2-22
    ``t = 2 sqrt(a^3 / mu) (pi - E + e sin E)``. Add ~4-5 min of boost for total flight time.

    Parameters
    ----------
    apogee_km : array_like
        Observed apogee altitude, km.
    ground_range_km : array_like
        Observed ground range, km.
    burnout_altitude_km : array_like
        Assumed burnout altitude, km.

    Returns
    -------
    numpy.ndarray
        Free-flight time, minutes.

    Examples
    --------
    >>> round(float(lofted_free_flight_time_min(4475.0, 950.0, 150.0)), 1)  # Hwasong-15
    49.6
    """
    semi_major, ecc, _, nu = _lofted_orbit(apogee_km, ground_range_km, burnout_altitude_km)
    cos_nu = np.cos(nu)
    cos_e = np.clip((ecc + cos_nu) / (1.0 + ecc * cos_nu), -1.0, 1.0)
    ecc_anomaly = np.arccos(cos_e)
    t_s = (
        2.0
        * np.sqrt(semi_major**3 / MU_EARTH_KM3_S2)
        * (np.pi - ecc_anomaly + ecc * np.sin(ecc_anomaly))
    )
    return np.asarray(t_s / 60.0, dtype=np.float64)


# --------------------------------------------------------------------------------------------
# Geography on the sphere
# --------------------------------------------------------------------------------------------


def great_circle_distance_km(
    lat1_deg: ArrayLike, lon1_deg: ArrayLike, lat2_deg: ArrayLike, lon2_deg: ArrayLike
) -> NDArray[np.float64]:
    """Great-circle distance (km) on the sphere of radius :data:`EARTH_RADIUS_KM`.

    Haversine form of the spherical law of cosines; coordinates in degrees (north, east
    positive). This is the "sphere 6371" column of ``distances_nk_to_targets.csv`` (notes §3.5).

    Parameters
    ----------
    lat1_deg, lon1_deg : array_like
        Start point, degrees.
    lat2_deg, lon2_deg : array_like
        End point, degrees.

    Returns
    -------
    numpy.ndarray
        Distance, km.

    Examples
    --------
    >>> round(float(great_circle_distance_km(39.0392, 125.7625, 34.0522, -118.2437)))  # LA
    9557
    """
    p1, l1, p2, l2 = (np.radians(_f64(x)) for x in (lat1_deg, lon1_deg, lat2_deg, lon2_deg))
    h = np.sin((p2 - p1) / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2.0) ** 2
    return np.asarray(
        2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))), dtype=np.float64
    )


def initial_bearing_deg(
    lat1_deg: ArrayLike, lon1_deg: ArrayLike, lat2_deg: ArrayLike, lon2_deg: ArrayLike
) -> NDArray[np.float64]:
    """Initial great-circle bearing (degrees clockwise from north, in [0, 360)) from 1 to 2.

    Spherical trigonometry, ``atan2(sin dlon cos lat2, cos lat1 sin lat2 - sin lat1 cos lat2
    cos dlon)``; the ``initial_bearing_deg`` column of ``distances_nk_to_targets.csv``.

    Parameters
    ----------
    lat1_deg, lon1_deg : array_like
        Start point, degrees.
    lat2_deg, lon2_deg : array_like
        End point, degrees.

    Returns
    -------
    numpy.ndarray
        Bearing, degrees.

    Examples
    --------
    >>> round(float(initial_bearing_deg(39.0392, 125.7625, 38.9072, -77.0369)), 1)  # Washington
    17.8
    """
    p1, l1, p2, l2 = (np.radians(_f64(x)) for x in (lat1_deg, lon1_deg, lat2_deg, lon2_deg))
    bearing = _bearing_rad(p1, l1, p2, l2)
    return np.asarray(np.mod(np.degrees(bearing), 360.0), dtype=np.float64)


def _bearing_rad(p1: _FloatArray, l1: _FloatArray, p2: _FloatArray, l2: _FloatArray) -> _FloatArray:
    dl = l2 - l1
    return np.asarray(
        np.arctan2(
            np.sin(dl) * np.cos(p2),
            np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl),
        ),
        dtype=np.float64,
    )


# --------------------------------------------------------------------------------------------
# Rotating Earth (§2.3)
# --------------------------------------------------------------------------------------------

AimMode = Literal["target", "bearing"]


def _impact_enu(
    sin_lat: _FloatArray,
    cos_lat: _FloatArray,
    r_km: _FloatArray,
    v: _FloatArray,
    gamma: _FloatArray,
    azimuth: _FloatArray,
) -> tuple[_FloatArray, _FloatArray, _FloatArray]:
    """Earth-fixed impact direction in the launch-site (east, north, up) frame.

    The burnout velocity relative to the rotating Earth (speed ``v``, flight-path angle
    ``gamma``, azimuth from north) gets the eastward ``omega r cos(lat)`` added (notes §2.3); the
    symmetric Kepler arc (BMW 6.2-12, 6.2-21/22) is swept in the inertial frame, and the impact
    point is rotated back by ``-omega t_ff`` into the Earth-fixed frame. Longitude drops out
    because the frame is centred on the launch meridian.
    """
    v_up = v * np.sin(gamma)
    v_hor = v * np.cos(gamma)
    v_east = v_hor * np.sin(azimuth) + EARTH_ROTATION_RAD_S * r_km * cos_lat
    v_north = v_hor * np.cos(azimuth)
    v_hor_i = np.hypot(v_east, v_north)
    speed2 = v_up * v_up + v_hor_i * v_hor_i
    q = speed2 * r_km / MU_EARTH_KM3_S2
    psi, t_s = _free_flight(q, v_hor_i * v_hor_i / speed2, r_km)
    # Inertial impact direction in the launch ENU basis (fixed at launch time).
    s_psi = np.sin(psi) / v_hor_i
    c_u = np.cos(psi)
    c_e = s_psi * v_east
    c_n = s_psi * v_north
    # ENU -> Earth-centred (x toward the launch meridian), rotate by -omega t, back to ENU.
    x = c_u * cos_lat - c_n * sin_lat
    y = c_e
    z = c_u * sin_lat + c_n * cos_lat
    theta = EARTH_ROTATION_RAD_S * t_s
    c_t, s_t = np.cos(theta), np.sin(theta)
    xr = x * c_t + y * s_t
    yr = -x * s_t + y * c_t
    p_up = xr * cos_lat + z * sin_lat
    p_east = yr
    p_north = -xr * sin_lat + z * cos_lat
    return p_east, p_north, p_up


def _toward_objective(
    sin_lat: _FloatArray,
    cos_lat: _FloatArray,
    r_km: _FloatArray,
    v: _FloatArray,
    gamma: _FloatArray,
    bearing: _FloatArray,
    d_az: _FloatArray,
    aim: AimMode,
    newton_steps: int,
) -> tuple[_FloatArray, _FloatArray]:
    """Return (reach angle rad, azimuth offset rad) for flight-path angles ``gamma``.

    ``aim="bearing"``: launched along the target bearing, reach = central angle of the impact.
    ``aim="target"``: the azimuth offset is solved (secant iterations) so the impact lies on the
    great circle toward the target; reach = along-track angle (clipped at 0).
    """
    sin_b, cos_b = np.sin(bearing), np.cos(bearing)
    if aim == "bearing":
        pe, pn, pu = _impact_enu(sin_lat, cos_lat, r_km, v, gamma, bearing)
        return np.asarray(np.arctan2(np.hypot(pe, pn), pu), dtype=np.float64), d_az
    eps = 1e-6
    for _ in range(newton_steps):
        az = np.stack([d_az, d_az + eps], axis=-1)
        pe, pn, _ = _impact_enu(
            sin_lat[..., None],
            cos_lat[..., None],
            r_km[..., None],
            v[..., None],
            gamma[..., None],
            bearing[..., None] + az,
        )
        cross = -pe * cos_b[..., None] + pn * sin_b[..., None]
        slope = (cross[..., 1] - cross[..., 0]) / eps
        ok = np.abs(slope) > 1e-9
        step = np.where(ok, cross[..., 0] / np.where(ok, slope, 1.0), 0.0)
        d_az = d_az - np.clip(step, -0.5, 0.5)
    pe, pn, pu = _impact_enu(sin_lat, cos_lat, r_km, v, gamma, bearing + d_az)
    along = np.arctan2(pe * sin_b + pn * cos_b, pu)
    # Unwrap to [-pi/2, 3 pi/2): reach may slightly exceed half a circumference near orbital
    # speeds; a (tiny) negative reach means the impact falls behind the launch point.
    along = np.mod(along + 0.5 * np.pi, 2.0 * np.pi) - 0.5 * np.pi
    return np.asarray(np.maximum(along, 0.0), dtype=np.float64), d_az


def _max_range_toward_core(
    lat: _FloatArray,
    bearing: _FloatArray,
    v: _FloatArray,
    h_km: _FloatArray,
    aim: AimMode,
) -> _FloatArray:
    sin_lat, cos_lat = np.sin(lat), np.cos(lat)
    r_km = EARTH_RADIUS_KM + h_km
    # Start from the non-rotating optimum gamma* = (pi - psi_max)/4 (BMW 6.2-18/19).
    q0 = np.minimum(v * v * r_km / MU_EARTH_KM3_S2, 0.999)
    psi0 = 2.0 * np.arcsin(q0 / (2.0 - q0))
    gamma = (np.pi - psi0) / 4.0
    d_az = np.zeros_like(gamma)
    lo, hi = np.radians(0.5), np.radians(89.5)
    offsets = np.array([-1.0, 0.0, 1.0])
    # Successive parabolic refinement of the flight-path angle (the reach is smooth and
    # unimodal in gamma); each round fits a parabola through three points spaced by h.
    for h_deg, steps in ((6.0, 3), (2.0, 2), (0.6, 2), (0.15, 2), (0.03, 2)):
        h = np.radians(h_deg)
        g3 = np.clip(gamma[..., None] + h * offsets, lo, hi)
        f3, az3 = _toward_objective(
            sin_lat[..., None],
            cos_lat[..., None],
            r_km[..., None],
            v[..., None],
            g3,
            bearing[..., None],
            np.broadcast_to(d_az[..., None], g3.shape),
            aim,
            steps,
        )
        f_m, f_0, f_p = f3[..., 0], f3[..., 1], f3[..., 2]
        curv = f_m - 2.0 * f_0 + f_p
        concave = curv < 0.0
        vertex = np.where(concave, 0.5 * (f_m - f_p) / np.where(concave, curv, -1.0), 0.0)
        fallback = np.where(f_p > f_m, 1.0, -1.0)
        step = np.where(concave, np.clip(vertex, -2.0, 2.0), fallback)
        gamma = np.clip(gamma + h * step, lo, hi)
        d_az = az3[..., 1]
    reach, _ = _toward_objective(sin_lat, cos_lat, r_km, v, gamma, bearing, d_az, aim, 2)
    return np.asarray(reach * EARTH_RADIUS_KM, dtype=np.float64)


@lru_cache(maxsize=8192)
def _max_range_toward_scalar(
    lat: float, bearing: float, v: float, h_km: float, aim: AimMode, omega: float
) -> float:
    # ``omega`` (the current rotation rate) is only part of the cache key.
    del omega
    return float(
        _max_range_toward_core(
            np.asarray(lat), np.asarray(bearing), np.asarray(v), np.asarray(h_km), aim
        )
    )


def max_range_toward_km(
    launch_lat: ArrayLike,
    launch_lon: ArrayLike,
    target_lat: ArrayLike,
    target_lon: ArrayLike,
    burnout_speed_km_s: ArrayLike,
    burnout_altitude_km: ArrayLike = 0.0,
    *,
    aim: AimMode = "target",
) -> NDArray[np.float64]:
    """Reach (km) toward a target on the rotating Earth for a given relative burnout speed.

    Reference notes §2.3: the inertial burnout velocity is the velocity relative to the Earth plus
    ``omega x r`` (eastward ``omega (R + h) cos(lat)``, 0.36 km/s at 39 N), and the Earth turns by
    ``omega t_ff`` during the free flight, so the target moves east. The symmetric Kepler arc of
    BMW 6.2-12 and 6.2-21/22 is swept in the inertial frame from burnout at the launch point
    (powered-flight range ignored) back to the burnout altitude, and the impact point is rotated
    back into the Earth-fixed frame. The relative flight-path angle is optimized numerically
    (successive parabolic refinement, vectorized).

    Two aiming conventions:

    * ``aim="target"`` (default): the launch azimuth is adjusted so that the impact lies on the
      great circle from the launch point through the target; the result is the along-track
      ground distance reachable in that direction (compare with the target distance to decide
      whether the target is in reach). Reproduces the notes' §5 checks (Los Angeles ~+1,100 km,
      Washington ~+200 km for a 10,400 km non-rotating missile from Pyongyang).
    * ``aim="bearing"``: the missile is launched along the target's initial bearing (azimuth
      relative to the Earth) and the result is the great-circle distance of the farthest impact
      point, which drifts ~1,000 km off the great circle at ICBM ranges. This is the convention
      that reproduces the UCS/Wright (July 2017) table within ~1 %.

    With the rotation rate set to zero both conventions reduce to :func:`max_range_km`. Scalar
    calls are cached.

    Parameters
    ----------
    launch_lat, launch_lon : array_like
        Launch (burnout) point, degrees north / east.
    target_lat, target_lon : array_like
        Target point defining the direction, degrees north / east.
    burnout_speed_km_s : array_like
        Burnout speed relative to the rotating Earth, km/s.
    burnout_altitude_km : array_like, default 0
        Burnout (and re-entry) altitude, km.
    aim : {"target", "bearing"}, default "target"
        Aiming convention, see above.

    Returns
    -------
    numpy.ndarray
        Free-flight ground distance reachable toward the target, km (0 for a zero burnout
        speed). ``inf`` where a horizontal burnout in that direction would already be orbital
        (inertial ``Q >= 1``).

    Examples
    --------
    A missile with a 10,400 km non-rotating range, launched from Pyongyang toward Los Angeles:

    >>> v = burnout_speed_for_range_km_s(10400.0)
    >>> round(float(max_range_toward_km(39.0392, 125.7625, 34.0522, -118.2437, v)), -2)
    11500.0
    """
    if aim not in ("target", "bearing"):
        raise ValueError(f"aim must be 'target' or 'bearing', got {aim!r}")
    lat_d, lon_d, tlat_d, tlon_d, v, h = np.broadcast_arrays(
        *(
            _f64(x)
            for x in (
                launch_lat,
                launch_lon,
                target_lat,
                target_lon,
                burnout_speed_km_s,
                burnout_altitude_km,
            )
        )
    )
    lat = np.radians(lat_d)
    bearing = _bearing_rad(lat, np.radians(lon_d), np.radians(tlat_d), np.radians(tlon_d))
    r_km = EARTH_RADIUS_KM + h
    # Orbital check at gamma = 0 (the largest inertial speed for that azimuth).
    v_east = v * np.sin(bearing) + EARTH_ROTATION_RAD_S * r_km * np.cos(lat)
    v_north = v * np.cos(bearing)
    q_max = (v_east**2 + v_north**2) * r_km / MU_EARTH_KM3_S2
    orbital = q_max >= 1.0
    at_rest = v <= 0.0
    v_safe = np.where(orbital | at_rest, 1.0, v)
    if lat.ndim == 0:
        reach = np.asarray(
            _max_range_toward_scalar(
                float(lat), float(bearing), float(v_safe), float(h), aim, EARTH_ROTATION_RAD_S
            )
        )
    else:
        reach = _max_range_toward_core(lat, bearing, v_safe, h, aim)
    return np.asarray(np.where(orbital, np.inf, np.where(at_rest, 0.0, reach)), dtype=np.float64)
