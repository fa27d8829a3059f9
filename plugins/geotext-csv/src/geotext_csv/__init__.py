"""Tidy CSV tables of geotext analyses: articles, entities, mentions and claims.

Each table has one row per observation and one value per cell, so pandas and R load
it without cleaning. See the README for the columns, the quoting and the formula guard.
"""

from ._exporter import TABLES, CsvExporter, is_formula, join_cell, split_cell, table_rows
from .version import __version__

__all__ = ["TABLES", "CsvExporter", "__version__", "is_formula", "join_cell", "split_cell", "table_rows"]
