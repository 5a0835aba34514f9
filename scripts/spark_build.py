#!/usr/bin/env python3
"""Build the actor graph of a corpus on Apache Spark.

Workers run `actorgraph extract` over their partitions through RDD.pipe and merge what they
extracted into one part each (`actorgraph merge --jsonl`); the driver merges the parts into the
graph (`actorgraph merge -o OUTPUT`). Merging is associative and commutative, so the graph is
byte for byte the one `actorgraph build` writes from the same records, however Spark splits them.

    spark-submit scripts/spark_build.py --actorgraph /path/to/actorgraph \\
        --output graph.graphml corpus.jsonl.gz [more.jsonl ...]

Inputs are JSON Lines corpora ({"id", "title", "date", "text"} per line), plain or gzipped, on
any file system Spark reads (local paths, hdfs://, s3a://). The actorgraph binary carries its
data, so it is the only thing workers need: on a cluster, ship it with
`spark-submit --files /path/to/actorgraph` and pass `--actorgraph ./actorgraph` (Spark puts shipped
files in each executor's working directory), or install it at the same path on every node.
Options after `--` go to `actorgraph merge` on the driver (`-- --rollup country --top 50`).
"""

import argparse
import os
import shlex
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="JSON Lines corpora, plain or .gz")
    parser.add_argument("--actorgraph", required=True, help="the actorgraph binary, as workers see it")
    parser.add_argument("--output", required=True, help="graph file; its extension gives the format")
    parser.add_argument("--partitions", type=int, default=0,
                        help="split the corpus into this many partitions (default: Spark's parallelism)")
    parser.add_argument("--master", default=None, help="Spark master (default: spark-submit's)")
    args, merge_options = parser.parse_known_args()
    merge_options = [o for o in merge_options if o != "--"]

    builder = SparkSession.builder.appName("actorgraph")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    context = spark.sparkContext
    try:
        records = context.textFile(",".join(args.inputs))
        # A gzipped file is one partition: spread it over the workers before the real work.
        partitions = args.partitions or context.defaultParallelism
        if records.getNumPartitions() < partitions:
            records = records.repartition(partitions)
        actorgraph = shlex.quote(args.actorgraph)
        # One worker thread per task: Spark already runs a task per core.
        extracts = records.pipe(f"{actorgraph} --threads 1 --stdin-format jsonl extract -")
        parts = extracts.pipe(f"{actorgraph} merge --jsonl -")
        with tempfile.TemporaryDirectory(prefix="actorgraph-spark-") as folder:
            part = os.path.join(folder, "parts.jsonl")
            with open(part, "w", encoding="utf-8") as out:
                for line in parts.toLocalIterator():
                    out.write(line)
                    out.write("\n")
            command = [args.actorgraph, "merge", part, "-o", args.output, *merge_options]
            result = subprocess.run(command, check=False)
            if result.returncode != 0:
                sys.exit(f"spark_build: {' '.join(command)} exited {result.returncode}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
