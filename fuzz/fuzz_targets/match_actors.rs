//! Gazetteer matching with the shipped data: mentions are in order, never overlap, lie on char
//! boundaries inside their sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shipped.rs"]
mod shipped;

fuzz_target!(|text: &str| {
    let analysis = shipped::gazetteer().analyze(text);
    let mut previous_end = 0;
    for mention in &analysis.mentions {
        let span = mention.span;
        assert!(previous_end <= span.start && span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let sentence = analysis.sentences[mention.sentence];
        assert!(sentence.start <= span.start && span.end <= sentence.end);
        previous_end = span.end;
    }
});
