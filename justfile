# actorgraph tasks. `just` is optional: every recipe is plain cargo underneath.

default: test

# Build the release binary.
build:
    cargo build --release --locked

# Run every test (the README's test command).
test:
    cargo test --workspace --locked

# Formatting and lints, as CI checks them.
lint:
    cargo fmt --all --check
    cargo clippy --workspace --all-targets --locked -- -D warnings

# Mentions in the bundled sample articles.
demo:
    cargo run --release --locked -- mentions data/corpus

# Validate the shipped gazetteer data.
check-data:
    cargo run --release --locked -- check-data

# Criterion benchmarks of every stage (split, match, relations, merge, export).
bench-stages:
    cargo bench --bench stages

# The CLI on the real corpus: MB/s, documents/s, peak memory, beside a bare aho-corasick scan.
bench corpus="../shared/ext/corpus/allsides_news_2012_2020.jsonl.gz":
    bash scripts/bench.sh {{corpus}}

# Build the graph of a corpus on Spark (local mode here; see the README for a cluster).
spark corpus="../shared/ext/corpus/allsides_news_2012_2020.jsonl.gz" output="graph.graphml":
    cargo build --release --locked
    python3 scripts/spark_build.py --master "local[*]" --actorgraph target/release/actorgraph --output {{output}} {{corpus}}

# Mentions per entity type on 200 real articles, and 50 to check by hand (needs ../shared).
survey:
    cargo build --release --locked
    python3 scripts/mention_survey.py target/release/actorgraph ../shared/ext/corpus/allsides_news_2012_2020.jsonl.gz target/survey

# Review and accept changed insta snapshots (needs cargo-insta).
snapshots:
    cargo insta test --review

# What CI runs.
ci:
    bash .ci/run
