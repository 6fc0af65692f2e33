"""Games: equilibrium solvers and the coercion games of the cases.

Representations
    :class:`NormalFormGame` (n players) and :class:`ExtensiveFormGame` (trees with chance moves,
    information sets and player types, built with :func:`leaf`, :func:`chance`,
    :func:`decision`); Gambit ``.efg``/``.nfg`` files through :func:`read_game` and
    :func:`write_game`.
Solvers (pure Python/NumPy, always available)
    :func:`backward_induction` (subgame-perfect equilibrium, perfect information);
    :func:`nash_equilibria` (all equilibria of bimatrix games: vertex or support enumeration,
    Lemke-Howson); :func:`pure_pbe` (pure perfect Bayesian equilibria of games with hidden
    types); :func:`logit_qre`, :func:`logit_qre_branch`, :func:`logit_solve` (logit QRE by
    homotopy) and :func:`logit_qre_fixed_point`.
Cross-checks
    :mod:`stratagem.games.gambit_adapter`, the only module importing pygambit (optional extra
    ``stratagem[gambit]``).
Case games (game_theory.md §5), one module each
    :mod:`~stratagem.games.linkage` (M7, claim C4; :func:`linkage.china_pressure_probability`
    is the simulation's equilibrium rule), :mod:`~stratagem.games.sanctions` (M5, TIES),
    :mod:`~stratagem.games.talks` (M6, C9-C10), :mod:`~stratagem.games.provocation` (M8, C6),
    :mod:`~stratagem.games.fearon` (M1), :mod:`~stratagem.games.audience_costs` (M2),
    :mod:`~stratagem.games.lewis_schultz` (M3, estimated on the sigInt TIES data).
Plots
    :mod:`stratagem.games.plot` (plotly, imported lazily).

Decisions
---------
G1. "All Nash equilibria" of a bimatrix game means all *extreme* equilibria, found by vertex
    enumeration of the best-response polytopes (the default of :func:`nash_equilibria`); this is
    what Gambit's ``enummixed_solve`` returns and it covers degenerate games, whose equilibrium
    components are the convex hulls of interchangeable extreme equilibria. Support enumeration
    uses equal-size supports (complete for nondegenerate games only); ``"lemke_howson"`` returns
    the distinct equilibria reached from all ``m + n`` dropped labels. Numbers are floats with a
    tolerance of 1e-9 times the payoff range, not exact rationals.
G2. nashpy 0.0.43's ``support_enumeration`` misses equilibria of random non-square games
    (e.g. pure equilibria, and the mixed equilibrium of some 4x3 games, at any ``tol``), so the
    bimatrix cross-check compares with nashpy's ``vertex_enumeration`` and, label by label, with
    its ``lemke_howson``; nashpy's support enumeration is checked for *soundness* only (each of
    its equilibria is one of ours).
G3. PBE beliefs: Bayes' rule on the path; off the path only nodes reached through a minimal set
    of deviations carry belief, weighted by chance probabilities within a set and freely across
    sets (:mod:`~stratagem.games.solvers.pbe`). This is between weak PBE and sequential
    equilibrium; for signalling games it is the textbook PBE. Only pure-strategy PBE are
    enumerated; mixed ones (e.g. the semi-separating audience-cost equilibrium) come from the
    QRE limit or closed forms.
G4. QRE: the logit QRE is the *principal branch* from ``lambda = 0``, traced by
    pseudo-arclength continuation in log-probabilities (Gambit's selection). :func:`logit_solve`
    stops when the regret is below ``maxregret`` times the payoff range; for strategic games it
    polishes the point to the exact equilibrium on its support once the regret is below 1e-3 and
    accepts it only if the branch, traced 8 times further in ``lambda``, is still converging to
    it. Trees use the agent QRE (beliefs by Bayes' rule from the interior profile).
G5. Linkage game (M7) reading: the instability cost ``h`` is paid when China pressures and North
    Korea still defies ("h rises with pressure on a resolute type"); pressure ends when North Korea
    freezes; US credibility is a chance node ``rho`` after a freeze; China's type is its direct
    cost of pressure (pragmatic 0.7, staunch 1.7) and North Korea's its value of the program
    (pliable 0.3, resolute 2.0), in the units of the ``china_pressure`` mechanism (the pragmatic
    China's ``k + h = 1``). The defaults of ``m``, ``rho``, ``m_D`` and the pliable prior are the
    central values of the ``linkage_offer`` and ``china_pressure`` mechanisms' priors.
G6. Best responses with ``precision = inf`` break exact ties at probability 1/2
    (:func:`linkage.choice_probability`); backward induction picks the first best action, or mixes
    uniformly with ``ties="uniform"``.
G7. Sanctions game (M5): the reference's table gives ``-v_T - s_T`` after "impose, then acquiesce"
    and ``-s_T`` after "hold out", which would make acquiescence after imposition never optimal; we
    read it as the one-shot form of the war-of-attrition version, with a share ``tau`` of the
    sanctions' costs borne before an acquiescence ends them. Information is one-sided (the
    target's resolve; Morgan & Miers); Lacy & Niou's two-sided version is not encoded.
G8. Talks game (M6): within a month the US moves first and North Korea sees its choice; the
    sanctions hazard is constant, fitted to the TIES 3-year cumulative incidence (24.1 %); ties go
    to slowing and to talking. Solved exactly by backward induction over (month, stage), and
    cross-checked on small instances against the general tree solver.
G9. Provocation game (M8): the "short-lived good behaviour" is a reward package paid in
    instalments conditional on restraint; the equilibrium is the month-0 policy of a 600-month
    backward induction (the stationary subgame-perfect policy); ties go to restraint and holding.
G10. Lewis-Schultz estimation: "maximum likelihood" is done as sigInt does it, by pseudo-likelihood
    (PL) and nested pseudo-likelihood (NPL), with sigInt's example specification ``f1``. The
    reference gives no coefficient table, so the fit is compared with the observed outcome shares
    (22.7 % concede, 55.1 % stand firm, 22.1 % back down; game_theory.md §6.3) and with the NPL
    choice probabilities published in the data (``PRnpl``, ``PFnpl``).
G11. pygambit 16.7.0 cannot return agent-QRE profiles of trees at a fixed ``lambda``
    (``LogitQREMixedBehaviorProfile.profile`` raises "Cannot create a MixedBehaviorProfile outside
    a Game"), so trees are cross-checked through ``logit_solve`` (the branch's end) only; strategic
    QRE at fixed ``lambda`` is cross-checked on random (generic) games. On the non-generic battle of
    the sexes Gambit's ``logit_solve_lambda`` returns a QRE off the branch our fine trace follows.
G12. Three-player cross-checks: we have no all-equilibria solver for n > 2 players; random 3-player
    games are cross-checked on their pure equilibria (``enumpure_solve``) and on the equilibrium
    the principal QRE branch selects (``logit_solve``).
G13. Audience costs (M2) use the discrete one-shot crisis (audience cost at the "back down" leaf)
    rather than Fearon's continuous war of attrition; Fearon bargaining (M1) has private
    information on B's cost only.
"""

from __future__ import annotations

from stratagem.games import linkage
from stratagem.games.extensive_form import (
    Behavior,
    ExtensiveFormGame,
    Infoset,
    Node,
    chance,
    decision,
    leaf,
)
from stratagem.games.io_gambit import parse_efg, parse_nfg, read_game, to_efg, to_nfg, write_game
from stratagem.games.normal_form import MixedProfile, NormalFormGame
from stratagem.games.solvers.backward_induction import (
    SubgamePerfect,
    backward_induction,
    subgame_perfect_equilibria,
)
from stratagem.games.solvers.lemke_howson import lemke_howson, lemke_howson_all
from stratagem.games.solvers.pbe import PerfectBayesian, pure_pbe
from stratagem.games.solvers.qre import (
    QREPoint,
    logit_qre,
    logit_qre_branch,
    logit_qre_fixed_point,
    logit_solve,
)
from stratagem.games.solvers.support_enumeration import (
    nash_equilibria,
    support_enumeration,
    vertex_enumeration,
)

__all__ = [
    "Behavior",
    "ExtensiveFormGame",
    "Infoset",
    "MixedProfile",
    "Node",
    "NormalFormGame",
    "PerfectBayesian",
    "QREPoint",
    "SubgamePerfect",
    "backward_induction",
    "chance",
    "decision",
    "leaf",
    "lemke_howson",
    "lemke_howson_all",
    "linkage",
    "logit_qre",
    "logit_qre_branch",
    "logit_qre_fixed_point",
    "logit_solve",
    "nash_equilibria",
    "parse_efg",
    "parse_nfg",
    "pure_pbe",
    "read_game",
    "subgame_perfect_equilibria",
    "support_enumeration",
    "to_efg",
    "to_nfg",
    "vertex_enumeration",
    "write_game",
]
