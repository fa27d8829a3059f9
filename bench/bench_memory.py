"""Benchmark of memory: peak resident memory of ``geotext analyze`` per input size.

Each measurement runs ``geotext analyze INPUT -o OUT -q`` in a fresh process and reads
its peak resident set size (``ru_maxrss`` of the child). The first row of each table is
a tiny input, whose peak is the cost of Python, geotext and the plugins' data; the
growth over it is what the input costs. Inputs:

* ``text``: one plain-text article of the given size (paragraphs of about 1,500
  characters of news-like sentences);
* ``jsonl-corpus``: a JSON Lines file of the given size made of 2 KB records (streamed:
  memory should stay flat whatever the file size);
* ``jsonl-record``: a JSON Lines file holding one record of the given size;
* ``warc``: a gzipped WARC of the given size made of 3 KB HTML pages (streamed).

Prints a Markdown table. Sizes are in kB; keep them small on a shared machine.

By default the runs read the gazetteer's compiled cache (a warm load; the first run of a
fresh checkout writes it). ``--cold`` gives every run an empty cache folder
(``XDG_CACHE_HOME``), so each peak includes compiling the gazetteer and writing its cache:
the most memory a first run needs.

Usage::

    .venv/bin/python bench/bench_memory.py [--sizes 1,250,1000,4000] [--kinds text,jsonl-record]
        [--plugins text,records,warc,html,json] [--cold]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = (
    "China urged Mongolia to join the Shanghai Cooperation Organization , said Premier Li Qiang in "
    "Beijing on Tuesday . The talks with Russia went well , officials in Ulaanbaatar said ."
).split()


def sentences(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(WORDS)
        parts.append(word)
        total += len(word) + 1
    return " ".join(parts)[:size]


def paragraphs(size: int) -> str:
    text = sentences(size)
    return "\n\n".join(text[i : i + 1500] for i in range(0, len(text), 1500))


def make_input(kind: str, size: int, folder: Path) -> Path:
    if kind == "text":
        path = folder / "article.txt"
        path.write_text("Talks in Ulaanbaatar\n\n" + paragraphs(size), encoding="utf-8")
    elif kind == "jsonl-corpus":
        path = folder / "corpus.jsonl"
        with open(path, "w", encoding="utf-8") as stream:
            written, index = 0, 0
            while written < size or index == 0:
                line = json.dumps({"id": f"r{index}", "title": f"Record {index}", "text": paragraphs(2000)}) + "\n"
                stream.write(line)
                written += len(line)
                index += 1
    elif kind == "jsonl-record":
        path = folder / "record.jsonl"
        path.write_text(json.dumps({"id": "big", "title": "Talks", "text": paragraphs(size)}) + "\n", encoding="utf-8")
    elif kind == "warc":
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        path = folder / "crawl.warc.gz"
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        index = 0
        while buffer.tell() < size or index == 0:
            body = "".join(f"<p>{part}</p>" for part in paragraphs(3000).split("\n\n"))
            page = f"<html><head><title>Story {index}</title></head><body><article><h1>Story {index}</h1>{body}"
            page = (page + "</article></body></html>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://example.org/{index}", "response", payload=io.BytesIO(page), http_headers=headers
                )
            )
            index += 1
        path.write_bytes(buffer.getvalue())
    else:
        raise SystemExit(f"unknown kind {kind!r}")
    return path


def peak_of_run(path: Path, out: Path, plugins: str | None, cache_home: Path | None = None) -> tuple[float, int]:
    """Peak RSS (MB) of one ``geotext analyze`` process, and its exit status; with
    *cache_home*, the process keeps its caches there (an empty folder: a cold start)."""
    env = dict(os.environ)
    if plugins:
        env["GEOTEXT_LOAD_PLUGINS"] = plugins
    if cache_home is not None:
        env["XDG_CACHE_HOME"] = str(cache_home)
    command = [sys.executable, "-c", _CHILD, str(path), str(out)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr[-2000:])
    line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "0"
    return float(line), done.returncode


# the child runs the command line in-process, then prints its own peak (Linux: kB)
_CHILD = """
import resource, sys
from geotext.cli import main
try:
    main(["analyze", sys.argv[1], "-o", sys.argv[2], "-q", "--max-bytes", str(2**31)], prog_name="geotext")
except SystemExit as exit:
    code = exit.code
else:
    code = 0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
sys.exit(code or 0)
"""


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--sizes", default="1,250,1000", help="input sizes in kB, comma-separated")
    options.add_argument("--kinds", default="text,jsonl-corpus,jsonl-record,warc")
    options.add_argument(
        "--plugins", default=None, help="GEOTEXT_LOAD_PLUGINS for the runs (default: every installed plugin)"
    )
    options.add_argument(
        "--cold", action="store_true", help="every run starts with an empty cache folder (compiles the gazetteer)"
    )
    args = options.parse_args()
    sizes = [int(float(size) * 1000) for size in args.sizes.split(",")]
    print("| input | size (kB) | peak RSS (MB) | growth over the smallest (MB) | growth / size | exit |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in args.kinds.split(","):
        base: float | None = None
        for size in sizes:
            with tempfile.TemporaryDirectory() as folder:
                path = make_input(kind, size, Path(folder))
                actual = path.stat().st_size
                cache_home = None
                if args.cold:
                    cache_home = Path(folder) / "cache"
                    cache_home.mkdir()
                peak, status = peak_of_run(path, Path(folder) / "out.jsonl", args.plugins, cache_home)
            base = peak if base is None else base
            growth = peak - base
            ratio = f"{growth * 1e6 / actual:.0f}x" if growth > 0 and actual > 100_000 else "-"
            print(f"| {kind} | {actual / 1000:.0f} | {peak:.0f} | {growth:.0f} | {ratio} | {status} |", flush=True)


if __name__ == "__main__":
    main()
