"""Named games for ``stratagem games solve NAME`` and a generic description of equilibria.

:data:`CATALOG` maps names to builders of the case games (default parameters) and the textbook
anchors of :mod:`stratagem.games.examples`; :func:`solve_text` turns any game into readable lines:
all extreme equilibria of two-player strategic games, pure equilibria and the QRE-selected one
for n players, the subgame-perfect equilibrium of perfect-information trees, and the pure PBE and
the agent-QRE limit of other trees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from stratagem.games import audience_costs, examples, fearon, linkage, sanctions, talks
from stratagem.games.extensive_form import ExtensiveFormGame
from stratagem.games.normal_form import NormalFormGame
from stratagem.games.provocation import stage_game
from stratagem.games.solvers.backward_induction import backward_induction
from stratagem.games.solvers.pbe import pure_pbe
from stratagem.games.solvers.qre import logit_qre, logit_solve
from stratagem.games.solvers.support_enumeration import nash_equilibria

__all__ = ["CATALOG", "CatalogEntry", "fmt", "solve_text"]

Game = NormalFormGame | ExtensiveFormGame


@dataclass(frozen=True)
class CatalogEntry:
    """A named game: builder, one-line summary and source."""

    name: str
    build: Callable[[], Game]
    summary: str
    source: str


def _talks_small() -> ExtensiveFormGame:
    return talks.talks_tree(talks.TalksParams(T=2, K=2, pi_race=0.3, pi_slow=0.1, beta=0.1, w=0.05))


CATALOG: dict[str, CatalogEntry] = {
    e.name: e
    for e in (
        CatalogEntry(
            "linkage",
            linkage.linkage_game,
            "Kerry linkage offer: US -> China -> DPRK, with types",
            "game_theory.md M7; claim C4",
        ),
        CatalogEntry(
            "sanctions",
            sanctions.sanctions_game,
            "Sanctions threat and imposition, resolute or weak target",
            "game_theory.md M5; TIES",
        ),
        CatalogEntry(
            "talks",
            _talks_small,
            "Time-buying talks (two months, two stages; see stratagem.games.talks)",
            "game_theory.md M6; claims C9-C10",
        ),
        CatalogEntry(
            "provocation",
            stage_game,
            "Provocation-concession stage game",
            "game_theory.md M8; claim C6",
        ),
        CatalogEntry(
            "fearon",
            lambda: fearon.fearon_tree(
                0.5, 0.1, {"low cost": (0.5, 0.05), "high cost": (0.5, 0.3)}, [0.55, 0.6, 0.8]
            ),
            "Fearon bargaining with private costs (three demands)",
            "game_theory.md M1; Fearon 1995",
        ),
        CatalogEntry(
            "audience_costs",
            audience_costs.audience_game,
            "Crisis with audience costs",
            "game_theory.md M2; Fearon 1994",
        ),
        CatalogEntry(
            "matching_pennies", examples.matching_pennies, "Matching pennies", "Nash 1951"
        ),
        CatalogEntry(
            "prisoners_dilemma", examples.prisoners_dilemma, "Prisoner's dilemma", "textbook"
        ),
        CatalogEntry(
            "battle_of_the_sexes", examples.battle_of_the_sexes, "Battle of the sexes", "textbook"
        ),
        CatalogEntry(
            "entry_deterrence", examples.entry_deterrence, "Chain-store stage game", "Selten 1978"
        ),
        CatalogEntry(
            "stripped_down_poker",
            examples.stripped_down_poker,
            "Stripped-down poker",
            "Gambit tutorial 03",
        ),
        CatalogEntry("kuhn_poker", examples.kuhn_poker, "Kuhn poker (value -1/18)", "Kuhn 1950"),
        CatalogEntry(
            "beer_quiche", examples.beer_quiche, "Beer-quiche signalling game", "Cho & Kreps 1987"
        ),
    )
}


def fmt(x: float) -> str:
    """A probability or payoff for display.

    >>> fmt(0.6666666667), fmt(1.0), fmt(-0.0)
    ('0.6667', '1', '0')
    """
    v = round(float(x), 4)
    if v == 0:
        return "0"
    return f"{v:g}" if v == int(v) else f"{v:.4f}".rstrip("0")


def _mixed(game: NormalFormGame, profile: tuple[np.ndarray, ...]) -> str:
    parts = []
    for name, labels, p in zip(game.players, game.strategies, profile, strict=True):
        support = [f"{lab} {fmt(q)}" for lab, q in zip(labels, p, strict=True) if q > 1e-9]
        parts.append(f"{name}: " + ", ".join(support))
    return "; ".join(parts)


def _behavior(game: ExtensiveFormGame, behavior: tuple[np.ndarray, ...]) -> list[str]:
    out = []
    for s, p in zip(game.infosets, behavior, strict=True):
        support = [f"{a} {fmt(q)}" for a, q in zip(s.actions, p, strict=True) if q > 1e-9]
        out.append(f"  {game.players[s.player]} at {s.label!r}: " + ", ".join(support))
    return out


def solve_text(game: Game, *, precision: float | None = None) -> list[str]:
    """Readable lines describing the equilibria of ``game`` (and its QRE at ``precision``).

    >>> for line in solve_text(examples.prisoners_dilemma()):
    ...     print(line)
    Prisoner's dilemma: strategic game, 2 players, 2x2
    1 equilibrium (all extreme equilibria, vertex enumeration):
      1: defect 1; 2: defect 1  payoffs 1, 1
    """
    lines: list[str] = []
    if isinstance(game, NormalFormGame):
        lines.append(
            f"{game.title or 'game'}: strategic game, {game.n_players} players, "
            + "x".join(map(str, game.shape))
        )
        if game.n_players == 2:
            eqs = nash_equilibria(*game.bimatrix())
            lines.append(
                f"{len(eqs)} equilibri{'um' if len(eqs) == 1 else 'a'} "
                "(all extreme equilibria, vertex enumeration):"
            )
            for x, y in eqs:
                pay = game.expected_payoffs((x, y))
                lines.append(f"  {_mixed(game, (x, y))}  payoffs {', '.join(fmt(u) for u in pay)}")
        else:
            pure = game.pure_equilibria()
            lines.append(f"{len(pure)} pure equilibria:")
            for idx in pure:
                lines.append("  " + _mixed(game, game.pure_profile(idx)))
            prof, lam = logit_solve(game)
            lines.append(f"QRE-selected equilibrium (lambda = {lam:.3g}): {_mixed(game, prof)}")
        if precision is not None:
            lines.append(
                f"logit QRE at lambda = {precision:g}: {_mixed(game, logit_qre(game, precision))}"
            )
        return lines
    lines.append(
        f"{game.title or 'game'}: extensive game, {game.n_players} players, "
        f"{len(game.nodes)} nodes, {len(game.infosets)} information sets"
    )
    if game.is_perfect_information():
        spe = backward_induction(game)
        lines.append("subgame-perfect equilibrium (backward induction):")
        lines += _behavior(game, spe.behavior)
        lines.append("  payoffs " + ", ".join(fmt(u) for u in spe.payoffs))
    else:
        pbes = pure_pbe(game)
        lines.append(
            f"{len(pbes)} pure perfect Bayesian equilibri{'um' if len(pbes) == 1 else 'a'}:"
        )
        for k, e in enumerate(pbes, start=1):
            lines.append(f" PBE {k}: payoffs " + ", ".join(fmt(u) for u in e.payoffs))
            lines += _behavior(game, e.behavior)
        prof, lam = logit_solve(game, maxregret=1e-6)
        lines.append(
            f"agent-QRE limit (lambda = {lam:.3g}), payoffs "
            + ", ".join(fmt(u) for u in game.expected_payoffs(prof))
            + ":"
        )
        lines += _behavior(game, prof)
    if precision is not None:
        lines.append(f"agent logit QRE at lambda = {precision:g}:")
        lines += _behavior(game, logit_qre(game, precision))
    return lines
