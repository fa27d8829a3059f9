"""The cue lexicon and the CAMEO to PLOVER table, loaded from JSON data files.

Both ship in ``geotext_claims/data``. The cue lexicon is documented in its own
``about`` field and in the README; a user file of the same shape (``extra_cues``)
adds cues or replaces those with the same lemma, role and part of speech.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from importlib.resources import files
from typing import Any, NamedTuple, TypeGuard

import ahocorasick
import attrs

from geotext.exceptions import ConfigError

ROLES = frozenset({"speech", "frame", "action"})
POS = frozenset({"verb", "noun", "adj", "phrase"})


@attrs.frozen
class Cue:
    """One lexicon entry matched at one written form."""

    lemma: str
    role: str  # speech, frame or action
    pos: str  # verb, noun, adj or phrase
    tense: str | None  # of this form: present, past, or None (participle, noun)
    cameo: str | None = None  # speech cues
    frame: str | None = None  # frame cues: appeal, demand, intent, reject, threaten
    codes: Mapping[str, str] = attrs.field(factory=dict)  # action cues: code per frame, "do"
    hedged: bool = False
    # a speech cue whose object noun is the speaker's own act: "announced a suspension"
    performative: bool = False
    # an action verb with no event of its own, whose object noun is the event: "staged protests"
    light: bool = False
    # an action verb's object nouns with the code they give it: "restore diplomatic ties" is 064,
    # "presented credentials" 032; longest first, lower case
    objects: tuple[tuple[str, str], ...] = ()
    # a frame verb's frame when a noun, not "to" and a verb, follows it: "sought aid" asks for it,
    # "sought to give aid" intends to give it
    object_frame: str | None = None


class CueHit(NamedTuple):
    """A cue form found in a text: its offsets and every lexicon reading of the form."""

    start: int
    end: int
    readings: tuple[Cue, ...]


@attrs.frozen
class CameoDecisions:
    """The CAMEO choices the rules make beyond each cue's own codes (``cameo_decisions`` in
    ``data/cues.json``, where each is documented)."""

    statement: str
    statement_root: str
    consultation_root: str
    material_roots: frozenset[str] = attrs.field(converter=frozenset)

    def is_event(self, code: str | None) -> TypeGuard[str]:
        """True for a code of an event done to someone, not a mere statement."""
        return bool(code and not code.startswith(self.statement_root))

    def is_statement(self, code: str | None) -> TypeGuard[str]:
        """True for a code of a statement."""
        return bool(code and code.startswith(self.statement_root))


@attrs.frozen
class CameoCode:
    """The PLOVER facts of one CAMEO code."""

    plover: str | None
    mode: str | None
    context: str | None
    label: str | None
    quad_class: int


def _data(name: str) -> dict[str, Any]:
    return json.loads(files("geotext_claims").joinpath("data").joinpath(name).read_text(encoding="utf-8"))


def inflect(lemma: str) -> dict[str, str | None]:
    """Return the written forms of a verb lemma with their tense; only the first word inflects.

    >>> inflect("urge")
    {'urge': 'present', 'urges': 'present', 'urged': 'past', 'urging': None}
    >>> sorted(inflect("call on"))
    ['call on', 'called on', 'calling on', 'calls on']
    """
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        third, past, ing = head + "s", head + "d", head[:-1] + "ing"
    elif re.search(r"[^aeiou]y$", head):
        third, past, ing = head[:-1] + "ies", head[:-1] + "ied", head + "ing"
    elif re.search(r"(s|sh|ch|x|z)$", head):
        third, past, ing = head + "es", head + "ed", head + "ing"
    else:
        third, past, ing = head + "s", head + "ed", head + "ing"
    return {head + tail: "present", third + tail: "present", past + tail: "past", ing + tail: None}


def _forms(entry: Mapping[str, Any]) -> dict[str, str | None]:
    lemma = entry["lemma"]
    if "forms" in entry:
        forms = entry["forms"]
        if isinstance(forms, list):
            return {form: None for form in forms}
        return dict(forms)
    if entry["pos"] == "verb":
        return inflect(lemma)
    if entry["pos"] == "noun":
        plural = lemma + ("es" if re.search(r"(s|sh|ch|x|z)$", lemma) else "s")
        if re.search(r"[^aeiou]y$", lemma):
            plural = lemma[:-1] + "ies"
        return {lemma: None, plural: None}
    return {lemma: None}


def _check_entry(entry: Any, where: str) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("lemma"), str) or not entry["lemma"].strip():
        raise ConfigError(f"{where}: each cue needs a 'lemma' string: {entry!r}")
    if entry.get("role") not in ROLES:
        raise ConfigError(
            f"{where}: cue {entry['lemma']!r} has role {entry.get('role')!r}; expected one of {sorted(ROLES)}"
        )
    if entry.get("pos", "verb") not in POS:
        raise ConfigError(
            f"{where}: cue {entry['lemma']!r} has pos {entry.get('pos')!r}; expected one of {sorted(POS)}"
        )
    if entry["role"] == "action" and not isinstance(entry.get("codes"), dict):
        raise ConfigError(f"{where}: action cue {entry['lemma']!r} needs 'codes' such as {{'do': '190'}}")
    objects = entry.get("objects", {})
    if not isinstance(objects, dict) or not all(
        isinstance(k, str) and k.strip() and isinstance(v, str) and re.fullmatch(r"\d{3,4}[A-Z]?", v)
        for k, v in objects.items()
    ):
        raise ConfigError(
            f"{where}: cue {entry['lemma']!r} has 'objects' {objects!r}; expected an object "
            "of noun phrase → CAMEO code such as {'diplomatic ties': '064'}"
        )
    object_frame = entry.get("object_frame")
    if object_frame is not None and (entry["role"] != "frame" or not isinstance(object_frame, str)):
        raise ConfigError(
            f"{where}: cue {entry['lemma']!r} has 'object_frame' {object_frame!r}: only frame cues take one, "
            "a frame's name such as 'appeal'"
        )
    if objects and entry["role"] != "action":
        raise ConfigError(f"{where}: cue {entry['lemma']!r}: only action cues take 'objects'")


def _objects(entry: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    found = {" ".join(phrase.lower().split()): code for phrase, code in entry.get("objects", {}).items()}
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


class Lexicon:
    """Cues, frames, negations, hedges and future markers; matched with one automaton.

    Args:
        extra: paths of user lexicon files (same shape as ``data/cues.json``).

    Raises:
        ConfigError: a user file cannot be read or holds a malformed entry.
    """

    def __init__(self, extra: Iterable[str | os.PathLike[str]] = ()) -> None:
        base = _data("cues.json")
        self.version: str = base["version"]
        self.frames: dict[str, dict[str, str]] = dict(base["frames"])
        decisions = {k: v for k, v in base["cameo_decisions"].items() if k != "about"}
        self.negations = list(base["negations"])
        self.negating_prepositions = list(base["negating_prepositions"])
        self.hedges = list(base["hedges"])
        self.future_markers = list(base["future_markers"])
        entries: dict[tuple[str, str, str], dict[str, Any]] = {}
        for entry in base["cues"]:
            _check_entry(entry, "cues.json")
            entries[(entry["lemma"], entry["role"], entry.get("pos", "verb"))] = entry
        extra_versions = []
        for path in extra:
            where = os.fspath(path)
            try:
                with open(path, encoding="utf-8") as handle:
                    data = json.load(handle)
            except (OSError, ValueError) as exc:
                raise ConfigError(f"claims extra_cues {where}: cannot read: {exc}") from exc
            if not isinstance(data, dict) or not isinstance(data.get("cues", []), list):
                raise ConfigError(f"claims extra_cues {where}: expected an object with a 'cues' list")
            for name in ("negations", "negating_prepositions", "hedges", "future_markers"):
                getattr(self, name).extend(str(item) for item in data.get(name, []))
            decisions.update({k: v for k, v in dict(data.get("cameo_decisions", {})).items() if k != "about"})
            for name, frame in dict(data.get("frames", {})).items():
                self.frames[name] = frame
            for entry in data.get("cues", []):
                _check_entry(entry, f"claims extra_cues {where}")
                entries[(entry["lemma"], entry["role"], entry.get("pos", "verb"))] = entry
            extra_versions.append(str(data.get("version", "unversioned")))
        if extra_versions:
            self.version += "+" + "+".join(extra_versions)
        try:
            self.decisions = CameoDecisions(**decisions)
        except TypeError as exc:
            raise ConfigError(f"claims cue files: malformed 'cameo_decisions': {exc}") from exc
        self._automaton = ahocorasick.Automaton()
        by_form: dict[str, list[Cue]] = {}
        for (lemma, role, pos), entry in entries.items():
            for form, tense in _forms(entry).items():
                cue = Cue(
                    lemma=lemma,
                    role=role,
                    pos=pos,
                    tense=tense,
                    cameo=entry.get("cameo"),
                    frame=entry.get("frame"),
                    codes=dict(entry.get("codes", {})),
                    hedged=bool(entry.get("hedged", False)),
                    performative=bool(entry.get("performative", False)),
                    light=bool(entry.get("light", False)),
                    objects=_objects(entry),
                    object_frame=entry.get("object_frame"),
                )
                by_form.setdefault(form.lower(), []).append(cue)
        # the word lists ride on the same automaton, so one pass finds cues and markers alike
        markers: dict[str, list[tuple[str, bool]]] = {}
        for kind, words, both in (
            ("negation", self.negations, False),
            ("hedge", self.hedges, True),
            ("future", self.future_markers, False),
        ):
            for word in words:
                lowered = word.lower()
                # a word list entry needs a boundary before it only when it starts with a letter
                # ("not", "will"), but always after it; hedges need both
                markers.setdefault(lowered, []).append((kind, both or lowered[:1].isalnum()))
        for form in set(by_form) | set(markers):
            self._automaton.add_word(form, (len(form), tuple(by_form.get(form, ())), tuple(markers.get(form, ()))))
        self._automaton.make_automaton()
        self.cue_count = len(entries)

    def find(self, lowered: str, start: int = 0, end: int | None = None) -> list[CueHit]:
        """Return a :class:`CueHit` (start, end, readings) for every whole-word cue form in ``lowered[start:end]``.

        Where forms overlap, the longest one starting first wins ("according to" over
        "according").
        """
        return self.scan(lowered, start, end)[0]

    def scan(
        self, lowered: str, start: int = 0, end: int | None = None
    ) -> tuple[list[CueHit], dict[str, list[tuple[int, int]]]]:
        """Return the cues (as :meth:`find`) and the ``(start, end)`` of every negation, hedge
        and future marker, by kind (``negation``, ``hedge``, ``future``), in one pass."""
        stop = len(lowered) if end is None else end
        found = []
        marks: dict[str, list[tuple[int, int]]] = {"negation": [], "hedge": [], "future": []}
        size = len(lowered)
        for last, (length, cues, kinds) in self._automaton.iter(lowered, start, stop):
            first = last - length + 1
            after = last + 1
            before_char = lowered[first - 1] if first > 0 else " "
            after_char = lowered[after] if after < size else " "
            if cues and not (before_char.isalnum() or before_char == "-" or after_char.isalnum() or after_char == "-"):
                found.append((first, -after, cues))  # sorted below by start, longest first
            if kinds:
                # the boundaries of a regular expression's \b: a word character on one side only
                end_ok = _is_word(lowered[last]) != _is_word(after_char)
                for kind, needs_start in kinds:
                    if end_ok and (not needs_start or _is_word(before_char) != _is_word(lowered[first])):
                        marks[kind].append((first, after))
        for spans in marks.values():
            spans.sort()
        found.sort()  # no two items share a start and an end: the cues are never compared
        kept: list[CueHit] = []
        for first, minus_after, cues in found:
            if kept and first < kept[-1][1]:
                continue
            kept.append(CueHit(first, -minus_after, cues))
        return kept, marks


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class CameoTable:
    """CAMEO codes with their PLOVER category, mode, context and quad class."""

    def __init__(self) -> None:
        data = _data("cameo_plover.json")
        self.version: str = data["version"]
        self.codes = {code: CameoCode(**facts) for code, facts in data["codes"].items()}

    def get(self, code: str) -> CameoCode | None:
        """Return the facts of *code*, or of its nearest listed parent."""
        while code:
            facts = self.codes.get(code)
            if facts is not None:
                return facts
            code = code[:-1] if len(code) > 2 else ""
        return None
