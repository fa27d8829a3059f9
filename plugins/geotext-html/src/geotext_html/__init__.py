"""geotext-html: read HTML news pages through trafilatura, from the page's bytes only.

:func:`extract_article` is public so that other parsers (the WARC plugin) extract
pages the same way.
"""

from ._parser import DEFAULT_MAX_PAGE_BYTES, HtmlParser, extract_article
from .version import __version__

__all__ = ["DEFAULT_MAX_PAGE_BYTES", "HtmlParser", "__version__", "extract_article"]
