"""Which place a toponym names: its candidates, the article's context, and two resolvers.

A name the gazetteer knows may stand for many places ("Paris": France, Texas, Missouri...;
"Georgia": the state in the Caucasus or the US state). For each distinct name of an article
the tagger asks a :class:`PlaceChooser` (one per article) to pick one candidate or none:

- *eligibility* is a rule shared by both resolvers: a town under 100,000 people counts only
  when the article names its country or its first-order division, a town under 15,000 only
  when it names the division and reads the name as a place once ("in Moberly"), a town
  named like a division ("Ontario", Oregon) only when qualified; a qualifier after a comma
  ("Paris, Mo.", "Kingston, Ontario") pins the name; otherwise the name is read as not a
  place (most such names are surnames or words);
- *ranking* among the eligible candidates is done by the :class:`LearnedResolver` (a logistic
  model trained on GeoWebNews, ``data/place_resolver.json``, rebuilt by
  ``tools/train_resolver.py``) or by the :class:`RuleResolver` (population, capital status,
  the states the article names), as the ``place_resolver`` setting says.

:meth:`PlaceChooser.candidates` and :meth:`PlaceChooser.choose` are the narrow interface a
recogniser calls for any span of text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple

from geotext.exceptions import ConfigError

from . import _build

__all__ = [
    "MODEL_FILE",
    "ArticleContext",
    "LearnedResolver",
    "PlaceCandidate",
    "PlaceChooser",
    "RuleResolver",
    "load_resolver",
    "read_model_version",
]

MODEL_FILE = files(__package__) / "data" / "place_resolver.json"
#: The resolver used when the ``place_resolver`` setting is not given.
DEFAULT_RESOLVER = "learned"

#: A town under this population needs its country or its division named in the article.
SMALL_TOWN = 100000
#: A town under this population needs its division named, or a qualifier after its name.
TINY_TOWN = _build.TINY_TOWN
#: Within this distance (km) a resolved point counts as correct (100 miles, the field's usual bar).
CORRECT_KM = 161.0
#: What lying within CORRECT_KM of another place of the article adds to a reading's rule
#: score where no reading was eligible (as much as a named country)
NEAR_BONUS = 4.0

_BROAD = frozenset({"continent", "region", "sea"})
#: what stands between the names of a list ("Silverton and Stayton", "Dallas, Monmouth")
LIST_GAP = re.compile(r",?[ \t]+(?:and|or)[ \t]+|,[ \t]+")
#: words before a name that read it as a place ("in Moberly")
LOCATIVES = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "from",
        "to",
        "into",
        "across",
        "around",
        "via",
        "of",
        "In",
        "At",
        "Near",
        "Outside",
        "From",
        "To",
        "Into",
        "Across",
        "Around",
        "Via",
    }
)
# ", Mo." / ", Missouri" / ", N.Y." / ", Ontario" / ", France": up to four words after a comma
_QUALIFIER = re.compile(r"[ \t]*,[ \t]*((?:[A-Z][\w.'’\-]*\.?)(?:[ \t]+[A-Z][\w.'’\-]*){0,3})")
# the title of a division's government or body after a name that names both a division and
# a city ("Quebec Premier", "Washington Gov.", "New York state legislature"); of them, only
# those no state has also read a name that a state shares ("Georgia Gov.", not "Georgia
# Premier" nor a central bank's "Governor")
_SUBNATIONAL_TITLES = "|".join(
    (
        r"Gov\.",
        r"Lt\.[ \t]+Gov\.",
        r"Lieutenant[ \t]+Governor",
        r"[Ss]tate[ \t]+(?:[Ll]egislature|[Aa]ssembly|[Ss]enate|[Gg]overnment)",
    )
)
SUBNATIONAL_TITLE_AFTER = re.compile(r"[ \t]+(?:" + _SUBNATIONAL_TITLES + r")(?!\w)")
DIVISION_TITLE_AFTER = re.compile(
    r"[ \t]+(?:" + _SUBNATIONAL_TITLES + r"|Premier(?![ \t]+League)|Governor|Chief[ \t]+Minister|[Ll]egislature|"
    r"[Pp]rovincial)(?!\w)"
)
_DATELINE_AFTER = re.compile(
    r"^(?:\s*,\s*[A-Za-z .]+)?\s*(?:\(\w[\w .]*\)\s*)?(?:[-–—]|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d)"
)


class PlaceCandidate(NamedTuple):
    """One reading of a toponym, computed once per dictionary key.

    ``kind`` is ``"place"`` or ``"state"`` (a country sharing its name with a division:
    "Georgia"); ``region`` is ``"<ISO2>.<admin1 code>"`` of the place's first-order
    division (its own for a division), or ``None``.
    """

    # the field shadows tuple.index (a method); renaming it would leave old readers the method
    index: int  # type: ignore[assignment]
    kind: str
    country: str | None
    population: int
    feature: str
    capital: bool
    region: str | None
    lat: float | None
    lon: float | None
    form: str
    log_population: float
    town_size: int  # 0 for anything but a town; 1 for a small town; 2 for a tiny one


def only_tiny_towns(surface: Sequence[Any]) -> bool:
    """True for a dictionary key that names nothing but towns under :data:`TINY_TOWN`."""
    best, _, cands = surface[0], surface[1], surface[2]
    return best[2] == "place" and bool(cands) and all(c.town_size == 2 for c in cands)


def make_candidate(index: int, entity: Mapping[str, Any], form: str, iso2_of: Mapping[str, str]) -> PlaceCandidate:
    """Return the :class:`PlaceCandidate` of one gazetteer record."""
    attributes = entity.get("attributes", {})
    kind = entity["kind"]
    country = entity.get("country")
    feature = "state" if kind == "state" else attributes.get("feature", "place")
    admin1 = attributes.get("admin1")
    region = f"{iso2_of[country]}.{admin1}" if admin1 and country is not None and country in iso2_of else None
    coordinates = entity.get("coordinates") or (None, None)
    population = int(attributes.get("population", 0) or 0)
    capital = bool(attributes.get("capital_of"))
    size = 0
    if feature == "city" and not capital:
        size = 2 if population < TINY_TOWN else 1 if population < SMALL_TOWN else 0
    return PlaceCandidate(
        index=index,
        kind=kind,
        country=country,
        population=population,
        feature=feature,
        capital=capital,
        region=region,
        lat=coordinates[0],
        lon=coordinates[1],
        form=form,
        log_population=math.log10(population + 10),
        town_size=size,
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of 6,371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


#: One record a qualifier may name: ``(region, country, entity index, form)``; *region* is
#: ``None`` for a state.
QualifierEntry = tuple[str | None, str | None, int, str]


class Qualifier(NamedTuple):
    """What follows a place name after a comma: a division ("Mo.", "Ontario") or a country."""

    start: int
    end: int
    region: str | None
    country: str | None
    index: int  # type: ignore[assignment]  # shadows tuple.index, as PlaceCandidate.index
    form: str


def _qualifier_of(entries: Sequence[QualifierEntry], cands: Sequence[PlaceCandidate]) -> QualifierEntry:
    """Of the records one qualifier may name, the division holding one of the place's
    candidates, else a record of a candidate's country, else the first (the most populous)."""
    regions = {c.region for c in cands if c.kind == "place"}
    for entry in entries:
        if entry[0] is not None and entry[0] in regions:
            return entry
    countries = {c.country for c in cands if c.kind == "place"}
    for entry in entries:
        if entry[1] in countries:
            return entry
    return entries[0]


class ArticleContext:
    """What one article says about where it is: the countries it names (through states,
    demonyms, capitals), the first-order divisions its place names can stand for, and the
    points of its other places (filled by :class:`PlaceChooser`)."""

    __slots__ = ("anchors", "countries", "implied", "located", "regions")

    def __init__(
        self, countries: Mapping[str, int] | None = None, regions: Mapping[str, set[Any]] | None = None
    ) -> None:
        self.countries: dict[str, int] = dict(countries or {})
        # countries the article names only through a division of theirs ("Lake Charles,
        # La."): their towns are eligible, but the country counts for no candidate's score
        self.implied: set[str] = set()
        # division -> the names (ids of candidate tuples) that may stand for it
        self.regions: dict[str, set[Any]] = {k: set(v) for k, v in (regions or {}).items()}
        # name -> the point the rules chose for it; the learned resolver measures distances
        self.anchors: dict[Any, tuple[float, float, str | None]] = {}
        # names the text uses as places at least once ("in Moberly", "near Moberly")
        self.located: set[Any] = set()

    def near_another_place(self, c: PlaceCandidate, own: Any) -> bool:
        """True when *c* lies within :data:`CORRECT_KM` of the point chosen for another name."""
        if c.lat is None or c.lon is None:
            return False
        return any(
            distance_km(c.lat, c.lon, lat, lon) <= CORRECT_KM
            for name, (lat, lon, _) in self.anchors.items()
            if name != own
        )

    def region_named(self, region: str | None, own: Any) -> bool:
        """True when a name other than *own* may stand for *region*."""
        if region is None:
            return False
        names = self.regions.get(region)
        return bool(names and (len(names) > 1 or own not in names))


# -- resolvers -----------------------------------------------------------------------------


def eligible(
    cands: Sequence[PlaceCandidate], context: ArticleContext, own: Any, qualifier: Qualifier | None
) -> list[PlaceCandidate]:
    """Return the candidates the article allows (see the module docstring). A small town
    is also allowed within :data:`CORRECT_KM` of another place of the article (its
    anchors, once the learned resolver has them): "Pekin" beside "East Peoria"."""
    if qualifier is not None:
        if qualifier.form == "title":  # the division a title after the name reads
            return [c for c in cands if c.index == qualifier.index]
        pinned = [
            c
            for c in cands
            if (qualifier.region is not None and c.region == qualifier.region)
            or (qualifier.region is None and c.country == qualifier.country)
        ]
        if pinned:
            return pinned
    out = []
    countries = context.countries
    # a town named like a division ("Ontario", Oregon) needs a qualifier
    division = any(c.feature == "admin1" for c in cands)
    # a city's alternate name yields to a larger record of another country whose own name
    # it is ("Florida": the US state, not Floridablanca; "Salvador": the Brazilian city, not
    # San Salvador), within one country it need not ("New York", the city's); and to a
    # record of its own name near another place of the article where the city is not
    # ("Brunswick" beside "Savannah": the Georgian town, not Braunschweig; "Newtown" beside
    # "Bridgeport": the Connecticut town, not Tallahassee)
    own_names = [c for c in cands if c.form == "name"]
    for c in cands:
        if (
            c.form == "alias"
            and c.feature == "city"
            and any(
                (o.country != c.country and o.population > c.population)
                or (
                    # "the German chancellor ... in Hanover": the country named keeps it
                    (o.country == c.country or c.country not in countries)
                    and context.near_another_place(o, own)
                    and not context.near_another_place(c, own)
                )
                for o in own_names
            )
        ):
            continue
        size = c.town_size
        if size and division:
            continue
        if size == 2:
            if own not in context.located or not context.region_named(c.region, own):
                continue
        elif (
            size == 1
            and c.country not in countries
            and c.country not in context.implied
            and not context.region_named(c.region, own)
            and not context.near_another_place(c, own)
        ):
            continue
        out.append(c)
    return out


class RuleResolver:
    """Ranks candidates by population, with bonuses for a named country (+4), a named
    division (+2), a capital written by a name of its own, not an alternate one (+2), a
    continent, region or sea (+3) and a state (+3)."""

    name = "rules"
    version = "rules-2"

    def score(
        self,
        cands: Sequence[PlaceCandidate],
        context: ArticleContext,
        own: Any,
        qualifier: Qualifier | None,
        dateline: bool,
    ) -> list[float]:
        countries = context.countries
        scores = []
        for c in cands:
            score = c.log_population
            if c.country in countries:
                score += 4.0
            if context.region_named(c.region, own):
                score += 2.0
            if c.capital and c.form != "alias":
                score += 2.0
            if c.feature in _BROAD or c.kind == "state":
                score += 3.0
            scores.append(score)
        return scores


#: The features of the learned resolver, in the model file's order.
FEATURES = (
    # the rules' score carries population, capital status and the countries and divisions
    # the article names; the model learns where the evidence the rules lack overrides it
    "rule_score",
    "rule_best",
    "city",
    "division",
    "state",
    "alias",
    "small_town",
    "tiny_town",
    "city_beside_division",
    # the other places of the article: distance to the nearest, share in the same country
    "anchor_km",
    "anchor_near",
    "anchor_country_share",
)


def features(
    cands: Sequence[PlaceCandidate], context: ArticleContext, own: Any, qualifier: Qualifier | None, dateline: bool
) -> list[list[float]]:
    """Return one row of :data:`FEATURES` per candidate."""
    countries = context.countries
    anchors = [point for name, point in context.anchors.items() if name != own]
    top = max((c.log_population for c in cands), default=0.0)
    division = any(c.feature == "admin1" for c in cands)  # "New York": the city or the state
    # the rules' score is a feature: the model learns where the other evidence overrides it
    rule_scores = _RULES.score(cands, context, own, qualifier, dateline)
    rule_top = max(rule_scores, default=0.0)
    rows = []
    for c, rule_score in zip(cands, rule_scores):
        size = c.town_size
        mentions = countries.get(c.country, 0) if c.country else 0
        if anchors and c.lat is not None:
            nearest = min(distance_km(c.lat, c.lon, lat, lon) for lat, lon, _ in anchors)  # type: ignore[arg-type]
            share = sum(1 for *_, country in anchors if country == c.country) / len(anchors)
            anchor_km, near, no_anchor = math.log1p(nearest) / 10.0, float(nearest <= CORRECT_KM), 0.0
        else:
            anchor_km, near, share, no_anchor = 0.0, 0.0, 0.0, 1.0
        log_population = c.log_population
        values = {
            "log_population": log_population / 10.0,
            "city": float(c.feature == "city"),
            "division": float(c.feature == "admin1"),
            "broad": float(c.feature in _BROAD),
            "state": float(c.kind == "state"),
            "capital": float(c.capital),
            "alias": float(c.form == "alias"),
            "small_town": float(size == 1),
            "tiny_town": float(size == 2),
            "country_named": float(mentions > 0),
            "country_mentions": math.log1p(mentions),
            "division_named": float(context.region_named(c.region, own)),
            "largest": float(log_population >= top),
            "log_population_gap": (log_population - top) / 10.0,
            "anchor_km": anchor_km,
            "anchor_near": near,
            "anchor_country_share": share,
            "no_anchor": no_anchor,
            "dateline_city": float(dateline and c.feature == "city"),
            "city_beside_division": float(division and c.feature == "city"),
            "rule_score": rule_score / 10.0,
            "rule_best": float(rule_score >= rule_top),
        }
        rows.append([values[name] for name in FEATURES])
    return rows


_RULES = RuleResolver()


class LearnedResolver:
    """Ranks candidates with a logistic model over :data:`FEATURES` (the probability
    that a candidate lies within 161 km of the place meant). Inference is a dot product: the
    model file holds the weights, the training library is needed only to rebuild it."""

    name = "learned"

    def __init__(self, model: Mapping[str, Any]) -> None:
        if list(model.get("features", ())) != list(FEATURES):
            raise ConfigError(
                "place resolver model: its features do not match this version of geotext-gazetteer; "
                "rebuild it with tools/train_resolver.py"
            )
        self.version: str = model["version"]
        self.weights: list[float] = [float(w) for w in model["weights"]]
        self.intercept: float = float(model["intercept"])
        self.meta: dict[str, Any] = dict(model.get("meta", {}))

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> LearnedResolver:
        """Read a model file (the shipped ``data/place_resolver.json`` by default).

        Raises:
            ConfigError: the file is missing or not a model of this version.
        """
        source = Path(str(path if path is not None else MODEL_FILE))
        try:
            model = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{source}: cannot read the place resolver model ({exc})") from None
        if not isinstance(model, dict) or "weights" not in model:
            raise ConfigError(f"{source}: not a place resolver model")
        return cls(model)

    def score(
        self,
        cands: Sequence[PlaceCandidate],
        context: ArticleContext,
        own: Any,
        qualifier: Qualifier | None,
        dateline: bool,
    ) -> list[float]:
        weights, intercept = self.weights, self.intercept
        return [
            intercept + sum(w * x for w, x in zip(weights, row))
            for row in features(cands, context, own, qualifier, dateline)
        ]


def read_model_version(path: str | Path | None = None) -> str:
    """Return the version of the shipped place resolver model (``"unknown"`` without one)."""
    try:
        return str(json.loads(Path(str(path if path is not None else MODEL_FILE)).read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"


def load_resolver(setting: str | None) -> RuleResolver | LearnedResolver:
    """Return the resolver a ``place_resolver`` setting names: ``"learned"``, ``"rules"``,
    or the path of a model file; :data:`DEFAULT_RESOLVER` when ``None``.

    Raises:
        ConfigError: an unknown setting or an unreadable model.
    """
    if setting in (None, ""):
        setting = DEFAULT_RESOLVER
    if setting == "learned":
        return LearnedResolver.from_file()
    if setting == "rules":
        return RuleResolver()
    if isinstance(setting, (str, Path)) and str(setting).endswith(".json"):
        return LearnedResolver.from_file(setting)
    raise ConfigError(f"gazetteer setting place_resolver={setting!r}: use 'learned', 'rules' or a model .json file")


# -- one article ---------------------------------------------------------------------------


class PlaceChooser:
    """Chooses places for one article; made by the tagger with the article's context.

    Args:
        text: the article's text.
        context: what the article names (see :class:`ArticleContext`).
        resolver: a :class:`RuleResolver` or :class:`LearnedResolver`.
        qualifiers: division and country names and abbreviations that may follow a place
            name after a comma, as ``{text: (QualifierEntry, ...)}`` (the first is the
            default when the place says nothing).
        lookup: returns the candidates of any span text (used by :meth:`candidates`).
        names: a cache of names' identities, shared between articles (see :meth:`name_of`).
    """

    def __init__(
        self,
        text: str,
        context: ArticleContext,
        resolver: RuleResolver | LearnedResolver,
        qualifiers: Mapping[str, tuple[QualifierEntry, ...]],
        lookup: Any = None,
        names: dict[int, tuple[int, ...]] | None = None,
    ) -> None:
        self.text = text
        self.context = context
        self.resolver = resolver
        self.qualifiers = qualifiers
        self.lookup = lookup
        self.rules = resolver if isinstance(resolver, RuleResolver) else RuleResolver()
        self._chosen: dict[tuple[Any, ...], tuple[int | None, float]] = {}
        # id(candidates) -> the name's identity; candidate tuples live as long as the tagger
        self._names: dict[int, tuple[int, ...]] = names if names is not None else {}
        self.pinned: dict[tuple[int, ...], Qualifier] = {}  # a name qualified somewhere in the article
        self.decisions: list[tuple[int, int, int | None, float]] = []  # (start, end, choice, score)
        self._names_seen: Sequence[tuple[int, int, Sequence[PlaceCandidate]]] = ()
        self._qualifying: dict[int, Qualifier] = {}  # start -> a division named after a place
        self._anchored = False

    def candidates(self, span: str) -> tuple[PlaceCandidate, ...]:
        """Return the places (and same-named states) *span* may name: any casing, with or
        without a final possessive; empty when the gazetteer knows no such place."""
        return self.lookup(span) if self.lookup is not None else ()

    def qualifier_after(self, end: int, cands: Sequence[PlaceCandidate] = ()) -> Qualifier | None:
        """Return the division or country named right after a place name ("Paris, Mo."). Of
        the records a name may stand for ("Punjab"), the one holding a place of *cands*
        (the place name's candidates: "Amritsar, Punjab" is India's)."""
        match = _QUALIFIER.match(self.text, end)
        if match is None:
            return None
        words = match.group(1).split()
        start = match.start(1)
        while words:
            phrase = " ".join(words)
            found = self.qualifiers.get(phrase)
            if found is None and phrase.endswith(".") and phrase[:-1] in self.qualifiers:
                phrase = phrase[:-1]  # "Calif." at the end of a sentence: the dot is also the stop
                found = self.qualifiers[phrase]
            if found is not None:
                stop = start + len(phrase)
                if stop < len(self.text) and (self.text[stop].isalnum()):
                    return None
                return Qualifier(start, stop, *_qualifier_of(found, cands))
            words.pop()
        return None

    def in_dateline(self, start: int, end: int) -> bool:
        """True for a place opening a line and followed by a date or dash ("PARIS, Mo. --")."""
        line_start = self.text.rfind("\n", 0, start) + 1
        return not self.text[line_start:start].strip() and bool(_DATELINE_AFTER.match(self.text[end : end + 60]))

    def name_of(self, cands: Sequence[PlaceCandidate]) -> tuple[int, ...]:
        """Return the identity of a name: its candidates' indexes ("PARIS" and "Paris" are one)."""
        key = self._names.get(id(cands))
        if key is None:
            key = self._names[id(cands)] = tuple(c.index for c in cands)
        return key

    def prepare(self, names: Sequence[tuple[int, int, Sequence[PlaceCandidate]]]) -> None:
        """Note the qualifiers of the article's names (a name qualified once, "PARIS, Mo.",
        stays that place where it comes back alone) and which names the text reads as places
        ("in Moberly"). *names* holds ``(start, end, candidates)``."""
        text = self.text
        located_end = -1  # the end of the last name read as a place, for lists after it
        for start, end, cands in names:
            before = text[max(0, start - 12) : start].split()
            if (before and before[-1] in LOCATIVES) or (
                # "near Silverton and Stayton": a list after a locative preposition is a list
                # of places. Only for names of small towns alone: "in Washington, New York
                # and Boston" does not make the hamlets named Boston candidates
                located_end >= 0
                and LIST_GAP.fullmatch(text, located_end, start)
                and all(c.town_size == 2 for c in cands)
            ):
                self.context.located.add(self.name_of(cands))
                located_end = end
            if end < len(text) and text[end] == ",":
                qualifier = self.qualifier_after(end, cands)
                if qualifier is not None:
                    self.pinned.setdefault(self.name_of(cands), qualifier)
                    self._qualifying[qualifier.start] = qualifier
                    if qualifier.region is not None:
                        self.context.regions.setdefault(qualifier.region, set()).add(-1)
        self._names_seen = names

    def qualifying(self) -> list[Qualifier]:
        """The qualifiers :meth:`prepare` found after the article's place names, in text order."""
        return [self._qualifying[start] for start in sorted(self._qualifying)]

    def _prepare_anchors(self) -> None:
        """Record the rules' choice for every distinct name: the points the learned
        resolver measures distances from (made once, when a name first needs them)."""
        self._anchored = True
        # filled apart and set at the end: the rules choose the anchors without them
        anchors: dict[Any, tuple[float, float, str | None]] = {}
        for _start, _end, cands in self._names_seen:
            own = self.name_of(cands)
            if own in anchors:
                continue
            choice = self._rank(self.rules, cands, own, self.pinned.get(own), False)
            if choice is not None:
                c = choice[0]
                if c.lat is not None:
                    anchors[own] = (c.lat, c.lon, c.country)  # type: ignore[assignment]
        self.context.anchors = anchors

    def choose(self, start: int, end: int, cands: Sequence[PlaceCandidate]) -> tuple[int | None, Qualifier | None]:
        """Return the entity index the name at ``start:end`` stands for (``None``: not a
        place), and the qualifier that pinned it, if any. One choice per distinct name and
        qualifier in an article."""
        own = self.name_of(cands)
        qualifier = self.qualifier_after(end, cands) if end < len(self.text) and self.text[end] == "," else None
        titled = None
        if qualifier is None and end < len(self.text) and self.text[end] == " " and len(cands) > 1:
            titled = self._division_by_title(start, end, cands)
        pin = qualifier or titled or self.pinned.get(own)
        if pin is None:
            # the qualifier itself ("Georgia" in "Atlanta, Georgia"): the division it names,
            # whatever the same name stands for elsewhere in the article
            qualifying = self._qualifying.get(start)
            if qualifying is not None and qualifying.end == end and qualifying.region is not None:
                pin = qualifying
        key = (own, pin[2:4] if pin else None, pin is not None and pin.form == "title")
        found = self._chosen.get(key)
        if found is None:
            dateline = qualifier is not None and self.in_dateline(start, end)
            ranked = self._rank(self.resolver, cands, own, pin, dateline)
            found = self._chosen[key] = (ranked[0].index, ranked[1]) if ranked else (None, 0.0)
        self.decisions.append((start, end, found[0], found[1]))
        return found[0], qualifier

    def _division_by_title(self, start: int, end: int, cands: Sequence[PlaceCandidate]) -> Qualifier | None:
        """The division a title after the name reads it as ("Quebec| Premier"), for this
        mention alone: a title after one mention is weaker evidence than a qualifier."""
        divisions = [c for c in cands if c.feature == "admin1"]
        if len(divisions) != 1 or self.text[max(0, start - 3) : start] == "of ":
            return None  # "National Bank of Georgia Governor"
        title = (SUBNATIONAL_TITLE_AFTER if any(c.kind == "state" for c in cands) else DIVISION_TITLE_AFTER).match(
            self.text, end
        )
        if title is None:
            return None
        c = divisions[0]
        return Qualifier(end, end, c.region, c.country, c.index, "title")

    def best_of_all(self, cands: Sequence[PlaceCandidate]) -> int | None:
        """The rules' choice among every candidate, the article's rules of eligibility aside
        (the learned resolver is trained on eligible readings only, and its weights for
        small towns mean nothing here), a town near another place of the article first: for
        a name the recogniser reads as a place when none was eligible."""
        if not cands:
            return None
        if not self._anchored and not isinstance(self.resolver, RuleResolver):
            self._prepare_anchors()
        own = self.name_of(cands)
        scores = [
            score + NEAR_BONUS * self.context.near_another_place(c, own)
            for c, score in zip(cands, self.rules.score(cands, self.context, own, self.pinned.get(own), False))
        ]
        return cands[max(range(len(cands)), key=scores.__getitem__)].index

    def _rank(
        self,
        resolver: RuleResolver | LearnedResolver,
        cands: Sequence[PlaceCandidate],
        own: Any,
        qualifier: Qualifier | None,
        dateline: bool,
    ) -> tuple[PlaceCandidate, float] | None:
        allowed = eligible(cands, self.context, own, qualifier)
        if (
            not self._anchored
            and not isinstance(resolver, RuleResolver)
            and (len(allowed) > 1 or any(c.town_size == 1 for c in cands if c not in allowed))
        ):
            # the anchors rank the readings and may make a small town eligible
            self._prepare_anchors()
            allowed = eligible(cands, self.context, own, qualifier)
        if not allowed:
            return None
        if len(allowed) == 1:
            return allowed[0], 0.0
        scores = resolver.score(allowed, self.context, own, qualifier, dateline)
        best = max(range(len(allowed)), key=scores.__getitem__)  # the first of equals: the data's order
        return allowed[best], scores[best]
