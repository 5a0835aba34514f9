//! The mention matcher: one leftmost-longest aho-corasick automaton over normalized aliases.

use std::collections::HashMap;

use actorgraph_core::{MentionKind, Span};
use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::{
    normalize::{is_case_sensitive, normalize_alias, NormalizedText},
    Actor,
};

/// What a pattern can stand for. Most patterns have one target; a surname shared by several
/// persons has one per person, and the document decides between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Target {
    /// Index into the gazetteer's sorted actor list.
    pub actor: u32,
    pub kind: MentionKind,
}

#[derive(Debug)]
struct Pattern {
    targets: Vec<Target>,
    /// The text must start with a capital here. Names match case-insensitively, but a surname
    /// alone is only a name when written as one: "May" and "Rice" are people, "may" and "rice"
    /// are words. Acronyms need no such check: their case is part of the pattern.
    needs_capital: bool,
    /// The alias ends with a dot ("U.S."), which normalization drops; the match takes the dot
    /// back from the text when it is there.
    trailing_dot: bool,
}

/// A match before the document context has picked among its targets.
#[derive(Debug)]
pub(crate) struct Candidate {
    pub span: Span,
    pub targets: Vec<Target>,
}

#[derive(Debug)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl Matcher {
    pub(crate) fn new(actors: &[Actor]) -> Matcher {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut normalized_patterns: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add =
            |normalized: String, target: Target, needs_capital: bool, trailing_dot: bool| {
                let i = *index.entry(normalized.clone()).or_insert_with(|| {
                    normalized_patterns.push(normalized);
                    patterns.push(Pattern {
                        targets: Vec::new(),
                        needs_capital,
                        trailing_dot,
                    });
                    patterns.len() - 1
                });
                let pattern = &mut patterns[i];
                pattern.needs_capital &= needs_capital;
                pattern.trailing_dot |= trailing_dot;
                if !pattern.targets.iter().any(|t| t.actor == target.actor) {
                    pattern.targets.push(target);
                }
            };
        for (actor_index, actor) in actors.iter().enumerate() {
            let actor_index = u32::try_from(actor_index).expect("fewer than 2^32 actors");
            let lists = [
                (&actor.names, MentionKind::Name),
                (&actor.demonyms, MentionKind::Demonym),
                (&actor.metonyms, MentionKind::Metonym),
                (&actor.surnames, MentionKind::Surname),
            ];
            for (aliases, kind) in lists {
                for alias in aliases {
                    let normalized = normalize_alias(alias);
                    if normalized.is_empty() {
                        continue;
                    }
                    let trailing_dot = alias.ends_with('.');
                    if is_case_sensitive(&normalized) {
                        let kind = if kind == MentionKind::Name {
                            MentionKind::Acronym
                        } else {
                            kind
                        };
                        let target = Target {
                            actor: actor_index,
                            kind,
                        };
                        add(normalized, target, false, trailing_dot);
                        continue;
                    }
                    let target = Target {
                        actor: actor_index,
                        kind,
                    };
                    let needs_capital =
                        kind == MentionKind::Surname && alias.starts_with(char::is_uppercase);
                    // Headlines and datelines in capitals: "IRAN", "PUTIN MEETS ERDOGAN".
                    let shouted = normalize_alias(&alias.to_uppercase());
                    add(normalized, target, needs_capital, trailing_dot);
                    add(shouted, target, false, trailing_dot);
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(normalized_patterns.iter().map(|p| format!(" {p} ")))
            .expect("gazetteer patterns fit in an automaton");
        Matcher {
            automaton,
            patterns,
        }
    }

    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Finds every alias in `text` as a whole token sequence, leftmost-longest.
    pub(crate) fn candidates(&self, text: &str) -> Vec<Candidate> {
        let normalized = NormalizedText::new(text);
        let haystack = normalized.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while at < haystack.len() {
            let input = Input::new(haystack).span(at..haystack.len());
            let Some(m) = self.automaton.find(input) else {
                break;
            };
            // The pattern includes one separator on each side.
            let (start, end) = (m.start() + 1, m.end() - 1);
            let pattern = &self.patterns[m.pattern().as_usize()];
            let mut span = Span::new(
                normalized.original_offset(start),
                normalized.original_offset(end),
            );
            let accepted =
                !pattern.needs_capital || text[span.start..].starts_with(char::is_uppercase);
            if !accepted {
                // Go on from the next token, so a rejected long match hides nothing after its
                // first token.
                let next = haystack[start..]
                    .iter()
                    .position(|&b| b == b' ')
                    .map_or(haystack.len(), |i| start + i);
                at = next;
                continue;
            }
            if pattern.trailing_dot && text[span.end..].starts_with('.') {
                span.end += 1;
            }
            found.push(Candidate {
                span,
                targets: pattern.targets.clone(),
            });
            // The closing separator opens the next match.
            at = m.end() - 1;
        }
        found
    }
}
