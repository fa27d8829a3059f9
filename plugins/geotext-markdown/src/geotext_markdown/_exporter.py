"""The ``markdown`` exporter."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import BinaryIO

import attrs

import geotext

# Characters that start markup anywhere in a line (CommonMark + GitHub tables and
# strikethrough); each is written backslash-escaped. Characters that matter only at the
# start of a line (-, +, digits with '.') never come first: every line starts with our
# own prefix.
_MARKUP = re.compile(r"([\\`*_\[\]<>|#~&])")
# Line breaks of any kind end a table row; NUL is not allowed in CommonMark.
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")

_SECTIONS = (
    ("States", ("state",), ("Name", "Id", "ISO", "GeoNames", "Wikidata", "Mentions")),
    ("Organisations", ("organisation",), ("Name", "Id", "Wikidata", "Mentions")),
    ("People", ("person",), ("Name", "Id", "Office", "Country", "Wikidata", "Mentions")),
    ("Places", ("place",), ("Name", "Id", "Country", "GeoNames", "Wikidata", "Coordinates", "Mentions")),
)
_LISTED = {kind for _, kinds, _ in _SECTIONS for kind in kinds}
_QID = re.compile(r"^Q[1-9][0-9]*$")
_GEONAMEID = re.compile(r"^[1-9][0-9]*$")


def escape(text: str) -> str:
    """Return *text* safe inside a Markdown paragraph, heading, list item or table cell.

    Line breaks become spaces and every character that could start markup (``|``,
    backticks, ``*``, ``_``, brackets, ``<``, ``&``...) is backslash-escaped, so the text
    shows as written and never adds a column, a link or HTML.

    >>> escape("a | b <i>x</i>")
    'a \\\\| b \\\\<i\\\\>x\\\\</i\\\\>'
    """
    return _MARKUP.sub(r"\\\1", _BREAKS.sub(" ", text.replace("\x00", "\ufffd")))


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |\n"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = [_row(header), _row(["---"] * len(header))]
    lines.extend(_row(row) for row in rows)
    return "".join(lines)


def _wikidata(entity: geotext.Entity) -> str:
    qid = entity.ids.get("wikidata", "")
    return f"[{qid}](https://www.wikidata.org/wiki/{qid})" if _QID.match(qid) else escape(qid)


def _geonames(entity: geotext.Entity) -> str:
    geonameid = entity.ids.get("geonames") or (entity.id[9:] if entity.id.startswith("geonames:") else "")
    return f"[{geonameid}](https://www.geonames.org/{geonameid})" if _GEONAMEID.match(geonameid) else escape(geonameid)


def _entity_cells(section: str, entity: geotext.Entity) -> list[str]:
    name, ident, mentions = escape(entity.name), escape(entity.id), str(len(entity.mentions))
    if section == "States":
        iso = entity.ids.get("iso3") or entity.ids.get("iso2") or ""
        return [name, ident, escape(iso), _geonames(entity), _wikidata(entity), mentions]
    if section == "Organisations":
        return [name, ident, _wikidata(entity), mentions]
    if section == "People":
        return [name, ident, escape(entity.office or ""), escape(entity.country or ""), _wikidata(entity), mentions]
    if section == "Places":
        point = entity.coordinates
        where = f"{point.lat:.4f}, {point.lon:.4f}" if point else ""
        return [name, ident, escape(entity.country or ""), _geonames(entity), _wikidata(entity), where, mentions]
    return [name, ident, escape(entity.kind), _wikidata(entity), mentions]


@attrs.define
class _Actor:
    name: str
    kind: str
    articles: int = 0
    mentions: int = 0
    claims: int = 0


@attrs.define
class _Dyad:
    claims: int = 0
    cameo: Counter[str] = attrs.Factory(Counter)
    plover: Counter[str] = attrs.Factory(Counter)
    cues: Counter[str] = attrs.Factory(Counter)


def _top(counter: Counter[str], limit: int = 3) -> str:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return ", ".join(escape(key) + (f" ×{count}" if count > 1 else "") for key, count in ranked)


class MarkdownExporter(geotext.Exporter):
    """A Markdown report: a corpus summary (for several articles), then each article.

    The per-article sections are spooled to a temporary file while the summary is
    counted, so memory stays bounded by the summary, not by the corpus. A lone
    surrogate in a text (which has no UTF-8 form) is shown as its ``\\udcff`` escape.

    Args:
        top_actors: rows of the summary's actor table.
        top_dyads: rows of the summary's dyad table.
        title: the report's first heading.
    """

    name = "markdown"
    suffix = ".md"
    media_type = "text/markdown"

    def __init__(self, *, top_actors: int = 20, top_dyads: int = 30, title: str = "geotext report") -> None:
        self.top_actors = top_actors
        self.top_dyads = top_dyads
        self.title = title

    def write(self, results: Iterable[geotext.Analysis], stream: BinaryIO) -> int:
        actors: dict[str, _Actor] = {}
        dyads: dict[tuple[str, str], _Dyad] = {}
        totals: Counter[str] = Counter()
        with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
            for analysis in results:
                spool.write(self.article(analysis).encode("utf-8", "backslashreplace"))
                self._count(analysis, actors, dyads, totals)
            head = f"# {escape(self.title)}\n\n"
            if totals["articles"] > 1:
                head += self._summary(actors, dyads, totals)
            elif not totals["articles"]:
                head += "No articles.\n"
            stream.write(head.encode("utf-8", "backslashreplace"))
            spool.seek(0)
            shutil.copyfileobj(spool, stream)
        return totals["articles"]

    # -- one article ----------------------------------------------------------------------

    def article(self, analysis: geotext.Analysis) -> str:
        """Return the Markdown section of one analysis."""
        article = analysis.article
        out = [f"## {escape(article.title or article.id)}\n\n"]
        facts = [("Article", escape(article.id))]
        if article.source:
            facts.append(("Source", escape(article.source)))
        if article.published:
            facts.append(("Published", article.published.isoformat()))
        if article.url:
            facts.append(("URL", escape(article.url)))
        mentions = sum(len(entity.mentions) for entity in analysis.entities)
        facts.append(
            ("Counts", f"{len(analysis.entities)} entities, {mentions} mentions, {len(analysis.claims)} claims")
        )
        out.extend(f"- **{label}**: {value}\n" for label, value in facts)
        out.append("\n")
        for section, kinds, header in _SECTIONS:
            found = analysis.entities_of_kind(*kinds)
            if found:
                out.append(f"### {section}\n\n")
                out.append(_table(header, (_entity_cells(section, entity) for entity in found)))
                out.append("\n")
        others = [entity for entity in analysis.entities if entity.kind not in _LISTED]
        if others:
            out.append("### Other entities\n\n")
            out.append(
                _table(
                    ("Name", "Id", "Kind", "Wikidata", "Mentions"),
                    (_entity_cells("Other", entity) for entity in others),
                )
            )
            out.append("\n")
        out.append("### Claims\n\n")
        if not analysis.claims:
            out.append("No claims found.\n\n")
        for number, claim in enumerate(analysis.claims, 1):
            out.append(f"{number}. {self._claim(analysis, claim)}\n")
        if analysis.claims:
            out.append("\n")
        return "".join(out)

    @staticmethod
    def _names(analysis: geotext.Analysis, ids: Iterable[str]) -> str:
        return ", ".join(f"**{escape(analysis.entity(i).name)}**" for i in ids)

    def _claim(self, analysis: geotext.Analysis, claim: geotext.Claim) -> str:
        names = self._names
        if claim.speaker:
            who = names(analysis, [claim.speaker])
            others = [source for source in claim.sources if source != claim.speaker]
            if others:
                who += f" (for {names(analysis, others)})"
        else:
            who = names(analysis, claim.sources) or "*the article*"
        whom = names(analysis, claim.targets) or "—"
        action = claim.cue or claim.predicate or claim.cue_lemma or "states"
        codes = []
        if claim.cameo:
            codes.append(f"CAMEO {escape(claim.cameo)}")
        if claim.plover:
            codes.append(f"PLOVER {escape(claim.plover)}")
        if any(claim.source_codes) or any(claim.target_codes):
            sides = (
                ", ".join(code or "?" for code in side) or "—" for side in (claim.source_codes, claim.target_codes)
            )
            codes.append("actors {} → {}".format(*sides))
        codes.append(escape(claim.modality))
        codes.append(f"confidence {claim.confidence:.2f}")
        evidence = escape(analysis.evidence_text(claim))
        return (
            f"{who} → {whom}: *{escape(action)}*{_where_and_when(analysis, claim)} — “{evidence}” — {' · '.join(codes)}"
        )

    # -- corpus summary -------------------------------------------------------------------

    @staticmethod
    def _count(
        analysis: geotext.Analysis, actors: dict[str, _Actor], dyads: dict[tuple[str, str], _Dyad], totals: Counter[str]
    ) -> None:
        totals["articles"] += 1
        totals["entities"] += len(analysis.entities)
        totals["claims"] += len(analysis.claims)
        for entity in analysis.entities:
            actor = actors.get(entity.id)
            if actor is None:
                actor = actors[entity.id] = _Actor(entity.name, entity.kind)
            actor.articles += 1
            actor.mentions += len(entity.mentions)
            totals["mentions"] += len(entity.mentions)
        for claim in analysis.claims:
            for actor_id in claim.actors:
                actors[actor_id].claims += 1
            doers = claim.sources or ((claim.speaker,) if claim.speaker else ())
            for source in doers:
                for target in claim.targets:
                    dyad = dyads.setdefault((source, target), _Dyad())
                    dyad.claims += 1
                    if claim.cameo:
                        dyad.cameo[claim.cameo] += 1
                    if claim.plover:
                        dyad.plover[claim.plover] += 1
                    cue = claim.cue_lemma or claim.cue or claim.predicate
                    if cue:
                        dyad.cues[cue] += 1

    def _summary(self, actors: dict[str, _Actor], dyads: dict[tuple[str, str], _Dyad], totals: Counter[str]) -> str:
        out = [
            "## Corpus summary\n\n",
            f"{totals['articles']} articles, {totals['entities']} entities, {totals['mentions']} mentions, "
            f"{totals['claims']} claims.\n\n",
        ]
        ranked = sorted(actors.items(), key=lambda item: (-item[1].claims, -item[1].mentions, item[0]))
        out.append("### Top actors\n\n")
        out.append(
            _table(
                ("Actor", "Id", "Kind", "Articles", "Mentions", "Claims"),
                (
                    [escape(a.name), escape(i), escape(a.kind), str(a.articles), str(a.mentions), str(a.claims)]
                    for i, a in ranked[: self.top_actors]
                ),
            )
        )
        out.append("\n### Dyads: who claims what toward whom\n\n")
        if not dyads:
            out.append("No claims with a target.\n\n")
            return "".join(out)
        ordered = sorted(dyads.items(), key=lambda item: (-item[1].claims, item[0]))
        out.append(
            _table(
                ("Source", "Target", "Claims", "CAMEO", "PLOVER", "Cues"),
                (
                    [
                        escape(actors[s].name),
                        escape(actors[t].name),
                        str(d.claims),
                        _top(d.cameo),
                        _top(d.plover),
                        _top(d.cues),
                    ]
                    for (s, t), d in ordered[: self.top_dyads]
                ),
            )
        )
        out.append("\n")
        return "".join(out)


def _where_and_when(analysis: geotext.Analysis, claim: geotext.Claim) -> str:
    """The claim's place (a name no tagger knows in italics) and date: ``" in **Bishkek** on 2024-07-04"``."""
    out = ""
    location = claim.location
    if location is not None:
        if location.entity is not None:
            out += f" in **{escape(analysis.entity(location.entity).name)}**"
        else:
            out += f" in *{escape(analysis.article.text[location.span.start : location.span.end])}*"
    when = claim.event_date
    if when is not None:
        day = when.date
        shown = {
            "day": day.isoformat(),
            "week": f"the week of {day.isoformat()}",
            "month": f"{day.year:04d}-{day.month:02d}",
            "year": f"{day.year:04d}",
        }[when.precision]
        out += f" on {shown}" if when.precision == "day" else f" in {shown}"
    return out
