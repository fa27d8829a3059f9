"""A test-only corpus kit: a small plugin and a corpus generator, shared by the corpus,
CLI and Dask tests (and bench/bench_corpus.py). Importable because pytest puts tests/ on
sys.path (``pythonpath`` in pyproject.toml).
"""

from __future__ import annotations

import json
from pathlib import Path

#: A test-only plugin: ``ct-text`` (.txt, one article), ``ct-lines`` (.jsonl, one article
#: per line), a tagger of a few country names (it fails on articles that say POISON; when
#: asked, it burns ``corpus-test.work`` rounds of CPU per article, or sleeps
#: ``corpus-test.pause`` seconds per article: slow, yet leaving the CPU to other work), and
#: the exporters ``jsonl`` (line-oriented) and ``json-array`` (not line-oriented).
CORPUS_PLUGIN = r"""
import json
import re
import time

import geotext
from geotext import Article, Entity, Exporter, Mention, ParseError, Parser, Provenance

COUNTRIES = {"China": "CHN", "Mongolia": "MNG", "Russia": "RUS", "India": "IND", "Kazakhstan": "KAZ"}
PATTERN = re.compile(r"\b(" + "|".join(COUNTRIES) + r")\b")


class TextParser(Parser):
    name = "ct-text"
    media_types = ("text/plain",)
    suffixes = (".txt",)

    def parse(self, source):
        data = source.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", source=source.name) from None
        if "\x00" in text or not text.strip():
            raise ParseError("binary or empty content", source=source.name)
        title = text.split("\n", 1)[0].strip() or None
        yield Article(text=text, title=title, provenance=Provenance(source=source.name, parser=self.name))


class LinesParser(Parser):
    name = "ct-lines"
    media_types = ("application/x-ndjson",)
    suffixes = (".jsonl",)
    multi_record = True

    def parse(self, source):
        with source.open() as stream:
            for index, line in enumerate(stream):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    yield Article(id=data.get("id"), text=data["text"], title=data.get("title"),
                                  provenance=Provenance(source=source.name, record=index, parser=self.name))
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    yield ParseError(f"bad record: {type(exc).__name__}: {exc}", source=source.name, record=index)


def tag(article, config):
    if "POISON" in article.text:
        raise RuntimeError("poisoned article")
    work = int(config.get("corpus-test", {}).get("work", 0))
    pause = float(config.get("corpus-test", {}).get("pause", 0))
    if pause > 0:
        time.sleep(pause)
    total = 0
    for i in range(work):
        total += (i * i) % 7
    found = {}
    for match in PATTERN.finditer(article.text):
        found.setdefault(match.group(1), []).append(
            Mention(start=match.start(), end=match.end(), text=match.group(1)))
    return [Entity(id="iso:" + COUNTRIES[name], kind="state", name=name, mentions=mentions,
                   attributes={"work": total % 2})
            for name, mentions in found.items()]


class JsonLines(Exporter):
    name = "jsonl"
    suffix = ".jsonl"
    line_oriented = True

    def write(self, results, stream):
        count = 0
        for result in results:
            stream.write(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True).encode() + b"\n")
            count += 1
        return count


class JsonArray(Exporter):
    name = "json-array"
    suffix = ".json"

    def write(self, results, stream):
        stream.write(b"[")
        count = 0
        for result in results:
            stream.write((b"," if count else b"") + b"\n" + json.dumps(result.to_dict(), sort_keys=True).encode())
            count += 1
        stream.write(b"\n]\n")
        return count


@geotext.hookimpl
def geotext_register_parsers(register):
    register(TextParser())
    register(LinesParser())


@geotext.hookimpl
def geotext_register_exporters(register):
    register(JsonLines)
    register(JsonArray)


@geotext.hookimpl
def geotext_tag_entities(article, config):
    return tag(article, config)
"""

NAMES = ["China", "Mongolia", "Russia", "India", "Kazakhstan"]


def article_text(i: int) -> str:
    a, b = NAMES[i % 5], NAMES[(i * 3 + 1) % 5]
    return f"Report {i}: {a} and {b} talk\n\n{a} said on day {i} that talks with {b} went well."


def make_corpus(root: Path, *, files: int = 12, records: int = 40, poisoned: bool = False) -> dict[str, int]:
    """Write a corpus: .txt articles in nested folders and a .jsonl file of records.

    Returns how many good articles and bad inputs it holds. With *poisoned*, it adds
    binary garbage, broken JSON lines, an article the tagger fails on, and a truncated
    JSON Lines file.
    """
    root.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        folder = root / f"part{i % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{i:03d}.txt").write_text(article_text(i), encoding="utf-8")
    lines = [
        json.dumps({"id": f"rec-{i}", "title": f"Record {i}", "text": article_text(1000 + i)}) for i in range(records)
    ]
    bad = 0
    if poisoned:
        lines.insert(3, "{not json at all")
        lines.insert(10, json.dumps({"id": "no-text"}))
        lines.insert(20, json.dumps({"id": "rec-poison", "text": "POISON in China"}))
        bad += 3
        (root / "part0" / "garbage.txt").write_bytes(bytes(range(256)) * 4)
        (root / "part1" / "zeros.txt").write_bytes(b"\x00" * 100)
        good_tail = [json.dumps({"id": f"tail-{i}", "text": article_text(5000 + i)}) for i in range(3)]
        (root / "truncated.jsonl").write_text("\n".join(good_tail) + "\n" + good_tail[0][:25], encoding="utf-8")
        bad += 3
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"good": files + records + (3 if poisoned else 0), "bad": bad}
