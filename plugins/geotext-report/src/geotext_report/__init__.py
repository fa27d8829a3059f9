"""A self-contained HTML report of geotext analyses (format ``html``).

Article text with mentions highlighted by kind and claim evidence marked, entity and
claim cards, a claims table filtered by actor and code, and a map drawn from bundled
Natural Earth 1:110m country shapes. It renders offline: nothing is fetched.

This is the report *exporter*; ``geotext-html`` is the HTML *parser*.
"""

from ._exporter import HtmlReportExporter, country_shapes, render
from .version import __version__

__all__ = ["HtmlReportExporter", "__version__", "country_shapes", "render"]
