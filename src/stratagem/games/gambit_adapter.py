"""The one place that talks to pygambit (optional extra ``stratagem[gambit]``, GPL-2.0+).

pygambit ``>=16.7,<17`` (game_theory.md §1: 17.0 renames much of the tree-building API) is
imported lazily, only when a function here is called; everything else in
:mod:`stratagem.games` works without it. Games cross the boundary as Gambit file text
(:mod:`stratagem.games.io_gambit`), so the adapter also exercises our ``.efg``/``.nfg`` writers
against Gambit's reader. Results come back as plain NumPy arrays in our conventions: mixed
profiles in strategy order, behaviour profiles in the order of our information sets.
"""

from __future__ import annotations

import importlib
import io
from typing import Any

import numpy as np

from stratagem.games.extensive_form import Behavior, ExtensiveFormGame
from stratagem.games.io_gambit import to_efg, to_nfg
from stratagem.games.normal_form import Array, MixedProfile, NormalFormGame

__all__ = [
    "GambitUnavailable",
    "available",
    "enummixed",
    "enumpoly",
    "enumpure",
    "lcp",
    "logit_qre_at",
    "logit_solve",
    "to_pygambit",
]

_SUPPORTED = ((16, 7), (17, 0))


class GambitUnavailable(ImportError):  # noqa: N818 - reads as a condition, like ModuleNotFound
    """pygambit is not installed (``pip install 'stratagem[gambit]'``) or has the wrong version."""


def _gbt() -> Any:
    try:
        gbt = importlib.import_module("pygambit")
    except ImportError as error:
        raise GambitUnavailable(
            "pygambit is not installed; install the optional extra: pip install 'stratagem[gambit]'"
        ) from error
    parts = tuple(int(p) for p in str(gbt.__version__).split(".")[:2])
    if not (_SUPPORTED[0] <= parts < _SUPPORTED[1]):
        raise GambitUnavailable(f"pygambit {gbt.__version__} found; stratagem needs >=16.7,<17")
    return gbt


def available() -> bool:
    """Whether a supported pygambit can be imported."""
    try:
        _gbt()
    except GambitUnavailable:
        return False
    return True


def to_pygambit(game: NormalFormGame | ExtensiveFormGame) -> Any:
    """The pygambit ``Game`` for ``game`` (through the ``.nfg``/``.efg`` text)."""
    gbt = _gbt()
    if isinstance(game, NormalFormGame):
        return gbt.read_nfg(io.StringIO(to_nfg(game)))
    return gbt.read_efg(io.StringIO(to_efg(game)))


def _mixed(g: Any, eq: Any) -> MixedProfile:
    return tuple(np.array([float(eq[s]) for s in p.strategies]) for p in g.players)


def _behavior(game: ExtensiveFormGame, g: Any, eq: Any) -> Behavior:
    out: list[Array] = []
    for s in game.infosets:
        player = g.players[game.players[s.player]]
        # infosets are written in order of first appearance, so labels match ours
        infoset = next(h for h in player.infosets if h.label == s.label)
        out.append(np.array([float(eq[a]) for a in infoset.actions]))
    return tuple(out)


def enummixed(game: NormalFormGame) -> list[MixedProfile]:
    """All extreme equilibria of a two-player game (``enummixed_solve``, exact rationals)."""
    g = to_pygambit(game)
    res = _gbt().nash.enummixed_solve(g, rational=True)
    return [_mixed(g, eq) for eq in res.equilibria]


def lcp(game: NormalFormGame) -> list[MixedProfile]:
    """Equilibria found by Gambit's Lemke-Howson (``lcp_solve`` on the strategic form)."""
    g = to_pygambit(game)
    res = _gbt().nash.lcp_solve(g, rational=True, use_strategic=True)
    return [_mixed(g, eq) for eq in res.equilibria]


def enumpure(game: NormalFormGame) -> list[tuple[int, ...]]:
    """All pure equilibria (``enumpure_solve``) as strategy indices."""
    g = to_pygambit(game)
    res = _gbt().nash.enumpure_solve(g)
    out = []
    for eq in res.equilibria:
        prof = _mixed(g, eq)
        out.append(tuple(int(np.argmax(p)) for p in prof))
    return sorted(out)


def enumpoly(game: NormalFormGame, *, stop_after: int | None = None) -> list[MixedProfile]:
    """All isolated equilibria of an n-player game (``enumpoly_solve``; may be slow)."""
    g = to_pygambit(game)
    res = _gbt().nash.enumpoly_solve(g, use_strategic=True, stop_after=stop_after)
    return [_mixed(g, eq) for eq in res.equilibria]


def logit_solve(game: NormalFormGame | ExtensiveFormGame) -> tuple[Array, ...]:
    """The end of the principal logit-QRE branch (``logit_solve``; agent form for trees)."""
    g = to_pygambit(game)
    eq = _gbt().nash.logit_solve(g, use_strategic=False).equilibria[0]
    if isinstance(game, NormalFormGame):
        return _mixed(g, eq)
    return _behavior(game, g, eq)


def logit_qre_at(game: NormalFormGame, lam: float) -> MixedProfile:
    """The principal-branch logit QRE at precision ``lam`` (``qre.logit_solve_lambda``).

    Strategic games only: in pygambit 16.7.0 the agent-QRE profiles of trees returned by
    ``logit_solve_lambda`` cannot be read (``LogitQREMixedBehaviorProfile.profile`` raises
    "Cannot create a MixedBehaviorProfile outside a Game"), so trees are cross-checked through
    :func:`logit_solve` (the branch's limit) instead.
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError("logit_qre_at supports strategic games only (see the docstring)")
    g = to_pygambit(game)
    eq = _gbt().qre.logit_solve_lambda(g, [float(lam)])[0].profile
    return _mixed(g, eq)
