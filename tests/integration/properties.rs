//! Properties of the whole per-document pipeline on arbitrary text: every span it reports (a
//! sentence, a mention, an evidence's cue and actors) lies inside the text on `char` boundaries,
//! so cutting the text with it always gives valid UTF-8, and evidence quotes its sentence exactly.

use std::sync::OnceLock;

use actorgraph_gazetteer::{DataSource, Gazetteer};
use actorgraph_relations::{DocumentInput, RelationRules};
use proptest::prelude::*;

include!(concat!(env!("OUT_DIR"), "/shipped_data.rs"));

fn pipeline() -> &'static (Gazetteer, RelationRules) {
    static PIPELINE: OnceLock<(Gazetteer, RelationRules)> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let sources: Vec<DataSource<'_>> = SHIPPED_DATA
            .iter()
            .map(|&(path, text)| DataSource { path, text })
            .collect();
        (
            Gazetteer::from_sources(&sources).unwrap(),
            RelationRules::from_ron(SHIPPED_RULES.0, SHIPPED_RULES.1).unwrap(),
        )
    })
}

/// Text made of actor names, cue words, punctuation news uses, and arbitrary characters: random
/// strings alone would rarely name two actors.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("Russia".to_owned()),
        Just("Iran's".to_owned()),
        Just("Vladimir Putin".to_owned()),
        Just("the Kremlin".to_owned()),
        Just("Israeli forces".to_owned()),
        Just("Hezbollah".to_owned()),
        Just("met".to_owned()),
        Just("attacked".to_owned()),
        Just("talks between".to_owned()),
        Just("and".to_owned()),
        Just("said".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("’s".to_owned()),
        Just(". ".to_owned()),
        Just("\n\n".to_owned()),
        Just("U.S.".to_owned()),
        Just("—".to_owned()),
        "\\PC{0,6}",
        any::<String>(),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.join(" "))
}

fn assert_cuts(text: &str, start: usize, end: usize) {
    assert!(
        start <= end && end <= text.len(),
        "{start}..{end} of {}",
        text.len()
    );
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_span_cuts_valid_utf8(text in newsy_text()) {
        let (gazetteer, rules) = pipeline();
        let analysis = gazetteer.analyze(&text);
        for sentence in &analysis.sentences {
            assert_cuts(&text, sentence.start, sentence.end);
        }
        for mention in &analysis.mentions {
            assert_cuts(&text, mention.span.start, mention.span.end);
        }
        let input = DocumentInput {
            id: "p",
            date: None,
            text: &text,
            sentences: &analysis.sentences,
            mentions: &analysis.mentions,
        };
        for e in rules.extract(&input, gazetteer).evidence {
            for span in [e.sentence_span, e.cue_span, e.source_span, e.target_span] {
                assert_cuts(&text, span.start, span.end);
            }
            prop_assert_eq!(e.sentence_span.slice(&text), e.text.as_str());
        }
    }
}

/// Inputs a fuzz target once crashed on (`tests/fixtures/fuzz/`), kept after the fix. They are
/// fed to the library, as the fuzzer did: some hold NUL bytes, which the command line would
/// rightly skip as binary.
#[test]
fn inputs_fuzzing_once_broke_are_read() {
    let (gazetteer, rules) = pipeline();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for entry in std::fs::read_dir(dir).unwrap() {
        // As the fuzzer reads its bytes: the longest valid UTF-8 prefix.
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let valid = match std::str::from_utf8(&bytes) {
            Ok(text) => text.len(),
            Err(e) => e.valid_up_to(),
        };
        let text = std::str::from_utf8(&bytes[..valid]).unwrap().to_owned();
        let analysis = gazetteer.analyze(&text);
        let input = DocumentInput {
            id: "fuzz",
            date: None,
            text: &text,
            sentences: &analysis.sentences,
            mentions: &analysis.mentions,
        };
        rules.extract(&input, gazetteer);
    }
}
