//! Relation extraction: from actor mentions in sentences to typed, evidence-carrying relations.
//!
//! The rules (`data/relations.ron`) hold the cue lexicons; this crate holds the reading of
//! English: where a cue's actors stand ([`frames`]), how actor phrases group ([`sentence`]),
//! who is speaking, what a pronoun or "the two countries" stands for, and whether a statement
//! is asserted, negated, hypothetical or reported.
//!
//! It knows nothing about the gazetteer: mentions come in as [`Mention`]s and facts about actors
//! through [`ActorDirectory`], so tests can feed hand-made mentions.

mod frames;
mod rules;
mod sentence;

use std::collections::BTreeSet;

use actorgraph_core::{
    ActorDirectory, ActorId, Affiliation, EntityType, Evidence, Mention, MentionKind, Relation,
    Span,
};

use crate::rules::word_flags;
pub use crate::rules::RelationRules;
use crate::{
    frames::{token_span, Found, Reader},
    sentence::{Arg, Group, SentenceMention, SentenceView, TokenKind},
};

/// Pronouns for the person named last (`resolve_person_pronouns`).
pub(crate) const PERSON_PRONOUNS: &[&str] = &["he", "him", "his", "she", "her"];

/// Pronouns for the topic (`resolve_it`).
pub(crate) const IT_PRONOUNS: &[&str] = &["it", "its"];

/// Pronouns for a pair of actors (`RelationRules::resolve_pairs`).
pub(crate) const THEY_PRONOUNS: &[&str] = &["they", "them", "their"];

/// Pronouns for the speaker's country inside a quote (`resolve_first_person`).
pub(crate) const FIRST_PERSON_PRONOUNS: &[&str] = &["we", "our", "us"];

/// One analyzed document: its text, sentences and mentions.
#[derive(Clone, Copy, Debug)]
pub struct DocumentInput<'a> {
    pub id: &'a str,
    pub date: Option<&'a str>,
    pub text: &'a str,
    pub sentences: &'a [Span],
    /// Sorted by position; `sentence` indexes `sentences`.
    pub mentions: &'a [Mention],
}

/// What a document says about actors' relations and affiliations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    /// Every relation read, negated ones included (they make no edge, but `explain` shows them).
    pub evidence: Vec<Evidence>,
    pub affiliations: Vec<Affiliation>,
}

/// A pair of actors the document has just talked about, for "the two countries" and "they".
#[derive(Clone, Debug)]
struct RecentPair {
    sentence: usize,
    actors: [ActorId; 2],
    /// -1 hostile, +1 friendly, 0 neither.
    sign: i8,
}

/// A sentence that names no actor, read without tokens in the first pass.
struct Unnamed {
    /// Two capitalized words in a row past the first token: a name the data does not know.
    /// Looked for only while a person is remembered: all it does is forget that person.
    unknown_name: bool,
    /// The `word_flags` of the pair anaphors it holds (by their last word) and of "they",
    /// which only the second pass resolves. `None` if not looked for: while no person or topic
    /// is remembered nothing in the first pass depends on the sentence's words, and the second
    /// pass looks for them only where they may resolve.
    second_pass_anaphors: Option<u8>,
}

/// The `word_flags` of the anaphors only the second pass resolves: pair anaphors (by their last
/// word) and "they".
pub(crate) const SECOND_PASS_ANAPHORS: u8 = word_flags::PAIR_ANAPHOR_END | word_flags::THEY;

/// Whether the second pass could give a sentence read without a view the two actors a relation
/// needs: the conditions under which [`RelationRules::resolve_pairs`] finds a pair for one of
/// its `anaphors` (see [`Unnamed`]), loosened, never tightened. Without a pair such a sentence
/// yields nothing, view or not: "we" alone stands for one actor, the speaker's country.
fn second_pass_may_resolve(anaphors: u8, index: usize, state: &DocumentState) -> bool {
    // A pair phrase may take a pair, two persons or two countries from any earlier sentence; a
    // lone "they" only a pair from this sentence or the one before.
    let pair_phrase = anaphors & word_flags::PAIR_ANAPHOR_END != 0
        && (!state.pairs.is_empty() || state.persons.len() >= 2 || state.countries.len() >= 2);
    let they = anaphors & word_flags::THEY != 0
        && state.pairs.last().is_some_and(|p| index - p.sentence <= 1);
    pair_phrase || they
}

/// What reading earlier sentences left for later ones.
#[derive(Debug, Default)]
struct DocumentState {
    last_person: Option<ActorId>,
    /// The previous sentence's topic, for an "It" that opens the next one.
    last_topic: Option<ActorId>,
    pairs: Vec<RecentPair>,
    /// Countries (rolled up) in order of mention, most recent last, without repeats.
    countries: Vec<ActorId>,
    /// Persons in order of mention, most recent last, without repeats.
    persons: Vec<ActorId>,
}

impl RelationRules {
    /// Reads every sentence of a document. Never fails; a document without relations gives an
    /// empty extraction.
    pub fn extract(&self, doc: &DocumentInput<'_>, directory: &dyn ActorDirectory) -> Extraction {
        let by_sentence = mentions_by_sentence(doc, directory);
        let quotes = quote_regions(doc.text);

        // Pass 1: tokens, groups, person pronouns and each sentence's own speaker.
        let mut state = DocumentState::default();
        let mut views = Vec::with_capacity(doc.sentences.len());
        let mut speakers: Vec<Option<ActorId>> = Vec::with_capacity(doc.sentences.len());
        // For each sentence read without a view: the anaphors it holds that only the second
        // pass resolves, if looked for.
        let mut deferred: Vec<Option<u8>> = Vec::with_capacity(doc.sentences.len());
        for (index, span) in doc.sentences.iter().enumerate() {
            let mentions = &by_sentence[index];
            if mentions.is_empty() {
                if let Some(unnamed) = self.scan_unnamed(doc.text, *span, &state) {
                    // What `resolve_person_pronouns` and `resolve_it` would have made of it.
                    if unnamed.unknown_name {
                        state.last_person = None;
                    }
                    state.last_topic = None;
                    speakers.push(None);
                    views.push(SentenceView::default());
                    deferred.push(unnamed.second_pass_anaphors);
                    continue;
                }
            }
            deferred.push(Some(0));
            let mut view = SentenceView::new(doc.text, *span, mentions, self);
            resolve_person_pronouns(&mut view, mentions, &mut state, directory);
            resolve_it(&mut view, &mut state, directory);
            speakers.push(self.speaker(&view));
            views.push(view);
        }
        attribute_quotes(doc.sentences, &quotes, &mut speakers);

        // Pass 2: anaphors that need the speaker and earlier relations, then the frames.
        let mut state = DocumentState::default();
        let mut extraction = Extraction::default();
        for (index, mut view) in views.into_iter().enumerate() {
            let span = doc.sentences[index];
            let mentions = &by_sentence[index];
            let anaphors = match deferred[index] {
                Some(anaphors) => anaphors,
                None if second_pass_may_resolve(SECOND_PASS_ANAPHORS, index, &state) => {
                    self.second_pass_anaphors(doc.text, span)
                }
                None => 0,
            };
            if anaphors != 0 && second_pass_may_resolve(anaphors, index, &state) {
                // Nothing in the first pass touches such a view: built now, it is what the
                // first pass would have left.
                view = SentenceView::new(doc.text, span, mentions, self);
            }
            self.resolve_pairs(&mut view, index, &state, directory);
            resolve_first_person(&mut view, &quotes, speakers[index].as_ref(), directory);
            for title in &view.titles {
                extraction.affiliations.push(Affiliation {
                    actor: title.person.clone(),
                    affiliation: title.affiliation.clone(),
                    role: Some(title.role.clone()),
                    doc: Some(doc.id.to_owned()),
                });
            }
            let mut found = Vec::new();
            // A relation joins two actors: most sentences name fewer, and reading their grammar
            // would find nothing.
            let mut actors = view
                .groups
                .iter()
                .flat_map(|g| g.args.iter().map(|a| &a.actor));
            let two_actors = actors
                .next()
                .is_some_and(|first| actors.any(|other| other != first));
            if two_actors && !self.is_boilerplate(&view, doc.text) {
                let mut reader = Reader::new(&view, self);
                reader.read();
                found = reader.found;
            }
            for f in &mut found {
                // People and parties "attack" each other with words: that is opposition.
                let political = |actor: &ActorId| {
                    matches!(
                        directory.entity_type(actor),
                        Some(EntityType::Person | EntityType::Party)
                    )
                };
                if f.relation == Relation::Attacks
                    && political(&f.source.actor)
                    && political(&f.target.actor)
                {
                    f.relation = Relation::Opposes;
                }
            }
            for f in &found {
                if !related_by_affiliation(&f.source.actor, &f.target.actor, directory)
                    && !is_media(&f.source.actor, directory)
                    && !is_media(&f.target.actor, directory)
                {
                    extraction.evidence.push(evidence(
                        doc,
                        index,
                        span,
                        &view,
                        f,
                        speakers[index].clone(),
                    ));
                }
            }
            remember(&mut state, index, &view, mentions, &found, directory);
        }

        // The gazetteer's own affiliations of every actor the document mentions.
        let mentioned: BTreeSet<&ActorId> = doc.mentions.iter().map(|m| &m.actor).collect();
        for actor in mentioned {
            if let Some(affiliation) = directory.affiliation(actor) {
                extraction.affiliations.push(Affiliation {
                    actor: actor.clone(),
                    affiliation,
                    role: None,
                    doc: None,
                });
            }
        }
        extraction.affiliations.sort();
        extraction.affiliations.dedup();
        extraction
    }

    /// Most sentences name no actor, and most of those hold no word that could stand for one in
    /// the first pass: such a sentence gets no groups there, so no speaker and nothing for later
    /// sentences but two facts, which this finds without tokenizing. A person pronoun counts
    /// only while a person is remembered, "it" only while a topic is. Pair anaphors and "they"
    /// are resolved in the second pass, which builds the view only if they may resolve
    /// ([`second_pass_may_resolve`]). `None`: the sentence needs its full view now.
    fn scan_unnamed(&self, text: &str, sentence: Span, state: &DocumentState) -> Option<Unnamed> {
        use word_flags::{IT, PERSON_PRONOUN};
        let second_pass = SECOND_PASS_ANAPHORS;
        // With no person remembered, pronouns and capitalized words change nothing, and with no
        // topic, no word does.
        if state.last_person.is_none() {
            if state.last_topic.is_none() {
                return Some(Unnamed {
                    unknown_name: false,
                    second_pass_anaphors: None,
                });
            }
            let search = self.second_pass_and_it_words.as_ref();
            if let Some(flags) = search.and_then(|s| s.flags_in(text, sentence)) {
                if flags & IT != 0 {
                    return None;
                }
                return Some(Unnamed {
                    unknown_name: false,
                    second_pass_anaphors: Some(flags & second_pass),
                });
            }
        }
        let mut second_pass_anaphors = 0;
        let unknown_name = sentence::scan_unnamed(text, sentence, |word| {
            let flags = self
                .flagged_words
                .get(word, second_pass | PERSON_PRONOUN | IT);
            second_pass_anaphors |= flags & second_pass;
            (flags & PERSON_PRONOUN != 0 && state.last_person.is_some())
                || (flags & IT != 0 && state.last_topic.is_some())
        })?;
        Some(Unnamed {
            unknown_name,
            second_pass_anaphors: Some(second_pass_anaphors),
        })
    }

    /// The [`SECOND_PASS_ANAPHORS`] flags of the words of a sentence without mentions.
    fn second_pass_anaphors(&self, text: &str, sentence: Span) -> u8 {
        let search = self.second_pass_words.as_ref();
        if let Some(flags) = search.and_then(|s| s.flags_in(text, sentence)) {
            return flags;
        }
        let mut found = 0;
        sentence::scan_unnamed(text, sentence, |word| {
            found |= self.flagged_words.get(word, SECOND_PASS_ANAPHORS);
            false
        });
        found
    }

    /// The sentence's speaker: "X said", "said X", "according to X".
    fn speaker(&self, view: &SentenceView) -> Option<ActorId> {
        if view.flags & word_flags::SPEECH_START == 0 {
            return None;
        }
        for i in 0..view.len() {
            if view.tokens[i].kind != TokenKind::Word
                || view.tokens[i].flags & word_flags::SPEECH_START == 0
            {
                continue;
            }
            let Some(n) = view.phrase_at(&self.speech_verbs, i, 3) else {
                continue;
            };
            // Made only here: most sentences hold no speech verb.
            let reader = Reader::new(view, self);
            let after = view.group_at(i + n);
            // "..., said Russian Ambassador Levan Dzhagaryan", "according to X": the speaker
            // follows. Otherwise ("Lavrov said Russia backs Assad") the speaker is the subject.
            let inverted = view.word(i) == "according"
                || i == 0
                || (view.tokens[i - 1].kind == TokenKind::Punct && view.word(i - 1) != ".");
            let group = if inverted {
                after.or_else(|| reader.subject_left_group(i))
            } else {
                reader.subject_left_group(i)
            };
            if let Some(group) = group {
                return group.args.first().map(|a| a.actor.clone());
            }
        }
        None
    }

    /// Sentences of page furniture: "Read more", "(photo credit: REUTERS)", "Sign up for".
    fn is_boilerplate(&self, view: &SentenceView, text: &str) -> bool {
        let start = (0..view.len())
            .find(|&i| view.tokens[i].kind != TokenKind::Punct)
            .unwrap_or(0);
        let Some(n) = view.phrase_at(&self.boilerplate, start, 4) else {
            return false;
        };
        if n > 1 {
            return true;
        }
        // One word ("Read", "Photo") is furniture only when set off: "Read:", "Read  Russia".
        let end = view.tokens[start].span.end;
        let next = view.tokens.get(start + 1);
        next.is_some_and(|t| t.kind == TokenKind::Punct && ":|".contains(view.lower(t)))
            || text[end..]
                .chars()
                .take(2)
                .filter(|c| c.is_whitespace())
                .count()
                == 2
            || start > 0
    }

    /// "the two countries", "both sides", "they": the pair of actors just talked about.
    fn resolve_pairs(
        &self,
        view: &mut SentenceView,
        index: usize,
        state: &DocumentState,
        directory: &dyn ActorDirectory,
    ) {
        // A pair phrase ends on a flagged word; the words that start one ("the") are in most
        // sentences, so a sentence without an ending word is skipped here.
        if view.flags & (word_flags::THEY | word_flags::PAIR_ANAPHOR_END) == 0 {
            return;
        }
        // "the" starts many pair anaphors and most sentences: a phrase can start there only if
        // its last word follows within the longest phrase.
        let longest = self.pair_anaphors.longest();
        let may_end_phrase = |view: &SentenceView, i: usize| {
            view.tokens[i..view.len().min(i + longest)]
                .iter()
                .any(|t| t.flags & word_flags::PAIR_ANAPHOR_END != 0)
        };
        let mut i = 0;
        while i < view.len() {
            let flags = view.tokens[i].flags;
            if view.group_of[i].is_some()
                || view.tokens[i].kind != TokenKind::Word
                || (flags & word_flags::THEY == 0
                    && (flags & word_flags::PAIR_ANAPHOR_START == 0 || !may_end_phrase(view, i)))
            {
                i += 1;
                continue;
            }
            // At least four: "their" reads three more for a relation noun.
            let words = view.words_from(i, longest.max(4));
            let starts_with_their = words.first() == Some(&"their");
            let phrase_len = self.pair_anaphors.match_at(&words);
            // "their" stands for the pair only on a relation noun ("their cooperation"); before
            // other nouns ("their Russian counterparts") it is too often someone else's.
            let their_relation = words.first() == Some(&"their")
                && self
                    .cues_at(&words[1..])
                    .iter()
                    .any(|c| c.class == crate::rules::CueClass::Noun);
            let pronoun = matches!(words.first(), Some(&"they" | &"them")) || their_relation;
            // "them" as an object is too often someone unnamed: only a pair of this sentence.
            let this_sentence_only = words.first() == Some(&"them");
            // "lawmakers from both sides of the (political) aisle" are the two parties of a
            // legislature.
            let idiom = phrase_len.is_some_and(|n| {
                view.word(i + n) == "of" && (i + n + 2..i + n + 4).any(|k| view.word(k) == "aisle")
            });
            let (len, hint) = match phrase_len.filter(|_| !idiom) {
                Some(n) => {
                    let hint = if words[..n]
                        .iter()
                        .any(|w| matches!(*w, "foes" | "rivals" | "enemies" | "adversaries"))
                    {
                        -1
                    } else if words[..n]
                        .iter()
                        .any(|w| matches!(*w, "allies" | "partners"))
                    {
                        1
                    } else if words[..n]
                        .iter()
                        .any(|w| matches!(*w, "leaders" | "men" | "presidents"))
                    {
                        // People, not states: resolved from the persons named last.
                        2
                    } else {
                        0
                    };
                    (n, hint)
                }
                None if pronoun => (1, 0),
                None => {
                    i += 1;
                    continue;
                }
            };
            // A pair named earlier in this sentence comes first: "Israel and Russia ... the two
            // militaries".
            let in_sentence = view
                .groups
                .iter()
                .rev()
                .find(|g| g.last < i && distinct_countries(&g.args, directory) >= 2);
            // Else the sentence's own two countries, outside places ("U.S. pilots over Syria
            // ... Russian threats ... the two superpowers").
            let sentence_pair: Option<[ActorId; 2]> = {
                let mut countries: Vec<ActorId> = Vec::new();
                for g in view
                    .groups
                    .iter()
                    .filter(|g| g.last < i && !g.topical && g.args.len() == 1)
                {
                    let placed = g.first > 0
                        && !g.adjective
                        && sentence::is_locative(view.word(g.first - 1));
                    let country = directory.country(&g.args[0].actor);
                    if let Some(country) = country.filter(|_| !placed && !g.args[0].resolved) {
                        if !countries.contains(&country) {
                            countries.push(country);
                        }
                    }
                }
                (countries.len() == 2).then(|| [countries[0].clone(), countries[1].clone()])
            };
            let two_people = (hint == 2 && state.persons.len() >= 2).then(|| {
                let n = state.persons.len();
                [state.persons[n - 2].clone(), state.persons[n - 1].clone()]
            });
            let actors: Option<[ActorId; 2]> = two_people
                .or_else(|| in_sentence.map(|g| [g.args[0].actor.clone(), g.args[1].actor.clone()]))
                .or(sentence_pair)
                .or_else(|| {
                    // A pronoun reaches back one sentence; a full phrase three.
                    let reach = if this_sentence_only {
                        0
                    } else if pronoun {
                        1
                    } else {
                        3
                    };
                    let recent = state
                        .pairs
                        .iter()
                        .rev()
                        .filter(|p| index - p.sentence <= reach);
                    let by_hint = (hint != 0)
                        .then(|| state.pairs.iter().rev().find(|p| p.sign == hint))
                        .flatten();
                    by_hint
                        .or_else(|| recent.clone().next())
                        .map(|p| p.actors.clone())
                })
                .or_else(|| {
                    // Only a full phrase, not "they", may fall back to the last two countries.
                    (!pronoun && state.countries.len() >= 2).then(|| {
                        let n = state.countries.len();
                        [
                            state.countries[n - 2].clone(),
                            state.countries[n - 1].clone(),
                        ]
                    })
                });
            // The words borrow the view, which takes the group below.
            drop(words);
            if let Some(actors) = actors {
                let span = token_span(view, i, i + len - 1);
                let args = actors
                    .iter()
                    .map(|actor| Arg {
                        actor: actor.clone(),
                        span,
                        resolved: true,
                    })
                    .collect();
                view.add_group(Group {
                    args,
                    first: i,
                    last: i + len - 1,
                    possessive: starts_with_their,
                    ..Group::default()
                });
            }
            i += len;
        }
    }
}

fn mentions_by_sentence(
    doc: &DocumentInput<'_>,
    directory: &dyn ActorDirectory,
) -> MentionsBySentence {
    // One list in sentence order, cut at each sentence's first mention: a vector per sentence
    // would be an allocation for each that names an actor.
    let mut order: Vec<&Mention> = doc
        .mentions
        .iter()
        .filter(|m| m.sentence < doc.sentences.len())
        .collect();
    // Mentions come in text order, so this finds them sorted; stable, as pushing them into
    // per-sentence lists kept them.
    if !order.is_sorted_by_key(|m| m.sentence) {
        order.sort_by_key(|m| m.sentence);
    }
    let mut starts = Vec::with_capacity(doc.sentences.len() + 1);
    let mut mentions = Vec::with_capacity(order.len());
    for mention in order {
        while starts.len() <= mention.sentence {
            starts.push(mentions.len());
        }
        let entity_type = directory.entity_type(&mention.actor);
        mentions.push(SentenceMention {
            span: mention.span,
            actor: mention.actor.clone(),
            is_person: entity_type == Some(EntityType::Person),
            is_country_word: matches!(mention.kind, MentionKind::Demonym | MentionKind::Metonym),
            is_demonym: mention.kind == MentionKind::Demonym,
            has_sector: mention.sector.is_some(),
            is_armed: mention.sector.as_deref() == Some("military")
                || entity_type == Some(EntityType::ArmedGroup),
            is_country: entity_type == Some(EntityType::Country),
        });
    }
    starts.resize(doc.sentences.len() + 1, mentions.len());
    MentionsBySentence { mentions, starts }
}

/// A document's mentions, with their facts, grouped by sentence.
struct MentionsBySentence {
    /// In sentence order.
    mentions: Vec<SentenceMention>,
    /// Where each sentence's mentions start in `mentions`, and, last, their count.
    starts: Vec<usize>,
}

impl std::ops::Index<usize> for MentionsBySentence {
    type Output = [SentenceMention];

    /// Sentence `index`'s mentions.
    fn index(&self, index: usize) -> &[SentenceMention] {
        &self.mentions[self.starts[index]..self.starts[index + 1]]
    }
}

/// "he", "his", "she", "her": the person named last. "his country": that person's country.
fn resolve_person_pronouns(
    view: &mut SentenceView,
    mentions: &[SentenceMention],
    state: &mut DocumentState,
    directory: &dyn ActorDirectory,
) {
    for i in 0..view.len() {
        // A name the data does not know ("Barack Obama") may be whom a later "he" means: two
        // capitalized words in a row, not opening the sentence, end the chain.
        if i > 0
            && view.tokens[i].kind == TokenKind::Word
            && view.tokens[i].capitalized
            && view.tokens[i - 1].kind == TokenKind::Word
            && view.tokens[i - 1].capitalized
            && i - 1 > 0
        {
            state.last_person = None;
        }
        match view.tokens[i].kind {
            TokenKind::Actor(m) if mentions[m].is_person => {
                state.last_person = Some(mentions[m].actor.clone());
            }
            TokenKind::Word if view.tokens[i].flags & word_flags::PERSON_PRONOUN != 0 => {
                let Some(person) = state.last_person.clone() else {
                    continue;
                };
                let country_noun = view.word(i) == "his" || view.word(i) == "her";
                let country_noun = country_noun
                    && matches!(
                        view.word(i + 1),
                        "country" | "government" | "regime" | "state" | "nation" | "administration"
                    );
                let (actor, last) = if country_noun {
                    match directory.country(&person) {
                        Some(country) => (country, i + 1),
                        None => continue,
                    }
                } else {
                    (person, i)
                };
                let span = token_span(view, i, last);
                let possessive = matches!(view.word(i), "his" | "her") && !country_noun;
                view.add_group(Group {
                    possessive,
                    person: !country_noun,
                    ..Group::resolved(actor, span, i, last)
                });
            }
            _ => {}
        }
    }
}

/// "it", "its": the first actor that is not a person earlier in the same sentence, which in news
/// copy is nearly always the clause's topic ("Israel has declared it will not tolerate"). An
/// "It" opening a sentence with no such actor before it is the previous sentence's topic
/// ("Turkey closed its border. It also condemned Russia.").
fn resolve_it(view: &mut SentenceView, state: &mut DocumentState, directory: &dyn ActorDirectory) {
    let is_body = |actor: &ActorId| {
        !matches!(
            directory.entity_type(actor),
            Some(EntityType::Person | EntityType::Media) | None
        )
    };
    let previous_topic = state.last_topic.take();
    if view.flags & word_flags::IT != 0 {
        for i in 0..view.len() {
            if view.group_of[i].is_some() || view.tokens[i].flags & word_flags::IT == 0 {
                continue;
            }
            // The nearest body named before that is a clause's subject (not inside a
            // prepositional phrase, not a possessor), else the first body of the sentence.
            let bodies: Vec<&Group> = view
                .groups
                .iter()
                .filter(|g| {
                    g.last < i && g.args.len() == 1 && !g.possessive && is_body(&g.args[0].actor)
                })
                .collect();
            let subject_like = bodies
                .iter()
                .rev()
                .find(|g| !in_prepositional_phrase(view, g) && view.word(g.last + 1) != "'s");
            // "the United States and its allies": the actor right before.
            let coordinated = (i >= 2 && matches!(view.word(i - 1), "and" | ","))
                .then(|| bodies.iter().find(|g| g.last == i - 2))
                .flatten();
            let antecedent = coordinated
                .or(subject_like)
                .or(bodies.first())
                .map(|g| g.args[0].actor.clone());
            let opens_sentence = (0..i).all(|j| view.tokens[j].kind == TokenKind::Punct);
            let antecedent =
                antecedent.or_else(|| previous_topic.clone().filter(|_| opens_sentence));
            if let Some(actor) = antecedent {
                let span = view.tokens[i].span;
                let possessive = view.word(i) == "its";
                view.add_group(Group {
                    possessive,
                    ..Group::resolved(actor, span, i, i)
                });
            }
        }
    }
    // This sentence's topic: its first body named outside a prepositional phrase.
    state.last_topic = view
        .groups
        .iter()
        .find(|g| {
            g.args.len() == 1
                && is_body(&g.args[0].actor)
                && (g.first == 0 || !sentence::is_preposition(view.word(g.first - 1)))
        })
        .map(|g| g.args[0].actor.clone());
}

/// True if a preposition opens the phrase the group ends: "on the Syrian government('s ...)".
fn in_prepositional_phrase(view: &SentenceView, group: &Group) -> bool {
    let mut j = group.first;
    for _ in 0..4 {
        if j == 0 {
            return false;
        }
        j -= 1;
        let w = view.word(j);
        if sentence::is_preposition(w) {
            return true;
        }
        if view.tokens[j].kind != TokenKind::Word || !sentence::is_determiner(w) {
            return false;
        }
    }
    false
}

/// "we", "our", "us" inside a quote: the speaker's country.
fn resolve_first_person(
    view: &mut SentenceView,
    quotes: &[Span],
    speaker: Option<&ActorId>,
    directory: &dyn ActorDirectory,
) {
    let Some(speaker) = speaker else { return };
    if view.flags & word_flags::FIRST_PERSON == 0 {
        return;
    }
    let actor = directory
        .country(speaker)
        .unwrap_or_else(|| speaker.clone());
    for i in 0..view.len() {
        if view.group_of[i].is_some() || view.tokens[i].flags & word_flags::FIRST_PERSON == 0 {
            continue;
        }
        let span = view.tokens[i].span;
        if !quotes
            .iter()
            .any(|q| q.start <= span.start && span.end <= q.end)
        {
            continue;
        }
        view.add_group(Group {
            possessive: view.word(i) == "our",
            ..Group::resolved(actor.clone(), span, i, i)
        });
    }
}

/// Quoted passages: from an opening quote mark to its closing one.
fn quote_regions(text: &str) -> Vec<Span> {
    let mut regions = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight_open: Option<usize> = None;
    let bytes = text.as_bytes();
    // Only three bytes matter: '"', '\n', and 0xE2, which starts both curly quotes.
    for i in memchr::memchr3_iter(b'"', b'\n', 0xE2, bytes) {
        match bytes[i] {
            b'"' => match straight_open.take() {
                Some(start) => regions.push(Span::new(start, i + 1)),
                None => straight_open = Some(i),
            },
            b'\n' if bytes.get(i + 1) == Some(&b'\n') => {
                // Quotes do not run across paragraphs unclosed.
                open = None;
                straight_open = None;
            }
            0xE2 if text[i..].starts_with('“') => open = Some(i),
            0xE2 if text[i..].starts_with('”') => {
                if let Some(start) = open.take() {
                    regions.push(Span::new(start, i + '”'.len_utf8()));
                }
            }
            _ => {}
        }
    }
    regions.sort();
    regions
}

/// A sentence inside a quote whose speaker is named elsewhere ("“... We do everything
/// possible to prevent it,” he said") gets that speaker.
///
/// The sentences are in text order, so those a quote overlaps are one run of them, found by
/// binary search: a long document has thousands of both.
fn attribute_quotes(sentences: &[Span], quotes: &[Span], speakers: &mut [Option<ActorId>]) {
    debug_assert!(sentences
        .windows(2)
        .all(|w| w[0].start <= w[1].start && w[0].end <= w[1].end));
    for quote in quotes {
        let first = sentences.partition_point(|s| s.end <= quote.start);
        let end = sentences.partition_point(|s| s.start < quote.end);
        if first >= end {
            continue;
        }
        let last = end - 1;
        let Some(speaker) = speakers[last].clone().or_else(|| speakers[first].clone()) else {
            continue;
        };
        for slot in &mut speakers[first..end] {
            if slot.is_none() {
                *slot = Some(speaker.clone());
            }
        }
    }
}

/// Remembers pairs and countries for later anaphors.
fn remember(
    state: &mut DocumentState,
    index: usize,
    view: &SentenceView,
    mentions: &[SentenceMention],
    found: &[Found],
    directory: &dyn ActorDirectory,
) {
    for mention in mentions {
        if mention.is_person {
            state.persons.retain(|p| *p != mention.actor);
            state.persons.push(mention.actor.clone());
        }
        if let Some(country) = directory.country(&mention.actor) {
            state.countries.retain(|c| *c != country);
            state.countries.push(country);
        }
    }
    for group in &view.groups {
        if group.args.len() == 2
            && distinct_countries(&group.args, directory) == 2
            && !group.args.iter().any(|a| a.resolved)
        {
            state.pairs.push(RecentPair {
                sentence: index,
                actors: [group.args[0].actor.clone(), group.args[1].actor.clone()],
                sign: 0,
            });
        }
    }
    for f in found {
        if f.relation == Relation::Mediates {
            continue;
        }
        let (Some(a), Some(b)) = (
            directory.country(&f.source.actor),
            directory.country(&f.target.actor),
        ) else {
            continue;
        };
        if a != b {
            state.pairs.push(RecentPair {
                sentence: index,
                actors: [f.source.actor.clone(), f.target.actor.clone()],
                sign: f.relation.sign(),
            });
        }
    }
}

fn distinct_countries(args: &[Arg], directory: &dyn ActorDirectory) -> usize {
    args.iter()
        .map(|a| {
            directory
                .country(&a.actor)
                .unwrap_or_else(|| a.actor.clone())
        })
        .collect::<BTreeSet<_>>()
        .len()
}

/// True if one actor acts for the other: a person and their own country are not two parties.
fn related_by_affiliation(a: &ActorId, b: &ActorId, directory: &dyn ActorDirectory) -> bool {
    let ancestors = |x: &ActorId| {
        let mut chain = Vec::new();
        let mut current = directory.affiliation(x);
        while let Some(next) = current {
            if chain.contains(&next) || chain.len() > 8 {
                break;
            }
            current = directory.affiliation(&next);
            chain.push(next);
        }
        chain
    };
    ancestors(a).contains(b) || ancestors(b).contains(a)
}

/// Media report relations; they are not parties to them.
fn is_media(actor: &ActorId, directory: &dyn ActorDirectory) -> bool {
    directory.entity_type(actor) == Some(EntityType::Media)
}

fn evidence(
    doc: &DocumentInput<'_>,
    sentence: usize,
    span: Span,
    view: &SentenceView,
    found: &Found,
    speaker: Option<ActorId>,
) -> Evidence {
    let cue_span = token_span(view, found.cue.0, found.cue.1);
    Evidence {
        doc: doc.id.to_owned(),
        date: doc.date.map(str::to_owned),
        sentence,
        sentence_span: span,
        text: span.slice(doc.text).to_owned(),
        source: found.source.actor.clone(),
        target: found.target.actor.clone(),
        relation: found.relation,
        source_span: found.source.span,
        target_span: found.target.span,
        cue_span,
        cue: cue_span.slice(doc.text).to_owned(),
        modality: found.modality,
        speaker,
        confidence: (found.confidence * 100.0).round() / 100.0,
    }
}

#[cfg(test)]
mod tests;
