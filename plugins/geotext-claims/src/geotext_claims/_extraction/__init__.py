"""The claim extractor, one module per stage.

=================  ==============================================================
module             what it does
=================  ==============================================================
``pipeline``       :class:`ClaimExtractor`; the named passes, in the order they run
``sentences``      stage 1: the article read once, then sentence by sentence
``attribution``    stage 2: who says, frames or does what around each cue
``actors``         stage 3: actor slots, subjects, coordinated lists and targets
``speakers``       stage 3: speakers as written when they are no tagged entity
``coding``         stage 4: event code, modality, tense and confidence
``relations``      stage 5: membership, observer status and partnership
``merging``        stage 6: relations stated twice, headline and body sentence
``punctuation``    a colon or a dash as the cue
``clauses``        clause structure around cues: closing cues, splits, coordination
``readings``       which reading of a cue form applies (verb, noun, object noun)
``text``           the text with its markers, clause breaks and quotations
``words``          word counting and word lists shared by the stages
``records``        the records the stages pass on; the one place a claim is made
=================  ==============================================================
"""

from __future__ import annotations

from .pipeline import ARTICLE_PASSES, SENTENCE_PASSES, ClaimExtractor
from .records import Attribution

__all__ = ["ARTICLE_PASSES", "SENTENCE_PASSES", "Attribution", "ClaimExtractor"]
