//! Relation rules: the RON file format (`data/relations.ron`) and its compiled, searchable form.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, PatternID};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use actorgraph_core::{ascii, DataError, DataErrors, Relation, Span};
use serde::Deserialize;
use smallvec::SmallVec;

/// The rules file as users write it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Rules")]
struct RulesFile {
    verbs: Vec<CueEntry>,
    nouns: Vec<CueEntry>,
    predicates: Vec<CueEntry>,
    conflict_nouns: Vec<String>,
    consequences: Vec<String>,
    prevention: Vec<String>,
    facilitation: Vec<String>,
    withdrawal_verbs: Vec<String>,
    ties: Vec<String>,
    negators: Vec<String>,
    hypothetical: Vec<String>,
    reported: Vec<String>,
    speech_verbs: Vec<String>,
    titles: Vec<String>,
    agent_nouns: Vec<String>,
    counter_state_nouns: Vec<String>,
    light_verbs: Vec<String>,
    pair_anaphors: Vec<String>,
    boilerplate: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Cue")]
struct CueEntry {
    relation: Relation,
    forms: Vec<String>,
    #[serde(default)]
    preps: Vec<String>,
    #[serde(default)]
    needs_prep: bool,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    inverse: bool,
    #[serde(default)]
    complement: bool,
    #[serde(default)]
    carrier: bool,
    #[serde(default)]
    needs_person: bool,
    #[serde(default)]
    event: bool,
    #[serde(default)]
    coercive: bool,
    #[serde(default)]
    armed_subject: bool,
}

/// How a cue is used in a sentence, which decides where its actors are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum CueClass {
    Verb = 0,
    Noun = 1,
    Predicate = 2,
    Conflict = 3,
    /// A price promised to someone: "Y will pay the price", "grave consequences".
    Consequence = 4,
}

/// One cue form, compiled.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    pub class: CueClass,
    pub relation: Relation,
    /// Lower-case words of this form.
    pub words: Vec<String>,
    pub preps: Vec<String>,
    pub needs_prep: bool,
    pub confidence: Option<f64>,
    /// The relation runs from the other party to the holder of the role: "X, Y's proxy" is
    /// Y supports X.
    pub inverse: bool,
    /// The other actor may stand in the clause the verb introduces: "warned that if X ...".
    pub complement: bool,
    /// The direct object carries the relation and must be a person or an official: "sent its
    /// defense minister to Moscow".
    pub carrier: bool,
    /// The direct object must be a person: "called Putin".
    pub needs_person: bool,
    /// A noun of an act even though "of" introduces its object ("the invasion of Ukraine"):
    /// nouns whose first preposition is "of" are otherwise roles ("an ally of Assad").
    pub event: bool,
    /// An act of pressure ("sanctions", "expel"): announced or conditional, like an attack, it
    /// is a threat.
    pub coercive: bool,
    /// Only armed forces do it: "Russian troops entered Ukraine", not "Russian diplomats".
    pub armed_subject: bool,
}

/// Lists of items keyed by a phrase's first word, each list longest phrase first. The rules look
/// up nearly every token of a sentence in several of these, and most tokens start no phrase: a
/// bit table of the keys' first bytes and lengths turns most of them away before they are hashed
/// and compared.
#[derive(Debug)]
pub(crate) struct FirstWordIndex<T> {
    lists: HashMap<String, Vec<T>>,
    /// For each first byte, bit `min(len, 31)` is set if some key of that length starts with it.
    lengths_by_first_byte: Box<[u32; 256]>,
}

impl<T> Default for FirstWordIndex<T> {
    fn default() -> FirstWordIndex<T> {
        FirstWordIndex {
            lists: HashMap::default(),
            lengths_by_first_byte: Box::new([0; 256]),
        }
    }
}

impl<T> FirstWordIndex<T> {
    /// Builds the index from `(first word, item)` pairs; `len` gives an item's length in words.
    fn new(
        entries: impl IntoIterator<Item = (String, T)>,
        len: impl Fn(&T) -> usize,
    ) -> FirstWordIndex<T> {
        let mut index = FirstWordIndex::default();
        for (word, item) in entries {
            if let Some(&first) = word.as_bytes().first() {
                index.lengths_by_first_byte[usize::from(first)] |= 1 << word.len().min(31);
                index.lists.entry(word).or_default().push(item);
            }
        }
        for list in index.lists.values_mut() {
            list.sort_by_key(|item| std::cmp::Reverse(len(item)));
        }
        index
    }

    /// The items whose phrases start with `word`, longest first. Inlined: the bit test is the
    /// point, and most calls end there.
    #[inline]
    fn get(&self, word: &str) -> Option<&[T]> {
        let first = *word.as_bytes().first()?;
        if self.lengths_by_first_byte[usize::from(first)] >> word.len().min(31) & 1 == 0 {
            return None;
        }
        self.lists.get(word).map(Vec::as_slice)
    }

    fn items(&self) -> impl Iterator<Item = &T> {
        self.lists.values().flatten()
    }
}

/// A set of (possibly multi-word) phrases, matched on lower-case word tokens.
#[derive(Debug, Default)]
pub(crate) struct PhraseSet {
    /// The phrases as word lists.
    by_first: FirstWordIndex<Vec<String>>,
    /// The most words of any phrase.
    longest: usize,
}

impl PhraseSet {
    fn new(phrases: &[String]) -> PhraseSet {
        let entries = phrases.iter().filter_map(|phrase| {
            let words = split_words(phrase);
            Some((words.first()?.clone(), words))
        });
        let by_first = FirstWordIndex::new(entries, Vec::len);
        PhraseSet {
            longest: by_first.items().map(Vec::len).max().unwrap_or(0),
            by_first,
        }
    }

    /// The most words of any phrase: how many words from a position [`PhraseSet::match_at`]
    /// needs to see.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Length in words of the longest phrase starting at `words[0]`, if any.
    pub fn match_at(&self, words: &[&str]) -> Option<usize> {
        self.by_first
            .get(words.first()?)?
            .iter()
            .find_map(|phrase| follows_on(phrase, words).then_some(phrase.len()))
    }

    /// True if some phrase starts with `word`: a cheap test before building a word window.
    pub fn may_start(&self, word: &str) -> bool {
        self.by_first.get(word).is_some()
    }

    pub fn contains_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|list| list.iter().any(|p| p.len() == 1))
    }
}

/// True if `words` start with `phrase`, whose first word is known to be theirs: it was looked up
/// by it. Comparing from the second word saves a string compare for each phrase of a long list
/// ("the" starts twenty pair anaphors, and "the" is every fifteenth word of news).
#[inline]
fn follows_on(phrase: &[String], words: &[&str]) -> bool {
    debug_assert_eq!(phrase.first().map(String::as_str), words.first().copied());
    phrase.len() <= words.len() && phrase[1..].iter().zip(&words[1..]).all(|(p, w)| p == w)
}

/// Splits a phrase into lower-case words the way the tokenizer does ("n't" stays a word).
pub(crate) fn split_words(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

/// Compiled relation rules. Build once with [`RelationRules::from_ron`]; immutable after.
#[derive(Debug)]
pub struct RelationRules {
    pub(crate) cues: Vec<Cue>,
    /// Indexes into `cues` by first word, longest form first.
    cues_by_first: FirstWordIndex<usize>,
    pub(crate) prevention: PhraseSet,
    /// Verbs whose subject mediates the talks or deal they take: "helped talks between A and B".
    pub(crate) facilitation: PhraseSet,
    /// Verbs that withdraw a tie ("cut", "suspended") and the ties they withdraw ("ties",
    /// "delivery", "coordination"): the subject opposes the other party.
    pub(crate) withdrawal_verbs: PhraseSet,
    pub(crate) ties: PhraseSet,
    pub(crate) negators: HashSet<String>,
    pub(crate) hypothetical: HashSet<String>,
    pub(crate) reported: HashSet<String>,
    pub(crate) speech_verbs: PhraseSet,
    pub(crate) titles: PhraseSet,
    pub(crate) agent_nouns: PhraseSet,
    pub(crate) counter_state_nouns: PhraseSet,
    pub(crate) light_verbs: PhraseSet,
    pub(crate) pair_anaphors: PhraseSet,
    pub(crate) boilerplate: PhraseSet,
    /// The words that have `word_flags`.
    pub(crate) flagged_words: FlaggedWords,
    /// The words that matter in a sentence without mentions while no person is remembered:
    /// those only the second pass resolves ("they", pair anaphors); `None` if one of them is
    /// not plain ASCII (see [`FlaggedWordSearch::new`]).
    pub(crate) second_pass_words: Option<FlaggedWordSearch>,
    /// The same and "it", "its", for while a topic is remembered.
    pub(crate) second_pass_and_it_words: Option<FlaggedWordSearch>,
}

/// What a word may be to the passes that look at every word: the scan of sentences without
/// mentions (`RelationRules::scan_unnamed`), pronoun resolution, the speaker, pair anaphors. A
/// token's flags are set once when its sentence is tokenized, so each pass tests a bit rather than
/// comparing strings.
pub(crate) mod word_flags {
    /// "he", "him", "his", "she", "her".
    pub(crate) const PERSON_PRONOUN: u8 = 1;
    /// "it", "its".
    pub(crate) const IT: u8 = 1 << 1;
    /// "we", "our", "us".
    pub(crate) const FIRST_PERSON: u8 = 1 << 2;
    /// "they", "them", "their".
    pub(crate) const THEY: u8 = 1 << 3;
    /// The first word of a pair anaphor ("the two countries").
    pub(crate) const PAIR_ANAPHOR_START: u8 = 1 << 4;
    /// The last word of a pair anaphor: a sentence without it holds none.
    pub(crate) const PAIR_ANAPHOR_END: u8 = 1 << 5;
    /// The first word of a speech verb ("said", "according to").
    pub(crate) const SPEECH_START: u8 = 1 << 6;
}

/// The words that have `word_flags`, looked up as written, ignoring ASCII case. Two tables of the
/// flags some word of each length has, by first and by last letter, turn most words away at
/// once ("that", "had", "which"); the rest ("the", "said", "his") are looked up in a small
/// open-addressed table keyed by the word's first eight bytes and length, compared as integers:
/// no string is hashed or copied.
#[derive(Debug)]
pub(crate) struct FlaggedWords {
    /// By lower-case first byte and length: the union of the flags of such words.
    flags_by_first: Box<[[u8; LONGEST_FLAGGED_WORD]; 256]>,
    /// The same by lower-case last byte and length.
    flags_by_end: Box<[[u8; LONGEST_FLAGGED_WORD]; 256]>,
    /// A power of two long, at most a quarter full; an empty `word` ends a probe.
    slots: Box<[FlaggedSlot]>,
}

#[derive(Clone, Debug, Default)]
struct FlaggedSlot {
    /// [`word_head`] of `word`.
    head: u64,
    /// Lower case.
    word: Box<[u8]>,
    flags: u8,
}

/// Words this long or longer have no flags.
const LONGEST_FLAGGED_WORD: usize = 32;

/// A word's first eight bytes read little-endian, ASCII capitals lower-cased, zero past its end.
#[inline]
fn word_head(bytes: &[u8]) -> u64 {
    ascii::lowercase_eight(ascii::eight_bytes_at(bytes, 0))
}

impl FlaggedWords {
    fn new(words: impl IntoIterator<Item = (String, u8)>) -> FlaggedWords {
        let mut flags_by_first = Box::new([[0; LONGEST_FLAGGED_WORD]; 256]);
        let mut flags_by_end = Box::new([[0; LONGEST_FLAGGED_WORD]; 256]);
        let mut merged: HashMap<String, u8> = HashMap::default();
        for (word, flags) in words {
            let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last())
            else {
                continue;
            };
            if word.len() < LONGEST_FLAGGED_WORD {
                flags_by_first[usize::from(first)][word.len()] |= flags;
                flags_by_end[usize::from(last)][word.len()] |= flags;
                *merged.entry(word).or_default() |= flags;
            }
        }
        let mut slots = vec![FlaggedSlot::default(); (merged.len() * 4).next_power_of_two()];
        let mask = slots.len() - 1;
        for (word, flags) in merged {
            let head = word_head(word.as_bytes());
            let mut at = slot_hash(head, word.len()) & mask;
            while !slots[at].word.is_empty() {
                at = (at + 1) & mask;
            }
            slots[at] = FlaggedSlot {
                head,
                word: word.into_bytes().into_boxed_slice(),
                flags,
            };
        }
        FlaggedWords {
            flags_by_first,
            flags_by_end,
            slots: slots.into_boxed_slice(),
        }
    }

    /// Those of `wanted` flags that `word` has, in any ASCII case; 0 for most words. The two
    /// table tests are inlined: they are all that most calls do.
    #[inline(always)]
    pub(crate) fn get(&self, word: &str, wanted: u8) -> u8 {
        let bytes = word.as_bytes();
        let (Some(first), Some(last), true) = (
            bytes.first(),
            bytes.last(),
            bytes.len() < LONGEST_FLAGGED_WORD,
        ) else {
            return 0;
        };
        let len = bytes.len();
        if self.flags_by_first[usize::from(first.to_ascii_lowercase())][len]
            & self.flags_by_end[usize::from(last.to_ascii_lowercase())][len]
            & wanted
            == 0
        {
            return 0;
        }
        self.look_up(bytes) & wanted
    }

    fn look_up(&self, bytes: &[u8]) -> u8 {
        let head = word_head(bytes);
        let mask = self.slots.len() - 1;
        let mut at = slot_hash(head, bytes.len()) & mask;
        loop {
            let slot = &self.slots[at];
            if slot.word.is_empty() {
                return 0;
            }
            if slot.head == head
                && slot.word.len() == bytes.len()
                && (bytes.len() <= 8 || slot.word[8..].eq_ignore_ascii_case(&bytes[8..]))
            {
                return slot.flags;
            }
            at = (at + 1) & mask;
        }
    }
}

/// Where a word's probe starts: its head and length hashed (the table is far smaller than 2^24).
#[inline]
fn slot_hash(head: u64, len: usize) -> usize {
    ascii::key_bits(ascii::word_key(head, len), 24)
}

impl RelationRules {
    /// Parses and checks a rules file. Errors carry `path:line:col`.
    pub fn from_ron(path: &str, text: &str) -> Result<RelationRules, DataErrors> {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let file: RulesFile = options.from_str(text).map_err(|e| {
            DataErrors(vec![DataError::at(
                path,
                text,
                e.span.start.line,
                e.span.start.col,
                None,
                e.code.to_string(),
            )])
        })?;
        let mut problems = Vec::new();
        let mut cues = Vec::new();
        let classes = [
            (CueClass::Verb, &file.verbs),
            (CueClass::Noun, &file.nouns),
            (CueClass::Predicate, &file.predicates),
        ];
        for (class, entries) in classes {
            for entry in entries {
                if let Some(c) = entry.confidence {
                    if !(0.0..=1.0).contains(&c) {
                        problems.push(problem(
                            path,
                            text,
                            &entry.forms[0],
                            format!("confidence {c} is not between 0 and 1"),
                        ));
                    }
                }
                for form in &entry.forms {
                    let words = split_words(form);
                    if words.is_empty() {
                        problems.push(problem(path, text, form, "empty cue form".to_owned()));
                        continue;
                    }
                    cues.push(Cue {
                        class,
                        relation: entry.relation,
                        words,
                        preps: entry.preps.iter().map(|p| p.to_lowercase()).collect(),
                        needs_prep: entry.needs_prep,
                        confidence: entry.confidence,
                        inverse: entry.inverse,
                        complement: entry.complement,
                        carrier: entry.carrier,
                        needs_person: entry.needs_person,
                        event: entry.event,
                        coercive: entry.coercive,
                        armed_subject: entry.armed_subject,
                    });
                }
            }
        }
        // Word lists whose frame fixes the relation: no flags to read.
        let plain = |class: CueClass, relation: Relation, preps: &[&str], form: &String| Cue {
            class,
            relation,
            words: split_words(form),
            preps: preps.iter().map(|p| (*p).to_owned()).collect(),
            needs_prep: false,
            confidence: None,
            inverse: false,
            complement: false,
            carrier: false,
            needs_person: false,
            event: false,
            coercive: false,
            armed_subject: false,
        };
        for form in &file.conflict_nouns {
            let preps = ["between", "with"];
            cues.push(plain(CueClass::Conflict, Relation::Opposes, &preps, form));
        }
        for form in &file.consequences {
            cues.push(plain(CueClass::Consequence, Relation::Threatens, &[], form));
        }
        if !problems.is_empty() {
            return Err(DataErrors(problems));
        }
        let cues_by_first = FirstWordIndex::new(
            cues.iter()
                .enumerate()
                .map(|(i, cue)| (cue.words[0].clone(), i)),
            |&i| cues[i].words.len(),
        );
        let set = |words: &[String]| words.iter().map(|w| w.to_lowercase()).collect();
        let pair_anaphors = PhraseSet::new(&file.pair_anaphors);
        let speech_verbs = PhraseSet::new(&file.speech_verbs);
        let listed = |words: &'static [&str], flag: u8| -> Vec<(String, u8)> {
            words.iter().map(|w| (w.to_string(), flag)).collect()
        };
        let phrase_words = |phrases: &PhraseSet, last: bool, flag: u8| -> Vec<(String, u8)> {
            phrases
                .by_first
                .items()
                .filter_map(|words| if last { words.last() } else { words.first() })
                .map(|w| (w.clone(), flag))
                .collect()
        };
        let flagged: Vec<(String, u8)> = [
            listed(crate::PERSON_PRONOUNS, word_flags::PERSON_PRONOUN),
            listed(crate::IT_PRONOUNS, word_flags::IT),
            listed(crate::FIRST_PERSON_PRONOUNS, word_flags::FIRST_PERSON),
            listed(crate::THEY_PRONOUNS, word_flags::THEY),
            phrase_words(&pair_anaphors, false, word_flags::PAIR_ANAPHOR_START),
            phrase_words(&pair_anaphors, true, word_flags::PAIR_ANAPHOR_END),
            phrase_words(&speech_verbs, false, word_flags::SPEECH_START),
        ]
        .into_iter()
        .flatten()
        .collect();
        let second_pass = crate::SECOND_PASS_ANAPHORS;
        let second_pass_words = FlaggedWordSearch::new(&flagged, second_pass);
        let second_pass_and_it_words =
            FlaggedWordSearch::new(&flagged, second_pass | word_flags::IT);
        let flagged_words = FlaggedWords::new(flagged);
        Ok(RelationRules {
            cues,
            cues_by_first,
            prevention: PhraseSet::new(&file.prevention),
            facilitation: PhraseSet::new(&file.facilitation),
            withdrawal_verbs: PhraseSet::new(&file.withdrawal_verbs),
            ties: PhraseSet::new(&file.ties),
            negators: set(&file.negators),
            hypothetical: set(&file.hypothetical),
            reported: set(&file.reported),
            speech_verbs,
            titles: PhraseSet::new(&file.titles),
            agent_nouns: PhraseSet::new(&file.agent_nouns),
            counter_state_nouns: PhraseSet::new(&file.counter_state_nouns),
            light_verbs: PhraseSet::new(&file.light_verbs),
            pair_anaphors,
            boilerplate: PhraseSet::new(&file.boilerplate),
            flagged_words,
            second_pass_words,
            second_pass_and_it_words,
        })
    }

    /// True if some cue starts with `word`.
    pub(crate) fn may_start_cue(&self, word: &str) -> bool {
        self.cues_by_first.get(word).is_some()
    }

    /// The cues whose words start at `words[0]`, longest first.
    pub(crate) fn cues_at(&self, words: &[&str]) -> SmallVec<[&Cue; 4]> {
        let Some(candidates) = words.first().and_then(|w| self.cues_by_first.get(w)) else {
            return SmallVec::new();
        };
        candidates
            .iter()
            .map(|&i| &self.cues[i])
            .filter(|cue| follows_on(&cue.words, words))
            .collect()
    }
}

fn problem(path: &str, text: &str, needle: &str, message: String) -> DataError {
    let offset = text.find(&format!("\"{needle}\"")).unwrap_or(0);
    DataError::at_offset(path, text, offset, None, message)
}

/// Finds which of a few flags the words of a sentence without mentions have, without tokenizing
/// it: one aho-corasick scan for the flagged words in any ASCII case, then a look at the
/// characters around each match to tell a word from part of one. Reading the sentence word by
/// word, as the tokenizer does, takes about twice the instructions.
#[derive(Debug)]
pub(crate) struct FlaggedWordSearch {
    automaton: AhoCorasick,
    /// The flags of each pattern.
    flags: Vec<u8>,
    /// The Kelvin sign, if a word has a "k": lower-cased, the sign is one, so a word holding
    /// it may be a flagged word that only the tokenizer's lower-casing reveals.
    kelvin: Option<PatternID>,
}

impl FlaggedWordSearch {
    /// The search for the words among `flagged` that have any of `wanted` flags. `None` if one
    /// of them is not ASCII letters and digits: an apostrophe, or a letter that lower-casing
    /// may give, would need the tokenizer to be found.
    pub(crate) fn new(flagged: &[(String, u8)], wanted: u8) -> Option<FlaggedWordSearch> {
        // A word listed twice ("them": "they" and "both of them") is one pattern with all its
        // flags: a match reports one pattern.
        let mut merged: BTreeMap<String, u8> = BTreeMap::new();
        for (word, flags) in flagged {
            if flags & wanted == 0 {
                continue;
            }
            if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return None;
            }
            *merged.entry(word.to_ascii_lowercase()).or_default() |= flags & wanted;
        }
        let (mut words, mut flags): (Vec<String>, Vec<u8>) = merged.into_iter().unzip();
        let kelvin = words.iter().any(|w| w.contains('k')).then(|| {
            words.push("\u{212A}".to_owned());
            flags.push(0);
            PatternID::new_unchecked(words.len() - 1)
        });
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .expect("a few words fit in an automaton");
        Some(FlaggedWordSearch {
            automaton,
            flags,
            kelvin,
        })
    }

    /// The union of the searched flags of the words of `sentence` (a span of `text` holding no
    /// mention) as [`crate::sentence::tokenize`] splits it, or `None` if the tokenizer must
    /// tell (see [`crate::sentence::is_whole_word`]; a Kelvin sign).
    pub(crate) fn flags_in(&self, text: &str, sentence: Span) -> Option<u8> {
        let mut found = 0;
        // Leftmost-longest and without overlaps, yet no word is missed: patterns are letters
        // and digits, so no word starts inside a match, and a longer match where a word starts
        // would make the character after the word a letter.
        for hit in self
            .automaton
            .find_iter(&text[sentence.start..sentence.end])
        {
            if Some(hit.pattern()) == self.kelvin {
                return None;
            }
            let flags = self.flags[hit.pattern().as_usize()];
            if flags & !found == 0 {
                continue;
            }
            let (start, end) = (sentence.start + hit.start(), sentence.start + hit.end());
            if crate::sentence::is_whole_word(text, sentence, start, end)? {
                found |= flags;
            }
        }
        Some(found)
    }
}

#[cfg(test)]
mod flagged_words_tests {
    use super::*;

    /// Words short and long, with near misses: the same first eight bytes, the same shape, a
    /// prefix, an extension.
    #[test]
    fn flagged_words_are_found_in_any_ascii_case_and_nothing_else() {
        let listed = [
            ("the", 1),
            ("he", 2),
            ("she", 2),
            ("emphasized", 4),
            ("emphasised", 8),
            ("reiterated", 16),
            ("according", 32),
            ("their", 64),
            ("he", 128),
        ];
        let words = FlaggedWords::new(listed.iter().map(|&(w, f)| (w.to_string(), f)));
        let expected = |word: &str| {
            listed
                .iter()
                .filter(|(w, _)| w.eq_ignore_ascii_case(word))
                .fold(0, |flags, (_, f)| flags | f)
        };
        let probes = [
            "the",
            "The",
            "THE",
            "tHe",
            "thE",
            "he",
            "HE",
            "He",
            "she",
            "emphasized",
            "EMPHASIZED",
            "Emphasised",
            "emphasizes",
            "emphasize",
            "emphasizedd",
            "emphasizer",
            "reiterated",
            "Reiterated",
            "reiterates",
            "according",
            "accordingly",
            "their",
            "theirs",
            "thei",
            "then",
            "tho",
            "h",
            "",
            "t",
            "x",
            "théir",
            "ÉMPHASIZED",
            "hé",
        ];
        for probe in probes {
            assert_eq!(words.get(probe, u8::MAX), expected(probe), "{probe:?}");
            assert_eq!(words.get(probe, 1), expected(probe) & 1, "{probe:?}");
        }
    }
}
