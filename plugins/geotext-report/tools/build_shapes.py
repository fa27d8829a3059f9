#!/usr/bin/env python3
"""Derive the report's world map shapes from Natural Earth 1:110m country polygons.

Source: Natural Earth 1:110m Admin 0 countries (public domain), version 4.1.0, as
redistributed in TopoJSON by the npm package ``world-atlas`` 2.0.2 (ISC), file
``countries-110m.json``. Fetch it with the ordinary npm client and run:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python plugins/geotext-report/tools/build_shapes.py package/countries-110m.json

The output, ``src/geotext_report/data/countries-110m.json``, maps ISO 3166 alpha-3 codes
to SVG path data in an equirectangular projection at 0.1 degree per unit
(x = (lon + 180) * 10, y = (90 - lat) * 10), with relative line commands. Antarctica is
left out (the map is cropped at 60 degrees south). Features without an ISO numeric code
are keyed by the codes geotext's gazetteer uses (Kosovo XKX) or left out (N. Cyprus,
Somaliland: no ISO code). The same input gives the same bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "geotext_report" / "data" / "countries-110m.json"
UNCODED = {"Kosovo": "XKX"}
LEFT_OUT = {"ATA"}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON quantized, delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with longitudes made continuous: a step across the antimeridian (Russia's
    Chukotka, Fiji) goes on past 180 degrees instead of jumping across the whole map."""
    out = [points[0]]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def rings(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Every ring, unwrapped; a ring reaching past the antimeridian is drawn a second time
    shifted by 360 degrees, and the map's edge shows the part of each copy inside it."""
    found = []
    for polygon in polygons:
        for ring in polygon:
            points = unwrapped(ring_points(ring, arcs))
            found.append(points)
            if max(lon for lon, _ in points) > 180:
                found.append([(lon - 360, lat) for lon, lat in points])
            if min(lon for lon, _ in points) < -180:
                found.append([(lon + 360, lat) for lon, lat in points])
    return found


def path_data(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> str:
    parts: list[str] = []
    for ring in rings(polygons, arcs):
        projected = [(round((lon + 180) * 10), round((90 - lat) * 10)) for lon, lat in ring]
        start = projected[0]
        steps = []
        previous = start
        for point in projected[1:]:
            delta = (point[0] - previous[0], point[1] - previous[1])
            if delta != (0, 0):
                steps.append(delta)
                previous = point
        if len(steps) < 2:
            continue
        numbers = "".join(f"{'' if n < 0 else ' '}{n}" for step in steps for n in step).lstrip()
        parts.append(f"M{start[0]} {start[1]}l{numbers}z")
    return "".join(parts)


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if code is not None:
            country = pycountry.countries.get(numeric=code)
            iso3 = country.alpha_3 if country else None
        else:
            iso3 = UNCODED.get(geometry["properties"]["name"])
        if iso3 is None or iso3 in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        data = path_data(polygons, arcs)
        shapes[iso3] = shapes.get(iso3, "") + data
    document = {
        "source": "Natural Earth 1:110m Admin 0 countries 4.1.0 (public domain), via world-atlas 2.0.2",
        "derived_by": "plugins/geotext-report/tools/build_shapes.py",
        "projection": "equirectangular; x = (lon + 180) * 10, y = (90 - lat) * 10",
        "shapes": dict(sorted(shapes.items())),
    }
    OUTPUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(shapes)} shapes, {OUTPUT.stat().st_size} bytes -> {OUTPUT}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
