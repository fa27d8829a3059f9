"""SQLite output for geotext: one database of articles, entities, mentions and claims.

Tables with primary and foreign keys, full-text search and views, ready for Datasette
(``datasette news.db -m news.metadata.json``) or any SQL client.
"""

from ._exporter import SCHEMA_VERSION, SqliteExporter, datasette_metadata, write_database
from .version import __version__

__all__ = ["SCHEMA_VERSION", "SqliteExporter", "__version__", "datasette_metadata", "write_database"]
