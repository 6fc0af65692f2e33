from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stratagem.errors import ScenarioError
from stratagem.games import (
    ExtensiveFormGame,
    NormalFormGame,
    parse_efg,
    parse_nfg,
    read_game,
    to_efg,
    to_nfg,
    write_game,
)
from stratagem.games.examples import kuhn_poker, stripped_down_poker
from stratagem.games.linkage import linkage_game

# Gambit's documentation samples (doc/formats.nfgpay.rst, formats.nfgout.rst, formats.efg.rst)
E02_PAYOFF = (
    'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n'
    '{ "Player 1" "Player 2" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n'
)
E02_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""
BAYES = """EFG 2 R "General Bayes game, one stage" { "Player 1" "Player 2" }
c "ROOT" 1 "(0,1)" { "1G" 0.500000 "1B" 0.500000 } 0
c "" 2 "(0,2)" { "2g" 0.500000 "2b" 0.500000 } 0
p "" 1 1 "(1,1)" { "H" "L" } 0
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 1 "Outcome 1" { 10.000000 2.000000 }
t "" 2 "Outcome 2" { 0.000000 10.000000 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 3 "Outcome 3" { 2.000000 4.000000 }
t "" 4 "Outcome 4" { 4.000000 0.000000 }
p "" 1 1 "(1,1)" { "H" "L" } 0
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 5 "Outcome 5" { 10.000000 2.000000 }
t "" 6 "Outcome 6" { 0.000000 10.000000 }
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 7 "Outcome 7" { 2.000000 4.000000 }
t "" 8 "Outcome 8" { 4.000000 0.000000 }
c "" 3 "(0,3)" { "2g" 0.500000 "2b" 0.500000 } 0
p "" 1 2 "(1,2)" { "H" "L" } 0
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 9 "Outcome 9" { 4.000000 2.000000 }
t "" 10 "Outcome 10" { 2.000000 10.000000 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 11 "Outcome 11" { 0.000000 4.000000 }
t "" 12 "Outcome 12" { 10.000000 2.000000 }
p "" 1 2 "(1,2)" { "H" "L" } 0
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 13 "Outcome 13" { 4.000000 2.000000 }
t "" 14 "Outcome 14" { 2.000000 10.000000 }
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 15 "Outcome 15" { 0.000000 4.000000 }
t "" 16 "Outcome 16" { 10.000000 0.000000 }
"""


def test_documented_nfg_samples_agree() -> None:
    a = parse_nfg(E02_PAYOFF)
    b = parse_nfg(E02_OUTCOME)
    np.testing.assert_array_equal(a.payoffs, b.payoffs)
    # "player 1 plays his second strategy and player 2 his first: 0 2"
    assert a.payoffs[:, 1, 0].tolist() == [0.0, 2.0]
    assert a.payoffs[:, 0, 1].tolist() == [1.0, 1.0]


def test_documented_efg_sample() -> None:
    g = parse_efg(BAYES)
    assert g.players == ("Player 1", "Player 2")
    assert len(g.leaves()) == 16
    assert [(g.players[s.player], len(s.nodes)) for s in g.infosets] == [
        ("Player 1", 2),
        ("Player 2", 4),
        ("Player 2", 4),
        ("Player 1", 2),
    ]


@pytest.mark.parametrize("build", [stripped_down_poker, kuhn_poker, linkage_game])
def test_efg_roundtrip(build: object, tmp_path: Path) -> None:
    game: ExtensiveFormGame = build()  # type: ignore[operator]
    path = write_game(game, tmp_path / "g.efg")
    back = read_game(path)
    assert isinstance(back, ExtensiveFormGame)
    assert back.players == game.players
    assert [(s.player, s.label, s.actions, s.nodes) for s in back.infosets] == [
        (s.player, s.label, s.actions, s.nodes) for s in game.infosets
    ]
    np.testing.assert_allclose(back.leaf_payoffs, game.leaf_payoffs, rtol=1e-15)
    for p, q in zip(back.chance_probs, game.chance_probs, strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-15)


def test_nfg_roundtrip(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    game = NormalFormGame(rng.normal(size=(3, 2, 3, 4)), title='a "quoted" title')
    back = read_game(write_game(game, tmp_path / "g.nfg"))
    assert isinstance(back, NormalFormGame)
    np.testing.assert_array_equal(back.payoffs, game.payoffs)
    assert back.title == game.title and back.strategies == game.strategies


def test_nonterminal_outcomes_are_pushed_to_leaves() -> None:
    text = (
        'EFG 2 R "x" { "A" "B" } ""\n'
        'p "" 1 1 "a" { "l" "r" } 1 "toll" { 1 -1 }\nt "" 2 "" { 0 0 }\nt "" 3 "" { 5 5 }\n'
    )
    g = parse_efg(text)
    assert g.leaf_payoffs[g.leaves()].tolist() == [[1.0, -1.0], [6.0, 4.0]]


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ('EFG 2 R "x" { "A" } ""\np "" 2 1 "a" { "l" } 0\nt "" 1 "" { 0 }\n', 2, "no such player"),
        (
            'EFG 2 R "x" { "A" } ""\np "" 1 1 "a" { "l" "r" } 0\nt "" 1 "" { 0 }\n',
            3,
            "ends too early",
        ),
        (
            'EFG 2 R "x" { "A" } ""\nc "" 1 "" { "l" 1/2 "r" 1/3 } 0\n'
            't "" 1 "" { 0 }\nt "" 2 "" { 0 }\n',
            2,
            "sum to 1",
        ),
        ('EFG 2 R "x" { "A" } ""\nt "" 1 "" { zero }\n', 2, "must be a number"),
        ('EFG 2 R "x" { "A" } ""\nx "" 1 "" { 0 }\n', 2, "unknown node type"),
        ('EFG 2 R "x" { "A" } ""\np "" 1 1 { "l" } 0\n', 2, "used before it is described"),
        ('EFG 2 R "x" { "A" } ""\nt "" 1 "" { 0 }\nt "" 2 "" { 0 }\n', 3, "after the last node"),
        ('NFG 1 R "x" { "A" "B" } { 2 x }\n', 1, "integer"),
        ('NFG 1 R "x" { "A" "B" } { 1 1 }\n{ { "" 1 1 } }\n2\n', 3, "no such outcome"),
        ("GAME", 1, "EFG"),
    ],
)
def test_bad_files_give_located_problems(text: str, line: int, needle: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.efg"
    path.write_text(text, "utf-8")
    with pytest.raises(ScenarioError) as info:
        read_game(path)
    (problem,) = info.value.problems
    assert problem.file == str(path)
    assert problem.line == line
    assert needle in str(problem)
    assert problem.expected is not None and problem.found is not None


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="cannot read"):
        read_game(tmp_path / "missing.nfg")


@pytest.mark.gambit
def test_pygambit_reads_our_files_and_we_read_theirs() -> None:
    gbt = pytest.importorskip("pygambit")
    from stratagem.games import gambit_adapter as ga

    game = kuhn_poker()
    g = ga.to_pygambit(game)
    assert len(g.infosets) == len(game.infosets)
    back = parse_efg(g.to_efg())
    np.testing.assert_allclose(
        np.sort(back.leaf_payoffs[back.leaves()], axis=0),
        np.sort(game.leaf_payoffs[game.leaves()], axis=0),
    )
    table = gbt.Game.from_arrays([[1, 2], [3, 4]], [[4, 3], [2, 1]])
    nf = parse_nfg(table.to_nfg())
    assert nf.payoffs[0].tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert to_nfg(nf).startswith("NFG 1 R")
    assert to_efg(game).startswith("EFG 2 R")
