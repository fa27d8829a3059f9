"""Score geotext's installed plugins on public gold data; print JSON and a Markdown table.

Usage::

    python bench/evaluate.py                         # every data set under ../shared/eval
    python bench/evaluate.py --only conll,plover-dyads --json bench/_results/eval.json
    python bench/evaluate.py --file conll=../shared/eval/conll2003/eng.testb.jsonl
    python bench/evaluate.py --sample                # the tiny built-in sample (smoke test)

It runs whatever plugins are installed, through the public API
(``Pipeline.analyze(Article(text=..., published=...))``), so no parser is needed. The
metric definitions are in ``bench/README.md``; the metric functions in
``bench/scoring.py``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import product
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import geotext
import scoring
from geotext import Analysis, Article, Entity, Pipeline
from geotext.exceptions import ConfigError, GeotextError, ParseError

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval"

#: geotext entity kind → CoNLL-2003 label. Demonym, title and pronoun mentions are left
#: out: CoNLL tags nationalities ("German") as MISC and never tags titles or pronouns.
CONLL_LABELS = {
    "state": "LOC",
    "place": "LOC",
    "person": "PER",
    "organisation": "ORG",
    "group": "ORG",
}
CONLL_SKIPPED_FORMS = frozenset({"demonym", "title", "pronoun", "agent"})

#: GeoWebNews span types that are toponyms (Gritta et al. 2019); Demonym and Language
#: are optional in the paper and left out here, as are *_Expression, Non_Toponym, Homonym.
GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal",
        "Mixed",
        "Metonymic",
        "Coercion",
        "Embedded_Literal",
        "Embedded_Non_Lit",
        "Literal_Modifier",
        "Non_Literal_Modifier",
    }
)
GEO_KINDS = frozenset({"state", "place"})


# -- reading --------------------------------------------------------------------------------


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON Lines file; a bad line raises ParseError naming it."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ParseError(f"cannot open: {exc.strerror}", source=str(path)) from None
    with handle:
        for number, line in enumerate(handle):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ParseError(f"not JSON: {exc.msg}", source=str(path), record=number) from None
            if not isinstance(record, dict):
                raise ParseError("not a JSON object", source=str(path), record=number)
            yield record


def field(record: Mapping[str, Any], name: str, path: Path, number: int) -> Any:
    """Return ``record[name]``, or raise ParseError naming the file and record."""
    try:
        return record[name]
    except KeyError:
        raise ParseError(f"missing field {name!r}", source=str(path), record=number) from None


def parse_date(value: Any) -> dt.datetime | None:
    """Dates in the data sets: ``1996-08-30`` or PETRARCH's ``19950101``; else ``None``."""
    if not isinstance(value, str):
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(value[:10], fmt)
        except ValueError:
            continue
    return None


# -- running geotext --------------------------------------------------------------------------


class Runner:
    """Analyses texts with one pipeline, caching results and collecting failures.

    Args:
        pipeline: the pipeline to run.
    """

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.failures: list[dict[str, Any]] = []
        self._cache: dict[tuple[str, Any], Analysis | None] = {}

    def __call__(self, text: str, published: Any = None, *, name: str = "") -> Analysis | None:
        key = (text, published)
        if key not in self._cache:
            try:
                article = Article(text=text, published=parse_date(published))
                self._cache[key] = self.pipeline.analyze(article)
            except GeotextError as exc:
                self.failures.append({"record": name, "error": type(exc).__name__, "message": str(exc)})
                self._cache[key] = None
        return self._cache[key]


def entity_iso3(entity: Entity, *, own_only: bool = False) -> str | None:
    """The ISO3 code an entity stands for: ``iso:XXX``, its ``ids["iso3"]``, else its country.

    With *own_only*, only the entity's own code (a state), never the country it lies in.
    """
    if entity.id.startswith("iso:"):
        return scoring.normalise_iso3(entity.id[4:])
    if entity.ids.get("iso3"):
        return scoring.normalise_iso3(entity.ids["iso3"])
    return None if own_only else scoring.normalise_iso3(entity.country)


def dyad_actor(entity: Entity) -> str | None:
    """The PLOVER GSR actor code of an entity: ``IGO`` for an international organisation
    (``igo:*``), as the gold codes the UN, NATO or the EU; ``IMG`` for an armed or political
    group of no one country (``group:*`` without a country), as CAMEO codes al-Qaeda; else
    its ISO3 code."""
    if entity.id.startswith("igo:"):
        return "IGO"
    if entity.kind == "group" and entity.country is None:
        return "IMG"
    return entity_iso3(entity)


def mentions_in(analysis: Analysis, start: int, end: int) -> list[tuple[geotext.Mention, Entity]]:
    """Mentions at exactly ``[start, end)`` first, then those overlapping it."""
    exact, overlapping = [], []
    for mention, entity in analysis.mentions():
        if mention.start == start and mention.end == end:
            exact.append((mention, entity))
        elif scoring.overlaps((mention.start, mention.end), (start, end)):
            overlapping.append((mention, entity))
    return exact + overlapping


# -- entities ---------------------------------------------------------------------------------


def score_conll(path: Path, run: Runner) -> dict[str, Any]:
    """CoNLL-2003 LOC/PER/ORG exact-span P/R/F1 (MISC left out)."""
    gold: list[tuple[Any, ...]] = []
    pred: list[tuple[Any, ...]] = []
    records = 0
    for number, record in enumerate(read_jsonl(path)):
        records += 1
        doc = record.get("id", number)
        text = field(record, "text", path, number)
        for item in field(record, "entities", path, number):
            if item["label"] in ("LOC", "PER", "ORG"):
                gold.append((doc, item["start"], item["end"], item["label"]))
        analysis = run(text, record.get("date"), name=f"{path}:{number}")
        if analysis is None:
            continue
        found = set()
        for mention, entity in analysis.mentions():
            label = CONLL_LABELS.get(entity.kind)
            if label and mention.form not in CONLL_SKIPPED_FORMS:
                found.add((doc, mention.start, mention.end, label))
        pred.extend(found)
    result: dict[str, Any] = {"records": records, "all": scoring.multiset_prf(gold, pred)}
    for label in ("LOC", "PER", "ORG"):
        result[label] = scoring.multiset_prf([g for g in gold if g[3] == label], [p for p in pred if p[3] == label])
    return result


def score_geowebnews(path: Path, run: Runner) -> dict[str, Any]:
    """GeoWebNews toponym recognition P/R/F1 and resolution accuracy within 161 km."""
    gold: list[tuple[Any, ...]] = []
    pred: list[tuple[Any, ...]] = []
    pairs: list[tuple[tuple[float, float], tuple[float, float] | None]] = []
    records = 0
    for number, record in enumerate(read_jsonl(path)):
        records += 1
        doc = record.get("id", number)
        text = field(record, "text", path, number)
        analysis = run(text, None, name=f"{path}:{number}")
        toponyms = [t for t in field(record, "toponyms", path, number) if t.get("span_ok", True)]
        gold.extend((doc, t["start"], t["end"]) for t in toponyms if t["type"] in GWN_TOPONYM_TYPES)
        if analysis is not None:
            pred.extend(
                {
                    (doc, m.start, m.end)
                    for m, e in analysis.mentions()
                    if e.kind in GEO_KINDS and m.form not in CONLL_SKIPPED_FORMS
                }
            )
        for toponym in toponyms:
            if "lat" not in toponym or "lon" not in toponym:
                continue
            point = None
            if analysis is not None:
                # the place named at the span first ("Beijing" the city before China as its capital)
                candidates = [
                    e
                    for m, e in mentions_in(analysis, toponym["start"], toponym["end"])
                    if m.start == toponym["start"]
                    and m.end == toponym["end"]
                    and e.kind in GEO_KINDS
                    and e.coordinates is not None
                ]
                candidates.sort(key=lambda e: e.kind != "place")
                if candidates:
                    point = (candidates[0].coordinates.lat, candidates[0].coordinates.lon)
            pairs.append(((toponym["lat"], toponym["lon"]), point))
    resolution = scoring.resolution_accuracy(pairs)
    return {
        "records": records,
        "recognition": scoring.multiset_prf(gold, pred),
        # end to end: a gold toponym geotext did not recognise counts as wrong
        "resolution_161km": resolution,
        # on the gold toponyms geotext recognised: comparable to scores given gold spans
        "resolution_161km_recognised": {"accuracy": resolution["accuracy_resolved"], "n": resolution["resolved"]},
    }


def score_n3(path: Path, run: Runner) -> dict[str, Any]:
    """N3 Reuters-128: accuracy of the state linked at each gold mention that has an ISO3 code."""
    correct = total = linked = 0
    records = 0
    for number, record in enumerate(read_jsonl(path)):
        records += 1
        gold = [e for e in field(record, "entities", path, number) if e.get("iso3")]
        if not gold:
            continue
        analysis = run(field(record, "text", path, number), None, name=f"{path}:{number}")
        for item in gold:
            total += 1
            codes = []
            if analysis is not None:
                codes = [
                    code
                    for m, e in mentions_in(analysis, item["start"], item["end"])
                    if (code := entity_iso3(e, own_only=True))
                ]
            linked += bool(codes)
            correct += bool(codes) and codes[0] == scoring.normalise_iso3(item["iso3"])
    return {"records": records, "linking": {**scoring.accuracy(correct, total), "linked": linked}}


def _iso_country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_3 for country in pycountry.countries)


def score_plover_actors(path: Path, run: Runner) -> dict[str, Any]:
    """PLOVER GSR: ISO3 of the actor linked at each gold actor span that is a country."""
    countries = _iso_country_codes()
    correct = total = 0
    records = 0
    for number, record in enumerate(read_jsonl(path)):
        records += 1
        analysis = run(field(record, "text", path, number), record.get("date"), name=f"{path}:{number}")
        for event in field(record, "events", path, number):
            for actor in [*event.get("source_actors", ()), *event.get("target_actors", ())]:
                code = scoring.normalise_iso3(actor.get("code"))
                if "start" not in actor or code not in countries:
                    continue
                total += 1
                if analysis is None:
                    continue
                found = mentions_in(analysis, actor["start"], actor["end"])
                found.sort(key=lambda pair: pair[1].kind != "state")  # stable: exact spans stay first
                codes = [c for _, e in found if (c := entity_iso3(e))]
                correct += bool(codes) and codes[0] == code
    return {"records": records, "actor_iso3": scoring.accuracy(correct, total)}


def predicted_dyads(
    analysis: Analysis, to_plover: Callable[[str | None], str | None]
) -> list[tuple[str | None, str | None, str]]:
    """(source ISO3, target ISO3, gold-style PLOVER category) of every claim.

    A claim with no target gives None as target, except a compound subject with no
    target ("A and B agreed"), which gives the ordered pairs among its sources, as the
    gold's reciprocal records do.
    """
    dyads = []
    for claim in analysis.claims:
        category = scoring.gsr_category(claim.plover or to_plover(claim.cameo), claim.plover_mode, claim.cameo)
        if not category:
            continue
        sources = [dyad_actor(analysis.entity(s)) for s in claim.sources]
        targets = [dyad_actor(analysis.entity(t)) for t in claim.targets]
        if not targets and len(set(sources) - {None}) > 1:
            dyads.extend((s, t, category) for s, t in product(sources, sources) if s and t and s != t)
            continue
        dyads.extend((s, t, category) for s, t in product(sources or [None], targets or [None]) if s is not None)
    return dyads


def score_plover_dyads(path: Path, run: Runner) -> dict[str, Any]:
    """PLOVER GSR: (source, target, category) dyad P/R/F1 and per-field accuracy."""
    table = path.parent / "cameo2plover.jsonl"
    to_plover = scoring.CameoToPlover(read_jsonl(table)) if table.exists() else scoring.CameoToPlover([])
    gold_all: list[tuple[Any, ...]] = []
    pred_all: list[tuple[Any, ...]] = []
    fields: dict[str, dict[str, Any]] = {}
    records = 0
    for number, record in enumerate(read_jsonl(path)):
        records += 1
        gold = [
            (scoring.normalise_iso3(d.get("source")), scoring.normalise_iso3(d.get("target")), d["code"].upper())
            for d in field(record, "dyads", path, number)
        ]
        analysis = run(field(record, "text", path, number), record.get("date"), name=f"{path}:{number}")
        pred = predicted_dyads(analysis, to_plover) if analysis is not None else []
        gold_all.extend((number, *d) for d in gold)
        pred_all.extend((number, *d) for d in set(pred))
        scoring.add_counts(fields, scoring.field_accuracy(gold, pred, ("source", "target", "category")))
    return {
        "records": records,
        "dyads": scoring.multiset_prf(gold_all, pred_all),
        "fields": fields,
        "cameo2plover_rows": len(to_plover.table),
    }


def _spans(items: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    return [(item["start"], item["end"]) for item in items]


def speaker_span(analysis: Analysis, claim: geotext.Claim) -> tuple[int, int] | None:
    """The speaker as written (``claim.speaker_span``), else the speaker entity's mention
    in the claim's sentence (else its last mention before it)."""
    if claim.speaker_span is not None:
        return (claim.speaker_span.start, claim.speaker_span.end)
    if claim.speaker is None:
        return None
    first = claim.evidence[0]
    mentions = analysis.entity(claim.speaker).mentions
    inside = [m for m in mentions if first.sentence_start <= m.start and m.end <= first.sentence_end]
    before = [m for m in mentions if m.end <= first.sentence_start]
    chosen = inside[0] if inside else (before[-1] if before else None)
    return None if chosen is None else (chosen.start, chosen.end)


def score_polnear(path: Path, run: Runner) -> dict[str, Any]:
    """PolNeAR: source, cue and content span-overlap P/R/F1 of attributions, and whole
    attributions (triple: source, cue and content each overlap one gold attribution's)."""
    gold: dict[str, dict[Any, list[tuple[int, int]]]] = {"source": {}, "cue": {}, "content": {}}
    pred: dict[str, dict[Any, list[tuple[int, int]]]] = {"source": {}, "cue": {}, "content": {}}
    gold_triples: dict[Any, list[scoring.Triple]] = {}
    pred_triples: dict[Any, list[scoring.Triple]] = {}
    records = 0
    for number, record in enumerate(read_jsonl(path)):
        records += 1
        for attribution in field(record, "attributions", path, number):
            parts = []
            for role in gold:
                spans = _spans(attribution.get(role, ()))
                gold[role].setdefault(number, []).extend(spans)
                parts.append(spans[0] if spans else None)
            gold_triples.setdefault(number, []).append((parts[0], parts[1], parts[2]))
        analysis = run(field(record, "text", path, number), record.get("date"), name=f"{path}:{number}")
        if analysis is None:
            continue
        for claim in analysis.claims:
            if claim.cue_span is None and claim.content is None and claim.speaker is None:
                continue  # a relation stated as fact, not an attribution
            spans = {
                "source": speaker_span(analysis, claim),
                "cue": None if claim.cue_span is None else (claim.cue_span.start, claim.cue_span.end),
                "content": None if claim.content is None else (claim.content.start, claim.content.end),
            }
            for role, span in spans.items():
                if span is not None and span[1] > span[0]:
                    pred[role].setdefault(number, []).append(span)
                else:
                    spans[role] = None
            pred_triples.setdefault(number, []).append((spans["source"], spans["cue"], spans["content"]))
    result: dict[str, Any] = {"records": records}
    for role in gold:
        result[role] = scoring.overlap_prf(gold[role], pred[role])
    result["triple"] = scoring.triple_prf(gold_triples, pred_triples)
    return result


# -- PETRARCH2 ----------------------------------------------------------------------------------

_CODE = re.compile(r"\[([^\]\s]*)")


def read_petrarch_actors(path: Path) -> dict[str, list[str]]:
    """Read a PETRARCH actor dictionary: actor code → names (first is the main name).

    Names use ``_`` for spaces; ``+NAME`` lines are synonyms of the entry above;
    the first ``[CODE]`` of an entry is kept (date-restricted codes are not modelled);
    the discard codes ``---``, ``+++``, ``###`` drop the entry.
    """
    by_code: dict[str, list[str]] = {}
    names: list[str] = []
    code: str | None = None

    def flush() -> None:
        if names and code and not set(code) <= set("-+#"):
            listed = by_code.setdefault(code, [])
            listed.extend(n for n in names if n not in listed)

    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<!"):
            continue
        if raw[:1] in (" ", "\t"):  # a code block belonging to the entry above
            match = _CODE.search(line)
            if match and code is None:
                code = match.group(1).split("/")[0].upper()
            continue
        if line.startswith("+"):
            names.append(_petrarch_name(line[1:]))
            continue
        flush()
        head, _, rest = line.partition("[")
        names = [_petrarch_name(head)]
        code = None
        if rest:
            code = rest.split("]")[0].strip().split("/")[0].split()[0].upper() if rest.strip("] ") else None
    flush()
    return {code: [n for n in found if n] for code, found in by_code.items()}


_SMALL_WORDS = frozenset({"of", "the", "and", "de"})


def _petrarch_name(raw: str) -> str:
    # the dictionary is upper case: keep short single words as acronyms (IMF, PLO, U.S.)
    words = raw.replace("_", " ").split()
    if len(words) == 1 and len(words[0].replace(".", "")) <= 4:
        return words[0]
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w.capitalize() for i, w in enumerate(words))


def petrarch_entries(actors: Mapping[str, list[str]]) -> list[dict[str, str]]:
    """Gazetteer user entries for the actor codes: three-letter codes become states
    (``iso:XXX``; the fictional ones too, so claim extractors treat them as states), longer
    codes groups of the state their first three letters name."""
    rows = []
    for code, names in sorted(actors.items()):
        if not re.fullmatch(r"[A-Z]{3,}", code):
            continue
        if len(code) == 3:
            rows.append(
                {
                    "id": f"iso:{code}",
                    "kind": "state",
                    "name": names[0],
                    "aliases": "|".join(names[1:]),
                    "country": code,
                }
            )
        else:
            rows.append(
                {
                    "id": f"group:{code.lower()}",
                    "kind": "group",
                    "name": names[0],
                    "aliases": "|".join(names[1:]),
                    "country": code[:3],
                }
            )
    return rows


def write_user_entries(rows: Sequence[Mapping[str, str]], path: Path) -> Path:
    """Write gazetteer user entries as CSV ``id,kind,name,aliases,country`` (aliases ``|``-separated).

    The one place that knows the gazetteer's user-entry format: adapt it here if that
    format changes.
    """
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "kind", "name", "aliases", "country"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def actor_code(entity: Entity, codes: Mapping[str, str]) -> str | None:
    """The PETRARCH code of an entity: from the dictionary ids, else its ISO3."""
    return codes.get(entity.id) or entity_iso3(entity)


def score_petrarch(path: Path, run: Runner) -> dict[str, Any]:
    """PETRARCH2 unit tests: CAMEO event-code accuracy, and with the actors' root codes.

    ``run`` must use the pipeline configured with the dictionary entries (see
    :func:`petrarch_runner`); ``run.codes`` maps entity ids back to actor codes.
    """
    codes: Mapping[str, str] = getattr(run, "codes", {})
    counts = {"code": [0, 0], "root": [0, 0], "triple": [0, 0]}
    no_event = [0, 0]
    records = 0
    for number, record in enumerate(read_jsonl(path)):
        if record.get("expect_error"):
            continue
        records += 1
        events = field(record, "events", path, number)
        analysis = run(field(record, "text", path, number), record.get("date"), name=f"{path}:{number}")
        claims = [c for c in (analysis.claims if analysis else ()) if c.cameo]
        if record.get("expect_no_events"):
            no_event[1] += 1
            no_event[0] += not claims
            continue
        pred_codes = {c.cameo for c in claims}
        pred_roots = {c.cameo[:2] for c in claims}
        triples = set()
        for claim in claims:
            sources = [actor_code(analysis.entity(s), codes) for s in claim.sources] or [None]
            targets = [actor_code(analysis.entity(t), codes) for t in claim.targets] or [None]
            for s, t in product(sources, targets):
                triples.add(((s or "")[:3], (t or "")[:3], claim.cameo))
        for event in events:
            for name in counts:
                counts[name][1] += 1
            counts["code"][0] += event["code"] in pred_codes
            counts["root"][0] += event["code"][:2] in pred_roots
            gold = (
                "" if event.get("source_is_text") else event.get("source", "")[:3],
                "" if event.get("target_is_text") else event.get("target", "")[:3],
                event["code"],
            )
            counts["triple"][0] += gold in triples
    return {
        "records": records,
        "event_code": scoring.accuracy(*counts["code"]),
        "event_root": scoring.accuracy(*counts["root"]),
        "actors_and_code": scoring.accuracy(*counts["triple"]),
        "no_event_records": scoring.accuracy(*no_event),
        "dictionary_entries": len(codes),
    }


# -- event location --------------------------------------------------------------------------------


def _locate_event() -> Callable[..., Any] | None:
    try:
        from geotext_claims import locate_event
    except ImportError:  # the finder ships with the claims plugin
        return None
    return locate_event


def event_location_records(
    path: Path, *, gold: bool
) -> Iterator[tuple[str, str, tuple[int, int], list[tuple[int, int]]]]:
    """``(id, text, event span, gold location spans)`` of the records with one event verb:
    the adjudicated ones with *gold*, else the single-annotated ones not superseded by them."""
    for number, record in enumerate(read_jsonl(path)):
        if bool(record.get("gold")) != gold or record.get("superseded_by_gold"):
            continue
        verbs = field(record, "event_verbs", path, number)
        if len(verbs) != 1:
            continue
        locations = field(record, "event_locations", path, number)
        yield (
            str(record.get("id", number)),
            field(record, "text", path, number),
            (verbs[0]["start"], verbs[0]["end"]),
            _spans(locations),
        )


def score_event_location(path: Path, run: Runner, *, gold: bool = True) -> dict[str, Any]:
    """Event-location attachment (Halterman 2019): the public finder on every event verb, and
    the claims' own locations on the verbs that are a claim's cue."""
    locate = _locate_event()
    if locate is None:
        return {"skipped": "geotext-claims (geotext_claims.locate_event) is not installed"}
    every = [0, 0]
    finder_on_cues = [0, 0]
    claims_on_cues = [0, 0]
    rules: dict[str, int] = {}
    for name, text, verb, locations in event_location_records(path, gold=gold):
        analysis = run(text, name=name)
        if analysis is None:
            continue
        found = locate(analysis, verb, fallback=False)
        predicted = (found.span.start, found.span.end) if found else None
        right = scoring.location_correct(locations, predicted)
        every[0] += right
        every[1] += 1
        rules[found.rule if found else "none"] = rules.get(found.rule if found else "none", 0) + 1
        claim = next(
            (
                c
                for c in analysis.claims
                if c.cue_span is not None and scoring.overlaps((c.cue_span.start, c.cue_span.end), verb)
            ),
            None,
        )
        if claim is not None:
            finder_on_cues[0] += right
            finder_on_cues[1] += 1
            own = (claim.location.span.start, claim.location.span.end) if claim.location else None
            claims_on_cues[0] += scoring.location_correct(locations, own)
            claims_on_cues[1] += 1
    return {
        "split": "gold" if gold else "single-annotated",
        "records": every[1],
        "location": scoring.accuracy(*every),
        "location_claim_cues": scoring.accuracy(*finder_on_cues),
        "claim_location": scoring.accuracy(*claims_on_cues),
        "rules": dict(sorted(rules.items())),
    }


def score_event_location_tuning(path: Path, run: Runner) -> dict[str, Any]:
    """The same on the single-annotated records (the tuning set; slow: about 9,400 sentences)."""
    return score_event_location(path, run, gold=False)


# -- seeds ----------------------------------------------------------------------------------------


def _claim_key(claim: Mapping[str, Any]) -> tuple[Any, ...]:
    cameo = claim.get("cameo")
    return (
        tuple(sorted(claim.get("sources", ()))),
        tuple(sorted(claim.get("targets", ()))),
        cameo[:2] if cameo else None,
    )


def score_seeds(folder: Path, run: Runner) -> dict[str, Any]:
    """Seeds: entity ids and (sources, targets, CAMEO root) claims against ``*.gold.json``, and
    the place (``location.entity``, or none) of each claim found."""
    documents = {}
    all_gold_entities: list[tuple[str, str]] = []
    all_pred_entities: list[tuple[str, str]] = []
    all_gold_claims: list[tuple[Any, ...]] = []
    all_pred_claims: list[tuple[Any, ...]] = []
    places = [0, 0]
    for gold_path in sorted(folder.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ParseError(f"cannot read gold: {exc}", source=str(gold_path)) from None
        article = gold.get("article") if isinstance(gold, dict) else None
        text_path = folder / f"{name}.txt"
        if isinstance(article, dict) and isinstance(article.get("text"), str):
            text, published = article["text"], article.get("published")
        elif text_path.exists():
            text, published = text_path.read_text(encoding="utf-8"), None
        else:
            raise ParseError("no article text in the gold and no .txt beside it", source=str(gold_path))
        analysis = run(text, published, name=str(gold_path))
        gold_ids = sorted({e["id"] for e in gold.get("entities", ())})
        pred_ids = sorted({e.id for e in analysis.entities}) if analysis else []
        gold_claims = [_claim_key(c) for c in gold.get("claims", ())]
        wrong_places: list[str] = []
        pred_claims = [_claim_key(c.to_dict()) for c in analysis.claims] if analysis else []
        remaining = list(pred_claims)
        found, missed = [], []
        unpaired = list(analysis.claims) if analysis else []
        for key, gold_claim in zip(gold_claims, gold.get("claims", ())):
            if key in remaining:
                remaining.remove(key)
                found.append(key)
                # the place of a claim found: the first predicted claim with the same key
                predicted = next(c for c in unpaired if _claim_key(c.to_dict()) == key)
                unpaired.remove(predicted)
                gold_place = (gold_claim.get("location") or {}).get("entity")
                places[0] += gold_place == (predicted.location.entity if predicted.location else None)
                places[1] += 1
                if gold_place != (predicted.location.entity if predicted.location else None):
                    wrong_places.append(
                        f"{_show_claim(key)}: {gold_place} ≠ "
                        f"{predicted.location.entity if predicted.location else None}"
                    )
            else:
                missed.append(key)
        documents[name] = {
            "entities_found": [i for i in gold_ids if i in pred_ids],
            "entities_missed": [i for i in gold_ids if i not in pred_ids],
            "entities_extra": [i for i in pred_ids if i not in gold_ids],
            "claims_found": [_show_claim(k) for k in found],
            "claims_missed": [_show_claim(k) for k in missed],
            "claims_extra": [_show_claim(k) for k in remaining],
            "places_wrong": wrong_places,
        }
        all_gold_entities.extend((name, i) for i in gold_ids)
        all_pred_entities.extend((name, i) for i in pred_ids)
        all_gold_claims.extend((name, *k) for k in gold_claims)
        all_pred_claims.extend((name, *k) for k in pred_claims)
    return {
        "records": len(documents),
        "entities": scoring.multiset_prf(all_gold_entities, all_pred_entities),
        "claims": scoring.multiset_prf(all_gold_claims, all_pred_claims),
        "claim_places": scoring.accuracy(*places),
        "documents": documents,
    }


def _show_claim(key: tuple[Any, ...]) -> str:
    sources, targets, root = key
    return f"{'+'.join(sources) or '-'} -> {'+'.join(targets) or '-'} [{root or '-'}]"


# -- the data sets ----------------------------------------------------------------------------------

#: name → (path under the data folder, scorer). ``--file NAME=PATH`` points one elsewhere.
DATASETS: dict[str, tuple[str, Callable[[Path, Runner], dict[str, Any]]]] = {
    "conll": ("conll2003/eng.testa.jsonl", score_conll),
    "geowebnews": ("geowebnews/geowebnews.jsonl", score_geowebnews),
    "n3": ("n3-reuters128/n3-reuters128.jsonl", score_n3),
    "plover-actors": ("plover-gsr/gsr.jsonl", score_plover_actors),
    "plover-dyads": ("plover-gsr/gsr.jsonl", score_plover_dyads),
    "polnear": ("polnear/dev.jsonl", score_polnear),
    "petrarch2": ("petrarch2-validation/unittest.jsonl", score_petrarch),
    "event-location": ("event-location/event-location.jsonl", score_event_location),
    "event-location-tuning": ("event-location/event-location.jsonl", score_event_location_tuning),
    "seeds": ("", score_seeds),
}

#: Data sets scored only when named with ``--only``: they take minutes.
ON_REQUEST = frozenset({"event-location-tuning"})

PipelineFactory = Callable[[Mapping[str, Any]], Pipeline]


def petrarch_runner(path: Path, make_pipeline: PipelineFactory, config: Mapping[str, Any], work: Path) -> Runner:
    """A runner whose tagger also knows the PETRARCH actor dictionary next to *path*."""
    dictionary = path.parent / "PETR.Validate.actors.txt"
    codes: dict[str, str] = {}
    merged = {key: dict(value) if isinstance(value, Mapping) else value for key, value in config.items()}
    if dictionary.exists():
        rows = petrarch_entries(read_petrarch_actors(dictionary))
        entries = write_user_entries(rows, work / "petrarch-actors.csv")
        codes = {row["id"]: row["id"].split(":", 1)[1].upper() for row in rows}
        merged.setdefault("gazetteer", {})["extra_entries"] = str(entries)
    run = Runner(make_pipeline(merged))
    run.codes = codes  # type: ignore[attr-defined]
    return run


def evaluate(
    *,
    data: Path = DEFAULT_DATA,
    seeds: Path = REPO / "seeds",
    only: Sequence[str] | None = None,
    files: Mapping[str, Path] | None = None,
    make_pipeline: PipelineFactory | None = None,
    config: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Score every selected data set; a data set whose file is absent is reported as skipped.

    Args:
        data: the folder laid out like ``../shared/eval``.
        seeds: the folder of ``*.txt`` and ``*.gold.json``.
        only: data set names (default: all of :data:`DATASETS`).
        files: data set name → file, overriding *data*.
        make_pipeline: config → Pipeline (default: every installed plugin).
        config: plugin settings passed to the pipeline.

    Raises:
        ConfigError: an unknown data set name, or a ``files`` path that does not exist.
    """
    names = list(only or [name for name in DATASETS if name not in ON_REQUEST])
    files = dict(files or {})
    for name in [*names, *files]:
        if name not in DATASETS:
            raise ConfigError(f"unknown data set {name!r}; known: {', '.join(DATASETS)}")
    config = dict(config or {})
    make_pipeline = make_pipeline or (lambda cfg: Pipeline(config=cfg))
    shared = Runner(make_pipeline(config))
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="geotext-eval-") as work:
        for name in names:
            relative, scorer = DATASETS[name]
            if name in files:
                path = Path(files[name])
                if not path.exists():
                    raise ConfigError(f"--file {name}={path}: no such file")
            else:
                path = seeds if name == "seeds" else data / relative
            if not path.exists() or (name == "seeds" and not any(path.glob("*.gold.json"))):
                results[name] = {"skipped": f"not found: {path}"}
                continue
            run = petrarch_runner(path, make_pipeline, config, Path(work)) if name == "petrarch2" else shared
            before = len(run.failures)
            scored = scorer(path, run)
            if "skipped" in scored:
                results[name] = scored
                continue
            results[name] = {"path": str(path), **scored}
            results[name]["failures"] = run.failures[before:]
    results["_versions"] = shared.pipeline.plugins.versions()
    return results


# -- reporting -------------------------------------------------------------------------------------

#: (data set, metric path, shown name) rows of the Markdown table, in order.
TABLE_ROWS = [
    ("conll", "all", "CoNLL-2003 LOC+PER+ORG exact span"),
    ("conll", "LOC", "CoNLL-2003 LOC"),
    ("conll", "PER", "CoNLL-2003 PER"),
    ("conll", "ORG", "CoNLL-2003 ORG"),
    ("geowebnews", "recognition", "GeoWebNews toponym recognition"),
    ("geowebnews", "resolution_161km", "GeoWebNews resolution ≤161 km, end to end"),
    ("geowebnews", "resolution_161km_recognised", "GeoWebNews resolution ≤161 km, recognised toponyms"),
    ("n3", "linking", "N3 Reuters-128 country linking"),
    ("plover-actors", "actor_iso3", "PLOVER actor ISO3"),
    ("plover-dyads", "dyads", "PLOVER dyad (source, target, category)"),
    ("plover-dyads", "fields.source", "PLOVER dyad source"),
    ("plover-dyads", "fields.target", "PLOVER dyad target"),
    ("plover-dyads", "fields.category", "PLOVER dyad category"),
    ("polnear", "source", "PolNeAR source overlap"),
    ("polnear", "cue", "PolNeAR cue overlap"),
    ("polnear", "content", "PolNeAR content overlap"),
    ("polnear", "triple", "PolNeAR attribution triple (source, cue, content overlap)"),
    ("petrarch2", "event_code", "PETRARCH2 unit tests: event code"),
    ("petrarch2", "event_root", "PETRARCH2 unit tests: event root (2 digits)"),
    ("petrarch2", "actors_and_code", "PETRARCH2 unit tests: source+target+code"),
    ("petrarch2", "no_event_records", "PETRARCH2 unit tests: no-event records left empty"),
    ("event-location", "location", "Event location, every gold verb (finder)"),
    ("event-location", "location_claim_cues", "Event location, gold verbs that are claim cues (finder)"),
    ("event-location", "claim_location", "Event location, gold verbs that are claim cues (claim.location)"),
    ("event-location-tuning", "location", "Event location, single-annotated verbs (finder)"),
    ("seeds", "entities", "Seeds: entity ids"),
    ("seeds", "claims", "Seeds: claims (sources, targets, CAMEO root)"),
    ("seeds", "claim_places", "Seeds: place of the claims found"),
]


def _lookup(results: Mapping[str, Any], dataset: str, dotted: str) -> Mapping[str, Any] | None:
    value: Any = results.get(dataset)
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value if isinstance(value, Mapping) else None


def markdown_table(results: Mapping[str, Any]) -> str:
    """The results as a Markdown table: P/R/F1 for detection metrics, accuracy for the others."""
    lines = ["| metric | P | R | F1 / accuracy | n |", "|---|---:|---:|---:|---:|"]
    for dataset, dotted, shown in TABLE_ROWS:
        skipped = results.get(dataset, {}).get("skipped") if isinstance(results.get(dataset), Mapping) else None
        if dataset not in results:
            continue
        if skipped:
            lines.append(f"| {shown} | | | skipped | |")
            continue
        metric = _lookup(results, dataset, dotted)
        if metric is None:
            continue
        if "f1" in metric:
            n = metric["tp"] + metric["fn"]
            lines.append(f"| {shown} | {metric['precision']:.3f} | {metric['recall']:.3f} | {metric['f1']:.3f} | {n} |")
        else:
            lines.append(f"| {shown} | | | {metric['accuracy']:.3f} | {metric['n']} |")
    return "\n".join(lines)


# -- the built-in sample ------------------------------------------------------------------------------


def write_sample(folder: Path) -> tuple[Path, Path]:
    """Write a tiny sample in every format (made-up sentences) under *folder*.

    Returns ``(data folder, seeds folder)``; used by ``--sample`` and the smoke test.
    """
    data, seeds = folder / "eval", folder / "seeds"
    text = "Mongolia and China signed a treaty in Beijing. Li Qiang said trade would grow."

    def span(part: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(part, start + 1)
        return start, start + len(part)

    def write(relative: str, records: list[dict[str, Any]]) -> None:
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    mongolia, china, beijing, li = span("Mongolia"), span("China"), span("Beijing"), span("Li Qiang")
    write(
        "conll2003/eng.testa.jsonl",
        [
            {
                "id": "sample-0",
                "text": text,
                "date": "2024-05-01",
                "entities": [
                    {"start": s, "end": e, "label": label, "text": text[s:e]}
                    for (s, e), label in [(mongolia, "LOC"), (china, "LOC"), (beijing, "LOC"), (li, "PER")]
                ],
            }
        ],
    )
    write(
        "geowebnews/geowebnews.jsonl",
        [
            {
                "id": "gwn-sample",
                "text": text,
                "toponyms": [
                    {
                        "start": mongolia[0],
                        "end": mongolia[1],
                        "name": "Mongolia",
                        "type": "Metonymic",
                        "lat": 46.0,
                        "lon": 105.0,
                    },
                    {
                        "start": beijing[0],
                        "end": beijing[1],
                        "name": "Beijing",
                        "type": "Literal",
                        "lat": 39.9075,
                        "lon": 116.39723,
                    },
                    {"start": 0, "end": 0, "name": "treaty", "type": "Literal_Expression"},
                ],
            }
        ],
    )
    write(
        "n3-reuters128/n3-reuters128.jsonl",
        [
            {
                "id": "n3-sample",
                "text": text,
                "entities": [{"start": china[0], "end": china[1], "text": "China", "iso3": "CHN", "nil": False}],
            }
        ],
    )
    write(
        "plover-gsr/gsr.jsonl",
        [
            {
                "id": "gsr-sample",
                "text": text,
                "date": "2024-05-01",
                "events": [
                    {
                        "code": "AGREE",
                        "source_actors": [
                            {"text": "Mongolia", "code": "MNG", "start": mongolia[0], "end": mongolia[1]}
                        ],
                        "target_actors": [{"text": "China", "code": "CHN", "start": china[0], "end": china[1]}],
                    }
                ],
                "dyads": [{"source": "MNG", "target": "CHN", "code": "AGREE"}],
            }
        ],
    )
    write("plover-gsr/cameo2plover.jsonl", [{"cameo": "057", "plover_event": "AGREE"}])
    said = span("said")
    write(
        "polnear/dev.jsonl",
        [
            {
                "id": "polnear-sample",
                "text": text,
                "date": "2024-05-01",
                "attributions": [
                    {
                        "source": [{"start": li[0], "end": li[1]}],
                        "cue": [{"start": said[0], "end": said[1]}],
                        "content": [{"start": said[1] + 1, "end": len(text) - 1}],
                    }
                ],
            }
        ],
    )
    write(
        "petrarch2-validation/unittest.jsonl",
        [
            {
                "id": "SAMPLE-00",
                "text": "Arnor signed a treaty with Gondor.",
                "date": "19950101",
                "events": [{"source": "ARN", "target": "GON", "code": "057"}],
                "expect_no_events": False,
            }
        ],
    )
    (data / "petrarch2-validation" / "PETR.Validate.actors.txt").write_text(
        "ARNOR_  [ARN]\nGONDOR [GON]\n+MINAS_TIRITH\n", encoding="utf-8"
    )
    signed, said, beijing = span("signed"), span("said"), span("Beijing")
    write(
        "event-location/event-location.jsonl",
        [
            {
                "id": f"el-{n}",
                "text": text,
                "gold": n < 2,
                "event_verbs": [{"start": verb[0], "end": verb[1], "text": text[verb[0] : verb[1]]}],
                "event_locations": [{"start": where[0], "end": where[1], "text": text[where[0] : where[1]]}]
                if where
                else [],
            }
            for n, (verb, where) in enumerate([(signed, beijing), (said, None), (signed, beijing)])
        ],
    )
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / "sample.txt").write_text(text, encoding="utf-8")
    gold = {
        "schema": "geotext/1",
        "article": {"text": text, "published": "2024-05-01T00:00:00"},
        "entities": [
            {
                "id": "iso:MNG",
                "kind": "state",
                "name": "Mongolia",
                "mentions": [{"start": mongolia[0], "end": mongolia[1], "text": "Mongolia", "form": "name"}],
            },
            {
                "id": "iso:CHN",
                "kind": "state",
                "name": "China",
                "mentions": [{"start": china[0], "end": china[1], "text": "China", "form": "name"}],
            },
        ],
        "claims": [
            {
                "producer": "gold",
                "sources": ["iso:MNG"],
                "targets": ["iso:CHN"],
                "cameo": "057",
                "evidence": [{"start": 0, "end": 46, "sentence_start": 0, "sentence_end": 46}],
            }
        ],
        "versions": {},
    }
    (seeds / "sample.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return data, seeds


# -- command line --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder laid out like ../shared/eval")
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds", help="folder of *.txt and *.gold.json")
    parser.add_argument("--only", help=f"comma-separated data sets: {','.join(DATASETS)}")
    parser.add_argument(
        "--file",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="score another file in the same format, such as conll=eng.testb.jsonl",
    )
    parser.add_argument("--plugins", help="comma-separated plugin names (default: every installed plugin)")
    parser.add_argument("--config", type=Path, help="JSON file of plugin settings keyed by plugin name")
    parser.add_argument("--json", type=Path, help="also write the full results (with failures) here")
    parser.add_argument("--sample", action="store_true", help="score the tiny built-in sample instead")
    args = parser.parse_args(argv)
    try:
        files = {}
        for item in args.file:
            name, sep, value = item.partition("=")
            if not sep:
                raise ConfigError(f"--file {item!r}: expected NAME=PATH")
            files[name] = Path(value)
        config = json.loads(args.config.read_text(encoding="utf-8")) if args.config else {}
        plugins = [p.strip() for p in args.plugins.split(",") if p.strip()] if args.plugins else None
        only = [n.strip() for n in args.only.split(",") if n.strip()] if args.only else None

        def make_pipeline(cfg: Mapping[str, Any]) -> Pipeline:
            return Pipeline(plugins=plugins, config=cfg)

        with tempfile.TemporaryDirectory(prefix="geotext-sample-") as sample:
            data, seeds = write_sample(Path(sample)) if args.sample else (args.data, args.seeds)
            results = evaluate(
                data=data, seeds=seeds, only=only, files=files, make_pipeline=make_pipeline, config=config
            )
    except (GeotextError, OSError, json.JSONDecodeError) as exc:
        print(f"evaluate: error: {exc}", file=sys.stderr)
        return 2
    summary = {name: _without_details(value) for name, value in results.items()}
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    print()
    print(markdown_table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def _without_details(value: Any) -> Any:
    # failures and per-document lists go to --json only; the console shows counts
    if not isinstance(value, dict):
        return value
    shown = {k: v for k, v in value.items() if k not in ("failures", "documents")}
    if "failures" in value:
        shown["failed_records"] = len(value["failures"])
    if "documents" in value:
        shown["documents"] = {
            doc: {k: v for k, v in detail.items() if k.endswith(("missed", "found"))}
            for doc, detail in value["documents"].items()
        }
    return shown


if __name__ == "__main__":
    sys.exit(main())
