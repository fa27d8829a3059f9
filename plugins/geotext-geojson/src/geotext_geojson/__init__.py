"""GeoJSON (RFC 7946) output for geotext: the states and places found, ready for a map.

One Feature per entity with coordinates, aggregated across the analyses written, and
one per claim at the place where its event happened.
"""

from ._exporter import GeoJsonExporter, feature_collection
from .version import __version__

__all__ = ["GeoJsonExporter", "__version__", "feature_collection"]
