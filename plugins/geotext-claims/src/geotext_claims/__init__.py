"""geotext-claims: who said, urged, pledged or did what to whom, from text and entities.

Use it as a library::

    from geotext_claims import ClaimExtractor

    claims = ClaimExtractor().extract(article, entities)

or through geotext, where it runs after the taggers (entry point ``claims``).
"""

from __future__ import annotations

from ._extractor import Attribution, ClaimExtractor
from ._lexicon import CameoTable, Lexicon, inflect
from ._sentences import split_sentences
from .version import __version__

__all__ = ["Attribution", "CameoTable", "ClaimExtractor", "Lexicon", "__version__", "inflect", "split_sentences"]
