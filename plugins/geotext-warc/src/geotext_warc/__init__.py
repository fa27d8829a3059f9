"""geotext-warc: read WARC web archives (.warc, .warc.gz) as streams of articles.

Pages are extracted by :func:`geotext_html.extract_article`, exactly as the ``html``
parser extracts a single page.
"""

from ._parser import WarcParser
from .version import __version__

__all__ = ["WarcParser", "__version__"]
