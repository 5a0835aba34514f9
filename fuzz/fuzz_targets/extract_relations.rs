//! The relation engine on whatever the gazetteer finds: no panic, and every piece of evidence
//! points at valid text (its sentence, cue and actor spans cut the document on char boundaries).
#![no_main]

use actorgraph_relations::DocumentInput;
use libfuzzer_sys::fuzz_target;

#[path = "shipped.rs"]
mod shipped;

fuzz_target!(|text: &str| {
    let gazetteer = shipped::gazetteer();
    let analysis = gazetteer.analyze(text);
    let input = DocumentInput {
        id: "fuzz",
        date: None,
        text,
        sentences: &analysis.sentences,
        mentions: &analysis.mentions,
    };
    let extraction = shipped::rules().extract(&input, gazetteer);
    for e in &extraction.evidence {
        for span in [e.sentence_span, e.cue_span, e.source_span, e.target_span] {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        assert_eq!(e.sentence_span.slice(text), e.text);
    }
});
