//! Sentence splitting: any text, any sorted protected spans on char boundaries that, like
//! mentions, neither start nor end with white space. Sentences are
//! in order, on char boundaries, non-empty, within the text, and never cut a protected span.
#![no_main]

use actorgraph_core::{split_sentences, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Vec<(u16, u8)>)| {
    let (text, raw) = input;
    let mut protected: Vec<Span> = Vec::new();
    let mut at = 0usize;
    for (gap, len) in raw {
        let start = at + usize::from(gap) % 64;
        let end = start + usize::from(len) % 16;
        if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            break;
        }
        // Like a mention: it starts and ends with a character that is not white space.
        let piece = &text[start..end];
        if piece.is_empty() || piece.trim() != piece {
            at = end;
            continue;
        }
        protected.push(Span::new(start, end));
        at = end;
    }
    let sentences = split_sentences(&text, &protected);
    let mut previous_end = 0;
    for s in &sentences {
        assert!(previous_end <= s.start && s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        for p in &protected {
            assert!(!(p.start < s.start && s.start < p.end), "cut inside {p:?}");
        }
        previous_end = s.end;
    }
});
