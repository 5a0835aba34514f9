#!/usr/bin/env python3
"""Survey the gazetteer on real news: mentions per entity type, and a sample to check by hand.

usage: mention_survey.py ACTORGRAPH CORPUS.jsonl.gz OUT_DIR [--articles 200] [--sample 50] [--seed 4]

Picks ARTICLES random articles (fixed seed) from the corpus that name Syria, Iran, Israel, Russia
or Turkey, writes them to OUT_DIR/articles/, runs `actorgraph mentions` and `actorgraph build` on
them, prints a table of mentions per entity type, and writes OUT_DIR/sample.md: SAMPLE random
mentions, each with its context, for a person to mark right or wrong.
"""
import argparse
import collections
import gzip
import json
import os
import random
import re
import subprocess

TOPIC = re.compile(r"\b(Syria|Iran|Israel|Russia|Turkey)\b")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("actorgraph")
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()

    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    topical = [r for r in records if TOPIC.search(r["text"])]
    rng = random.Random(args.seed)
    chosen = sorted(rng.sample(topical, args.articles), key=lambda r: r["id"])
    articles = os.path.join(args.out, "articles")
    os.makedirs(articles, exist_ok=True)
    texts = {}
    for r in chosen:
        text = r["title"] + "\n\n" + r["text"]
        name = r["id"] + ".txt"
        texts[name] = text
        with open(os.path.join(articles, name), "w", encoding="utf-8") as f:
            f.write(text)

    mentions = [
        json.loads(line)
        for line in subprocess.run(
            [args.actorgraph, "mentions", "--format", "jsonl", articles],
            check=True, capture_output=True, text=True,
        ).stdout.splitlines()
    ]
    graph_path = os.path.join(args.out, "graph.json")
    subprocess.run([args.actorgraph, "build", articles, "-o", graph_path], check=True, capture_output=True)
    with open(graph_path, encoding="utf-8") as f:
        graph = json.load(f)
    entity_type = {n["id"]: n["entity_type"] for n in graph["nodes"]}

    by_type = collections.defaultdict(lambda: [0, set(), set()])
    for m in mentions:
        row = by_type[entity_type.get(m["actor"], "?")]
        row[0] += 1
        row[1].add(m["actor"])
        row[2].add(m["doc"])
    total_bytes = sum(len(t.encode("utf-8")) for t in texts.values())
    print(f"{len(chosen)} articles ({total_bytes / 1e6:.1f} MB) of {len(topical)} that name Syria, Iran, "
          f"Israel, Russia or Turkey (seed {args.seed})")
    print()
    print("| entity type | mentions | distinct actors | articles |")
    print("|---|---:|---:|---:|")
    for kind in sorted(by_type, key=lambda k: -by_type[k][0]):
        n, actors, docs = by_type[kind]
        print(f"| {kind} | {n} | {len(actors)} | {len(docs)} |")
    print(f"| all | {len(mentions)} | {len({m['actor'] for m in mentions})} | "
          f"{len({m['doc'] for m in mentions})} |")
    sectors = collections.Counter(m.get("sector") for m in mentions if m.get("sector"))
    if sectors:
        print()
        print("agent phrases by sector: " + ", ".join(f"{k} {v}" for k, v in sectors.most_common()))

    sample = rng.sample(mentions, min(args.sample, len(mentions)))
    with open(os.path.join(args.out, "sample.md"), "w", encoding="utf-8") as f:
        f.write("| # | actor | kind | text in context | verdict |\n|---|---|---|---|---|\n")
        for i, m in enumerate(sample, 1):
            raw = texts[m["doc"]].encode("utf-8")
            before = raw[max(0, m["start"] - 70):m["start"]].decode("utf-8", "ignore")
            after = raw[m["end"]:m["end"] + 70].decode("utf-8", "ignore")
            context = f"{before}**{m['text']}**{after}".replace("\n", " ").replace("|", "/")
            f.write(f"| {i} | {m['actor']} | {m['kind']} | {context} | |\n")
    print()
    print(f"sample of {len(sample)} mentions for a hand check: {os.path.join(args.out, 'sample.md')}")


if __name__ == "__main__":
    main()
