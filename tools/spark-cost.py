#!/usr/bin/env python3
"""What the Spark recipe costs per article, beside the tool alone: the measure behind the
core-hours of docs/scale.md.

    python3 tools/spark-cost.py 20000 80000
    python3 tools/spark-cost.py --paragraphs 40-60 4000 16000    # articles of about 1,000 words

For each size, generates an archive of that many articles (tools/make-archive.py), runs the
tool on it directly (--jobs 1, its CPU time) and docs/spark_recipe.py on it in local[2] (its
wall time, twice, the faster kept), all in one Spark context. The difference between two
sizes takes out what Spark pays once (starting, scheduling): it is the marginal wall time
of an article on two cores, so two times it is its cost in core-seconds, at most (the
cores may have been shared with other work).
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))
import spark_recipe  # noqa: E402

TOOL = Path(os.environ.get("SOURCELIGHT", ROOT / "target" / "release" / "sourcelight")).resolve()
CORES = 2


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    args = sys.argv[1:]
    paragraphs = []
    if args[:1] == ["--paragraphs"]:
        paragraphs, args = args[:2], args[2:]
    sizes = [int(n) for n in args] or [20000, 80000]
    from pyspark import SparkConf, SparkContext

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    conf = (SparkConf().setMaster(f"local[{CORES}]").setAppName("sourcelight spark cost")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
            .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    results = []
    with tempfile.TemporaryDirectory(prefix="sourcelight-spark-cost-") as tmp:
        for articles in sizes:
            archive = Path(tmp) / f"archive-{articles}.jsonl"
            with open(archive, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, str(ROOT / "tools" / "make-archive.py"), "--articles", str(articles), *paragraphs],
                               stdout=f, check=True)
            size = archive.stat().st_size
            before = children_cpu()
            subprocess.run([str(TOOL), "scan", "--jsonl", "--jobs", "1", str(archive)], stdout=subprocess.DEVNULL, check=True)
            tool_cpu = children_cpu() - before
            walls = []
            for _ in range(2):
                start = time.monotonic()
                spark_recipe.per_outlet(spark_recipe.analyse(sc, str(archive), str(TOOL), partitions=8))
                walls.append(time.monotonic() - start)
            results.append((articles, size, tool_cpu, min(walls)))
            print(f"{articles} articles, {size / 1e6:.1f} MB, {size / articles / 1e3:.1f} KB each: the tool {tool_cpu:.2f} s CPU "
                  f"({size / 1e6 / tool_cpu:.1f} MB a CPU second); the recipe on {CORES} cores {min(walls):.2f} s "
                  f"(runs: {', '.join(f'{w:.2f}' for w in walls)})", flush=True)
    sc.stop()
    for (n1, b1, c1, w1), (n2, b2, c2, w2) in zip(results, results[1:]):
        per_article = (w2 - w1) / (n2 - n1)
        print(f"{n1} to {n2} articles: {per_article * 1e6:.0f} us of wall time an article on {CORES} cores, "
              f"{CORES * per_article * 1e6:.0f} us of core time at most; the tool alone {(c2 - c1) / (n2 - n1) * 1e6:.0f} us")


if __name__ == "__main__":
    main()
