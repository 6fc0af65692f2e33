"""Physical sub-models: ballistic reach, accuracy and missile-defense engagement.

Pure, vectorized, unit-explicit functions. Every equation cites its source in
``shared/reference/missile_defense.md`` (equations E1-E10 and Bate, Mueller & White ch. 6).

* :mod:`stratagem.physics.ballistics` -- reach, apogee and flight time (§2.1), lofted-test
  conversion (§2.2), reach on the rotating Earth (§2.3).
* :mod:`stratagem.physics.accuracy` -- CEP, lethal radius, offensive kill probability (E10).
* :mod:`stratagem.physics.defense` -- zero-leaker probability of a missile defense (E1-E9).
"""

from stratagem.physics import accuracy, ballistics, defense

__all__ = ["accuracy", "ballistics", "defense"]
