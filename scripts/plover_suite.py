#!/usr/bin/env python3
"""Score actorgraph on the PLOVER gold-standard records (an event-coder suite it was not written for).

usage: plover_suite.py ACTORGRAPH PLOVER_GSR_CAMEO.txt [--min-recall X] [-v]

Each record is one sentence with a source, a target and a PLOVER event type. A record counts when
both ends are countries (ISO alpha-3, after fixing the suite's `JAP`) and its event maps to one of
actorgraph's relations as shared/design/ONTOLOGY.md says (AGREE, COOPERATE -> cooperates or ally,
CONSULT -> meets or mediates, SUPPORT, AID -> supports, ACCUSE, DEMAND, DISAPPROVE, REJECT, SANCTION,
PROTEST -> opposes, THREATEN, MOBILIZE -> threatens, ASSAULT, COERCE, FIGHT -> attacks). It is found
when the graph of that sentence alone, rolled up to countries, has that relation between the two.

The suite codes people by nationality (refugees, rebels, prisoners), where actorgraph names only
states acting; so its recall is a floor to hold, not a figure to compare with the samples'.
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

RELATIONS = {
    "AGREE": {"cooperates", "ally", "supports"}, "COOPERATE": {"cooperates", "ally"},
    "CONSULT": {"meets", "mediates"}, "SUPPORT": {"supports", "ally", "cooperates"},
    "AID": {"supports"}, "ACCUSE": {"opposes"}, "DEMAND": {"opposes"}, "DISAPPROVE": {"opposes"},
    "REJECT": {"opposes"}, "SANCTION": {"opposes"}, "PROTEST": {"opposes"},
    "THREATEN": {"threatens"}, "MOBILIZE": {"threatens"}, "ASSAULT": {"attacks"},
    "COERCE": {"attacks", "opposes"}, "FIGHT": {"attacks"},
}
SYMMETRIC = {"ally", "meets", "cooperates", "competes"}
NOT_COUNTRIES = {"IGO", "NGO", "MNC", "REB", "INS", "GOV", "MIL", "COP", "OPP", "CVL", "UAF", "JUD",
                 "MED", "BUS", "EDU", "REF", "SPY", "LEG", "IMG", "ELI", "HLH", "LAB", "AGR", "CRM",
                 "RAD", "SEP", "UNO", "IRC", "PTY", "HRI", "ENV", "AMN"}
FIXES = {"JAP": "JPN"}


def codes(value):
    items = value if isinstance(value, list) else [value] if value else []
    out = []
    for item in items:
        code = item.get("code", "") if isinstance(item, dict) else str(item)
        code = FIXES.get(code[:3], code[:3])
        if len(code) == 3 and code.isalpha() and code.isupper() and code not in NOT_COUNTRIES:
            out.append(code)
    return out


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        return 2
    binary, suite = args[0], args[1]
    min_recall = float(args[args.index("--min-recall") + 1]) if "--min-recall" in args else None
    with open(suite, encoding="utf-8") as f:
        records = [r for r in json.load(f) if r.get("event") != "DOCUMENT" and "text" in r]
    with tempfile.TemporaryDirectory() as tmp:
        docs = os.path.join(tmp, "docs")
        os.makedirs(docs)
        for r in records:
            with open(os.path.join(docs, r["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(r["text"])
        graph_path = os.path.join(tmp, "graph.json")
        subprocess.run([binary, "build", docs, "--rollup", "country", "-o", graph_path],
                       check=True, capture_output=True)
        with open(graph_path, encoding="utf-8") as f:
            graph = json.load(f)
    found = collections.defaultdict(set)
    for edge in graph["edges"]:
        for evidence in edge["evidence"]:
            found[evidence["doc"][: -len(".txt")]].add((edge["source"], edge["relation"], edge["target"]))
    eligible, hits = collections.Counter(), collections.Counter()
    for r in records:
        wanted = RELATIONS.get(r["event"])
        pairs = {(s, t) for s in codes(r.get("source")) for t in codes(r.get("target")) if s != t}
        if not wanted or not pairs:
            continue
        eligible[r["event"]] += 1
        edges = found.get(r["id"], set())
        ok = any((s, rel, t) in edges or (rel in SYMMETRIC and (t, rel, s) in edges)
                 for s, t in pairs for rel in wanted)
        if ok:
            hits[r["event"]] += 1
        elif "-v" in args:
            print(f"missed {r['event']:<11} {sorted(pairs)} {sorted(edges)} | {r['text'][:150]}")
    total, hit = sum(eligible.values()), sum(hits.values())
    print(f"PLOVER records between two countries: {total}; found {hit} (recall {hit / total:.2f})")
    for event in sorted(eligible):
        print(f"  {event:<11} {hits[event]:3d} / {eligible[event]}")
    if min_recall is not None and hit / total < min_recall:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
