#!/usr/bin/env bash
# Runs every fuzz target for a while (default 600 s each), two at a time, seeded with the sample
# articles. Needs cargo-fuzz (cargo install cargo-fuzz); RUSTC_BOOTSTRAP lets the stable
# toolchain build with the sanitizer flags cargo-fuzz passes.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(split_sentences load_data match_actors extract_relations)
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    case $target in
        split_sentences | match_actors | extract_relations) cp ../data/corpus/*.txt "corpus/$target/" ;;
    esac
done
run() {
    cargo fuzz run -O "$1" "corpus/$1" -- -max_total_time="$seconds" -rss_limit_mb=4096 \
        >"logs-$1.txt" 2>&1 && echo "$1: no crash in $seconds s ($(grep -ao '#[0-9]* *DONE.*' "logs-$1.txt" | tail -1))" \
        || { echo "$1: FAILED, see fuzz/logs-$1.txt and fuzz/artifacts/$1/"; return 1; }
}
status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    run "${targets[i]}" & first=$!
    if [ $((i + 1)) -lt ${#targets[@]} ]; then run "${targets[i + 1]}" & second=$!; wait $second || status=1; fi
    wait $first || status=1
done
exit $status
