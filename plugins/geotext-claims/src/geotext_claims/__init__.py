"""geotext-claims: who said, urged, pledged or did what to whom, from text and entities.

Use it as a library::

    from geotext_claims import ClaimExtractor

    claims = ClaimExtractor().extract(article, entities)

or through geotext, where it runs after the taggers (entry point ``claims``). Each claim
gets the place and date of its event when the text gives them; :func:`locate_event` and
:func:`date_event` find them for any event span.
"""

from __future__ import annotations

from ._dating import FoundDate, date_event, find_dates
from ._extraction import Attribution, ClaimExtractor
from ._lexicon import CameoTable, Lexicon, inflect
from ._locating import locate_event, main_place
from ._sentences import split_sentences
from .version import __version__

__all__ = [
    "Attribution",
    "CameoTable",
    "ClaimExtractor",
    "FoundDate",
    "Lexicon",
    "__version__",
    "date_event",
    "find_dates",
    "inflect",
    "locate_event",
    "main_place",
    "split_sentences",
]
