"""Throughput of each exporter against plain ``json.dumps`` / ``csv.writer``, same results, same run.

Usage: .venv/bin/python bench/bench_exporters.py [--copies 400] [--rounds 7]

The results are the seed gold analyses (seeds/*.gold.json), repeated ``--copies`` times
(each copy with an article id of its own);
without gold files, analyses drawn by ``geotext.testing.analyses()``. Every contender
writes the same results to memory; rounds alternate the contenders (rotating the
order) and the table gives medians and the ratio to the baseline of the same kind:

- ``json.dumps``: ``json.dumps(a.to_dict(), ensure_ascii=False)`` per result, one line each;
- ``csv.writer``: the standard writer on the same four tables' rows (``table_rows``),
  written to a ``StringIO``, without the formula guard;
- ``sqlite3 executemany``: the same four tables' rows inserted into an in-memory
  database without keys, indexes, full-text search or views, then serialized.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import statistics
import time
from pathlib import Path

import attrs

import geotext
from geotext_csv import TABLES, CsvExporter, table_rows
from geotext_geojson import GeoJsonExporter
from geotext_json import JsonExporter, JsonLinesExporter
from geotext_markdown import MarkdownExporter
from geotext_report import HtmlReportExporter
from geotext_sqlite import SqliteExporter

ROOT = Path(__file__).resolve().parent.parent


def load_results(copies: int) -> tuple[list[geotext.Analysis], str]:
    paths = sorted((ROOT / "seeds").glob("*.gold.json"))
    if paths:
        base = [geotext.Analysis.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in paths]
        origin = f"{len(base)} seed gold analyses"
    else:
        from hypothesis import HealthCheck, given, settings

        from geotext.testing import analyses

        base = []

        @settings(max_examples=20, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
        @given(analyses())
        def collect(analysis):
            base.append(analysis)

        collect()
        origin = f"{len(base)} generated analyses"
    # each copy its own article id, as a corpus has: the SQLite exporter skips ids it holds
    results = [
        geotext.Analysis(
            article=attrs.evolve(a.article, id=f"{a.article.id}-{n}"),
            entities=a.entities,
            claims=a.claims,
            versions=a.versions,
        )
        for n in range(copies)
        for a in base
    ]
    return results, origin


def baseline_json(results):
    out = io.StringIO()
    for analysis in results:
        out.write(json.dumps(analysis.to_dict(), ensure_ascii=False))
        out.write("\n")
    return len(out.getvalue().encode("utf-8"))


def baseline_csv(results):
    size = 0
    for table, columns in TABLES.items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for analysis in results:
            writer.writerows(table_rows(analysis, table))
        size += len(out.getvalue().encode("utf-8"))
    return size


def baseline_sqlite(results):
    connection = sqlite3.connect(":memory:")
    for table, columns in TABLES.items():
        connection.execute(f"CREATE TABLE {table} ({', '.join(f'c{i}' for i in range(len(columns)))})")
        marks = ", ".join("?" * len(columns))
        connection.executemany(
            f"INSERT INTO {table} VALUES ({marks})",
            (row for analysis in results for row in table_rows(analysis, table)),
        )
    connection.commit()
    size = len(connection.serialize())
    connection.close()
    return size


def exporter(make):
    def run(results):
        buffer = io.BytesIO()
        make().write(results, buffer)
        return buffer.tell()

    return run


def csv_all_tables(results):
    return sum(exporter(lambda t=t: CsvExporter(table=t))(results) for t in TABLES)


CONTENDERS = {
    "json.dumps (baseline)": ("json", baseline_json),
    "geotext-json jsonl": ("json", exporter(JsonLinesExporter)),
    "geotext-json json": ("json", exporter(JsonExporter)),
    "geotext-markdown": ("json", exporter(MarkdownExporter)),
    "geotext-geojson": ("json", exporter(GeoJsonExporter)),
    "geotext-report html": ("json", exporter(HtmlReportExporter)),
    "csv.writer (baseline)": ("csv", baseline_csv),
    "geotext-csv (4 tables)": ("csv", csv_all_tables),
    "sqlite3 executemany (baseline)": ("sqlite", baseline_sqlite),
    "geotext-sqlite": ("sqlite", exporter(SqliteExporter)),
}
BASELINES = {
    "json": "json.dumps (baseline)",
    "csv": "csv.writer (baseline)",
    "sqlite": "sqlite3 executemany (baseline)",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    results, origin = load_results(args.copies)
    names = list(CONTENDERS)
    times: dict[str, list[float]] = {name: [] for name in names}
    sizes: dict[str, int] = {}
    for round_ in range(args.rounds):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            start = time.perf_counter()
            sizes[name] = CONTENDERS[name][1](results)
            times[name].append(time.perf_counter() - start)
    print(f"{len(results)} analyses ({origin} x {args.copies}), {args.rounds} alternating rounds, medians\n")
    print("| exporter | median s | analyses/s | MB/s | vs baseline |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        median = statistics.median(times[name])
        base = statistics.median(times[BASELINES[CONTENDERS[name][0]]])
        print(
            f"| {name} | {median:.3f} | {len(results) / median:,.0f} | {sizes[name] / median / 1e6:.1f} "
            f"| {median / base:.2f}x |"
        )


if __name__ == "__main__":
    main()
