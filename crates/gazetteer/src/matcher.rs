//! The mention matcher: one leftmost-longest aho-corasick automaton over normalized aliases.

use std::{collections::HashMap, sync::Arc};

use rustc_hash::FxHashMap;

use actorgraph_core::{ascii, MentionKind, Span};
use aho_corasick::{
    automaton::{Automaton, StateID},
    nfa::contiguous,
    Anchored, MatchKind,
};

use crate::{
    normalize::{is_case_sensitive, normalize_alias, tokenize, Token},
    Actor,
};

/// What a pattern can stand for. Most patterns have one target; a surname shared by several
/// persons, or an alias two actors mark ambiguous, has one per actor, and the document decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Target {
    /// Index into the gazetteer's sorted actor list.
    pub actor: u32,
    pub kind: MentionKind,
    /// The actor marks this alias ambiguous: it counts only with supporting context.
    pub ambiguous: bool,
}

#[derive(Debug)]
struct Pattern {
    /// Empty for a non-actor phrase: matching it hides the aliases inside it.
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
pub(crate) struct Candidate<'m> {
    pub span: Span,
    /// The matched pattern's targets, borrowed from the matcher: a document has hundreds of
    /// candidates, and a copy of each list would be an allocation per candidate.
    pub targets: &'m [Target],
    /// An agent noun right after the match ("forces" in "Iranian forces"): the end of the
    /// extended span and the sector. Applied only if the chosen actor is a country.
    pub agent: Option<(usize, Arc<str>)>,
}

/// Agent nouns, normalized with their separators (" forces "), longest first.
#[derive(Debug, Default)]
struct AgentNouns {
    phrases: Vec<(Vec<u8>, Arc<str>)>,
    /// Indexes into `phrases` by the phrase's first word, longest phrase first: every match
    /// looks here, so it must not walk the whole list.
    by_first_word: FxHashMap<Vec<u8>, Vec<usize>>,
    /// The number of tokens of the longest phrase.
    longest_tokens: usize,
}

impl AgentNouns {
    fn new(phrases: Vec<(Vec<u8>, Arc<str>)>) -> AgentNouns {
        let mut by_first_word: FxHashMap<Vec<u8>, Vec<usize>> = FxHashMap::default();
        for (index, (phrase, _)) in phrases.iter().enumerate() {
            by_first_word
                .entry(first_word(phrase).to_vec())
                .or_default()
                .push(index);
        }
        let longest_tokens = phrases
            .iter()
            .map(|(phrase, _)| phrase.iter().filter(|&&b| b == b' ').count() - 1)
            .max()
            .unwrap_or(0);
        AgentNouns {
            phrases,
            by_first_word,
            longest_tokens,
        }
    }
}

/// The word after the leading separator of normalized text: " forces of " -> "forces".
fn first_word(normalized: &[u8]) -> &[u8] {
    let rest = normalized.strip_prefix(b" ").unwrap_or(normalized);
    let end = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
    &rest[..end]
}

/// The automaton over patterns written with their separators (`" iran "`), and a filter on the
/// patterns' first tokens.
///
/// A pattern can only start at a token, and most tokens start no pattern: the filter rejects
/// them, and only the rest cost an anchored search. That finds what an unanchored
/// leftmost-longest search of the normalized text would (the leftmost start, the longest
/// pattern there) at a fraction of the automaton's steps, whose state lookups miss the cache,
/// and without the normalized text: the search reads the tokens' normalized bytes as it steps.
/// Many tokens that pass start only longer patterns ("the" of "the kremlin", "said" of "said
/// al-Sadr"): those must be followed by a pattern's second token too.
#[derive(Debug)]
struct TokenAutomaton {
    automaton: contiguous::NFA,
    /// One bit per hash of each key ([`TokenKey`]) of each pattern: its first token; that token
    /// as a whole pattern, or its first two tokens.
    filter: Vec<u64>,
    /// The filter has `1 << filter_bits` bits: at least eight per key, so that few bits are set
    /// (the shipped data's 2^18 bits, 32 KB, stay in cache; the Phoenix dictionaries get 2^20).
    filter_bits: u32,
}

/// A token as the filter keys it: the first eight bytes of its normalized form (zero past its
/// end) and its length.
#[derive(Clone, Copy)]
struct TokenKey(u64);

impl TokenKey {
    #[inline]
    fn new(head: u64, len: usize) -> TokenKey {
        TokenKey(ascii::word_key(head, len))
    }

    fn of(token: &[u8]) -> TokenKey {
        TokenKey::new(ascii::eight_bytes_at(token, 0), token.len())
    }

    /// The key of a pattern that is this token alone.
    #[inline]
    fn alone(self) -> TokenKey {
        TokenKey(self.0 ^ 0x5555_5555_5555_5555)
    }

    /// The key of a pattern whose first two tokens are this one and `second`.
    #[inline]
    fn then(self, second: TokenKey) -> TokenKey {
        TokenKey(self.0.wrapping_mul(0xD6E8_FEB8_6659_FD93).rotate_left(29) ^ second.0)
    }

    /// The key hashed to `bits` bits.
    #[inline]
    fn bit(self, bits: u32) -> usize {
        ascii::key_bits(self.0, bits)
    }
}

impl TokenAutomaton {
    /// `patterns` are normalized, without their separators.
    fn new(patterns: &[String]) -> TokenAutomaton {
        let keys = 2 * patterns.len();
        let filter_bits = (keys * 8)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(18, 24);
        let mut filter = vec![0u64; 1 << (filter_bits - 6)];
        let mut set = |key: TokenKey| {
            let bit = key.bit(filter_bits);
            filter[bit / 64] |= 1 << (bit % 64);
        };
        for pattern in patterns {
            let mut tokens = pattern.as_bytes().split(|&b| b == b' ').map(TokenKey::of);
            let first = tokens.next().expect("split yields one token at least");
            set(first);
            set(match tokens.next() {
                Some(second) => first.then(second),
                None => first.alone(),
            });
        }
        // A contiguous NFA, not a DFA. Among the rest of the work the scan is bound by cache
        // misses either way, so a DFA (150 MB for the shipped data, over 400 MB for the Phoenix
        // dictionaries) scans no faster, while it takes a quarter of a second to build and most
        // of the peak memory (measured on the whole news corpus: same speed, 229 -> 83 MB).
        // With anchored searches only, a DFA was slower by 0.3 s on one thread and took 260 MB.
        let automaton = contiguous::NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(patterns.iter().map(|p| format!(" {p} ")))
            .expect("gazetteer patterns fit in an automaton");
        TokenAutomaton {
            automaton,
            filter,
            filter_bits,
        }
    }

    #[inline]
    fn passes(&self, key: TokenKey) -> bool {
        let bit = key.bit(self.filter_bits);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// True if a pattern may start at `tokens[0]`, as far as the filter can tell.
    #[inline]
    fn may_start(&self, tokens: &[Token]) -> bool {
        let first = TokenKey(tokens[0].key);
        if !self.passes(first) {
            return false;
        }
        if self.passes(first.alone()) {
            return true;
        }
        // Only a longer pattern may start here: its second token must follow.
        tokens
            .get(1)
            .is_some_and(|&second| self.passes(first.then(TokenKey(second.key))))
    }

    /// The longest pattern that starts at `tokens[0]`, and how many tokens it takes: an anchored
    /// leftmost-longest search of the normalized text from the separator before that token,
    /// stepped through by hand so that it reads each token's normalized bytes as it goes, and
    /// stops where the automaton dies.
    fn longest_at(
        &self,
        text: &str,
        tokens: &[Token],
        scratch: &mut Vec<u8>,
    ) -> Option<(usize, usize)> {
        let mut search = AnchoredSearch {
            automaton: &self.automaton,
            state: self
                .automaton
                .start_state(Anchored::Yes)
                .expect("the automaton supports anchored searches"),
            read: 0,
            longest: None,
        };
        if !search.step(b' ', 0) {
            return search.longest;
        }
        for (index, token) in tokens.iter().enumerate() {
            let (bytes, lower) = token.normalized_bytes(text, scratch);
            for &byte in bytes {
                let byte = if lower {
                    byte.to_ascii_lowercase()
                } else {
                    byte
                };
                if !search.step(byte, index + 1) {
                    return search.longest;
                }
            }
            if !search.step(b' ', index + 1) {
                return search.longest;
            }
        }
        search.longest
    }
}

/// An anchored leftmost-longest search in progress: the state reached, the bytes read, and the
/// longest match so far with the number of tokens it takes.
struct AnchoredSearch<'a> {
    automaton: &'a contiguous::NFA,
    state: StateID,
    read: usize,
    longest: Option<(usize, usize)>,
}

impl AnchoredSearch<'_> {
    /// Steps on `byte`, the last of `tokens` tokens or the separator after them; false when
    /// the search is over.
    #[inline(always)]
    fn step(&mut self, byte: u8, tokens: usize) -> bool {
        let automaton = self.automaton;
        self.state = automaton.next_state(Anchored::Yes, self.state, byte);
        self.read += 1;
        if !automaton.is_special(self.state) {
            return true;
        }
        if automaton.is_dead(self.state) {
            return false;
        }
        // The automaton is shared by anchored and unanchored searches: a match state may hold
        // a pattern that starts later (its suffix), which an anchored search ignores, as
        // aho-corasick's own does.
        if automaton.is_match(self.state) {
            let pattern = automaton.match_pattern(self.state, 0);
            if automaton.pattern_len(pattern) == self.read {
                self.longest = Some((pattern.as_usize(), tokens));
            }
        }
        true
    }
}

#[derive(Debug)]
pub(crate) struct Matcher {
    automaton: TokenAutomaton,
    patterns: Vec<Pattern>,
    agent_nouns: AgentNouns,
}

impl Matcher {
    pub(crate) fn new(
        actors: &[Actor],
        non_actors: &[String],
        agent_nouns: &[(String, String)],
    ) -> Matcher {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut normalized_patterns: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |normalized: String,
                       target: Option<Target>,
                       needs_capital: bool,
                       trailing_dot: bool| {
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
            if let Some(target) = target {
                if !pattern.targets.iter().any(|t| t.actor == target.actor) {
                    pattern.targets.push(target);
                }
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
                    let ambiguous = actor.ambiguous.contains(alias);
                    if is_case_sensitive(&normalized) {
                        let kind = if kind == MentionKind::Name {
                            MentionKind::Acronym
                        } else {
                            kind
                        };
                        let target = Target {
                            actor: actor_index,
                            kind,
                            ambiguous,
                        };
                        add(normalized, Some(target), false, trailing_dot);
                        continue;
                    }
                    let target = Target {
                        actor: actor_index,
                        kind,
                        ambiguous,
                    };
                    let needs_capital =
                        kind == MentionKind::Surname && alias.starts_with(char::is_uppercase);
                    // Headlines and datelines in capitals: "IRAN", "PUTIN MEETS ERDOGAN".
                    let shouted = normalize_alias(&alias.to_uppercase());
                    add(normalized, Some(target), needs_capital, trailing_dot);
                    add(shouted, Some(target), false, trailing_dot);
                }
            }
        }
        for phrase in non_actors {
            let normalized = normalize_alias(phrase);
            if !normalized.is_empty() {
                let shouted = normalize_alias(&phrase.to_uppercase());
                add(normalized, None, false, false);
                add(shouted, None, false, false);
            }
        }
        let mut phrases: Vec<(Vec<u8>, Arc<str>)> = agent_nouns
            .iter()
            .map(|(sector, noun)| {
                let normalized = format!(" {} ", normalize_alias(noun));
                (normalized.into_bytes(), Arc::from(sector.as_str()))
            })
            .collect();
        phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        phrases.dedup_by(|a, b| a.0 == b.0);
        let automaton = TokenAutomaton::new(&normalized_patterns);
        Matcher {
            automaton,
            patterns,
            agent_nouns: AgentNouns::new(phrases),
        }
    }

    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Finds every alias in `text` as a whole token sequence, leftmost-longest. Non-actor
    /// phrases are matched too, and hide what they contain.
    pub(crate) fn candidates(&self, text: &str) -> Vec<Candidate<'_>> {
        // News runs about six bytes a token, many articles fewer: room for one token in four
        // bytes spares most documents a copy of their tokens as the vector grows.
        let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
        tokenize(text, &mut tokens);
        let mut scratch = Vec::new();
        let mut found = Vec::new();
        let mut next = 0;
        while next < tokens.len() {
            let first = next;
            next += 1;
            let rest = &tokens[first..];
            if !self.automaton.may_start(rest) {
                continue;
            }
            let Some((pattern, token_count)) = self.automaton.longest_at(text, rest, &mut scratch)
            else {
                continue;
            };
            let pattern = &self.patterns[pattern];
            let last = first + token_count - 1;
            let mut span = Span::new(tokens[first].start as usize, tokens[last].end as usize);
            if pattern.needs_capital && !text[span.start..].starts_with(char::is_uppercase) {
                // Go on from the next token, so a rejected long match hides nothing after its
                // first token.
                continue;
            }
            next = last + 1;
            if pattern.targets.is_empty() {
                continue;
            }
            if pattern.trailing_dot && text[span.end..].starts_with('.') {
                span.end += 1;
            }
            let agent = self.agent_noun_after(text, &tokens[next..], span.end, &mut scratch);
            found.push(Candidate {
                span,
                targets: &pattern.targets,
                agent,
            });
        }
        found
    }

    /// An agent noun starting at `after[0]`, the token after a match that ends at `span_end`,
    /// separated from the match by white space only.
    fn agent_noun_after(
        &self,
        text: &str,
        after: &[Token],
        span_end: usize,
        scratch: &mut Vec<u8>,
    ) -> Option<(usize, Arc<str>)> {
        let first = after.first()?;
        scratch.clear();
        scratch.push(b' ');
        first.push_normalized(text, scratch);
        let phrases = self.agent_nouns.by_first_word.get(&scratch[1..])?;
        let noun_start = first.start as usize;
        if !text[span_end..noun_start].chars().all(char::is_whitespace) {
            return None;
        }
        // The normalized text from the separator before the noun on, as far as the longest
        // phrase can reach.
        scratch.push(b' ');
        for token in after
            .iter()
            .skip(1)
            .take(self.agent_nouns.longest_tokens.saturating_sub(1))
        {
            token.push_normalized(text, scratch);
            scratch.push(b' ');
        }
        let (phrase, sector) = phrases
            .iter()
            .map(|&i| &self.agent_nouns.phrases[i])
            .find(|(phrase, _)| scratch.starts_with(phrase))?;
        // The phrase's tokens are its separators but the first.
        let token_count = phrase.iter().filter(|&&b| b == b' ').count() - 1;
        Some((after[token_count - 1].end as usize, Arc::clone(sector)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Tokens that share prefixes and first words, so patterns overlap and nest; some as long
    /// as the filter's eight-byte head or longer, two alike in head and length.
    const TOKENS: [&str; 10] = [
        "a",
        "ab",
        "b",
        "ba",
        "abc",
        "c",
        "abcdefg",
        "abcdefgh",
        "abcdefghij",
        "abcdefghik",
    ];

    fn phrase(max_len: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(&TOKENS[..]), 1..=max_len)
            .prop_map(|tokens| tokens.join(" "))
    }

    /// An unanchored leftmost-longest scan with no filter, going on from each match's closing
    /// separator: what the filtered anchored searches must reproduce.
    fn unanchored(patterns: &[String], haystack: &[u8]) -> Vec<(usize, usize, usize)> {
        use aho_corasick::{AhoCorasick, Input};
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| format!(" {p} ")))
            .unwrap();
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(m) = automaton.find(Input::new(haystack).span(at..haystack.len())) {
            found.push((m.start(), m.end(), m.pattern().as_usize()));
            at = m.end() - 1;
        }
        found
    }

    proptest! {
        #[test]
        fn filtered_token_search_finds_the_unanchored_matches(
            patterns in prop::collection::btree_set(phrase(3), 1..8),
            text in phrase(30),
        ) {
            let patterns: Vec<String> = patterns.into_iter().collect();
            let haystack = format!(" {text} ");
            let automaton = TokenAutomaton::new(&patterns);
            let mut tokens = Vec::new();
            tokenize(&haystack, &mut tokens);
            let mut scratch = Vec::new();
            let mut found = Vec::new();
            let mut next = 0;
            while next < tokens.len() {
                let first = next;
                next += 1;
                let rest = &tokens[first..];
                if !automaton.may_start(rest) {
                    continue;
                }
                let longest = automaton.longest_at(&haystack, rest, &mut scratch);
                if let Some((pattern, count)) = longest {
                    next = first + count;
                    // With the separators on each side, as the unanchored scan reports it.
                    let start = tokens[first].start as usize - 1;
                    let end = tokens[next - 1].end as usize + 1;
                    found.push((start, end, pattern));
                }
            }
            prop_assert_eq!(found, unanchored(&patterns, haystack.as_bytes()));
        }
    }
}
