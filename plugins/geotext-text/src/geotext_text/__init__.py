"""geotext-text: read plain-text news articles (the seed corpus format).

The parser is a plain class a program can use without the plugin machinery::

    from geotext_text import TextParser
    article = next(TextParser().parse(geotext.Source.from_input(Path("a.txt"))))
"""

from ._parser import TextParser, compose, decode_text, split_article
from .version import __version__

__all__ = ["TextParser", "__version__", "compose", "decode_text", "split_article"]
