#!/usr/bin/env python3
"""Write the dev-set articles named in a gold file as text files, from the news corpus.

usage: devset_texts.py GOLD.json CORPUS.jsonl.gz OUT_DIR

The corpus is not ours to republish, so the repository keeps only the gold annotation and each
article's corpus id; this rebuilds `OUT_DIR/<id>.txt` (title, blank line, text) on a machine that
has the corpus. Exits 1 if an id is missing from the corpus.
"""
import gzip
import json
import os
import sys


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    gold_path, corpus, out = sys.argv[1:]
    with open(gold_path, encoding="utf-8") as f:
        gold = json.load(f)
    docs = gold["documents"] if isinstance(gold, dict) else gold
    wanted = {d["file"][: -len(".txt")] for d in docs}
    os.makedirs(out, exist_ok=True)
    found = set()
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["id"] in wanted:
                with open(os.path.join(out, record["id"] + ".txt"), "w", encoding="utf-8") as g:
                    g.write(record["title"] + "\n\n" + record["text"])
                found.add(record["id"])
    missing = sorted(wanted - found)
    if missing:
        print("missing from the corpus: " + ", ".join(missing), file=sys.stderr)
        return 1
    print(f"{len(found)} articles written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
