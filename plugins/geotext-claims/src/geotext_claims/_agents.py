"""Generic agents ("police", "rebels", "opposition leader") from the PETRARCH2 dictionaries.

The package ships ``data/petrarch_agents.tsv``, derived from ``Phoenix.agents.txt`` (generic
agents and their CAMEO role codes) and the country blocks of ``Phoenix.Countries.actors.txt``
(names and adjectives of states with their codes), MIT licence (``data/PETRARCH-LICENSE``).
Rebuild it with::

    python -m geotext_claims._agents PATH/TO/petrarch2/dictionaries

Two uses: :func:`role_after` reads the role an agent noun gives a state written before it
("Russian troops" -> ``MIL``), and :func:`tag_agents` makes a group entity of an agent phrase
that names no state ("police", "Yoruba leaders"), so that a claim keeps that actor.
"""

from __future__ import annotations

import functools
import operator
import re
import sys
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import ahocorasick

from geotext import Article, Entity, Mention

_MENTION_ORDER = operator.attrgetter("start", "end", "form")  # Mention.sort_key

DATA = files(__package__) / "data" / "petrarch_agents.tsv"
SOURCE = "openeventdata/petrarch2@676801cd9cb2924bbbad09f86d15c9323e7097bf"

# Agent words too vague, or too often something else, to stand for an actor on their own.
_NOT_ALONE = frozenset(
    """man men woman women person people member members party parties group groups
source sources staff force forces unit units official officials government governments authority
authorities administration leader leaders representative representatives spokesman spokeswoman
spokesperson resident residents citizen citizens worker workers family families child children
student students victim victims crowd crowds supporter supporters team""".split()
)
# Roles of agents that act on their own when written alone ("police said", "rebels attacked");
# other agent words alone ("tanker", "farmer") are too often no actor of an event.
_ALONE_ROLES = frozenset("COP MIL REB OPP INS SPY JUD LEG UAF CRM".split())
# Heads that make capitalised words before them a group the text names: "Yoruba leaders",
# "Umma party"; the role is the agent's where the dictionary has one.
_GROUP_HEADS = {
    "leaders": "",
    "leader": "",
    "elders": "",
    "party": "",
    "tribesmen": "",
    "clan": "",
    "militia": "MIL",
    "militias": "MIL",
    "fighters": "REB",
    "guerrillas": "REB",
}
# Roles of agent nouns that make capitalised words before them a group ("Kurdish rebels");
# "Surrey captain", "Scottish parliament" are no groups of their own.
_GROUP_ROLES = frozenset("REB OPP INS UAF".split())
# Capitalised words that open a sentence or qualify without naming ("Three African leaders").
_NOT_QUALIFIERS = frozenset(
    """The A An This That These Those Their His Her Its Our Many Some Several Most All Other
Two Three Four Five Six Seven Eight Nine Ten Former Ruling State Senior Local Foreign New Top Armed Suspected
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December""".split()
)
_TITLES = frozenset(
    """President Prime Minister Secretary King Queen Premier Chancellor General Gen Defence
Defense Foreign Interior Federal National Supreme Senior Deputy Vice Chief Security European Community""".split()
)
# "its troops", "Russia's army": the owner is the actor, the noun its role
_OWNED = re.compile(r"(?:\b(?:its|their|his|her|our|my|your)|['’]s)\s+$", re.I)
_IN_STATE = re.compile(r"\s+(?:in|from|of)\s+(?:the\s+)?((?:[A-Z][a-z]+\s?){1,3})")
# Nouns for a state's people the agents dictionary lacks, for the role after a state only
# ("Chinese officials", "Iranian diplomats"); alone they name no one (see _NOT_ALONE).
_STATE_ROLES = {
    "official": "GOV",
    "officials": "GOV",
    "leader": "GOV",
    "leaders": "GOV",
    "diplomat": "GOV",
    "diplomats": "GOV",
    "authorities": "GOV",
    "lawmakers": "LEG",
    "lawmaker": "LEG",
}
_WORD = re.compile(r"[a-z][a-z'’-]*")
_CAPITALISED = re.compile(r"(?<![\w'’-])((?:[A-Z][a-z-]+\s+){1,2})$")


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es" if not word.endswith("s") else word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def derive(folder: str | Path) -> list[str]:
    """Return the lines of ``petrarch_agents.tsv`` from the dictionaries in *folder*.

    Rows: ``agent<TAB>phrase<TAB>ROLE`` (phrase in lower case, singular and plural) and
    ``state<TAB>name<TAB>ISO3`` (names and adjectives of states as written, "Russian").
    """
    folder = Path(folder)
    subs: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in (folder / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            name, _, values = line.partition("=")
            subs[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        found = re.search(r"\[~([A-Z]{3,9})\]", line)
        if not found:
            continue
        phrase = re.sub(r"\{[^}]*\}", "", line[: found.start()]).strip()
        variants = [phrase]
        for key, replacements in subs.items():
            if key in phrase:
                variants = [v.replace(key, value) for v in variants for value in replacements]
        for variant in variants:
            words = variant.replace("_", " ").lower().split()
            if not words or any(not _WORD.fullmatch(w) for w in words):
                continue
            text = " ".join(words)
            for form in (text, " ".join([*words[:-1], _plural(words[-1])])):
                agents.setdefault(form, found.group(1)[:3])
    states: dict[str, str] = {}
    countries = (folder / "Phoenix.Countries.actors.txt").read_text(encoding="utf-8", errors="replace")
    block: list[str] = []
    block_code: str | None = None
    after_codes = False

    def keep(name: str, code: str) -> None:
        words = [w for w in name.strip().strip("_").split("_") if w]
        if words and all(w.isalpha() for w in words) and len(" ".join(words)) > 3:
            states.setdefault(" ".join(w.capitalize() for w in words), code)

    for raw in countries.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        code_match = re.search(r"\[([A-Z]{3})(?:\s[^\]]*)?\]", line)
        if not stripped.startswith("["):
            if after_codes and not stripped.startswith("+"):
                block, block_code, after_codes = [], None, False
            name = stripped.lstrip("+").split("[")[0]
            block.append(name)
            if block_code:
                keep(name, block_code)
        if "[" in stripped:
            after_codes = True
            if code_match is not None and block_code is None:
                block_code = code_match.group(1)
                for name in block:
                    keep(name, block_code)
    # armed groups by name ("Hezbollah guerrillas" is Hezbollah, not a group of its own)
    known: dict[str, str] = {}
    nonstate = (folder / "Phoenix.MilNonState.actors.txt").read_text(encoding="utf-8", errors="replace")
    code = ""
    for raw in nonstate.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("["):
            continue
        found = re.search(r"\[([A-Z]{3,9})", line)
        if not line.startswith("+"):
            code = found.group(1) if found else ""
        words = [w for w in line.lstrip("+").split("[")[0].strip().strip("_").split("_") if w]
        if code and words and all(re.fullmatch(r"[A-Z][A-Z'-]*", w) for w in words):
            known.setdefault(" ".join(w.capitalize() for w in words), code)
    header = [
        f"# Derived from the PETRARCH2 dictionaries ({SOURCE}): Phoenix.agents.txt and the",
        "# country blocks of Phoenix.Countries.actors.txt and the names of Phoenix.MilNonState.actors.txt."
        " MIT licence, Copyright (c) 2014 Open",
        "# Event Data Alliance (PETRARCH-LICENSE). Rebuild: python -m geotext_claims._agents PATH",
    ]
    return (
        header
        + [f"agent\t{k}\t{v}" for k, v in sorted(agents.items())]
        + [f"state\t{k}\t{v}" for k, v in sorted(states.items())]
        + [f"group\t{k}\t{v}" for k, v in sorted(known.items())]
    )


@functools.cache
def _table() -> tuple[dict[str, str], dict[str, str], ahocorasick.Automaton, dict[str, str]]:
    agents: dict[str, str] = {}
    states: dict[str, str] = {}
    groups: dict[str, str] = {}
    for line in Path(str(DATA)).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        kind, phrase, code = line.split("\t")
        {"agent": agents, "state": states, "group": groups}[kind][phrase] = code
    # only the agents that can make an actor of their own (see tag_agents) are scanned for
    automaton = ahocorasick.Automaton()
    for phrase, role in {**{p: r for p, r in agents.items() if r in _ALONE_ROLES}, **_GROUP_HEADS}.items():
        automaton.add_word(phrase, (len(phrase), role))
    automaton.make_automaton()
    return agents, states, automaton, groups


def agent_role(phrase: str) -> str | None:
    """The CAMEO role of a generic agent phrase: ``agent_role("riot police")`` is ``"COP"``."""
    return _table()[0].get(phrase.lower())


def state_code(name: str) -> str | None:
    """The state a name or adjective stands for in the dictionaries: ``"Russian"`` -> ``"RUS"``;
    an adjective the dictionaries lack is read from its state's name ("Rwandan", "Israeli")."""
    states = _table()[1]
    found = states.get(name)
    if found is None and len(name) > 4 and name[:1].isupper():
        for suffix, ending in (
            ("n", ""),
            ("an", ""),
            ("ian", ""),
            ("ian", "e"),
            ("ian", "a"),
            ("i", ""),
            ("ese", ""),
            ("ese", "a"),
            ("ish", ""),
            ("ic", ""),
        ):
            if name.endswith(suffix):
                found = states.get(name[: -len(suffix)] + ending)
                if found is not None:
                    break
    return found


_NEXT_WORDS = re.compile(r"(?:['’]s)?[ \t]+([a-z][a-z'’-]*)(?:[ \t]+([a-z][a-z'’-]*))?(?:[ \t]+([a-z][a-z'’-]*))?")


@functools.cache
def _first_words() -> frozenset[str]:
    return frozenset(phrase.split(" ", 1)[0] for phrase in (*_table()[0], *_STATE_ROLES))


def role_after(text: str, end: int) -> str | None:
    """The role of an agent noun written right after a state's mention ending at *end*:
    "Russian troops", "Russia's army", "Chinese riot police"; the longest phrase wins."""
    words = _NEXT_WORDS.match(text, end)
    if words is None or words.group(1) not in _first_words():
        return None
    agents = _table()[0]
    parts = [w for w in words.groups() if w]
    for length in range(len(parts), 0, -1):
        phrase = " ".join(parts[:length])
        role = agents.get(phrase) or _STATE_ROLES.get(phrase)
        if role is not None:
            return role
    return None


def _spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Whole-word agent phrases of *text*, longest at each end: ``(start, end, role)``."""
    lowered = text.lower()
    automaton = _table()[2]
    last_end = -1
    found = []
    for end_index, (length, role) in automaton.iter(lowered):
        start, end = end_index - length + 1, end_index + 1
        if (start and lowered[start - 1].isalnum()) or (end < len(text) and lowered[end].isalnum()):
            continue
        found.append((start, end, role))
    found.sort(key=lambda f: (f[0], -f[1]))
    for start, end, role in found:
        if start >= last_end:
            last_end = end
            yield start, end, role


@functools.cache
def _state_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for name, code in _table()[1].items():
        automaton.add_word(name, (len(name), code))
    automaton.make_automaton()
    return automaton


def _sole_country(text: str) -> str | None:
    """The one state the text names through the dictionaries' names and adjectives, else None."""
    seen = set()
    last = len(text)
    for end_index, (length, code) in _state_automaton().iter(text):
        start, end = end_index - length + 1, end_index + 1
        if (start and text[start - 1].isalnum()) or (end < last and text[end].isalnum()):
            continue
        seen.add(code)
        if len(seen) > 1:
            return None
    return next(iter(seen), None)


def tag_agents(article: Article) -> list[Entity]:
    """Group entities for agent phrases that name no state: "police", "rebels", "Yoruba leaders".

    A phrase after a state's name or adjective ("Russian troops") is left to that state's
    entity: the claim codes the role from it. A phrase after capitalised words the
    dictionaries do not know as a state ("Yoruba leaders") is the group those words name.
    The entity's country is the one state the article names, if it names exactly one
    (``attributes["country_from"] = "article"``).
    """
    text = article.text
    agents: dict[str, tuple[str, str, list[Mention], str | None]] = {}
    qualified: dict[str, bool] = {}
    country: str | None = None
    looked = False
    for start, end, role in _spans(text):
        phrase = text[start:end]
        qualifier = _CAPITALISED.search(text, max(0, start - 60), start)
        if qualifier is not None:
            words = qualifier.group(1).split()
            before = text[: qualifier.start()].rstrip()[-1:]
            skip = 0
            while skip < len(words) and words[skip] in _NOT_QUALIFIERS:
                skip += 1  # "The Umma party": the name starts after the determiner
            words = words[skip:]
            groups = _table()[3]
            if (
                not words
                or any(state_code(w) or state_code(w.rstrip("s")) or w in _TITLES for w in words)
                or state_code(" ".join(words))
                or " ".join(words) in groups
                or words[-1] in groups
                or (role not in _GROUP_ROLES and phrase.lower() not in _GROUP_HEADS)
                or (before.isalpha() and before.isupper())
                or before in ("'", "’")
            ):
                continue  # "Russian troops": the state's entity, coded with the role
            start = text.index(words[0], qualifier.start())
        elif (
            phrase.lower() in _NOT_ALONE
            or role not in _ALONE_ROLES
            or _OWNED.search(text, max(0, start - 8), start)
            or not (phrase.endswith("s") or phrase.lower() == "police")
            or not (
                phrase.islower()
                or (phrase[1:].islower() and text[:start].rstrip()[-1:] in ("", ".", "!", "?", "\n", "“", '"'))
            )
        ) or phrase.lower() in _GROUP_HEADS:
            continue
        name = text[start:end]
        key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        place = _IN_STATE.match(text, end)
        where = state_code(place.group(1).strip()) if place else None
        if where is not None:  # "rebels in the Ivory Coast"
            key = f"{key}-{where.lower()}"
        elif not looked:
            country, looked = _sole_country(text), True
        entry = agents.get(key)
        qualified[key] = qualifier is not None
        if entry is None:
            agents[key] = (name, role, [Mention._trusted(start=start, end=end, text=name, form="agent")], where)
        else:
            entry[2].append(Mention._trusted(start=start, end=end, text=name, form="agent"))
    out = []
    for key, (name, role, mentions, where) in agents.items():
        state = where or country
        if state is None and not qualified[key]:
            continue  # "troops" of no state the text tells: no actor to code
        attributes: dict[str, object] = {"agent": role or None}
        if state or role:
            attributes["cameo"] = [{"code": (state or "") + role, "from": None, "until": None}]
        if state and where is None:
            attributes["country_from"] = "article"
        # the mentions in canonical order (start, end, form), each once, as the public constructor stores them
        out.append(
            Entity._trusted(
                id=f"agent:{key}",
                kind="group",
                name=name,
                country=state,
                mentions=tuple(sorted(set(mentions), key=_MENTION_ORDER)),
                attributes=attributes,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m geotext_claims._agents PATH/TO/petrarch2/dictionaries", file=sys.stderr)
        return 2
    lines = derive(args[0])
    Path(str(DATA)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{DATA}: {len(lines) - 3} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
