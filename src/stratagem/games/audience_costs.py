"""Audience costs in a crisis-signalling game (Fearon 1994), discrete form.

Source: game_theory.md §5 M2: Fearon (1994), "Domestic Political Audiences and the Escalation of
International Disputes", *APSR* 88(3): 577-592 -- "a leader who backs down suffers audience
costs"; encoded, as M2 suggests, as the audience-cost term ``-AC`` at the "challenger backs down"
leaf of a crisis game (the ``a`` of M3).

Tree: Nature draws the challenger's resolve (``resolved`` with probability ``prior_resolved``:
war is worth ``w_resolved > 0`` to it, ``w_unresolved < 0`` otherwise). The challenger threatens
or keeps the status quo ``(0, 0)``. The target, not seeing the type, concedes ``(1, -1)`` or
resists. The challenger then fights ``(w_theta, -c_T)`` or backs down ``(-AC, b_T)``.

Closed form (PBE, ``c_T > 1`` so the target would rather concede than fight a sure war, and
``b_T > -1``):

* ``AC < -w_unresolved``: the unresolved challenger backs down when resisted, so its threats
  are bluffs. In the (unique) semi-separating equilibrium it bluffs with probability
  ``beta = pi (1 - mu*) / ((1 - pi) mu*)`` where ``mu* = (1 + b_T) / (c_T + b_T)`` makes the
  target indifferent, and the target resists with probability ``r = 1 / (1 + AC)`` making the
  bluffer indifferent (when ``pi < mu*``; otherwise both types threaten and the target concedes).
* ``AC > -w_unresolved``: backing down costs more than a bad war, so every threat will be carried
  out; both types threaten and the target concedes.

Fearon's comparative static: the probability that the target gives in to a threat,
``1 - r = AC / (1 + AC)``, rises with the audience cost: audience costs make threats credible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from stratagem.games.extensive_form import ExtensiveFormGame, Node, chance, decision, leaf

__all__ = ["AudienceParams", "audience_game", "closed_form"]


@dataclass(frozen=True)
class AudienceParams:
    """Parameters of the audience-cost game (assumptions).

    Field names are the lowercase forms of the notation above (``c_t`` = c_T, ``b_t`` = b_T).
    Units: the stake, worth 1 to the challenger and -1 to the target if conceded.
    ``AC = 0.2`` audience cost of backing down (a democratic US making a
    public threat, M2); ``w_resolved = 0.5``, ``w_unresolved = -0.5``; ``prior_resolved = 0.4``;
    ``c_t = 1.5`` (the target's cost of war exceeds the stake: C11, the US is far stronger);
    ``b_t = 0.2`` (the target's gain when the challenger backs down).
    """

    AC: float = 0.2
    w_resolved: float = 0.5
    w_unresolved: float = -0.5
    prior_resolved: float = 0.4
    c_t: float = 1.5
    b_t: float = 0.2

    def with_(self, **changes: float) -> AudienceParams:
        """A copy with some parameters changed."""
        return replace(self, **changes)


def audience_game(params: AudienceParams | None = None) -> ExtensiveFormGame:
    """The M2 crisis tree (players Challenger, Target).

    >>> [s.label for s in audience_game().infosets]
    ['resolved', 'threat', 'resolved: resisted', 'unresolved', 'unresolved: resisted']
    """
    p = params or AudienceParams()

    def challenger(theta: str, w: float) -> Node:
        resisted = decision(
            "Challenger",
            f"{theta}: resisted",
            {
                "fight": leaf(w, -p.c_t, outcome="war"),
                "back down": leaf(-p.AC, p.b_t, outcome="back down"),
            },
        )
        return decision(
            "Challenger",
            theta,
            {
                "threaten": decision(
                    "Target",
                    "threat",
                    {"concede": leaf(1.0, -1.0, outcome="concede"), "resist": resisted},
                ),
                "status quo": leaf(0.0, 0.0, outcome="status quo"),
            },
        )

    root = chance(
        {
            "resolved": (p.prior_resolved, challenger("resolved", p.w_resolved)),
            "unresolved": (1.0 - p.prior_resolved, challenger("unresolved", p.w_unresolved)),
        }
    )
    return ExtensiveFormGame(("Challenger", "Target"), root, title="Audience costs (M2)")


def closed_form(params: AudienceParams | None = None) -> dict[str, float]:
    """Equilibrium probabilities from the closed form in the module docstring.

    Returns ``bluff`` (unresolved type threatens), ``resist`` (target resists a threat),
    ``concede_given_threat`` and ``belief_resolved`` (target's posterior after a threat).

    >>> cf = closed_form()
    >>> round(cf["concede_given_threat"], 4), round(cf["bluff"], 4)
    (0.1667, 0.2778)
    """
    p = params or AudienceParams()
    pi = p.prior_resolved
    if -p.w_unresolved < p.AC:
        return {"bluff": 1.0, "resist": 0.0, "concede_given_threat": 1.0, "belief_resolved": pi}
    mu_star = (1.0 + p.b_t) / (p.c_t + p.b_t)
    if pi >= mu_star:
        return {"bluff": 1.0, "resist": 0.0, "concede_given_threat": 1.0, "belief_resolved": pi}
    bluff = pi * (1.0 - mu_star) / ((1.0 - pi) * mu_star)
    resist = 1.0 / (1.0 + p.AC)
    return {
        "bluff": bluff,
        "resist": resist,
        "concede_given_threat": 1.0 - resist,
        "belief_resolved": mu_star,
    }
