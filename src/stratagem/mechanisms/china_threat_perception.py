"""China's perception of US missile defense in the Pacific as encirclement.

Claim C3: "Beijing, however, seems to see the batteries as part of a larger U.S. effort to
encircle and isolate China. So Kerry's offer may give China a stronger incentive to pressure their
North Korean ally" (Washington Post, 2013-04-15).

The perceived threat is an index equal to 1 with the 30 homeland interceptors of April 2013 and no
regional battery in Korea. It grows with the interceptor count (elasticity ``gbi_elasticity``) and
with regional defenses near China's border (``regional_defense``, 1 = THAAD in South Korea), which
Beijing opposed far more loudly than the Alaskan silos (it retaliated economically against Seoul
after the 2016 THAAD decision). ``linkage_offer`` scales China's value of a cut by this index, and
``china_pressure`` weighs the anger regional defenses cause against pressuring North Korea.
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Uniform
from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput, fixed

#: Homeland interceptors in April 2013, the reference level of the index (missile_defense.md §0).
REFERENCE_INTERCEPTORS = 30.0

PARAMETERS = (
    Parameter(
        "gbi_elasticity",
        Uniform(distribution="uniform", low=0.5, high=1.5),
        "dimensionless",
        "Elasticity of China's perceived threat to the homeland interceptor count.",
        assumption="C3: no public measure; proportional within a factor of 1.5 either way",
    ),
    Parameter(
        "regional_weight",
        fixed(1.0),
        "index points",
        "Added threat from a full regional battery on China's border (THAAD in South Korea).",
        assumption=(
            "China treated THAAD's X-band radar as a direct threat to its deterrent and "
            "retaliated economically against South Korea in 2017"
        ),
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Recompute the threat index from the defenses in place."""
    s, p = x.state, x.params
    homeland = (np.maximum(s["interceptors"], 0.0) / REFERENCE_INTERCEPTORS) ** p["gbi_elasticity"]
    return {"china_threat_perception": homeland + p["regional_weight"] * s["regional_defense"]}


MECHANISM = Mechanism(
    name="china_threat_perception",
    step=step,
    state=(
        StateVar(
            "china_threat_perception",
            "index (1 = April 2013)",
            "China's perceived threat from US missile defense in the Pacific.",
            1.0,
        ),
    ),
    reads=("interceptors", "regional_defense"),
    parameters=PARAMETERS,
    claims=("C3",),
    summary="China's threat index from homeland interceptors and regional batteries.",
)
