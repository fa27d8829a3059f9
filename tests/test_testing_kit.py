"""geotext.testing catches the mistakes plugin authors make (each check shown failing on a bug)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import geotext
from geotext import Article, Entity, Exporter, Mention, ParseError, Parser, Provenance, Source, hookimpl
from geotext.testing import (
    analyze_with_gazetteer,
    check_entity_ids,
    check_exporter,
    check_parser,
    check_parser_on_bytes,
    exporter_survives_any_text,
    run_cli,
    validator_for,
)

# -- exporters: the output is parsed back ---------------------------------------------------------


class GraphML(Exporter):
    name = "graphml"
    media_type = "application/graphml+xml"

    def __init__(self, *, escape: bool = True) -> None:
        self.escape = escape

    def write(self, results, stream):
        from xml.sax.saxutils import quoteattr

        count = 0
        stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<graphml><graph edgedefault="directed">\n')
        for analysis in results:
            for entity in analysis.entities:
                name = quoteattr(_xml_safe(entity.name)) if self.escape else f'"{entity.name}"'
                stream.write(f"<node id={quoteattr(entity.id)} label={name}/>\n".encode())
            title = analysis.article.text[:40]
            if self.escape:
                from xml.sax.saxutils import escape

                title = escape(title)
            stream.write(f"<data>{_xml_safe(title)}</data>\n".encode())
            count += 1
        stream.write(b"</graph></graphml>\n")
        return count


def _xml_safe(text: str) -> str:
    # characters XML 1.0 cannot hold at all are dropped: escaping is the point of the test
    return "".join(
        c
        for c in text
        if c in "\t\n\r" or ("\x20" <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c >= "\U00010000"
    )


def test_an_exporter_that_does_not_escape_fails_the_kit():
    with pytest.raises(AssertionError, match="graphml: output does not parse back: not well-formed XML"):
        # the search budget is part of what is tested: the kit finds the bug within it
        exporter_survives_any_text(GraphML(escape=False), max_examples=200)


def test_an_exporter_that_escapes_passes_the_kit():
    exporter_survives_any_text(GraphML())


def test_check_exporter_takes_a_validator_of_ones_own():
    def never(data, results):
        raise AssertionError("no")

    with pytest.raises(AssertionError, match="does not parse back: no"):
        check_exporter(GraphML(), geotext.testing.sample_analyses(), validate=never)
    check_exporter(GraphML(), geotext.testing.sample_analyses(), validate=False)


def test_every_first_party_exporter_has_a_validator():
    formats = {}
    for info in geotext.list_plugins():
        for name in info.exporters:
            formats[name] = geotext.Pipeline().get_exporter(name)
    if not formats:
        pytest.skip("no exporter plugin installed")
    missing = {name: e.media_type for name, e in formats.items() if validator_for(e.media_type) is None}
    assert not missing


# -- parsers: bugs fail, bad input passes -------------------------------------------------------


class Wire(Parser):
    """A small, correct single-record parser: 'HEADLINE: ...' then the body."""

    name = "wire"
    suffixes = (".wire",)

    def parse(self, source: Source) -> Iterator[Article]:
        text = source.read_bytes().decode("utf-8", "replace")
        if not text.startswith("HEADLINE: "):
            raise ParseError("no HEADLINE line", source=source.name)
        body = text[len("HEADLINE: ") :]
        if not body.strip():
            raise ParseError("empty article", source=source.name)
        yield Article(text=body, provenance=Provenance(source=source.name, parser=self.name))


GOOD = b"HEADLINE: Mongolia joins\n\nThe body."


def test_check_parser_passes_a_correct_parser():
    [article] = check_parser(Wire(), [GOOD], bad_samples=[b"no headline", b"HEADLINE: "])
    assert article.text.startswith("Mongolia")


def test_check_parser_fails_when_no_sample_gives_an_article():
    with pytest.raises(AssertionError, match="no sample gave an article"):
        check_parser(Wire(), [b"no headline", b"nothing"])


def test_check_parser_fails_on_a_validation_error_from_the_parser():
    class Buggy(Wire):
        def parse(self, source):
            text = source.read_bytes().decode()
            end = text.find("\n")  # -1 when there is no line break: an invalid span, the bug
            yield Article(
                text=text,
                paragraphs=[geotext.Span(start=0, end=end)],
                provenance=Provenance(source=source.name, parser=self.name),
            )

    with pytest.raises(AssertionError, match="raised ValidationError.*bad input is a ParseError"):
        check_parser(Buggy(), [b"no line break"])


def test_check_parser_fails_without_provenance_or_with_the_wrong_parser_name():
    class NoProvenance(Wire):
        def parse(self, source):
            yield Article(text="x")

    class WrongName(Wire):
        def parse(self, source):
            yield Article(text="x", provenance=Provenance(source=source.name, parser="text"))

    with pytest.raises(AssertionError, match="without provenance"):
        check_parser(NoProvenance(), [GOOD])
    with pytest.raises(AssertionError, match="provenance.parser is 'text', not 'wire'"):
        check_parser(WrongName(), [GOOD])


def test_check_parser_fails_on_bad_record_numbers():
    class Records(Wire):
        multi_record = True

        def parse(self, source):
            for index in range(3):
                record = 0 if index == 2 else index  # a repeat: the bug
                yield Article(
                    text=f"article {index}", provenance=Provenance(source=source.name, parser=self.name, record=record)
                )

    with pytest.raises(AssertionError, match="record numbers must increase"):
        check_parser(Records(), [GOOD])


def test_check_parser_fails_when_a_parse_error_names_another_source():
    class Elsewhere(Wire):
        def parse(self, source):
            raise ParseError("bad", source="somewhere-else")

    with pytest.raises(AssertionError, match="names source 'somewhere-else'"):
        check_parser(Elsewhere(), [GOOD], bad_samples=[b"x"])


def test_fuzzing_gets_past_the_header():
    class CrashesAfterHeader(Wire):
        def parse(self, source):
            data = source.read_bytes()
            if not data.startswith(b"HEADLINE: "):
                raise ParseError("no HEADLINE line", source=source.name)
            if len(data) > len(b"HEADLINE: ") + 4:
                return iter(
                    [
                        Article(
                            text=data.decode("utf-8"),  # raises UnicodeDecodeError on noise
                            provenance=Provenance(source=source.name, parser=self.name),
                        )
                    ]
                )
            raise ParseError("too short", source=source.name)

    # the search budget is part of what is tested: the fuzzing finds the crash within it
    with pytest.raises(UnicodeDecodeError):
        check_parser_on_bytes(CrashesAfterHeader(), max_examples=300, headers=[b"HEADLINE: "])
    with pytest.raises(UnicodeDecodeError):  # or from mutations of a sample
        check_parser_on_bytes(CrashesAfterHeader(), max_examples=300, headers=[], samples=[GOOD])
    check_parser_on_bytes(Wire(), headers=[b"HEADLINE: "], samples=[GOOD])


# -- taggers: ids, and the merge with the gazetteer -------------------------------------------------


def test_check_entity_ids_rejects_undocumented_namespaces():
    check_entity_ids([Entity(id="place:kashmir", kind="place", name="Kashmir")])
    with pytest.raises(AssertionError, match="'strait:hormuz' matches no documented namespace"):
        check_entity_ids([Entity(id="strait:hormuz", kind="place", name="Strait of Hormuz")])
    check_entity_ids([Entity(id="strait:hormuz", kind="place", name="Strait of Hormuz")], extra=[r"strait:[a-z-]+"])


class Straits:
    @hookimpl
    def geotext_tag_entities(self, article):
        found = []
        for name, entity_id in (("Strait of Hormuz", "strait:hormuz"), ("Iran", "iso:IRN")):
            start = article.text.find(name)
            if start >= 0:
                found.append(
                    Entity(
                        id=entity_id,
                        kind="place" if entity_id.startswith("strait") else "state",
                        name=name,
                        mentions=[Mention(start=start, end=start + len(name), text=name)],
                    )
                )
        return found


def test_analyze_with_gazetteer_merges_a_tagger_with_the_gazetteer():
    [analysis] = analyze_with_gazetteer(
        Straits(), ["Iran closed the Strait of Hormuz to ships from Oman."], name="straits"
    )
    ids = [entity.id for entity in analysis.entities]
    assert "strait:hormuz" in ids and "iso:OMN" in ids
    assert ids.count("iso:IRN") == 1  # the same id from both taggers is one entity
    [iran] = [entity for entity in analysis.entities if entity.id == "iso:IRN"]
    assert iran.coordinates is not None  # facts the gazetteer knows join the tagger's entity
    assert len(iran.mentions) == 1


# -- the command line, in process ---------------------------------------------------------------------


def test_run_cli_runs_geotext_in_process(tmp_path):
    (tmp_path / "a.txt").write_text("Mongolia and China\n\nThey met.", encoding="utf-8")
    result = run_cli(["analyze", str(tmp_path / "a.txt"), "-q"], env={"GEOTEXT_LOAD_PLUGINS": "text,json"})
    assert result.exit_code == 0, result.stderr
    assert '"text":"Mongolia and China' in result.stdout
    result = run_cli(["analyze", str(tmp_path / "a.txt"), "-f", "nosuch"], env={"GEOTEXT_LOAD_PLUGINS": "text,json"})
    assert result.exit_code == 2
    assert "unknown exporter 'nosuch'" in result.stderr
