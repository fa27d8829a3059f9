"""The ``html`` exporter: one self-contained HTML report of a run.

Everything the page needs is inline: the stylesheet, a small script and the map shapes.
A Content-Security-Policy allows only that one script (by its hash) and no requests at
all, so the report renders offline and text from an article can never run as code:
article data is escaped wherever it appears and never reaches the script's source or an
event handler attribute.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from html import escape
from importlib.resources import files
from typing import Any, BinaryIO

import attrs

import geotext

_KINDS = ("state", "place", "organisation", "person", "initiative", "group")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_GEONAMEID = re.compile(r"^[1-9][0-9]*$")
# x = (lon + 180) * 10, y = (90 - lat) * 10; the map stops at 84 N and 60 S
_VIEWBOX = (0, 60, 3600, 1440)
# Claim fields shown in a card's own lines; any other (newer) field is listed generically.
_SHOWN_CLAIM_FIELDS = frozenset(
    {
        "id",
        "producer",
        "evidence",
        "speaker",
        "speaker_span",
        "cue",
        "cue_lemma",
        "cue_span",
        "content",
        "sources",
        "targets",
        "predicate",
        "cameo",
        "plover",
        "plover_mode",
        "plover_context",
        "quad_class",
        "modality",
        "tense",
        "reported_date",
        "confidence",
        "location",
        "event_date",
        "source_codes",
        "target_codes",
    }
)


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, str]:
    """Return SVG path data of every country, keyed by ISO 3166 alpha-3 code.

    Natural Earth 1:110m country polygons (public domain), projected equirectangular
    with x = (lon + 180) * 10 and y = (90 - lat) * 10; derived by the plugin's
    ``tools/build_shapes.py``.
    """
    data = files("geotext_report") / "data" / "countries-110m.json"
    shapes: dict[str, str] = json.loads(data.read_text(encoding="utf-8"))["shapes"]
    return shapes


def _text(value: object) -> str:
    return escape(str(value), quote=False)


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _kind_class(kind: str) -> str:
    return f"k-{kind}" if kind in _KINDS else "k-other"


def _iso3(entity: geotext.Entity) -> str | None:
    code = entity.ids.get("iso3") or (entity.id[4:] if entity.id.startswith("iso:") else None)
    return code if code and re.fullmatch("[A-Z]{3}", code) else None


def _project(point: geotext.Coordinates) -> tuple[float, float]:
    return round((point.lon + 180) * 10, 1), round((90 - point.lat) * 10, 1)


@attrs.define
class _Mapped:
    """An entity on the map, aggregated over the analyses."""

    key: str
    entity: geotext.Entity
    mentions: int = 0
    articles: list[int] = attrs.Factory(list)


@attrs.define
class _Report:
    """What the page shows, with the generated keys that link its parts."""

    analyses: list[geotext.Analysis]
    mapped: dict[str, _Mapped] = attrs.Factory(dict)
    actor_keys: dict[str, str] = attrs.Factory(dict)
    actor_names: dict[str, str] = attrs.Factory(dict)
    code_keys: dict[str, str] = attrs.Factory(dict)

    @classmethod
    def build(cls, analyses: list[geotext.Analysis]) -> _Report:
        report = cls(analyses)
        for index, analysis in enumerate(analyses):
            for entity in analysis.entities:
                if entity.kind not in ("state", "place") or (entity.coordinates is None and not _iso3(entity)):
                    continue
                mapped = report.mapped.get(entity.id)
                if mapped is None:
                    mapped = report.mapped[entity.id] = _Mapped(f"g{len(report.mapped)}", entity)
                mapped.mentions += len(entity.mentions)
                if index not in mapped.articles:
                    mapped.articles.append(index)
            for claim in analysis.claims:
                for actor in claim.actors:
                    if actor not in report.actor_keys:
                        report.actor_keys[actor] = f"x{len(report.actor_keys)}"
                        report.actor_names[actor] = analysis.entity(actor).name
                for code in _codes(claim):
                    report.code_keys.setdefault(code, f"c{len(report.code_keys)}")
        return report


def _codes(claim: geotext.Claim) -> list[str]:
    found = []
    if claim.cameo:
        found.append(f"CAMEO {claim.cameo}")
    if claim.plover:
        found.append(f"PLOVER {claim.plover}")
    return found


# -- the article text with its highlights -----------------------------------------------------


def _highlighted(
    analysis: geotext.Analysis, article_key: str, entity_keys: dict[str, str], claim_keys: list[str]
) -> str:
    """The article text, escaped, with mentions, claim evidence and cues marked up.

    Spans may overlap, so the text is cut at every span boundary; each piece is wrapped
    in the evidence (outside), cue and mention (inside) that cover it, and neighbouring
    pieces covered by the same spans are joined. One sweep over the cuts keeps the
    spans open at each piece, so long articles cost no more than their spans.
    """
    text = analysis.article.text
    kinds = {entity.id: entity.kind for entity in analysis.entities}
    # (start, end, kind of span, order, value): kind 0 evidence, 1 cue, 2 mention
    spans: list[tuple[int, int, int, int, str]] = []
    for order, (mention, entity) in enumerate(analysis.mentions()):
        spans.append((mention.start, mention.end, 2, order, entity.id))
    for index, claim in enumerate(analysis.claims):
        for evidence in claim.evidence:
            spans.append((evidence.start, evidence.end, 0, index, claim_keys[index]))
        if claim.cue_span is not None:
            spans.append((claim.cue_span.start, claim.cue_span.end, 1, index, ""))
    spans = [span for span in spans if span[0] < span[1] <= len(text)]
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    starting: dict[int, list[tuple[int, int, int, int, str]]] = {}
    for span in spans:
        starting.setdefault(span[0], []).append(span)
    open_spans: list[tuple[int, int, int, int, str]] = []
    pieces: list[tuple[tuple[Any, ...], str]] = []
    plain: tuple[Any, ...] = ((), (), False)
    for start, end in itertools.pairwise(cuts):
        if open_spans:
            open_spans = [span for span in open_spans if span[1] > start]
        if start in starting:
            open_spans = open_spans + starting[start]
        if not open_spans:
            state = plain
        else:
            mentioned = [s for s in open_spans if s[2] == 2]
            if len(mentioned) > 1:
                # every entity named here, the innermost (shortest) mention first: "Beijing"
                # may name the city and, by metonymy, the state; both cards open
                mentioned.sort(key=lambda s: (s[1] - s[0], s[3]))
            said = [s for s in open_spans if s[2] == 0]
            if len(said) > 1:
                said.sort(key=lambda s: s[3])
            state = (
                tuple(dict.fromkeys(s[4] for s in mentioned)),
                tuple(dict.fromkeys(s[4] for s in said)),
                any(s[2] == 1 for s in open_spans),
            )
        if pieces and pieces[-1][0] == state:
            pieces[-1] = (state, pieces[-1][1] + text[start:end])
        else:
            pieces.append((state, text[start:end]))
    out: list[str] = []
    for (named, claims, cue), piece in pieces:
        html = _text(piece)
        if named:
            cards = [f"{article_key}-{entity_keys[entity_id]}" for entity_id in named]
            html = (
                f'<a class="m {_kind_class(kinds[named[0]])}" href="#{cards[0]}" '
                f'data-card="{" ".join(cards)}">{html}</a>'
            )
        if cue:
            html = f'<b class="cue">{html}</b>'
        if claims:
            html = f'<span class="ev" tabindex="0" data-card="{" ".join(claims)}">{html}</span>'
        out.append(html)
    return "".join(out)


# -- cards -------------------------------------------------------------------------------------


def _ids_list(entity: geotext.Entity) -> str:
    rows = [f"<dt>id</dt><dd><code>{_text(entity.id)}</code></dd>"]
    for key, value in sorted(entity.ids.items()):
        if key == "geonames" and _GEONAMEID.match(value):
            shown = f'<a href="https://www.geonames.org/{value}" rel="noreferrer">{value}</a>'
        elif key == "wikidata" and _QID.match(value):
            shown = f'<a href="https://www.wikidata.org/wiki/{value}" rel="noreferrer">{value}</a>'
        else:
            shown = _text(value)
        rows.append(f"<dt>{_text(key)}</dt><dd>{shown}</dd>")
    if entity.coordinates is not None:
        rows.append(f"<dt>coordinates</dt><dd>{entity.coordinates.lat:.4f}, {entity.coordinates.lon:.4f}</dd>")
    if entity.country:
        rows.append(f"<dt>country</dt><dd>{_text(entity.country)}</dd>")
    if entity.office:
        rows.append(f"<dt>office</dt><dd>{_text(entity.office)}</dd>")
    for key, value in sorted(entity.attributes.items()):
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append(f"<dt>{_text(key)}</dt><dd>{_text(shown)}</dd>")
    return "<dl>" + "".join(rows) + "</dl>"


def _entity_card(analysis: geotext.Analysis, key: str, entity: geotext.Entity, claim_keys: dict[str, str]) -> str:
    claims = [claim_keys[c.id] for c in analysis.claims_by(entity.id) if c.id in claim_keys]
    in_claims = ""
    if claims:
        links = " ".join(f'<a href="#{k}" data-card="{k}">claim {int(k.rsplit("-c", 1)[1]) + 1}</a>' for k in claims)
        in_claims = f'<p class="in-claims">In {len(claims)} claim{"s" * (len(claims) != 1)}: {links}</p>'
    return (
        f'<div class="card entity" id="{key}"><h3><span class="badge {_kind_class(entity.kind)}">'
        f"{_text(entity.kind)}</span> {_text(entity.name)}</h3>"
        f"<p>{len(entity.mentions)} mention{'s' * (len(entity.mentions) != 1)} in this article</p>"
        f"{_ids_list(entity)}{in_claims}</div>"
    )


def _names(analysis: geotext.Analysis, ids: Iterable[str]) -> str:
    return ", ".join(_text(analysis.entity(i).name) for i in ids) or "—"


@cache
def _unshown_fields(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(cls) if field.name not in _SHOWN_CLAIM_FIELDS)


def _extra_fields(claim: geotext.Claim) -> str:
    """Claim fields of newer geotext versions, listed as JSON until the card names them."""
    # a class is hashable; mypy takes the instances' __hash__ for the class's
    names = _unshown_fields(type(claim) if attrs.has(type(claim)) else geotext.Claim)  # type: ignore[arg-type]
    if not names or all(getattr(claim, name) in (None, (), [], {}) for name in names):
        return ""
    data = claim.to_dict()
    rows = []
    for name in names:
        value = data.get(name)
        if value in (None, [], {}, ()):
            continue
        rows.append(f"<dt>{_text(name)}</dt><dd><code>{_text(json.dumps(value, ensure_ascii=False))}</code></dd>")
    return "".join(rows)


def _where_and_when(analysis: geotext.Analysis, claim: geotext.Claim) -> list[str]:
    text = analysis.article.text
    rows = []
    location = claim.location
    if location is not None:
        shown = _text(text[location.span.start : location.span.end])
        if location.entity:
            name = _text(analysis.entity(location.entity).name)
            shown = f"{shown} ({name})" if shown != name else name
        rows.append(f"<dt>where</dt><dd>{shown}</dd>")
    when = claim.event_date
    if when is not None:
        rows.append(
            f"<dt>when</dt><dd>{_text(when.date.isoformat())} ({_text(when.precision)}), "
            f"“{_text(text[when.span.start : when.span.end])}”</dd>"
        )
    codes = [claim.source_codes, claim.target_codes]
    if any(code for group in codes for code in group):
        shown = " → ".join(", ".join(_text(code or "?") for code in group) or "—" for group in codes)
        rows.append(f"<dt>CAMEO actors</dt><dd>{shown}</dd>")
    return rows


def _claim_card(analysis: geotext.Analysis, key: str, claim: geotext.Claim) -> str:
    text = analysis.article.text
    speaker = _text(analysis.entity(claim.speaker).name) if claim.speaker else None
    if speaker is None and claim.speaker_span is not None:
        speaker = _text(text[claim.speaker_span.start : claim.speaker_span.end])
    code = (
        " · ".join(
            _text(part)
            for part in (
                f"CAMEO {claim.cameo}" if claim.cameo else None,
                f"PLOVER {claim.plover}" if claim.plover else None,
                claim.plover_mode,
                claim.plover_context,
                f"quad class {claim.quad_class}" if claim.quad_class is not None else None,
            )
            if part
        )
        or "—"
    )
    quotes = "".join(f"<blockquote>{_text(text[e.start : e.end])}</blockquote>" for e in claim.evidence)
    rows = [
        f"<dt>speaker</dt><dd>{speaker or 'the article'}</dd>",
        f"<dt>cue</dt><dd>{_text(claim.cue or claim.predicate or '—')}</dd>",
        f"<dt>source → target</dt><dd>{_names(analysis, claim.sources)} → {_names(analysis, claim.targets)}</dd>",
        f"<dt>code</dt><dd>{code}</dd>",
        f"<dt>modality</dt><dd>{_text(claim.modality)}{' · ' + _text(claim.tense) if claim.tense else ''}</dd>",
        f"<dt>confidence</dt><dd>{claim.confidence:.2f}</dd>",
    ]
    if claim.reported_date is not None:
        rows.append(f"<dt>date</dt><dd>{claim.reported_date.isoformat()}</dd>")
    rows += _where_and_when(analysis, claim)
    return (
        f'<div class="card claim" id="{key}"><h3><span class="badge claim-badge">claim</span> '
        f"{_text(claim.cue or claim.predicate or '')}</h3>{quotes}<dl>{''.join(rows)}{_extra_fields(claim)}"
        f'</dl><p class="producer">by {_text(claim.producer)} · <code>{_text(claim.id)}</code></p></div>'
    )


def _map_card(report: _Report, mapped: _Mapped) -> str:
    entity = mapped.entity
    links = "".join(f'<li><a href="#a{i}">{_text(_title(report.analyses[i], i))}</a></li>' for i in mapped.articles)
    return (
        f'<div class="card entity" id="{mapped.key}"><h3><span class="badge {_kind_class(entity.kind)}">'
        f"{_text(entity.kind)}</span> {_text(entity.name)}</h3>"
        f"<p>{mapped.mentions} mention{'s' * (mapped.mentions != 1)} in {len(mapped.articles)} "
        f"article{'s' * (len(mapped.articles) != 1)}</p>{_ids_list(entity)}<ul>{links}</ul></div>"
    )


def _title(analysis: geotext.Analysis, index: int) -> str:
    return analysis.article.title or f"Article {index + 1}"


# -- sections ----------------------------------------------------------------------------------


def _map(report: _Report) -> str:
    shapes = country_shapes()
    peak = max((m.mentions for m in report.mapped.values()), default=1) or 1
    states = {_iso3(m.entity): m for m in report.mapped.values() if m.entity.kind == "state" and _iso3(m.entity)}
    paths = []
    for iso3, data in shapes.items():
        mapped = states.get(iso3)
        if mapped is None:
            paths.append(f'<path class="country" data-iso3="{iso3}" d="{data}"/>')
            continue
        level = 1 + min(4, int(4 * mapped.mentions / peak))
        paths.append(
            f'<path class="country hit l{level}" data-iso3="{iso3}" data-card="{mapped.key}" tabindex="0" '
            f'd="{data}"><title>{_text(mapped.entity.name)}: {mapped.mentions} mention'
            f"{'s' * (mapped.mentions != 1)}</title></path>"
        )
    points = []
    for mapped in report.mapped.values():
        entity = mapped.entity
        point = entity.coordinates
        if point is None or (entity.kind == "state" and _iso3(entity) in shapes):
            continue
        x, y = _project(point)
        radius = round(8 + 6 * math.sqrt(mapped.mentions), 1)
        points.append(
            f'<circle class="point {_kind_class(entity.kind)}" cx="{x}" cy="{y}" r="{radius}" '
            f'data-card="{mapped.key}" tabindex="0"><title>{_text(entity.name)}: {mapped.mentions} mention'
            f"{'s' * (mapped.mentions != 1)}</title></circle>"
        )
    viewbox = " ".join(str(n) for n in _VIEWBOX)
    ranked = sorted(report.mapped.values(), key=lambda m: (-m.mentions, m.entity.name, m.key))
    counts = "".join(
        f'<li><a class="badge-link" href="#{m.key}" data-card="{m.key}">'
        f'<span class="badge {_kind_class(m.entity.kind)}">'
        f"{_text(m.entity.kind)}</span> {_text(m.entity.name)}</a> {m.mentions}</li>"
        for m in ranked
    )
    return (
        f'<section id="map"><h2>Map</h2><svg viewBox="{viewbox}" role="img" '
        f'aria-label="States and places mentioned"><rect class="sea" x="0" y="0" width="3600" height="1800"/>'
        f'<g class="countries">{"".join(paths)}</g><g class="points">{"".join(points)}</g></svg>'
        f'<p class="note">Shaded: states by mentions; dots: places. Shapes: Natural Earth 1:110m '
        f'(public domain).</p><ol class="mapped" aria-label="Mentions on the map">{counts}</ol></section>'
    )


def _claims_table(report: _Report, claim_keys: list[list[str]]) -> str:
    rows = []
    for index, analysis in enumerate(report.analyses):
        for claim, key in zip(analysis.claims, claim_keys[index]):
            actors = " ".join(report.actor_keys[a] for a in claim.actors)
            codes = " ".join(report.code_keys[c] for c in _codes(claim))
            first = claim.evidence[0]
            evidence = analysis.article.text[first.start : first.end]
            speaker = _text(analysis.entity(claim.speaker).name) if claim.speaker else ""
            rows.append(
                f'<tr data-actors="{actors}" data-codes="{codes}"><td><a href="#a{index}">{index + 1}</a></td>'
                f"<td>{speaker}</td><td>{_text(claim.cue or claim.predicate or '')}</td>"
                f"<td>{_names(analysis, claim.sources)} → {_names(analysis, claim.targets)}</td>"
                f"<td>{_text(claim.cameo or '')}</td><td>{_text(claim.plover or '')}</td>"
                f"<td>{_text(claim.modality)}</td><td>{claim.confidence:.2f}</td>"
                f'<td><span class="ev-ref" tabindex="0" data-card="{key}">{_text(evidence)}</span></td></tr>'
            )
    actors = "".join(
        f'<option value="{key}">{_text(report.actor_names[actor])} ({_text(actor)})</option>'
        for actor, key in sorted(report.actor_keys.items(), key=lambda item: (report.actor_names[item[0]], item[0]))
    )
    codes = "".join(f'<option value="{key}">{_text(code)}</option>' for code, key in sorted(report.code_keys.items()))
    return (
        '<section id="claims"><h2>Claims</h2><form class="filters" id="claim-filters">'
        f'<label>Actor <select id="filter-actor"><option value="">any</option>{actors}</select></label> '
        f'<label>Code <select id="filter-code"><option value="">any</option>{codes}</select></label> '
        f'<output id="claims-count">{len(rows)} claims</output></form>'
        '<table id="claims-table"><thead><tr><th>Art.</th><th>Speaker</th><th>Cue</th><th>Source → target</th>'
        "<th>CAMEO</th><th>PLOVER</th><th>Modality</th><th>Conf.</th><th>Evidence</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _article(index: int, analysis: geotext.Analysis, claim_keys: list[str]) -> tuple[str, list[str]]:
    article = analysis.article
    key = f"a{index}"
    entity_keys = {entity.id: f"e{i}" for i, entity in enumerate(analysis.entities)}
    by_claim_id = {claim.id: k for claim, k in zip(analysis.claims, claim_keys) if claim.id is not None}
    meta = [f"<code>{_text(article.id)}</code>"]
    if article.source:
        meta.append(_text(article.source))
    if article.published:
        meta.append(_text(article.published.isoformat()))
    if article.url:
        meta.append(
            f'<a href="{_attr(article.url)}" rel="noreferrer">{_text(article.url)}</a>'
            if re.match(r"https?://", article.url)
            else _text(article.url)
        )
    legend = " ".join(
        f'<span class="badge {_kind_class(kind)}">{kind}</span>'
        for kind in sorted({entity.kind if entity.kind in _KINDS else "other" for entity in analysis.entities})
    )
    body = (
        f'<article id="{key}"><h2>{_text(_title(analysis, index))}</h2>'
        f'<p class="meta">{" · ".join(meta)}</p>'
        f'<p class="counts">{len(analysis.entities)} entities · {len(analysis.claims)} claims {legend}</p>'
        f'<div class="text">{_highlighted(analysis, key, entity_keys, claim_keys)}</div></article>'
    )
    cards = [_entity_card(analysis, f"{key}-{entity_keys[e.id]}", e, by_claim_id) for e in analysis.entities]
    cards += [_claim_card(analysis, k, claim) for claim, k in zip(analysis.claims, claim_keys)]
    return body, cards


def _index(report: _Report) -> str:
    items = "".join(
        f'<li><a href="#a{i}">{_text(_title(a, i))}</a> <span class="counts">{len(a.entities)} entities · '
        f"{len(a.claims)} claims</span></li>"
        for i, a in enumerate(report.analyses)
    )
    return f'<nav id="index"><h2>Articles</h2><ol>{items or "<li>No articles.</li>"}</ol></nav>'


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    root = files("geotext_report") / "assets"
    return (root / "report.css").read_text(encoding="utf-8"), (root / "report.js").read_text(encoding="utf-8")


def render(results: Iterable[geotext.Analysis], *, title: str = "geotext report", show_map: bool = True) -> str:
    """Return the report of *results* as one HTML document (a string)."""
    analyses = list(results)
    report = _Report.build(analyses)
    css, script = _assets()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    claim_keys = [[f"a{i}-c{j}" for j in range(len(a.claims))] for i, a in enumerate(analyses)]
    articles, cards = [], []
    for index, analysis in enumerate(analyses):
        body, article_cards = _article(index, analysis, claim_keys[index])
        articles.append(body)
        cards.extend(article_cards)
    cards.extend(_map_card(report, mapped) for mapped in report.mapped.values())
    entities = sum(len(a.entities) for a in analyses)
    claims = sum(len(a.claims) for a in analyses)
    summary = (
        f"{len(analyses)} article{'s' * (len(analyses) != 1)} · {entities} entities · "
        f"{len(report.mapped)} on the map · {claims} claims"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="referrer" content="no-referrer">'
        f'<title>{_text(title)}</title><link rel="icon" href="data:,"><style>{css}</style></head>\n'
        f'<body><header><h1>{_text(title)}</h1><p class="summary">{summary}</p></header>'
        '<div class="layout"><main>'
        f"{_index(report)}{_map(report) if show_map else ''}{_claims_table(report, claim_keys)}"
        f'{"".join(articles)}</main><aside id="panel"><p id="panel-hint">Select a highlighted name, claim, '
        f"map shape or evidence to see its details.</p>{''.join(cards)}</aside></div>"
        f"<script>{script}</script></body></html>\n"
    )


class HtmlReportExporter(geotext.Exporter):
    """One self-contained HTML report: articles with highlights, entity and claim panels, a map.

    The page works offline and from a ``file:`` URL: stylesheet, script and map shapes are
    inline, and its Content-Security-Policy refuses every request. It shows an index of
    the articles; a map of the states (Natural Earth 1:110m shapes, shaded by mentions)
    and places (dots); a claims table filtered by actor and by CAMEO or PLOVER code;
    and each article's text with mentions highlighted by kind and claim evidence
    underlined. Selecting a mention, claim or map shape opens its card (ids, GeoNames
    and Wikidata links, cue, source → target, codes, modality, confidence).

    Args:
        title: the page title.
        map: include the map.
    """

    name = "html"
    suffix = ".html"
    media_type = "text/html"

    def __init__(self, *, title: str = "geotext report", map: bool = True) -> None:  # noqa: A002
        self.title = title
        self.map = map

    def write(self, results: Iterable[geotext.Analysis], stream: BinaryIO) -> int:
        analyses = list(results)
        stream.write(render(analyses, title=self.title, show_map=self.map).encode("utf-8", "xmlcharrefreplace"))
        return len(analyses)
