#!/usr/bin/env bash
# Throughput of actorgraph on a real corpus (default: the news corpus in ../shared), measured the
# way the README reports it:
#   1. a bare aho-corasick scan of the same text for the same aliases (examples/bare_scan.rs), on
#      one thread and on all, as the yardstick;
#   2. `actorgraph build` of the whole corpus to GraphML, world gazetteer, all relations: MB/s of
#      text, documents/s, wall time and peak memory (GNU time);
#   3. the same build with the Phoenix dictionaries imported as the data, to show the cost of a
#      dictionary several times larger.
# Usage: scripts/bench.sh [CORPUS.jsonl.gz]   (THREADS=N to set the thread count)
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-../shared/ext/corpus/allsides_news_2012_2020.jsonl.gz}
threads=${THREADS:-$(nproc)}
phoenix=../shared/ext/petrarch2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet --bin actorgraph --example bare_scan
bin=target/release/actorgraph
model=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
echo "machine: $(nproc) cores${model:+ ($model)}, $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GiB"}')"
echo "corpus: $corpus"

target/release/examples/bare_scan "$corpus" 1
target/release/examples/bare_scan "$corpus" "$threads"

measure() {
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" "$@" 2>"$work/stderr"
    local summary wall peak
    summary=$(grep 'documents read' "$work/stderr" | tail -1 | sed 's/^actorgraph: //')
    read -r wall peak <"$work/time"
    echo "$label: $summary; wall ${wall} s, peak memory $((peak / 1024)) MB"
}

measure "build, shipped data, $threads threads" build --threads "$threads" "$corpus" -o "$work/graph.graphml"
measure "build, shipped data, 1 thread" build --threads 1 "$corpus" -o "$work/graph1.graphml"
cmp -s "$work/graph.graphml" "$work/graph1.graphml" && echo "outputs with 1 and $threads threads: identical"

if [ -d "$phoenix" ]; then
    "$bin" import petrarch "$phoenix"/Phoenix.Countries.actors.txt "$phoenix"/Phoenix.International.actors.txt \
        "$phoenix"/Phoenix.MilNonState.actors.txt -o "$work/phoenix" >/dev/null 2>&1
    patterns=$("$bin" check-data "$work/phoenix" | grep -o '[0-9]* patterns')
    measure "build, Phoenix dictionaries ($patterns), $threads threads" --data "$work/phoenix" \
        build --threads "$threads" "$corpus" -o "$work/phoenix.graphml"
fi
