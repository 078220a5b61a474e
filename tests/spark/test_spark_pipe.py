"""The Spark recipe of docs/scale.md, run for real: PySpark in local mode (local[2]) pipes a
generated archive of a few thousand articles through `sourcelight scan --jsonl`, and its
result must equal a direct run of the tool on the same file.

    SOURCELIGHT=target/release/sourcelight python3 -m unittest tests/spark/test_spark_pipe.py

Needs pyspark (tests/spark/requirements.txt, from PyPI) and a Java runtime (Debian's
default-jre-headless); .ci/run installs both, and ./build.sh test runs this after building
the tool.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs"))
import spark_recipe  # noqa: E402  (the recipe under test, as the docs show it)

TOOL = Path(os.environ.get("SOURCELIGHT", ROOT / "target" / "release" / "sourcelight")).resolve()
ARTICLES = 3000
BAD = 4
PARTITIONS = 6


def without_line_number(line):
    """An error line's number counts within its partition under Spark: compare the rest."""
    return {k: v for k, v in line.items() if not ("error" in line and k == "line")}


class SparkPipe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not TOOL.is_file():
            raise RuntimeError(f"{TOOL} is not built: run `cargo build --release` (./build.sh test does)")
        cls.dir = tempfile.TemporaryDirectory(prefix="sourcelight-spark-")
        cls.archive = Path(cls.dir.name) / "archive.jsonl"
        with open(cls.archive, "w", encoding="utf-8") as f:
            subprocess.run(
                [sys.executable, str(ROOT / "tools" / "make-archive.py"), "--articles", str(ARTICLES), "--bad", str(BAD)],
                stdout=f, check=True,
            )
        direct = subprocess.run([str(TOOL), "scan", "--jsonl", str(cls.archive)], capture_output=True, text=True)
        if direct.returncode != 0:
            raise RuntimeError(f"the direct run failed: {direct.stderr}")
        cls.direct = [json.loads(line) for line in direct.stdout.splitlines()]
        cls.direct_stderr = direct.stderr

        from pyspark import SparkConf, SparkContext

        # py4j leaves its sockets to the garbage collector; that is not this test's business.
        warnings.simplefilter("ignore", ResourceWarning)
        # Local mode on two cores, on loopback, without the web UI or the console's progress bar.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ["PYSPARK_PYTHON"] = sys.executable
        conf = (
            SparkConf()
            .setMaster("local[2]")
            .setAppName("sourcelight spark test")
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
        )
        started = time.monotonic()
        cls.sc = SparkContext(conf=conf)
        cls.sc.setLogLevel("ERROR")
        cls.analysed = spark_recipe.analyse(cls.sc, str(cls.archive), str(TOOL), partitions=PARTITIONS).cache()
        cls.spark_lines = cls.analysed.collect()
        cls.partitions = cls.analysed.getNumPartitions()
        cls.spark_outlets = spark_recipe.per_outlet(cls.analysed)
        print(f"\nSpark (local[2], {cls.partitions} partitions): {time.monotonic() - started:.1f} s "
              f"from the context's start for {ARTICLES} articles", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.sc.stop()
        cls.dir.cleanup()

    def test_the_direct_run_reads_every_line(self):
        self.assertEqual(len(self.direct), ARTICLES)
        errors = [line for line in self.direct if "error" in line]
        self.assertEqual(len(errors), BAD)
        self.assertIn(f"{BAD} of {ARTICLES} lines could not be read or analysed", self.direct_stderr)

    def test_spark_analyses_every_article_as_the_direct_run_does(self):
        self.assertGreater(self.partitions, 1, "the archive must be split for the test to mean anything")
        key = lambda line: json.dumps(without_line_number(line), sort_keys=True)
        self.assertEqual(len(self.spark_lines), len(self.direct))
        self.assertEqual(sorted(map(key, self.spark_lines)), sorted(map(key, self.direct)))
        # Within a partition, the tool keeps the input order: the ids of the analysed lines
        # come back in the order of the archive.
        ids = [line["id"] for line in self.spark_lines if "sentences" in line]
        self.assertEqual(ids, [line["id"] for line in self.direct if "sentences" in line])

    def test_the_per_outlet_sums_equal_those_of_the_direct_run(self):
        # Added up here by a plain loop over the direct run's lines, not by the recipe's code.
        expected = {}
        for line in self.direct:
            outlet = line["meta"]["outlet"] if "error" not in line else None
            sums = expected.setdefault(outlet, dict.fromkeys(("articles",) + spark_recipe.COUNTS, 0))
            sums["articles"] += 1
            for name in spark_recipe.COUNTS:
                sums[name] += line.get("summary", {}).get(name, 0)
        expected = {outlet: spark_recipe.with_share(sums) for outlet, sums in expected.items()}
        self.assertEqual(self.spark_outlets, expected)
        self.assertEqual(self.spark_outlets[None]["articles"], BAD)
        self.assertEqual(len(self.spark_outlets), 6, "five outlets and the lines in error")
        shares = [v["anonymous_share"] for k, v in self.spark_outlets.items() if k is not None]
        self.assertTrue(all(0 < share < 1 for share in shares), shares)
        # The outlets were written to lean on anonymous sources to different degrees.
        self.assertGreater(max(shares) - min(shares), 0.1, shares)


if __name__ == "__main__":
    unittest.main()
