"""The plugin contract: errors wrapped alike, hooks through pluggy, settings, ambiguity, outputs."""

from __future__ import annotations

import io
import logging
import os
import stat
from collections.abc import Iterator

import pytest

import geotext
from geotext import (
    Article,
    Entity,
    Exporter,
    Mention,
    Parser,
    Pipeline,
    PluginSet,
    Provenance,
    Source,
    hookimpl,
)
from geotext.exceptions import (
    AmbiguousComponentError,
    ConfigError,
    ExportError,
    PluginError,
    UnknownOptionError,
    ValidationError,
)

TEXT = "Mongolia and China met in Ulaanbaatar."


def _pipeline(*plugins: tuple[str, object], config=None, strict=None) -> Pipeline:
    plugin_set = PluginSet(discover=False, strict=strict)
    for name, plugin in plugins:
        plugin_set.register(plugin, name)
    return Pipeline(plugins=plugin_set, config=config)


class LineParser(Parser):
    name = "lines"
    suffixes = (".lines",)
    media_types = ("text/plain",)

    def parse(self, source: Source) -> Iterator[Article]:
        text = source.read_bytes().decode("utf-8")
        yield Article(
            text=text,
            metadata={"options": dict(source.options)},
            provenance=Provenance(source=source.name, parser=self.name),
        )


class Tsv(Exporter):
    name = "tsv"

    def __init__(self, *, header: bool = True, separator: str = "\t") -> None:
        self.header = header
        self.separator = separator

    def write(self, results, stream):
        count = 0
        for analysis in results:
            if self.header:
                stream.write(b"id" + self.separator.encode() + b"text\n")
            stream.write(f"{analysis.article.id}{self.separator}{len(analysis.entities)}\n".encode())
            count += 1
        return count


class Broken(Exporter):
    name = "broken"

    def write(self, results, stream):
        raise KeyError("boom in write")


class Components:
    @hookimpl
    def geotext_register_parsers(self, register):
        register(LineParser())

    @hookimpl
    def geotext_register_exporters(self, register):
        register(Tsv)
        register(Broken)


def _mongolia(article: Article, form: str = "name", **fields) -> Entity:
    start = article.text.index("Mongolia")
    return Entity(
        id="iso:MNG",
        kind="state",
        name="Mongolia",
        mentions=[Mention(start=start, end=start + 8, text="Mongolia", form=form)],
        **fields,
    )


# -- errors wrapped alike --------------------------------------------------------------------


def test_an_exception_in_exporter_write_becomes_plugin_error_naming_plugin_and_hook(seed_analyses):
    pipeline = _pipeline(("components", Components()))
    with pytest.raises(PluginError) as caught:
        pipeline.export(seed_analyses, format="broken")
    assert caught.value.plugin == "components"
    assert caught.value.hook == "write"
    assert isinstance(caught.value.__cause__, KeyError)


def test_a_geotext_error_raised_by_a_tagger_keeps_its_class_and_names_the_plugin():
    class Tagger:
        @hookimpl
        def geotext_tag_entities(self, article, config):
            raise ConfigError("watchlist.entries must be a mapping")

    pipeline = _pipeline(("components", Components()), ("watchlist", Tagger()))
    with pytest.raises(ConfigError) as caught:
        pipeline.analyze(TEXT)
    assert caught.value.plugin == "watchlist"
    assert caught.value.hook == "geotext_tag_entities"
    assert "watchlist" in str(caught.value)


def test_a_plain_exception_in_a_tagger_becomes_plugin_error():
    class Tagger:
        @hookimpl
        def geotext_tag_entities(self, article, config):
            return [][1]

    with pytest.raises(PluginError, match="plugin 'bad' failed in geotext_tag_entities: IndexError"):
        _pipeline(("components", Components()), ("bad", Tagger())).analyze(TEXT)


def test_wrong_offsets_from_a_tagger_name_the_tagger():
    class Tagger:
        @hookimpl
        def geotext_tag_entities(self, article):
            return [
                Entity(id="iso:MNG", kind="state", name="Mongolia", mentions=[Mention(start=1, end=9, text="Mongolia")])
            ]

    pipeline = _pipeline(("components", Components()), ("offsets", Tagger()))
    with pytest.raises(ValidationError) as caught:
        pipeline.analyze(TEXT)
    assert caught.value.plugin == "offsets"
    batch = pipeline.analyze_many([TEXT])
    assert list(batch) == []
    assert batch.failures[0].plugin == "offsets"
    assert batch.failures[0].error_type == "ValidationError"


def test_an_exception_in_parse_names_the_plugin_not_the_parser():
    class BadParser(LineParser):
        name = "bad-lines"
        suffixes = (".bad",)

        def parse(self, source):
            raise RuntimeError("parser bug")
            yield  # pragma: no cover

    class Plugin:
        @hookimpl
        def geotext_register_parsers(self, register):
            register(BadParser())

    with pytest.raises(PluginError) as caught:
        _pipeline(("badparse", Plugin())).analyze(b"x", parser="bad-lines")
    assert (caught.value.plugin, caught.value.hook) == ("badparse", "parse")


def test_unknown_exporter_option_is_a_usage_error_listing_the_options(seed_analyses):
    pipeline = _pipeline(("components", Components()))
    with pytest.raises(
        UnknownOptionError, match=r"exporter 'tsv' has no option 'nope'; its options: header, separator"
    ):
        pipeline.export(seed_analyses, format="tsv", nope=1)
    # still a TypeError and a ConfigError for callers that catch those
    with pytest.raises(TypeError):
        pipeline.export(seed_analyses, format="tsv", nope=1)
    with pytest.raises(ConfigError):
        pipeline.get_exporter("tsv", nope=1)


def test_geotext_export_rejects_an_unknown_option(seed_analyses):
    with pytest.raises(UnknownOptionError, match="its options: .*indent"):
        geotext.export(seed_analyses, "json", nope=1)


# -- loading: strict mode and ambiguity ------------------------------------------------------


def test_strict_mode_reports_a_shared_parser_name_and_leaves_no_half_built_set():
    class Other:
        @hookimpl
        def geotext_register_parsers(self, register):
            register(LineParser())

    plugins = PluginSet(discover=False, strict=True)
    plugins.register(Components(), "components")
    plugins.register(Other(), "other")
    for _ in range(2):  # the second use reports the same cause, not a registry error
        with pytest.raises(AmbiguousComponentError, match="components:lines, other:lines"):
            plugins.load()


def test_a_failing_registration_hook_skips_only_that_plugin():
    class Failing:
        @hookimpl
        def geotext_register_exporters(self, register):
            raise RuntimeError("cannot register")

    plugins = PluginSet(discover=False)
    plugins.register(Components(), "components")
    plugins.register(Failing(), "failing")
    infos = {info.name: info for info in plugins.plugins()}
    assert "cannot register" in infos["failing"].error
    assert infos["components"].exporters == ("tsv", "broken")
    assert plugins.exporters.names() == ["broken", "tsv"]


class OtherLineParser(LineParser):
    name = "other-lines"

    def __init__(self, score: float = 0.0) -> None:
        self.score = score

    def sniff(self, head: bytes) -> float:
        return self.score


def _two_parsers(score: float, config=None) -> Pipeline:
    class Other:
        @hookimpl
        def geotext_register_parsers(self, register):
            register(OtherLineParser(score))

    return _pipeline(("components", Components()), ("other", Other()), config=config)


def test_two_parsers_for_one_suffix_are_an_error_naming_both():
    pipeline = _two_parsers(0.0)
    with pytest.raises(AmbiguousComponentError, match=r"lines, other-lines.*suffix '\.lines'") as caught:
        pipeline.choose_parser(Source.from_input(b"text", name="a.lines"))
    assert caught.value.candidates == ["lines", "other-lines"]


def test_sniff_then_priority_decide_between_parsers_of_one_suffix():
    source = Source.from_input(b"text", name="a.lines")
    assert _two_parsers(0.9).choose_parser(source).name == "other-lines"
    assert _two_parsers(0.0, {"components": {"priority": 5}}).choose_parser(source).name == "lines"
    assert _two_parsers(0.0, {"other": {"priority": 1}}).choose_parser(source).name == "other-lines"


def test_priority_setting_must_be_an_integer():
    with pytest.raises(ConfigError, match="expected an integer"):
        _pipeline(("components", Components()), config={"components": {"priority": "high"}})


def _disagreeing_taggers(config=None) -> Pipeline:
    class A:
        @hookimpl
        def geotext_tag_entities(self, article):
            return [_mongolia(article, form="name", office=None, attributes={"source": "a"})]

    class B:
        @hookimpl
        def geotext_tag_entities(self, article):
            return [_mongolia(article, form="alias", attributes={"source": "b"}, country="MNG")]

    return _pipeline(("components", Components()), ("alpha", A()), ("beta", B()), config=config)


def test_one_entity_on_one_span_from_two_taggers_is_one_mention():
    [entity] = _disagreeing_taggers().analyze(TEXT).entities
    assert len(entity.mentions) == 1
    assert entity.mentions[0].form == "name"  # alpha sorts first at equal priority
    assert entity.country == "MNG"  # a value only one tagger has is kept


def test_priority_decides_which_tagger_wins_attributes_and_forms():
    [entity] = _disagreeing_taggers({"beta": {"priority": 10}}).analyze(TEXT).entities
    assert entity.attributes["source"] == "b"
    assert entity.mentions[0].form == "alias"
    [entity] = _disagreeing_taggers().analyze(TEXT).entities
    assert entity.attributes["source"] == "a"


# -- hooks through pluggy -----------------------------------------------------------------------


def test_hook_wrappers_run_around_the_taggers():
    seen = []

    class Tagger:
        @hookimpl
        def geotext_tag_entities(self, article):
            return [_mongolia(article)]

    class Wrapper:
        @hookimpl(wrapper=True)
        def geotext_tag_entities(self, article):
            results = yield
            seen.append(len(results))
            return [[e for e in entities if e.id != "iso:MNG"] for entities in results]

    plain = _pipeline(("components", Components()), ("tagger", Tagger()))
    assert [e.id for e in plain.analyze(TEXT).entities] == ["iso:MNG"]
    wrapped = _pipeline(("components", Components()), ("tagger", Tagger()), ("wrapper", Wrapper()))
    assert wrapped.analyze(TEXT).entities == ()
    assert seen == [1]


def test_chained_hooks_see_the_previous_result_and_wrappers_see_the_last():
    class First:
        @hookimpl(tryfirst=True)
        def geotext_article_parsed(self, article):
            return Article(text=article.text, id=article.id, language="en")

    class Second:
        @hookimpl(trylast=True)
        def geotext_article_parsed(self, article):
            assert article.language == "en"
            return Article(text=article.text, id=article.id, language=article.language, source="wire")

    analysis = _pipeline(("components", Components()), ("first", First()), ("second", Second())).analyze(TEXT)
    assert (analysis.article.language, analysis.article.source) == ("en", "wire")


def test_tracing_logs_every_hook_call(monkeypatch, caplog):
    monkeypatch.setenv("GEOTEXT_TRACE_PLUGINS", "1")

    class Tagger:
        @hookimpl
        def geotext_tag_entities(self, article):
            return [_mongolia(article)]

    with caplog.at_level(logging.DEBUG, logger="geotext.plugins"):
        _pipeline(("components", Components()), ("tagger", Tagger())).analyze(TEXT)
    logged = caplog.text
    assert "geotext_tag_entities" in logged
    assert "geotext_register_parsers" in logged
    assert "finish" in logged


# -- settings: one way in ---------------------------------------------------------------------------


def test_a_parser_gets_its_plugins_settings_under_the_call_options():
    pipeline = _pipeline(("components", Components()), config={"components": {"a": 1, "b": 2}})
    article = next(pipeline.parse(b"x", parser="lines", parser_options={"b": 3}))
    assert article.metadata["options"] == {"a": 1, "b": 3}


def test_an_exporter_gets_its_plugins_settings_under_the_call_options(seed_analyses):
    pipeline = _pipeline(
        ("components", Components()), config={"components": {"header": False, "separator": ";", "unrelated": 1}}
    )
    out = pipeline.export(seed_analyses[:1], format="tsv")
    assert out.startswith(seed_analyses[0].article.id + ";")
    out = pipeline.export(seed_analyses[:1], format="tsv", separator="|")
    assert "|" in out and ";" not in out


def test_options_layer_on_an_exporter_instance_registered_with_defaults(seed_analyses):
    class Defaults:
        @hookimpl
        def geotext_register_exporters(self, register):
            register(Tsv(separator=","))

    pipeline = _pipeline(("defaults", Defaults()))
    out = pipeline.export(seed_analyses[:1], format="tsv", header=False)
    assert out == f"{seed_analyses[0].article.id},{len(seed_analyses[0].entities)}\n"
    assert pipeline.get_exporter("tsv").get_options() == {"separator": ","}


def test_settings_from_the_command_line_reach_parsers(tmp_path):
    pytest.importorskip("geotext_records", reason="needs geotext-records installed")
    from geotext.testing import run_cli

    source = tmp_path / "a.json"
    source.write_text('{"title": "Talks", "story": "Mongolia and China met in Ulaanbaatar."}', encoding="utf-8")
    env = {"GEOTEXT_LOAD_PLUGINS": "records,json"}
    # the records plugin's field mapping, given as its setting (not --field)
    result = run_cli(["analyze", str(source), "-q", "--set", 'records.fields={"text": "story"}'], env=env)
    assert result.exit_code == 0, result.stderr
    assert "Mongolia and China met in Ulaanbaatar." in result.stdout
    config = tmp_path / "settings.json"
    config.write_text('{"records": {"fields": {"text": "story"}}}', encoding="utf-8")
    result = run_cli(["analyze", str(source), "-q", "--config", str(config)], env=env)
    assert "Mongolia and China met in Ulaanbaatar." in result.stdout


def test_settings_from_the_command_line_reach_exporters(tmp_path):
    from geotext.testing import run_cli

    (tmp_path / "a.txt").write_text("Mongolia and China\n\nThey met.", encoding="utf-8")
    env = {"GEOTEXT_LOAD_PLUGINS": "text,json"}
    result = run_cli(["analyze", str(tmp_path / "a.txt"), "-q", "-f", "json", "--set", "json.indent=true"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "\n  " in result.stdout  # indented
    result = run_cli(["analyze", str(tmp_path / "a.txt"), "-q", "-f", "json"], env=env)
    assert "\n  " not in result.stdout.strip()


# -- outputs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_atomic_write_respects_the_umask(tmp_path, umask, expected):
    old = os.umask(umask)
    try:
        with geotext.atomic_write(tmp_path / "out.csv") as stream:
            stream.write(b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == expected


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    target.chmod(0o664)
    with geotext.atomic_write(target) as stream:
        stream.write(b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert target.read_bytes() == b"new"


def test_exporter_write_path_respects_the_umask(tmp_path, seed_analyses):
    old = os.umask(0o022)
    try:
        Tsv().write_path(seed_analyses, tmp_path / "x.tsv")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.tsv").stat().st_mode) == 0o644


def test_write_errors_of_the_core_stay_export_errors(tmp_path, seed_analyses):
    pipeline = _pipeline(("components", Components()))
    with pytest.raises(ExportError, match="does not exist"):
        pipeline.export(seed_analyses, format="tsv", to=tmp_path / "no" / "x.tsv")
    buffer = io.BytesIO()
    assert pipeline.export(seed_analyses, format="tsv", to=buffer) == len(seed_analyses)
