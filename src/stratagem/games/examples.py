"""Textbook games with published solutions, used as regression anchors and CLI examples.

* Stripped-down poker (Gambit tutorial 03; Reiley, Urbancic & Walker 2008, "Stripped-down
  poker: a classroom game with signaling and bluffing", *J. Economic Education* 39(4): 323-341):
  Alice always bets a King and bluffs a Queen with probability 1/3; Bob calls with probability
  2/3; Bob's belief that a bet comes from a King is 3/4; Alice's value is 1/3.
* Kuhn poker (Kuhn 1950, "A simplified two-person poker", *Contributions to the Theory of
  Games* I: 97-103): the value of the game to the first player is -1/18.
* Beer-quiche (Cho & Kreps 1987, *QJE* 102(2): 179-221): two pooling PBE.
* Entry deterrence (Selten 1978, "The chain store paradox", *Theory and Decision* 9: 127-159).
* Matching pennies, prisoner's dilemma, battle of the sexes (Nash 1951; Osborne & Rubinstein
  1994, ch. 2).
"""

from __future__ import annotations

from stratagem.games.extensive_form import ExtensiveFormGame, Node, chance, decision, leaf
from stratagem.games.normal_form import NormalFormGame

__all__ = [
    "battle_of_the_sexes",
    "beer_quiche",
    "entry_deterrence",
    "kuhn_poker",
    "matching_pennies",
    "prisoners_dilemma",
    "stripped_down_poker",
]


def matching_pennies() -> NormalFormGame:
    """Matching pennies: the unique equilibrium is uniform play.

    >>> matching_pennies().pure_equilibria()
    []
    """
    return NormalFormGame.from_bimatrix(
        [[1, -1], [-1, 1]],
        [[-1, 1], [1, -1]],
        strategies=(("heads", "tails"), ("heads", "tails")),
        title="Matching pennies",
    )


def prisoners_dilemma() -> NormalFormGame:
    """The prisoner's dilemma (3, 0, 5, 1): mutual defection is the unique equilibrium.

    >>> prisoners_dilemma().pure_equilibria()
    [(1, 1)]
    """
    return NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        strategies=(("cooperate", "defect"), ("cooperate", "defect")),
        title="Prisoner's dilemma",
    )


def battle_of_the_sexes() -> NormalFormGame:
    """Battle of the sexes: two pure equilibria and a mixed one (2/3, 1/3), (1/3, 2/3).

    >>> battle_of_the_sexes().pure_equilibria()
    [(0, 0), (1, 1)]
    """
    return NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        strategies=(("opera", "football"), ("opera", "football")),
        title="Battle of the sexes",
    )


def entry_deterrence() -> ExtensiveFormGame:
    """Selten's chain-store stage game: entry and accommodation is the unique SPE.

    >>> len(entry_deterrence().nodes)
    5
    """
    return ExtensiveFormGame(
        ("Entrant", "Incumbent"),
        decision(
            "Entrant",
            "entrant",
            {
                "out": leaf(0, 2, outcome="stay out"),
                "in": decision(
                    "Incumbent",
                    "incumbent",
                    {
                        "fight": leaf(-1, -1, outcome="price war"),
                        "accommodate": leaf(1, 1, outcome="share"),
                    },
                ),
            },
        ),
        title="Entry deterrence",
    )


def stripped_down_poker() -> ExtensiveFormGame:
    """Gambit's stripped-down poker (tutorial 03).

    Each player antes 1; Alice sees a King or Queen (1/2 each) and bets 1 more or folds; Bob,
    not seeing the card, calls or folds.

    >>> [s.label for s in stripped_down_poker().infosets]
    ['King', 'Bet', 'Queen']
    """

    def after_card(card: str, win: int) -> Node:
        return decision(
            "Alice",
            card,
            {
                "Bet": decision(
                    "Bob",
                    "Bet",
                    {"Call": leaf(2 * win, -2 * win), "Fold": leaf(1, -1)},
                ),
                "Fold": leaf(-1, 1),
            },
        )

    return ExtensiveFormGame(
        ("Alice", "Bob"),
        chance({"King": (0.5, after_card("King", 1)), "Queen": (0.5, after_card("Queen", -1))}),
        title="Stripped-down poker",
    )


def kuhn_poker() -> ExtensiveFormGame:
    """Kuhn's three-card poker; the first player's equilibrium value is -1/18.

    >>> len(kuhn_poker().infosets)
    12
    """
    cards = ("J", "Q", "K")
    rank = {c: i for i, c in enumerate(cards)}

    def showdown(c1: str, c2: str, stake: int) -> Node:
        sign = 1 if rank[c1] > rank[c2] else -1
        return leaf(sign * stake, -sign * stake)

    def deal(c1: str, c2: str) -> Node:
        return decision(
            "Player 1",
            c1,
            {
                "check": decision(
                    "Player 2",
                    f"{c2}-check",
                    {
                        "check": showdown(c1, c2, 1),
                        "bet": decision(
                            "Player 1",
                            f"{c1}-check-bet",
                            {"fold": leaf(-1, 1), "call": showdown(c1, c2, 2)},
                        ),
                    },
                ),
                "bet": decision(
                    "Player 2",
                    f"{c2}-bet",
                    {"fold": leaf(1, -1), "call": showdown(c1, c2, 2)},
                ),
            },
        )

    deals = {f"{a}{b}": (1 / 6, deal(a, b)) for a in cards for b in cards if a != b}
    return ExtensiveFormGame(("Player 1", "Player 2"), chance(deals), title="Kuhn poker")


def beer_quiche(prior_strong: float = 0.9) -> ExtensiveFormGame:
    """Cho & Kreps's beer-quiche signalling game.

    The sender is strong (probability ``prior_strong``) or weak and has beer or quiche; the
    receiver sees the breakfast and duels or not. The sender gets 1 for its preferred breakfast
    (beer if strong, quiche if weak) plus 2 if there is no duel; the receiver gets 1 for dueling
    a weak sender or for not dueling a strong one.

    >>> beer_quiche().players
    ('Sender', 'Receiver')
    """

    def sender(strong: bool) -> Node:
        def after(breakfast: str, liked: bool) -> Node:
            bonus = 1.0 if liked else 0.0
            return decision(
                "Receiver",
                breakfast,
                {
                    "duel": leaf(bonus, 0.0 if strong else 1.0),
                    "no duel": leaf(bonus + 2.0, 1.0 if strong else 0.0),
                },
            )

        return decision(
            "Sender",
            "strong" if strong else "weak",
            {"beer": after("beer", strong), "quiche": after("quiche", not strong)},
        )

    return ExtensiveFormGame(
        ("Sender", "Receiver"),
        chance({"strong": (prior_strong, sender(True)), "weak": (1 - prior_strong, sender(False))}),
        title="Beer-quiche",
    )
