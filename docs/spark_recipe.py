"""sourcelight on Spark: each partition of a JSONL archive piped through the tool, unchanged,
then the sourcing of each outlet added up. docs/scale.md explains it; tests/spark/ runs it.

    spark-submit docs/spark_recipe.py 'archive/*.jsonl' per-outlet.json

Every executor needs the `sourcelight` binary on its PATH (or give its path as a third
argument): the tool reads a partition's lines on its standard input and writes one line
for each, in order, on every core of the executor.
"""

import json
import sys
from operator import add

# The counts an outlet's articles are added up by: the summary of each line out.
COUNTS = ("sentences", "named", "anonymous", "unattributed", "none", "hedged")


def analyse(sc, archive, tool="sourcelight", partitions=None):
    """The lines of `archive` (a path or glob of JSONL files), analysed: an RDD of dicts."""
    lines = sc.textFile(archive, minPartitions=partitions)
    # One process per partition; --jobs 1: Spark already runs a task on each core.
    return lines.pipe(f"{tool} scan --jsonl --jobs 1 -").map(json.loads)


def per_outlet(analysed):
    """{outlet: {articles, sentences, ..., anonymous_share}} over the analysed articles.

    An article is keyed by the "outlet" field of its line (carried through under "meta");
    lines that could not be analysed (an "error" line) are counted apart, under None.
    """

    def key_and_counts(article):
        if "error" in article:
            return None, (1,) + (0,) * len(COUNTS)
        summary = article["summary"]
        return article["meta"]["outlet"], (1,) + tuple(summary[name] for name in COUNTS)

    totals = analysed.map(key_and_counts).reduceByKey(lambda a, b: tuple(map(add, a, b))).collect()
    return {outlet: with_share(dict(zip(("articles",) + COUNTS, counts))) for outlet, counts in totals}


def with_share(counts):
    """The counts plus the anonymous share: anonymous sentences over claims (not `none`)."""
    claims = counts["named"] + counts["anonymous"] + counts["unattributed"]
    return dict(counts, anonymous_share=counts["anonymous"] / claims if claims else None)


def main():
    from pyspark.sql import SparkSession

    archive, out = sys.argv[1], sys.argv[2]
    tool = sys.argv[3] if len(sys.argv) > 3 else "sourcelight"
    spark = SparkSession.builder.appName("sourcelight per outlet").getOrCreate()
    result = per_outlet(analyse(spark.sparkContext, archive, tool))
    with open(out, "w", encoding="utf-8") as f:
        json.dump({str(k): v for k, v in sorted(result.items(), key=lambda kv: str(kv[0]))}, f, indent=2)
    spark.stop()


if __name__ == "__main__":
    main()
