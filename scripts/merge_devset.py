#!/usr/bin/env python3
"""Merge the dev-set gold files (data/devset/gold-*.json) into data/devset/gold.json.

Each annotator's file keeps its own `affiliations` and `names`; the merged file is a list of
documents, each carrying the `affiliations` and `names` of its file, as the gold format allows.
"""
import glob
import json
import os

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "devset")
documents = []
for path in sorted(glob.glob(os.path.join(here, "gold-*.json"))):
    with open(path, encoding="utf-8") as f:
        gold = json.load(f)
    for document in gold["documents"]:
        document = dict(document)
        document["annotation"] = os.path.basename(path)
        document["affiliations"] = gold.get("affiliations", {})
        document["names"] = gold.get("names", {})
        documents.append(document)
documents.sort(key=lambda d: d["file"])
with open(os.path.join(here, "gold.json"), "w", encoding="utf-8") as f:
    json.dump(documents, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{len(documents)} documents")
