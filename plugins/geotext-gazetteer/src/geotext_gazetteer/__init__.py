"""geotext-gazetteer: states, places, organisations, initiatives and officials in news text.

A library first: :class:`Gazetteer` (also exported as :class:`Tagger`) tags any text or
:class:`geotext.Article` without the plugin machinery::

    from geotext_gazetteer import Gazetteer

    tagger = Gazetteer.load()
    for entity in tagger.tag("Beijing urged Mongolia to join the SCO."):
        print(entity.id, [m.text for m in entity.mentions])

As a geotext plugin (entry point ``gazetteer``) it reads its settings from
``config["gazetteer"]``: ``extra_entries`` (a CSV or JSON file of your own entries),
``cache_dir`` and ``cache`` (``False`` to always compile), ``recogniser`` (``"model"``, the
default: a learned recogniser decides which capitalised spans are entities; ``"rules"``: the
dictionary and context rules alone), ``model_path`` (another recogniser model) and
``place_resolver`` (``"learned"``, the default, ``"rules"``, or a model file).
"""

from __future__ import annotations

from ._build import BUILD_VERSION, DEFAULT_MIN_POPULATION, build, read, slugify, write
from ._extra import read_extra_entries
from ._officials import refresh_officials
from ._tagger import RECOGNISERS, Gazetteer, RecogniserDecision, Tagger, compile_data, default_cache_dir
from .version import __version__

__all__ = [
    "BUILD_VERSION",
    "DEFAULT_MIN_POPULATION",
    "RECOGNISERS",
    "Gazetteer",
    "RecogniserDecision",
    "Tagger",
    "__version__",
    "build",
    "compile_data",
    "default_cache_dir",
    "read",
    "read_extra_entries",
    "refresh_officials",
    "slugify",
    "write",
]
