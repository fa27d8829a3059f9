"""Markdown reports of geotext analyses, for people to read.

Per article: headline, source, date, counts, tables of states, organisations, people
and places with their ids linked to GeoNames and Wikidata, and the claims; for several
articles a corpus summary comes first. Text from articles is escaped, so it never breaks
a table or injects markup.
"""

from ._exporter import MarkdownExporter, escape
from .version import __version__

__all__ = ["MarkdownExporter", "__version__", "escape"]
