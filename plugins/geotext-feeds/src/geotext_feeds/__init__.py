"""geotext-feeds: read RSS and Atom feeds, one article per item, offline and XML-safe."""

from ._parser import FeedParser, check_xml_safe, html_to_paragraphs
from .version import __version__

__all__ = ["FeedParser", "__version__", "check_xml_safe", "html_to_paragraphs"]
