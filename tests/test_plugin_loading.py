"""Plugin loading through real entry points: broken, disabled, duplicate and misspelt plugins."""

import pytest

import geotext
from geotext import PluginSet

GOOD = """
import geotext

class Upper(geotext.Exporter):
    name = "upper"
    def write(self, results, stream):
        n = 0
        for result in results:
            stream.write(result.article.text.upper().encode() + b"\\n")
            n += 1
        return n

@geotext.hookimpl
def geotext_register_exporters(register):
    register(Upper)
"""


def test_good_plugin_is_listed_with_distribution(install_plugin):
    install_plugin("gt_good", GOOD, dist="geotext-good", entry_name="good")
    infos = {info.name: info for info in PluginSet(names=["good"]).plugins()}
    assert infos["good"].loaded
    assert infos["good"].distribution == "geotext-good"
    assert infos["good"].version == "0.1.0"
    assert infos["good"].exporters == ("upper",)
    assert "exporter" in infos["good"].kinds


def test_broken_plugin_is_reported_and_skipped(install_plugin):
    install_plugin("gt_broken", "raise RuntimeError('boom at import')", entry_name="broken")
    install_plugin("gt_good", GOOD, dist="geotext-good", entry_name="good")
    plugins = PluginSet(names=["broken", "good"])
    infos = {info.name: info for info in plugins.plugins()}
    assert not infos["broken"].loaded
    assert "boom at import" in infos["broken"].error
    assert infos["good"].loaded
    assert plugins.exporters.names() == ["upper"]


def test_broken_plugin_raises_in_strict_mode(install_plugin):
    install_plugin("gt_broken", "raise RuntimeError('boom at import')", entry_name="broken")
    with pytest.raises(geotext.PluginLoadError, match="broken.*boom at import"):
        PluginSet(names=["broken"], strict=True).load()


def test_strict_mode_from_environment(install_plugin, monkeypatch):
    install_plugin("gt_broken", "import no_such_module_anywhere", entry_name="broken")
    monkeypatch.setenv("GEOTEXT_STRICT_PLUGINS", "1")
    with pytest.raises(geotext.PluginLoadError, match="no_such_module_anywhere"):
        PluginSet(names=["broken"]).load()


def test_disabled_plugin_is_never_imported(install_plugin, monkeypatch):
    install_plugin("gt_broken", "raise RuntimeError('must not be imported')", entry_name="broken")
    install_plugin("gt_good", GOOD, dist="geotext-good", entry_name="good")
    monkeypatch.setenv("GEOTEXT_DISABLE_PLUGINS", "broken")
    names = [info.name for info in PluginSet(names=["broken", "good"]).plugins()]
    assert names == ["good"]


def test_load_plugins_variable_selects_by_name_or_distribution(install_plugin, monkeypatch):
    install_plugin("gt_good", GOOD, dist="geotext-good", entry_name="good")
    install_plugin("gt_other", GOOD, dist="geotext-other", entry_name="other")
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", "geotext-other")
    assert [i.name for i in PluginSet(names=["good", "other"]).plugins()] == ["other"]
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", "")
    assert PluginSet(names=["good", "other"]).plugins() == []


def test_two_plugins_claiming_one_format(install_plugin):
    install_plugin("gt_good", GOOD, dist="geotext-good", entry_name="good")
    install_plugin("gt_other", GOOD, dist="geotext-other", entry_name="other")
    pipeline = geotext.Pipeline(plugins=["good", "other"])
    with pytest.raises(geotext.AmbiguousComponentError) as caught:
        pipeline.get_exporter("upper")
    assert caught.value.candidates == ["good:upper", "other:upper"]
    assert pipeline.get_exporter("other:upper").name == "upper"
    with pytest.raises(geotext.AmbiguousComponentError):
        PluginSet(names=["good", "other"], strict=True).load()


def test_misspelt_hook_is_reported_with_a_suggestion(install_plugin):
    install_plugin(
        "gt_typo",
        """
import geotext

@geotext.hookimpl
def geotext_tag_entites(article, config):
    return []
""",
        entry_name="typo",
    )
    infos = {info.name: info for info in PluginSet(names=["typo"]).plugins()}
    assert "unknown hook 'geotext_tag_entites'" in infos["typo"].error
    assert "geotext_tag_entities" in infos["typo"].error
    with pytest.raises(geotext.PluginLoadError, match="geotext_tag_entites"):
        PluginSet(names=["typo"], strict=True).load()


def test_hook_with_unknown_argument_is_reported(install_plugin):
    install_plugin(
        "gt_badarg",
        """
import geotext

@geotext.hookimpl
def geotext_tag_entities(article, colour):
    return []
""",
        entry_name="badarg",
    )
    infos = {info.name: info for info in PluginSet(names=["badarg"]).plugins()}
    assert "colour" in infos["badarg"].error


def test_import_geotext_loads_no_plugin(install_plugin):
    import subprocess
    import sys

    install_plugin("gt_noisy", "import sys; sys.stderr.write('LOADED'); raise SystemExit(9)", entry_name="noisy")
    done = subprocess.run(
        [sys.executable, "-c", "import geotext; print(sorted(geotext.__all__)[:1])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "LOADED" not in done.stderr
    assert "geotext.plugins" not in done.stdout


def test_plugins_load_once_per_set(install_plugin):
    install_plugin(
        "gt_count",
        GOOD + "\nimport builtins\nbuiltins.GT_COUNT = getattr(builtins, 'GT_COUNT', 0) + 1\n",
        entry_name="count",
    )
    import builtins

    plugins = PluginSet(names=["count"])
    plugins.load()
    plugins.load()
    plugins.plugins()
    assert builtins.GT_COUNT == 1
    del builtins.GT_COUNT


@pytest.mark.parametrize("variable", ["GEOTEXT_LOAD_PLUGINS", "GEOTEXT_DISABLE_PLUGINS"])
def test_a_misspelt_name_in_the_environment_is_reported(install_plugin, monkeypatch, variable):
    install_plugin("gt_good", GOOD, dist="geotext-good", entry_name="good")
    monkeypatch.setenv(variable, "good,goood")
    infos = {info.name: info for info in PluginSet().plugins()}
    assert not infos["goood"].loaded
    assert variable in infos["goood"].error and "did you mean 'good'" in infos["goood"].error
    monkeypatch.setenv("GEOTEXT_STRICT_PLUGINS", "1")
    with pytest.raises(geotext.PluginLoadError, match="goood"):
        PluginSet().load()
