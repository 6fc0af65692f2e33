"""Built-in mechanisms: one module per mechanism, each exposing ``MECHANISM``.

The order of :data:`BUILTIN_MECHANISMS` is the recommended order within a month (a scenario's
``mechanisms`` mapping sets the order it uses; docs/decisions.md D6): perceptions and offers
first, then the patron's and the target's choices, then the programs, then the defense.
"""

from stratagem.engine.model import Mechanism
from stratagem.mechanisms import (
    china_pressure,
    china_threat_perception,
    concession,
    covert_and_defense,
    hardship_tolerance,
    linkage_offer,
    missile_accuracy,
    missile_defense,
    missile_program,
    missile_reach,
    nuclear_stockpile,
    provocation_cycle,
    sanctions,
    talks,
)

BUILTIN_MECHANISMS: tuple[Mechanism, ...] = (
    china_threat_perception.MECHANISM,
    linkage_offer.MECHANISM,
    talks.MECHANISM,
    sanctions.MECHANISM,
    china_pressure.MECHANISM,
    hardship_tolerance.MECHANISM,
    concession.MECHANISM,
    provocation_cycle.MECHANISM,
    covert_and_defense.MECHANISM,
    missile_program.MECHANISM,
    missile_reach.MECHANISM,
    missile_accuracy.MECHANISM,
    nuclear_stockpile.MECHANISM,
    missile_defense.MECHANISM,
)

__all__ = ["BUILTIN_MECHANISMS"]
