//! The RON loaders: any text is either data or errors that name a line and column; never a
//! panic. The input is split in two: a gazetteer file and a rules file.
#![no_main]

use actorgraph_gazetteer::{DataSource, Gazetteer};
use actorgraph_relations::RelationRules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (actors, rules) = input;
    let sources = [DataSource {
        path: "fuzz.ron",
        text: actors,
    }];
    if let Err(errors) = Gazetteer::from_sources(&sources) {
        assert!(!errors.to_string().is_empty());
    }
    if let Err(errors) = RelationRules::from_ron("rules.ron", rules) {
        assert!(!errors.to_string().is_empty());
    }
});
