"""geotext-watchlist: the example plugin of the geotext documentation.

It reads a plain "newswire" format, tags the names of a user's watch list, and writes
mentions as a TSV table. Each part is a public class that works without the plugin
machinery; :mod:`geotext_watchlist.hooks` only registers them.
"""

from .exporter import MentionsTsvExporter
from .parser import NewswireParser
from .tagger import WatchlistTagger
from .version import __version__

__all__ = ["MentionsTsvExporter", "NewswireParser", "WatchlistTagger", "__version__"]
