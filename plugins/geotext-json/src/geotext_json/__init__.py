"""JSON and JSON Lines output for geotext, and readers that load it back.

The layout is the core's serialized form (:meth:`geotext.Analysis.to_dict`, described
by ``geotext.schema_path()``); :func:`read_json` and :func:`read_jsonl` give back
values equal to those written.
"""

from ._exporters import JsonExporter, JsonLinesExporter, dumps
from ._readers import loads, read_json, read_jsonl
from .version import __version__

__all__ = ["JsonExporter", "JsonLinesExporter", "__version__", "dumps", "loads", "read_json", "read_jsonl"]
