"""The sanctions threat/imposition game (TIES structure), with a privately resolved target.

Source: game_theory.md §5 M5 (Morgan & Miers 1999; Smith 1996; Lacy & Niou 2004, *Journal of
Politics* 66(1), doi 10.1046/j.1468-2508.2004.00140.x; Drezner 2003, *IO* 57(3)), with the TIES
``finaloutcome`` codes at the leaves (Morgan, Bapat & Kobayashi 2014, *CMPS* 31(5): 541-558).

Tree:

1. Nature draws the target's resolve ``theta`` in {weak, resolute} (``prior_resolute``); only the
   target knows it (one-sided incomplete information, Morgan & Miers).
2. The sender (S, the US) does nothing (status quo) or demands with a threat.
3. The target acquiesces at the threat stage (TIES 1/2) or refuses.
4. S, not knowing ``theta``, backs down (TIES 3/4) or imposes sanctions.
5. The target acquiesces after imposition (TIES 6/7) or holds out (TIES 9/8).

Payoffs (M5 table; ``tau`` is the share of the sanctions' costs borne before an acquiescence
ends them, so acquiescing after imposition saves ``(1 - tau) s_T``):

=============================  =========================  ================================
outcome                        sender                     target
=============================  =========================  ================================
status quo                     0                          0
acquiesce at threat            ``v_S``                    ``-v_T(theta)``
sender backs down              ``-r_S``                   0
impose, then acquiesce         ``v_S - tau c_S``          ``-v_T(theta) - tau s_T``
impose, target holds out       ``-c_S``                   ``-s_T``
=============================  =========================  ================================

Headline result (Lacy & Niou 2004 abstract, quoted in M5): "Economic sanctions are likely to be
imposed when they are not likely to succeed ... Sanctions that are likely to succeed will do so
at the mere threat of sanctions." In the PBE a weak target gives in at the threat; only the
resolute one refuses, so sanctions are imposed on exactly the targets that hold out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from stratagem.games.extensive_form import ExtensiveFormGame, Node, chance, decision, leaf
from stratagem.games.normal_form import Array

__all__ = ["SanctionsOutcome", "SanctionsParams", "outcome_probabilities", "sanctions_game"]

#: TIES ``finaloutcome`` codes of each leaf (game_theory.md §5 M5;
#: compiled/ties_finaloutcome_codes.csv).
TIES_CODES = {
    "status quo": "no sanctions case",
    "acquiesce at threat": "1/2 (partial/complete acquiescence to threat)",
    "sender backs down": "3/4 (sender capitulation / stalemate at threat)",
    "acquiesce after imposition": "6/7 (partial/complete acquiescence after imposition)",
    "target holds out": "9 (stalemate after imposition) or 8 (sender later capitulates)",
}


@dataclass(frozen=True)
class SanctionsParams:
    """Parameters of the sanctions game (units: the sender's value of the demand, ``v_s = 1``).

    Field names are the lowercase forms of the notation above (``v_s`` = v_S, ``c_s`` = c_S,
    ``r_s`` = r_S, ``s_t`` = s_T).

    Defaults (all assumptions, scaled to ``v_S``): ``c_s = 0.3`` (sanctions cost the sender
    less than the demand is worth, C11); ``r_s = 0.5`` (a public threat engages audience costs,
    M2); ``s_t = 1.0`` (cost of full sanctions to the target); ``tau = 0.25`` (a quarter of the
    cost is borne before an acquiescence ends them: TIES median time to acquiescence 1.06 years
    against a mean episode length of about 3-4 years, §6.2); ``v_weak = 0.3`` and
    ``v_resolute = 2.0`` (value of the disputed policy to each target type; C8 and C12: a
    resolute North Korea values its program above any sanctions cost); ``prior_resolute = 0.5``.
    """

    v_s: float = 1.0
    c_s: float = 0.3
    r_s: float = 0.5
    s_t: float = 1.0
    tau: float = 0.25
    v_weak: float = 0.3
    v_resolute: float = 2.0
    prior_resolute: float = 0.5

    def with_(self, **changes: float) -> SanctionsParams:
        """A copy with some parameters changed."""
        return replace(self, **changes)


def sanctions_game(params: SanctionsParams | None = None) -> ExtensiveFormGame:
    """The M5 tree (players Sender, Target).

    >>> g = sanctions_game()
    >>> [(g.players[s.player], s.label) for s in g.infosets]  # doctest: +NORMALIZE_WHITESPACE
    [('Sender', 'threat?'), ('Target', 'weak: threatened'), ('Sender', 'after refusal'),
     ('Target', 'weak: sanctioned'), ('Target', 'resolute: threatened'),
     ('Target', 'resolute: sanctioned')]
    """
    p = params or SanctionsParams()

    def target(theta: str, v_t: float) -> Node:
        imposed = decision(
            "Target",
            f"{theta}: sanctioned",
            {
                "acquiesce": leaf(
                    p.v_s - p.tau * p.c_s,
                    -v_t - p.tau * p.s_t,
                    outcome="acquiesce after imposition",
                ),
                "hold out": leaf(-p.c_s, -p.s_t, outcome="target holds out"),
            },
        )
        refuse = decision(
            "Sender",
            "after refusal",
            {"back down": leaf(-p.r_s, 0.0, outcome="sender backs down"), "impose": imposed},
        )
        threatened = decision(
            "Target",
            f"{theta}: threatened",
            {"acquiesce": leaf(p.v_s, -v_t, outcome="acquiesce at threat"), "refuse": refuse},
        )
        return decision(
            "Sender",
            "threat?",
            {"status quo": leaf(0.0, 0.0, outcome="status quo"), "threaten": threatened},
        )

    root = chance(
        {
            "weak": (1.0 - p.prior_resolute, target("weak", p.v_weak)),
            "resolute": (p.prior_resolute, target("resolute", p.v_resolute)),
        }
    )
    return ExtensiveFormGame(
        ("Sender", "Target"), root, title="Sanctions threat and imposition (M5)"
    )


@dataclass(frozen=True)
class SanctionsOutcome:
    """Outcome probabilities of a profile of the sanctions game (TIES-style shares)."""

    status_quo: float
    acquiesce_at_threat: float
    sender_backs_down: float
    acquiesce_after_imposition: float
    holds_out: float

    @property
    def threatened(self) -> float:
        """Probability of a threat."""
        return 1.0 - self.status_quo

    @property
    def imposed(self) -> float:
        """Probability that sanctions are imposed."""
        return self.acquiesce_after_imposition + self.holds_out

    @property
    def success_at_threat(self) -> float:
        """P(target acquiesces at the threat stage | threat)."""
        return self.acquiesce_at_threat / self.threatened if self.threatened > 0 else float("nan")

    @property
    def success_if_imposed(self) -> float:
        """P(target acquiesces | sanctions imposed)."""
        return self.acquiesce_after_imposition / self.imposed if self.imposed > 0 else float("nan")


def outcome_probabilities(game: ExtensiveFormGame, behavior: tuple[Array, ...]) -> SanctionsOutcome:
    """Probabilities of the five M5 outcomes under a behaviour profile of :func:`sanctions_game`.

    >>> from stratagem.games.solvers.pbe import pure_pbe
    >>> g = sanctions_game()
    >>> (eq,) = pure_pbe(g)
    >>> o = outcome_probabilities(g, eq.behavior)
    >>> o.success_at_threat, o.success_if_imposed
    (0.5, 0.0)
    """
    reach = game.reach(behavior)
    totals: dict[str, float] = {}
    for z in game.leaves():
        name = game.nodes[int(z)].outcome
        totals[name] = totals.get(name, 0.0) + float(reach[z])
    return SanctionsOutcome(
        status_quo=totals.get("status quo", 0.0),
        acquiesce_at_threat=totals.get("acquiesce at threat", 0.0),
        sender_backs_down=totals.get("sender backs down", 0.0),
        acquiesce_after_imposition=totals.get("acquiesce after imposition", 0.0),
        holds_out=totals.get("target holds out", 0.0),
    )


def imposed_success_gap(params: SanctionsParams | None = None, precision: float = 2.0) -> float:
    """``P(success at threat | threat) - P(success | imposed)`` in the logit agent QRE.

    Positive when the selection effect holds (weak targets give in at the threat stage).
    """
    from stratagem.games.solvers.qre import logit_qre

    g = sanctions_game(params)
    o = outcome_probabilities(g, logit_qre(g, precision))
    return float(np.float64(o.success_at_threat - o.success_if_imposed))
