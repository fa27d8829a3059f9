"""An exporter that writes one row per entity mention, as tab-separated values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from geotext import Analysis, Exporter

COLUMNS = ("article_id", "entity_id", "kind", "start", "end", "form", "text")


def _cell(value: object) -> str:
    # A tab or line break inside article text would break the row; escape them.
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class MentionsTsvExporter(Exporter):
    """Write a header row, then one row per mention of every analysis.

    Args:
        header: write the header row.
    """

    name = "mentions-tsv"
    suffix = ".tsv"
    media_type = "text/tab-separated-values"

    def __init__(self, *, header: bool = True) -> None:
        self.header = header

    def write(self, results: Iterable[Analysis], stream: BinaryIO) -> int:
        count = 0
        if self.header:
            stream.write(("\t".join(COLUMNS) + "\n").encode("utf-8"))
        for analysis in results:
            for mention, entity in analysis.mentions():
                row = (
                    analysis.article.id,
                    entity.id,
                    entity.kind,
                    mention.start,
                    mention.end,
                    mention.form,
                    mention.text,
                )
                stream.write(("\t".join(map(_cell, row)) + "\n").encode("utf-8"))
            count += 1
        return count
