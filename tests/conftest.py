import pytest

import geotext._pipeline as pipeline


@pytest.fixture(autouse=True)
def _fresh_pipelines(monkeypatch):
    """Each test starts without cached plugin sets, and with no plugin env vars set."""
    for variable in ("GEOTEXT_LOAD_PLUGINS", "GEOTEXT_DISABLE_PLUGINS", "GEOTEXT_STRICT_PLUGINS",
                     "GEOTEXT_TRACE_PLUGINS"):
        monkeypatch.delenv(variable, raising=False)
    pipeline.reset_pipelines()
    yield
    pipeline.reset_pipelines()
