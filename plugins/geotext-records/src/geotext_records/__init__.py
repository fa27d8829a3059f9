"""geotext-records: read news records from JSON documents and JSON Lines files.

Field names follow what news APIs and dumps use (see :data:`DEFAULT_FIELDS`); a
mapping given as the parser option ``fields`` (``--field text=body`` on the command
line) overrides them.
"""

from ._parser import DEFAULT_FIELDS, FieldMap, JsonLinesParser, JsonParser, record_to_article
from .version import __version__

__all__ = ["DEFAULT_FIELDS", "FieldMap", "JsonLinesParser", "JsonParser", "__version__", "record_to_article"]
