"""Corpus processing benchmark: --jobs 2 against --jobs 1, Dask against --jobs 2, peak memory.

Usage::

    .venv/bin/python bench/bench_corpus.py                  # speed (2,000 articles) and 1 GB memory
    .venv/bin/python bench/bench_corpus.py --articles 500 --memory-gb 0.1

The corpus is JSON Lines made from the project's seed articles (seeds/*.txt), each
copy made unique. With the gazetteer and claims plugins installed, the run uses the
real plugins (records parser, gazetteer, claims, jsonl exporter); otherwise it says so
and uses the test plugin of tests/corpus_kit.py with a fixed amount of CPU work per
article. Goals: speed-up >= 1.7x, Dask / --jobs 2 <= 1.3x, peak RSS of the whole
process tree flat and under 500 MB on a 1 GB corpus.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
REAL = ["gazetteer", "claims", "records", "json"]


def plugins_available() -> bool:
    import geotext

    loaded = {info.name for info in geotext.list_plugins() if info.loaded}
    return all(name in loaded for name in REAL)


def install_test_plugin(site: Path) -> None:
    """Install the test plugin of tests/corpus_kit.py into *site* (as the tests' fixture does)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from corpus_kit import CORPUS_PLUGIN as source

    site.mkdir(parents=True, exist_ok=True)
    (site / "gt_corpus_test.py").write_text(source, encoding="utf-8")
    info = site / "geotext_corpus_test-0.1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: geotext-corpus-test\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[geotext.plugins]\ncorpus-test = gt_corpus_test\n")


def seed_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return texts or ["China and Mongolia met in Beijing.\n\nRussia said India would join the talks."]


def write_corpus(path: Path, *, articles: int | None = None, size: int | None = None, pad: int = 0) -> int:
    """Write a JSON Lines corpus of *articles* records or about *size* bytes; return the count."""
    texts = seed_texts()
    filler = " ".join(texts)[:pad] if pad else ""
    count = 0
    written = 0
    with open(path, "w", encoding="utf-8") as stream:
        while (articles is not None and count < articles) or (size is not None and written < size):
            text = texts[count % len(texts)] + (f"\n\n{filler}" if filler else "") + f"\n\nCopy {count}."
            line = json.dumps({"id": f"bench-{count}", "text": text}, ensure_ascii=False) + "\n"
            stream.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


class TreeMemory:
    """Samples the RSS of a process and all its children; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self.peak_main = 0
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                total = 0
                for proc in procs:
                    with contextlib.suppress(psutil.Error):  # the process ended meanwhile
                        total += proc.memory_info().rss
                self.peak_main = max(self.peak_main, self.process.memory_info().rss)
                self.peak = max(self.peak, total)
                self.samples.append(total)
            except psutil.Error:
                break
            time.sleep(0.1)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_cli(args: list[str], env: dict[str, str], measure: bool = False) -> tuple[float, TreeMemory | None]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "geotext", "analyze", *args, "-q"], env=env, stderr=subprocess.PIPE
    )
    memory = TreeMemory(process.pid) if measure else None
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    if memory:
        memory.stop()
    if process.returncode not in (0, 1):
        raise SystemExit(f"geotext analyze failed ({process.returncode}): {stderr.decode()}")
    return elapsed, memory


def run_dask(
    corpus: Path, out: Path, env: dict[str, str], parser: str, plugins: list[str] | None, config: dict
) -> tuple[float, float]:
    """Dask on a LocalCluster of 2 processes; returns (seconds with cluster start, seconds of the compute)."""
    code = f"""
import json, sys, time
started = time.perf_counter()
import dask.bag as db
from distributed import Client, LocalCluster
import geotext.dask as gd
cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40)
client = Client(cluster)
ready = time.perf_counter()
lines = db.read_text({str(corpus)!r}, blocksize="4MiB")
rows = gd.analyze_bag(lines, input="record", parser={parser!r}, plugins={plugins!r}, config={config!r})
gd.to_jsonl(rows, {str(out)!r}, plugins={plugins!r})
done = time.perf_counter()
client.close(); cluster.close()
print(json.dumps([done - started, done - ready]))
"""
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"dask run failed: {result.stderr}")
    total, compute = json.loads(result.stdout.strip().splitlines()[-1])
    return total, compute


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles in the speed corpus")
    parser.add_argument("--memory-gb", type=float, default=1.0, help="size of the memory corpus (0: skip)")
    parser.add_argument("--work", type=int, default=200_000, help="CPU rounds per article (test plugin only)")
    args = parser.parse_args()

    env = dict(os.environ)
    tmp = Path(tempfile.mkdtemp(prefix="geotext-bench-"))
    config: dict = {}
    if plugins_available():
        print("plugins: real (records parser, gazetteer, claims, jsonl exporter)")
        plugins = REAL
        env["GEOTEXT_LOAD_PLUGINS"] = ",".join(REAL)
        record_parser = "jsonl"
        extra: list[str] = []
    else:
        print(
            "plugins: the gazetteer and claims plugins are not installed; using the test plugin of "
            f"tests/corpus_kit.py with {args.work} rounds of CPU work per article"
        )
        site = tmp / "site"
        install_test_plugin(site)
        env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
        plugins = ["corpus-test"]
        env["GEOTEXT_LOAD_PLUGINS"] = "corpus-test"
        record_parser = "ct-lines"
        config = {"corpus-test": {"work": args.work}}
        extra = ["--set", f"corpus-test.work={args.work}"]

    corpus = tmp / "corpus.jsonl"
    count = write_corpus(corpus, articles=args.articles)
    size = corpus.stat().st_size
    print(f"speed corpus: {count} articles, {size / 1e6:.1f} MB ({corpus})")
    one, two = tmp / "one.jsonl", tmp / "two.jsonl"
    t1, _ = run_cli([str(corpus), "-o", str(one), "--jobs", "1", *extra], env)
    t2, _ = run_cli([str(corpus), "-o", str(two), "--jobs", "2", *extra], env)
    same = one.read_bytes() == two.read_bytes()
    print(f"--jobs 1: {t1:.2f} s ({count / t1:.1f} articles/s)")
    print(f"--jobs 2: {t2:.2f} s ({count / t2:.1f} articles/s); output identical: {same}")
    print(f"speed-up of --jobs 2: {t1 / t2:.2f}x (goal >= 1.7x)")
    total, compute = run_dask(corpus, tmp / "dask-out", env, record_parser, plugins, config)
    print(f"dask (LocalCluster 2 processes): {total:.2f} s with cluster start, {compute:.2f} s of compute")
    print(f"dask / --jobs 2: {total / t2:.2f}x with start, {compute / t2:.2f}x compute only (goal <= 1.3x)")

    if args.memory_gb > 0:
        big = tmp / "big.jsonl"
        count = write_corpus(big, size=int(args.memory_gb * 1e9), pad=20_000)
        print(f"memory corpus: {count} articles, {big.stat().st_size / 1e9:.2f} GB")
        out = tmp / "big-out.jsonl"
        seconds, memory = run_cli(
            [
                str(big),
                "-o",
                str(out),
                "--jobs",
                "2",
                *extra[:1],
                *([f"corpus-test.work={min(args.work, 20_000)}"] if extra else []),
            ],
            env,
            measure=True,
        )
        assert memory is not None
        samples = memory.samples
        quarter = max(1, len(samples) // 4)
        early = max(samples[:quarter]) if samples else 0
        late = max(samples[-quarter:]) if samples else 0
        print(
            f"--jobs 2 on {args.memory_gb:g} GB: {seconds:.1f} s; peak RSS of the process tree "
            f"{memory.peak / 1e6:.0f} MB (main process {memory.peak_main / 1e6:.0f} MB); "
            f"peak in the first quarter {early / 1e6:.0f} MB, last quarter {late / 1e6:.0f} MB "
            "(goal: flat, under 500 MB)"
        )
        big.unlink()
        out.unlink(missing_ok=True)
    print(f"files in {tmp}")


if __name__ == "__main__":
    main()
