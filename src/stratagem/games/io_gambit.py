"""Read and write Gambit's ``.efg`` (extensive) and ``.nfg`` (strategic) game files.

Formats as documented by Gambit (``doc/formats.efg.rst``, ``formats.nfgpay.rst``,
``formats.nfgout.rst``, gambitproject/gambit v16.7.0; game_theory.md §1.4):

* ``.efg``: ``EFG 2 R "title" { "P1" "P2" } "comment"`` then the nodes in prefix order:
  ``c "name" event ["event name" { "a" p_a ... }] outcome [...]``,
  ``p "name" player infoset ["infoset name" { "a" "b" }] outcome [...]`` and
  ``t "name" outcome ["outcome name" { u_1 ... u_n }]``. Outcomes at non-terminal nodes add
  their payoffs to every leaf below them (our trees keep payoffs at the leaves).
* ``.nfg``: ``NFG 1 R "title" { "P1" "P2" }`` then either ``{ 3 2 }`` (strategy counts) or
  ``{ { "a" "b" "c" } { "x" "y" } }`` (labels), an optional comment, and either a flat payoff
  list (player 1's strategy varying fastest, all players' payoffs per profile) or an outcome
  list ``{ { "name" u_1, u_2 } ... }`` followed by one outcome index per profile.

Numbers may be integers, decimals or rationals (``1/3``). Bad files raise
:class:`~stratagem.errors.ScenarioError` naming the file, line, what was expected and what was
found; they never produce a traceback from the parser's internals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from stratagem.errors import Problem, ScenarioError
from stratagem.games.extensive_form import ExtensiveFormGame, Node, chance, decision, leaf
from stratagem.games.normal_form import NormalFormGame

__all__ = [
    "format_number",
    "parse_efg",
    "parse_nfg",
    "read_game",
    "to_efg",
    "to_nfg",
    "write_game",
]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}]|,|[^\s{},"]+')


@dataclass(frozen=True)
class _Token:
    text: str
    line: int

    @property
    def is_string(self) -> bool:
        return self.text.startswith('"')

    @property
    def value(self) -> str:
        return (
            self.text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            if self.is_string
            else self.text
        )


class _Reader:
    """A token stream with error reporting in the project's Problem format."""

    def __init__(self, text: str, file: str | None) -> None:
        self.file = file
        self.tokens: list[_Token] = []
        for number, line in enumerate(text.splitlines(), start=1):
            for match in _TOKEN.finditer(line):
                if match.group() != ",":
                    self.tokens.append(_Token(match.group(), number))
        self.pos = 0

    def fail(
        self, message: str, expected: str, found: _Token | None = None, path: str = ""
    ) -> ScenarioError:
        token = found if found is not None else self.peek()
        return ScenarioError(
            [
                Problem(
                    message,
                    path=path,
                    file=self.file,
                    line=token.line if token else (self.tokens[-1].line if self.tokens else 1),
                    expected=expected,
                    found=repr(token.text) if token else "the end of the file",
                )
            ]
        )

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, expected: str, path: str = "") -> _Token:
        token = self.peek()
        if token is None:
            raise self.fail("the file ends too early", expected, None, path)
        self.pos += 1
        return token

    def expect(self, text: str, path: str = "") -> _Token:
        token = self.next(repr(text), path)
        if token.text != text:
            raise self.fail(f"expected {text!r}", repr(text), token, path)
        return token

    def string(self, what: str, path: str = "") -> str:
        token = self.next(f"{what} (a quoted string)", path)
        if not token.is_string:
            raise self.fail(f"{what} must be a quoted string", "a quoted string", token, path)
        return token.value

    def maybe_string(self) -> str | None:
        token = self.peek()
        if token is not None and token.is_string:
            self.pos += 1
            return token.value
        return None

    def number(self, what: str, path: str = "") -> Fraction:
        token = self.next(f"{what} (a number)", path)
        try:
            return Fraction(token.text)
        except (ValueError, ZeroDivisionError):
            raise self.fail(
                f"{what} must be a number", "a number such as 2, 0.5 or 1/3", token, path
            ) from None

    def integer(self, what: str, path: str = "", minimum: int = 0) -> int:
        token = self.next(f"{what} (an integer)", path)
        if not re.fullmatch(r"\d+", token.text) or int(token.text) < minimum:
            raise self.fail(
                f"{what} must be an integer >= {minimum}", f"an integer >= {minimum}", token, path
            )
        return int(token.text)

    def strings_in_braces(self, what: str, path: str = "") -> list[str]:
        self.expect("{", path)
        out = []
        while (token := self.peek()) is not None and token.text != "}":
            out.append(self.string(what, path))
        self.expect("}", path)
        return out

    def at_end(self) -> bool:
        return self.pos >= len(self.tokens)


def _header(r: _Reader, magic: str, version: str) -> tuple[str, list[str]]:
    token = r.next(f"{magic} {version} R", "header")
    if token.text != magic:
        raise r.fail(f"not a Gambit {magic} file", f"the word {magic}", token, "header")
    v = r.next("the version", "header")
    if v.text != version:
        raise r.fail(f"unsupported {magic} version", version, v, "header")
    rt = r.next("R", "header")
    if rt.text not in ("R", "D"):
        raise r.fail("expected the number type R", "R", rt, "header")
    title = r.string("the title", "header")
    players = r.strings_in_braces("a player name", "header.players")
    if not players:
        raise r.fail("a game needs at least one player", "player names", r.peek(), "header.players")
    return title, players


def parse_nfg(text: str, file: str | None = None) -> NormalFormGame:
    """Parse the text of an ``.nfg`` file (payoff or outcome version).

    >>> g = parse_nfg('NFG 1 R "e02" { "P1" "P2" } { 3 2 } 1 1 0 2 0 2 1 1 0 3 2 0')
    >>> g.shape, g.payoffs[:, 2, 1].tolist()
    ((3, 2), [2.0, 0.0])
    """
    r = _Reader(text, file)
    title, players = _header(r, "NFG", "1")
    r.expect("{", "strategies")
    token = r.peek()
    labels: list[list[str]] = []
    if token is not None and token.text == "{":
        for i in range(len(players)):
            labels.append(r.strings_in_braces("a strategy label", f"strategies[{i}]"))
        r.expect("}", "strategies")
    else:
        for i in range(len(players)):
            count = r.integer("a strategy count", f"strategies[{i}]", minimum=1)
            labels.append([str(j + 1) for j in range(count)])
        r.expect("}", "strategies")
    if len(labels) != len(players) or any(not s for s in labels):
        raise r.fail("every player needs at least one strategy", "one strategy list per player")
    r.maybe_string()  # comment
    shape = tuple(len(s) for s in labels)
    n_profiles = int(np.prod(shape))
    flat = np.zeros((n_profiles, len(players)))
    token = r.peek()
    if token is not None and token.text == "{":
        r.expect("{", "outcomes")
        outcomes: list[list[Fraction]] = []
        while (token := r.peek()) is not None and token.text == "{":
            r.expect("{", f"outcomes[{len(outcomes)}]")
            r.string("an outcome name", f"outcomes[{len(outcomes)}]")
            outcomes.append([r.number("a payoff", f"outcomes[{len(outcomes)}]") for _ in players])
            r.expect("}", f"outcomes[{len(outcomes) - 1}]")
        r.expect("}", "outcomes")
        for k in range(n_profiles):
            idx = r.integer("an outcome number", f"profile[{k}]")
            if idx > len(outcomes):
                raise r.fail(
                    "no such outcome", f"0..{len(outcomes)}", r.tokens[r.pos - 1], f"profile[{k}]"
                )
            if idx:
                flat[k] = [float(u) for u in outcomes[idx - 1]]
    else:
        for k in range(n_profiles):
            for i in range(len(players)):
                flat[k, i] = float(r.number("a payoff", f"payoffs[profile {k}, player {i + 1}]"))
    if not r.at_end():
        raise r.fail(
            "unexpected text after the payoffs", "the end of the file", r.peek(), "payoffs"
        )
    # player 1 varies fastest: Fortran order over the strategy axes
    payoffs = np.stack([flat[:, i].reshape(shape, order="F") for i in range(len(players))])
    return NormalFormGame(
        payoffs,
        players=tuple(players),
        strategies=tuple(tuple(s) for s in labels),
        title=title,
    )


@dataclass
class _EfgState:
    players: list[str]
    infosets: dict[tuple[int, int], tuple[str, tuple[str, ...]]]
    events: dict[int, tuple[str, tuple[str, ...], tuple[Fraction, ...]]]
    outcomes: dict[int, tuple[str, tuple[Fraction, ...]]]
    labels: dict[tuple[int, int], str]
    nodes: int = 0


def _efg_outcome(r: _Reader, st: _EfgState, path: str) -> tuple[str, tuple[Fraction, ...]]:
    number = r.integer("an outcome number", path)
    token = r.peek()
    described = token is not None and token.is_string
    if number == 0:
        if described:
            raise r.fail(
                "outcome 0 (the null outcome) has no name or payoffs", "no description", token, path
            )
        return "", tuple(Fraction(0) for _ in st.players)
    if described:
        name = r.string("the outcome name", path)
        r.expect("{", path)
        payoffs = tuple(r.number("a payoff", path) for _ in st.players)
        r.expect("}", path)
        if number in st.outcomes and st.outcomes[number] != (name, payoffs):
            raise r.fail(
                f"outcome {number} is described differently here",
                "the first description",
                r.tokens[r.pos - 1],
                path,
            )
        st.outcomes[number] = (name, payoffs)
    elif number not in st.outcomes:
        raise r.fail(
            f"outcome {number} is used before it is described", "its name and payoffs", token, path
        )
    return st.outcomes[number]


def _efg_node(r: _Reader, st: _EfgState, inherited: tuple[Fraction, ...]) -> Node:
    path = f"node {st.nodes + 1}"
    st.nodes += 1
    kind = r.next("a node type c, p or t", path)
    if kind.text not in ("c", "p", "t"):
        raise r.fail("unknown node type", "c (chance), p (personal) or t (terminal)", kind, path)
    name = r.string("the node name", path)
    if kind.text == "t":
        outcome, pay = _efg_outcome(r, st, path)
        total = tuple(a + b for a, b in zip(inherited, pay, strict=True))
        return leaf(*(float(u) for u in total), label=name, outcome=outcome)
    if kind.text == "c":
        event = r.integer("the chance event number", path, minimum=1)
        token = r.peek()
        if token is not None and token.is_string:
            ev_name = r.string("the event name", path)
            r.expect("{", path)
            acts: list[str] = []
            probs: list[Fraction] = []
            while (token := r.peek()) is not None and token.text != "}":
                acts.append(r.string("an action name", path))
                probs.append(r.number("a chance probability", path))
            r.expect("}", path)
            desc = (ev_name, tuple(acts), tuple(probs))
            if event in st.events and st.events[event] != desc:
                raise r.fail(
                    f"chance event {event} is described differently here",
                    "the first description",
                    token,
                    path,
                )
            if any(p < 0 for p in probs) or sum(probs) != 1:
                raise r.fail(
                    "chance probabilities must be non-negative and sum to 1",
                    "probabilities summing to 1",
                    token,
                    path,
                )
            st.events[event] = desc
        elif event not in st.events:
            raise r.fail(
                f"chance event {event} is used before it is described",
                "its actions and probabilities",
                token,
                path,
            )
        _, acts_t, probs_t = st.events[event]
        _, pay = _efg_outcome(r, st, path)
        below = tuple(a + b for a, b in zip(inherited, pay, strict=True))
        branches = {
            a: (float(p), _efg_node(r, st, below)) for a, p in zip(acts_t, probs_t, strict=True)
        }
        if len(branches) != len(acts_t):
            raise r.fail("action names at a node must be distinct", "distinct names", None, path)
        return chance(branches, label=name)
    player = r.integer("the player number", path, minimum=1)
    if player > len(st.players):
        raise r.fail("no such player", f"1..{len(st.players)}", r.tokens[r.pos - 1], path)
    number = r.integer("the information set number", path, minimum=1)
    key = (player, number)
    token = r.peek()
    if token is not None and token.is_string:
        set_name = r.string("the information set name", path)
        actions = tuple(r.strings_in_braces("an action name", path))
        if key in st.infosets and st.infosets[key] != (set_name, actions):
            raise r.fail(
                f"information set {number} of player {player} is described differently here",
                "the first description",
                token,
                path,
            )
        st.infosets[key] = (set_name, actions)
    elif key not in st.infosets:
        raise r.fail(
            f"information set {number} of player {player} is used before it is described",
            "its name and actions",
            token,
            path,
        )
    set_name, actions = st.infosets[key]
    if key not in st.labels:
        taken = {v for (p, _), v in st.labels.items() if p == player}
        label = set_name if set_name and set_name not in taken else str(number)
        while label in taken:
            label += "'"
        st.labels[key] = label
    _, pay = _efg_outcome(r, st, path)
    below = tuple(a + b for a, b in zip(inherited, pay, strict=True))
    children = {a: _efg_node(r, st, below) for a in actions}
    if len(children) != len(actions):
        raise r.fail(
            "action names at an information set must be distinct", "distinct names", None, path
        )
    return decision(st.players[player - 1], st.labels[key], children, label=name)


def parse_efg(text: str, file: str | None = None) -> ExtensiveFormGame:
    """Parse the text of an ``.efg`` file.

    >>> g = parse_efg('''EFG 2 R "entry" { "E" "I" } ""
    ... p "" 1 1 "e" { "out" "in" } 0
    ... t "" 1 "stay out" { 0 2 }
    ... p "" 2 1 "i" { "fight" "accommodate" } 0
    ... t "" 2 "war" { -1 -1 }
    ... t "" 3 "peace" { 1 1 }''')
    >>> g.players, [s.label for s in g.infosets]
    (('E', 'I'), ['e', 'i'])
    """
    r = _Reader(text, file)
    title, players = _header(r, "EFG", "2")
    r.maybe_string()  # comment
    st = _EfgState(players, {}, {}, {}, {})
    root = _efg_node(r, st, tuple(Fraction(0) for _ in players))
    if not r.at_end():
        raise r.fail("unexpected text after the last node", "the end of the tree", r.peek(), "body")
    try:
        return ExtensiveFormGame(tuple(players), root, title=title)
    except ValueError as error:
        raise ScenarioError([Problem(str(error), file=file, path="tree")]) from None


def read_game(path: str | Path) -> ExtensiveFormGame | NormalFormGame:
    """Read a ``.efg`` or ``.nfg`` file (decided by its first word, not its name)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(
            [
                Problem(
                    "cannot read the game file",
                    file=str(p),
                    expected="a readable UTF-8 text file",
                    found=type(error).__name__,
                )
            ]
        ) from None
    head = text.lstrip()[:3]
    if head == "EFG":
        return parse_efg(text, str(p))
    if head == "NFG":
        return parse_nfg(text, str(p))
    raise ScenarioError(
        [
            Problem(
                "not a Gambit game file",
                file=str(p),
                line=1,
                expected="a file starting with EFG or NFG",
                found=repr(text.lstrip()[:20]),
            )
        ]
    )


def format_number(x: float) -> str:
    """A payoff or probability as Gambit text.

    Integers are written plain, simple fractions as ``p/q``, anything else as the shortest
    round-tripping decimal.

    >>> format_number(2.0), format_number(1 / 3), format_number(0.1), format_number(0.123456789)
    ('2', '1/3', '1/10', '0.123456789')
    """
    if float(x).is_integer():
        return str(int(x))
    frac = Fraction(x).limit_denominator(1000)
    if float(frac) == x:
        return f"{frac.numerator}/{frac.denominator}"
    return repr(float(x))


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_nfg(game: NormalFormGame) -> str:
    """The ``.nfg`` text of a strategic game (labelled strategies, flat payoff list)."""
    lines = [
        f"NFG 1 R {_quote(game.title)} {{ {' '.join(_quote(p) for p in game.players)} }}",
        "",
        "{",
    ]
    lines += ["{ " + " ".join(_quote(s) for s in strat) + " }" for strat in game.strategies]
    lines += ["}", '""', ""]
    flat = np.stack([game.payoffs[i].reshape(-1, order="F") for i in range(game.n_players)], axis=1)
    lines.append(" ".join(format_number(float(u)) for u in flat.reshape(-1)))
    return "\n".join(lines) + "\n"


def _efg_lines(game: ExtensiveFormGame) -> Iterator[str]:
    infoset_numbers: dict[int, int] = {}
    per_player: dict[int, int] = {}
    outcome = 0
    event = 0
    for k, node in enumerate(game.nodes):
        if node.kind == "terminal":
            outcome += 1
            pays = " ".join(format_number(u) for u in node.payoffs)
            yield f"t {_quote(node.label)} {outcome} {_quote(node.outcome)} {{ {pays} }}"
        elif node.kind == "chance":
            event += 1
            acts = " ".join(
                f"{_quote(a)} {format_number(p)}"
                for a, p in zip(node.actions, node.probs, strict=True)
            )
            yield f'c {_quote(node.label)} {event} "" {{ {acts} }} 0'
        else:
            h = int(game.node_infoset[k])
            player = int(game.node_player[k])
            first = h not in infoset_numbers
            if first:
                per_player[player] = per_player.get(player, 0) + 1
                infoset_numbers[h] = per_player[player]
            desc = ""
            if first:
                acts = " ".join(_quote(a) for a in node.actions)
                desc = f" {_quote(game.infosets[h].label)} {{ {acts} }}"
            yield f"p {_quote(node.label)} {player + 1} {infoset_numbers[h]}{desc} 0"


def to_efg(game: ExtensiveFormGame) -> str:
    """The ``.efg`` text of a tree (payoffs on the leaves, one outcome per leaf)."""
    head = f"EFG 2 R {_quote(game.title)} {{ {' '.join(_quote(p) for p in game.players)} }}"
    return "\n".join([head, '""', "", *_efg_lines(game)]) + "\n"


def write_game(game: ExtensiveFormGame | NormalFormGame, path: str | Path) -> Path:
    """Write ``game`` as ``.efg`` (trees) or ``.nfg`` (strategic forms); returns the path."""
    p = Path(path)
    p.write_text(to_efg(game) if isinstance(game, ExtensiveFormGame) else to_nfg(game), "utf-8")
    return p
