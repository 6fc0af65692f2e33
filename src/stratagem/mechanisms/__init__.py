"""Built-in mechanisms: one module per mechanism, each exposing ``MECHANISM``.

Order in :data:`BUILTIN_MECHANISMS` is the default order within a month; a scenario's
``mechanisms`` mapping sets the order it uses.
"""

from stratagem.engine.model import Mechanism
from stratagem.mechanisms import (
    china_pressure,
    concession,
    linkage_offer,
    missile_defense,
    missile_program,
    provocation_cycle,
)

BUILTIN_MECHANISMS: tuple[Mechanism, ...] = (
    linkage_offer.MECHANISM,
    china_pressure.MECHANISM,
    concession.MECHANISM,
    provocation_cycle.MECHANISM,
    missile_program.MECHANISM,
    missile_defense.MECHANISM,
)

__all__ = ["BUILTIN_MECHANISMS"]
