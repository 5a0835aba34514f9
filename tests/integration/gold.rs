//! Entity recall and precision of `actorgraph mentions` against the hand annotation of the sample
//! articles (`tests/data/seeds.json`, a copy of `shared/gold/seeds.json`).

use std::collections::BTreeSet;

use crate::util::{run, stderr, stdout};

#[test]
fn every_gold_entity_is_found_and_at_most_one_extra() {
    let gold: serde_json::Value = serde_json::from_str(include_str!("../data/seeds.json")).unwrap();
    for document in gold["documents"].as_array().unwrap() {
        let file = document["file"].as_str().unwrap();
        let ids = |key: &str| -> BTreeSet<String> {
            document[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        let (required, optional) = (ids("entities"), ids("optional_entities"));
        let output = run(&[
            "mentions",
            "--format",
            "jsonl",
            &format!("data/corpus/{file}"),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let found: BTreeSet<String> = stdout(&output)
            .lines()
            .map(|line| {
                let record: serde_json::Value = serde_json::from_str(line).unwrap();
                record["actor"].as_str().unwrap().to_owned()
            })
            .collect();
        let missed: Vec<_> = required.difference(&found).collect();
        assert!(missed.is_empty(), "{file}: missed {missed:?}");
        let extra: Vec<_> = found
            .iter()
            .filter(|id| !required.contains(*id) && !optional.contains(*id))
            .collect();
        assert!(extra.len() <= 1, "{file}: extra actors {extra:?}");
    }
}
