//! A sentence as the relation frames read it: word tokens, actor tokens, and actor groups.
//!
//! An actor *group* is what a frame takes as an argument: one or more actors that a phrase of the
//! sentence stands for. Groups come from
//! * mentions, with the title words and affiliations around a person folded in ("Russian
//!   Ambassador to Iran Levan Dzhagaryan" is one group standing for Dzhagaryan);
//! * coordination ("Russia and Iran", "the US, Russia, and Jordan", "Iran-Russia");
//! * pronouns and pair anaphors ("he", "its", "the two countries"), resolved by the caller.

use std::borrow::Cow;

use actorgraph_core::{ascii, word_set, ActorId, Span};
use smallvec::SmallVec;

use crate::rules::{Cue, PhraseSet, RelationRules};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Punct,
    /// A gazetteer mention; the index is into the sentence's mention list.
    Actor(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    /// Byte span in the document.
    pub span: Span,
    /// Where [`SentenceView::lower`] has the token lower-cased, curly apostrophes straightened;
    /// "n't" split off; empty for actors.
    pub lower: LowerRange,
    pub kind: TokenKind,
    /// Written with a capital: "May" the month is not "may" the modal.
    pub capitalized: bool,
    /// `rules::word_flags` of `lower`.
    pub flags: u8,
}

/// A range of a view's lower-case text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LowerRange {
    start: u32,
    end: u32,
}

/// One actor an argument stands for, and the words that named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Arg {
    pub actor: ActorId,
    pub span: Span,
    /// Found through a pronoun or anaphor rather than a name: weaker evidence.
    pub resolved: bool,
}

/// A run of tokens standing for one or more actors.
#[derive(Clone, Debug, Default)]
pub(crate) struct Group {
    /// Nearly always one: inline, so a group costs no allocation of its own.
    pub args: SmallVec<[Arg; 1]>,
    /// Token range, inclusive.
    pub first: usize,
    pub last: usize,
    /// A national adjective on a noun that is not the state's agent ("Israeli media", "an
    /// Iranian expert"): it may be acted upon, but it does not act.
    pub weak_agent: bool,
    /// A possessive pronoun ("its", "his", "their"): it modifies the noun after it, so it is
    /// never that phrase's object.
    pub possessive: bool,
    /// A country's name used as a noun modifier ("the Russia investigation", "the Iran deal"):
    /// the phrase is about the country, it is not the country. Neither subject nor object.
    pub topical: bool,
    /// Every actor of the group is a person.
    pub person: bool,
    /// A national adjective alone ("Russian threats"): after "from" or "in" it modifies a noun,
    /// it names no place.
    pub adjective: bool,
    /// Every actor of the group is an armed force: a military agent phrase ("Russian troops")
    /// or an armed group.
    pub armed: bool,
}

impl Group {
    /// One actor found through a pronoun or anaphor over tokens `first..=last`.
    pub(crate) fn resolved(actor: ActorId, span: Span, first: usize, last: usize) -> Group {
        Group {
            args: smallvec::smallvec![Arg {
                actor,
                span,
                resolved: true,
            }],
            first,
            last,
            ..Group::default()
        }
    }
}

/// A person's title read from the text: who the person acts for, and the title words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TitleAffiliation {
    pub person: ActorId,
    pub affiliation: ActorId,
    pub role: String,
}

/// A mention as the relation engine needs it.
#[derive(Clone, Debug)]
pub(crate) struct SentenceMention {
    pub span: Span,
    pub actor: ActorId,
    pub is_person: bool,
    /// Demonym or metonym: "Iranian", "Tehran". Such a mention before a person's title is the
    /// person's affiliation.
    pub is_country_word: bool,
    /// A national adjective: "Iranian".
    pub is_demonym: bool,
    /// An agent phrase with its sector ("British aircraft", "Iranian forces"): the state acting.
    pub has_sector: bool,
    /// A military agent phrase ("Turkish troops") or an armed group.
    pub is_armed: bool,
    pub is_country: bool,
}

/// Empty (the default) for a sentence read without tokens: see `RelationRules::scan_unnamed`.
#[derive(Debug, Default)]
pub(crate) struct SentenceView {
    pub tokens: Vec<Token>,
    /// The tokens' lower-case forms: the sentence with its ASCII letters lower-cased, where
    /// most tokens read themselves in place, then the forms that differ from the text ("not"
    /// for "n't", curly quotes straightened, other letters lower-cased).
    lower: String,
    pub groups: Vec<Group>,
    /// For each token, the group it belongs to.
    pub group_of: Vec<Option<usize>>,
    pub titles: Vec<TitleAffiliation>,
    /// The union of the tokens' flags: a pass that looks for flagged words skips a sentence
    /// without any.
    pub flags: u8,
}

word_set! {
    /// Prepositions: a group right after one is not a clause subject.
    pub(crate) fn is_preposition = [
        "of",
        "in",
        "with",
        "for",
        "to",
        "from",
        "on",
        "at",
        "by",
        "against",
        "between",
        "about",
        "over",
        "under",
        "than",
        "like",
        "into",
        "toward",
        "towards",
        "inside",
        "within",
        "near",
        "across",
        "through",
        "throughout",
        "among",
        "amid",
        "despite",
        "without",
        "via",
        "including",
    ];
}

word_set! {
    /// Prepositions that put an actor in the role of a place, not a participant.
    pub(crate) fn is_locative = [
        "in",
        "inside",
        "within",
        "near",
        "across",
        "throughout",
        "around",
        "from",
        "over",
        "at",
        "amid",
        "among",
    ];
}

word_set! {
    pub(crate) fn is_determiner = [
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
        "my", "your", "some", "any", "all", "several", "many", "multiple", "repeated", "both",
        "each", "every", "such", "other", "another", "one", "two", "three", "more", "most",
        "further", "new",
    ];
}

word_set! {
    /// Words that open a clause: a subject is never found across one. ("since", "so" and "yet" are
    /// left out: as adverbs, "have since formed", they sit between a subject and its verb.)
    pub(crate) fn is_clause_opener = [
        "that", "because", "if", "when", "while", "although", "though", "whether", "until",
        "unless", "but", "however", "whereas", "where", "after", "before",
    ];
}

impl SentenceView {
    /// Tokenizes `sentence` (a span of `text`) around `mentions` (sorted, inside the sentence),
    /// then builds actor groups.
    pub(crate) fn new(
        text: &str,
        sentence: Span,
        mentions: &[SentenceMention],
        rules: &RelationRules,
    ) -> SentenceView {
        let (mut tokens, lower) = tokenize(text, sentence, mentions);
        let mut flags = 0;
        for token in &mut tokens {
            token.flags = rules
                .flagged_words
                .get(&lower[token.lower.range()], u8::MAX);
            flags |= token.flags;
        }
        let mut view = SentenceView {
            group_of: vec![None; tokens.len()],
            tokens,
            lower,
            groups: Vec::new(),
            titles: Vec::new(),
            flags,
        };
        view.build_groups(text, mentions, rules);
        view
    }

    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    pub(crate) fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.lower(t))
    }

    /// `token` (one of this view's) lower-cased.
    pub(crate) fn lower(&self, token: &Token) -> &str {
        &self.lower[token.lower.range()]
    }

    pub(crate) fn is_actor(&self, i: usize) -> bool {
        matches!(
            self.tokens.get(i).map(|t| t.kind),
            Some(TokenKind::Actor(_))
        )
    }

    pub(crate) fn is_punct(&self, i: usize, chars: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && chars.contains(self.lower(t)))
    }

    /// Lower-case words from `i` on (actors read as an empty word), for phrase matching.
    /// On the stack: this runs for every token the rules look at.
    pub(crate) fn words_from(&self, i: usize, max: usize) -> SmallVec<[&str; 6]> {
        self.tokens[i.min(self.tokens.len())..]
            .iter()
            .take(max)
            .map(|t| self.lower(t))
            .collect()
    }

    /// [`PhraseSet::match_at`] on the words from `i` on, at most `max`. The first word is looked
    /// up before the others are gathered: most words start no phrase.
    pub(crate) fn phrase_at(&self, set: &PhraseSet, i: usize, max: usize) -> Option<usize> {
        if !set.may_start(self.word(i)) {
            return None;
        }
        set.match_at(&self.words_from(i, max))
    }

    /// [`RelationRules::cues_at`] on the words from `i` on, at most `max`, the first word looked
    /// up first.
    pub(crate) fn cues_at<'r>(
        &self,
        rules: &'r RelationRules,
        i: usize,
        max: usize,
    ) -> SmallVec<[&'r Cue; 4]> {
        if !rules.may_start_cue(self.word(i)) {
            return SmallVec::new();
        }
        rules.cues_at(&self.words_from(i, max))
    }

    pub(crate) fn group_at(&self, i: usize) -> Option<&Group> {
        self.group_of
            .get(i)
            .copied()
            .flatten()
            .map(|g| &self.groups[g])
    }

    /// Adds a group made by the caller (a resolved pronoun or anaphor) over tokens `first..=last`,
    /// unless those tokens already belong to one.
    pub(crate) fn add_group(&mut self, group: Group) {
        if (group.first..=group.last).any(|i| self.group_of[i].is_some()) || group.args.is_empty() {
            return;
        }
        let index = self.groups.len();
        for slot in &mut self.group_of[group.first..=group.last] {
            *slot = Some(index);
        }
        self.groups.push(group);
    }

    fn build_groups(&mut self, text: &str, mentions: &[SentenceMention], rules: &RelationRules) {
        // 1. Units: one actor each, absorbing titles and affiliations around persons.
        let mut units: Vec<Group> = Vec::with_capacity(mentions.len());
        let mut i = 0;
        while i < self.tokens.len() {
            let TokenKind::Actor(m) = self.tokens[i].kind else {
                i += 1;
                continue;
            };
            // "the Saudi-led coalition", "a US-led mission": the body it leads stands for it.
            if self.is_punct(i + 1, "-") && self.word(i + 2) == "led" {
                let mut unit = Group {
                    args: smallvec::smallvec![arg(&mentions[m], false)],
                    first: i,
                    last: i + 2,
                    ..Group::default()
                };
                if self
                    .tokens
                    .get(i + 3)
                    .is_some_and(|t| t.kind == TokenKind::Word && !t.capitalized)
                {
                    unit.last = i + 3;
                }
                i = unit.last + 1;
                units.push(unit);
                continue;
            }
            // "Syria-based", "Gaza-born": the actor names a place in a compound adjective. A
            // compound on a cue ("Iranian-backed") stays: the frames read it.
            if self.is_punct(i + 1, "-")
                && self
                    .tokens
                    .get(i + 2)
                    .is_some_and(|t| t.kind == TokenKind::Word)
                && self.cues_at(rules, i + 2, 1).is_empty()
            {
                i += 1;
                continue;
            }
            let mut unit = Group {
                args: smallvec::smallvec![arg(&mentions[m], false)],
                first: i,
                last: i,
                person: mentions[m].is_person,
                armed: mentions[m].is_armed,
                adjective: mentions[m].is_demonym && !mentions[m].has_sector,
                ..Group::default()
            };
            // "Russian President Vladimir Putin", "Russian Ambassador to Iran Levan Dzhagaryan",
            // "the Kremlin's ambassador to Iran Levan Dzhagaryan", "Iran's Revolutionary Guard",
            // "the Lebanese Shiite militia Hezbollah": the last, named actor is the head.
            if let Some((end, role)) = self.head_after_modifier(text, i, mentions, rules) {
                let TokenKind::Actor(p) = self.tokens[end].kind else {
                    unreachable!("a modifier bridge ends on an actor")
                };
                if let Some(role) = role.filter(|_| mentions[p].is_person) {
                    self.titles.push(TitleAffiliation {
                        person: mentions[p].actor.clone(),
                        affiliation: mentions[m].actor.clone(),
                        role,
                    });
                }
                unit.args = smallvec::smallvec![arg(&mentions[p], false)];
                unit.person = mentions[p].is_person;
                unit.armed = mentions[p].is_armed;
                unit.adjective = false;
                unit.last = end;
                i = end;
            } else if let Some(title_start) = self.title_before(i, rules) {
                // "Defense Minister Avigdor Liberman": the title belongs to the person.
                if mentions[m].is_person {
                    unit.first = title_start;
                }
            }
            // "Iran's U.N. ambassador": a body named inside the title belongs to it, and the
            // possessor is the head.
            if self.word(unit.last + 1) == "'s"
                && self.is_actor(unit.last + 2)
                && self.phrase_at(&rules.titles, unit.last + 3, 3).is_some()
            {
                unit.last += 2;
                i = unit.last;
            }
            let head = self.tokens[unit.last].kind;
            let head_is_person = matches!(head, TokenKind::Actor(h) if mentions[h].is_person);
            // "Foreign Minister Sergei Lavrov of Russia": the country is the person's.
            if head_is_person && self.word(i + 1) == "of" {
                if let Some(TokenKind::Actor(c)) = self.tokens.get(i + 2).map(|t| t.kind) {
                    if mentions[c].is_country || mentions[c].is_country_word {
                        unit.last = i + 2;
                        i += 2;
                    }
                }
            }
            if let TokenKind::Actor(h) = self.tokens[unit.last].kind {
                if unit.first == unit.last {
                    // "the Syrian opposition", "Syrian rebels": against the state, not the state.
                    if (mentions[h].is_country || mentions[h].is_country_word)
                        && self
                            .phrase_at(&rules.counter_state_nouns, unit.last + 1, 2)
                            .is_some()
                    {
                        unit.topical = true;
                    } else if mentions[h].is_demonym && !mentions[h].has_sector {
                        unit.weak_agent = self.is_weak_demonym(unit.last, rules);
                    } else if mentions[h].is_country || mentions[h].is_country_word {
                        unit.topical = self.is_noun_modifier(unit.last, rules);
                    }
                }
            }
            units.push(unit);
            i += 1;
        }
        // 2. Coordination: units joined by "and", "or", ",", "-", "as well as", "nor".
        let mut groups: Vec<Group> = Vec::with_capacity(units.len());
        for unit in units {
            if let Some(last) = groups.last_mut() {
                if self.coordinates(last.first, last.last, unit.first, unit.last) {
                    last.last = unit.last;
                    last.weak_agent &= unit.weak_agent;
                    last.person &= unit.person;
                    last.armed &= unit.armed;
                    last.adjective &= unit.adjective;
                    for a in unit.args {
                        if !last.args.iter().any(|b| b.actor == a.actor) {
                            last.args.push(a);
                        }
                    }
                    continue;
                }
            }
            groups.push(unit);
        }
        self.groups.reserve(groups.len());
        for group in groups {
            self.add_group(group);
        }
    }

    /// True if the tokens between a group (`first..=last`) and the next unit
    /// (`next_first..=next_last`) join them.
    fn coordinates(&self, first: usize, last: usize, next_first: usize, next_last: usize) -> bool {
        // No joining phrase is longer than three words.
        if next_first - last > 4 {
            return false;
        }
        let between: SmallVec<[&str; 3]> = (last + 1..next_first).map(|i| self.word(i)).collect();
        match between.as_slice() {
            ["and"]
            | ["or"]
            | ["nor"]
            | [",", "and"]
            | [",", "or"]
            | ["-"]
            | ["&"]
            | ["as", "well", "as"]
            | ["and", "the"]
            | ["and", "its"]
            | [",", "and", "the"] => true,
            // A comma joins only a list that goes on ("the US, Russia, and Jordan"), or a
            // headline's subjects ("Iran, Russia closest allies").
            [","] | [",", "the"] => {
                let continues = matches!(self.word(next_last + 1), "and" | "or" | ",")
                    && (self.is_actor(next_last + 2) || self.is_actor(next_last + 3));
                continues
                    || self.ends_open_list(next_last + 1)
                    || (first == 0 && !self.is_punct(next_last + 1, ","))
            }
            _ => false,
        }
    }

    /// True if the words from `i` close a list with unnamed members: "A, B and others", "A, B,
    /// and other countries", "A, B among others".
    fn ends_open_list(&self, i: usize) -> bool {
        let i = if self.is_punct(i, ",") { i + 1 } else { i };
        match self.word(i) {
            "and" | "or" => {
                matches!(self.word(i + 1), "others" | "other" | "more")
                    // "Iran, the U.S. and five allied powers", "and six world powers".
                    || (i + 2..i + 5).any(|k| {
                        matches!(
                            self.word(k),
                            "powers" | "countries" | "nations" | "states" | "allies" | "partners"
                        ) && (i + 1..k).all(|m| {
                            self.tokens.get(m).is_some_and(|t| {
                                t.kind == TokenKind::Word && !t.capitalized
                            })
                        })
                    })
            }
            "among" => self.word(i + 1) == "others",
            _ => false,
        }
    }

    /// `i` is a modifier (a country word, a possessor); finds the named actor it modifies:
    /// "[’s] [TITLE or adjective words] [to|of ACTOR] ACTOR". Returns that actor's token and, when
    /// the words between are a person's title, the title.
    fn head_after_modifier(
        &self,
        text: &str,
        i: usize,
        mentions: &[SentenceMention],
        rules: &RelationRules,
    ) -> Option<(usize, Option<String>)> {
        let TokenKind::Actor(m) = self.tokens[i].kind else {
            return None;
        };
        if mentions[m].is_person {
            return None;
        }
        let mut j = i + 1;
        let possessive = self.word(j) == "'s";
        if possessive {
            j += 1;
        }
        // Words as the rules read them; an actor inside the title ("to Iran") as written, lower
        // case.
        let mut role: Vec<Cow<'_, str>> = Vec::new();
        let mut saw_title = false;
        let mut other_words = 0;
        while j < self.tokens.len() {
            if let TokenKind::Actor(p) = self.tokens[j].kind {
                // "ambassador to Iran": part of the title.
                if saw_title && role.last().is_some_and(|w| w == "to" || w == "of") {
                    role.push(Cow::Owned(self.tokens[j].span.slice(text).to_lowercase()));
                    j += 1;
                    continue;
                }
                let head = &mentions[p];
                if head.is_country_word || head.is_country && !possessive {
                    return None;
                }
                if head.is_person && !saw_title && !possessive && other_words > 0 {
                    return None;
                }
                if j == i + 1 {
                    return None;
                }
                // "Iran's U.N. ambassador": a body followed by a title is part of the title.
                if !head.is_person && self.phrase_at(&rules.titles, j + 1, 3).is_some() {
                    return None;
                }
                let role = (saw_title && head.is_person).then(|| role.join(" "));
                return Some((j, role));
            }
            if let Some(n) = self.phrase_at(&rules.titles, j, 5) {
                role.extend((j..j + n).map(|k| Cow::Borrowed(self.word(k))));
                saw_title = true;
                j += n;
                continue;
            }
            let w = self.word(j);
            match w {
                "to" | "of"
                    if saw_title
                        && (self.is_actor(j + 1)
                            || self.word(j + 1) == "the" && self.is_actor(j + 2)) =>
                {
                    role.push(Cow::Borrowed(w));
                    j += 1;
                }
                "the" if role.last().is_some_and(|w| w == "to" || w == "of") => j += 1,
                "," if saw_title && self.is_actor(j + 1) => j += 1,
                "." if saw_title => j += 1,
                // An adjective or common noun before a name: "Shiite militia", "daily".
                _ if self.tokens[j].kind == TokenKind::Word
                    && other_words < 3
                    && !saw_title
                    && self.cues_at(rules, j, 5).is_empty()
                    && !is_preposition(w)
                    && !matches!(
                        w,
                        "and"
                            | "or"
                            | "but"
                            | "nor"
                            | "'s"
                            | "is"
                            | "are"
                            | "was"
                            | "were"
                            | "has"
                            | "have"
                            | "had"
                    ) =>
                {
                    other_words += 1;
                    j += 1;
                }
                _ => return None,
            }
        }
        None
    }

    /// A country's name followed by a common noun that is not its agent ("the Russia
    /// investigation"), rather than by a verb ("Russia continues", "Russia intervened").
    fn is_noun_modifier(&self, i: usize, rules: &RelationRules) -> bool {
        let next = i + 1;
        let Some(token) = self.tokens.get(next) else {
            return false;
        };
        if token.kind != TokenKind::Word || token.capitalized {
            return false;
        }
        let words = self.words_from(next, 3);
        let w = words[0];
        if rules.agent_nouns.match_at(&words).is_some()
            || rules.titles.match_at(&words).is_some()
            || !rules.cues_at(&words).is_empty()
            || rules.speech_verbs.contains_word(w)
            || rules.light_verbs.contains_word(w)
            || rules.withdrawal_verbs.may_start(w)
            || rules.facilitation.may_start(w)
            || rules.negators.contains(w)
            || rules.hypothetical.contains(w)
        {
            return false;
        }
        // Opening a "that" clause, before a word that takes an object, the name is the clause's
        // subject and the word its verb: "demanded that the US cancel THE sale". (Elsewhere the
        // object may be a reduced relative: "the Iran deal the Senate rejected".)
        let opens_clause = i >= 1
            && (self.word(i - 1) == "that"
                || i >= 2 && self.word(i - 1) == "the" && self.word(i - 2) == "that");
        if opens_clause
            && matches!(
                words.get(1).copied(),
                Some("the" | "a" | "an" | "its" | "their" | "his" | "her" | "this" | "these")
            )
        {
            return false;
        }
        // Verb-like endings and the common irregular pasts.
        let verb_like =
            w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly");
        let irregular = matches!(
            w,
            "began"
                | "took"
                | "gave"
                | "went"
                | "came"
                | "saw"
                | "won"
                | "lost"
                | "led"
                | "left"
                | "brought"
                | "bought"
                | "ran"
                | "rose"
                | "fell"
                | "drew"
                | "drove"
                | "grew"
                | "knew"
                | "chose"
                | "spent"
                | "stood"
                | "thought"
                | "understood"
                | "wrote"
                | "can"
                | "will"
                | "must"
                | "did"
                | "does"
                | "do"
                | "got"
                | "put"
                | "set"
                | "let"
                | "sat"
                | "told"
                | "to"
                | "and"
                | "or"
                | "but"
                | "as"
                | "than"
                | "who"
                | "which"
                | "that"
                | "too"
                | "again"
                | "now"
                | "then"
                | "also"
                | "still"
                | "already"
                | "last"
                | "next"
                | "this"
                | "earlier"
                | "later"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "once"
                | "twice"
                | "alone"
                | "itself"
                | "first"
                | "instead"
                | "soon"
                | "recently"
                | "together"
                | "directly"
                | "immediately"
                | "both"
        );
        // "a U.S. request", "the Russian plan": the country's own act, not a topic.
        let own_act = matches!(
            w,
            "request"
                | "requests"
                | "proposal"
                | "proposals"
                | "offer"
                | "offers"
                | "plan"
                | "plans"
                | "decision"
                | "decisions"
                | "move"
                | "moves"
                | "call"
                | "calls"
                | "position"
                | "stance"
                | "action"
                | "actions"
                | "effort"
                | "efforts"
                | "initiative"
                | "bid"
                | "appeal"
                | "involvement"
                | "interference"
                | "meddling"
                | "role"
                | "policy"
                | "policies"
                | "strategy"
                | "demands"
                | "proposition"
        );
        if own_act {
            return false;
        }
        let starts_phrase = is_determiner(w)
            || is_clause_opener(w)
            || matches!(
                w,
                "since" | "during" | "until" | "despite" | "who" | "which" | "whose"
            )
            || w.starts_with(|c: char| c.is_ascii_digit());
        !(verb_like || irregular || starts_phrase || is_preposition(w))
    }

    /// A national adjective whose noun is not one of the state's agents: "Israeli media".
    fn is_weak_demonym(&self, i: usize, rules: &RelationRules) -> bool {
        let next = i + 1;
        if self
            .tokens
            .get(next)
            .is_none_or(|t| t.kind != TokenKind::Word)
        {
            return false;
        }
        let words = self.words_from(next, 3);
        if rules.agent_nouns.match_at(&words).is_some() || rules.titles.match_at(&words).is_some() {
            return false;
        }
        let w = words[0];
        if w.ends_with("ly") || is_preposition(w) || matches!(w, "and" | "or" | "'s") {
            return false;
        }
        // A verb after a plural demonym ("Russians said") is the state acting.
        !rules.speech_verbs.contains_word(w) && rules.cues_at(&words).is_empty()
    }

    /// Start of a run of title words ending right before token `i`.
    fn title_before(&self, i: usize, rules: &RelationRules) -> Option<usize> {
        let mut start = None;
        let mut j = i;
        while j > 0 {
            let mut found = None;
            for n in (1..=4).rev() {
                if j >= n && self.phrase_at(&rules.titles, j - n, n) == Some(n) {
                    found = Some(j - n);
                    break;
                }
            }
            match found {
                Some(s) => {
                    start = Some(s);
                    j = s;
                }
                None if self.word(j - 1) == "." && start.is_some() => j -= 1,
                None => break,
            }
        }
        start
    }
}

fn arg(mention: &SentenceMention, resolved: bool) -> Arg {
    Arg {
        actor: mention.actor.clone(),
        span: mention.span,
        resolved,
    }
}

impl LowerRange {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Splits the sentence into word, punctuation and actor tokens, and returns them with their
/// lower-case text (see [`SentenceView::lower`]).
fn tokenize(text: &str, sentence: Span, mentions: &[SentenceMention]) -> (Vec<Token>, String) {
    // English news runs about six bytes a token: sized once, the vector never grows.
    let mut tokens = Vec::with_capacity(sentence.len() / 5 + 4);
    // Lower-cased at once: an ASCII token, and a punctuation character other than the curly
    // quotes and dashes, is its own lower-case form, found here at its offset in the sentence.
    let mut lower = String::with_capacity(sentence.len() + 16);
    lower.push_str(&text[sentence.start..sentence.end]);
    lower.make_ascii_lowercase();
    assert!(
        u32::try_from(sentence.len()).is_ok(),
        "sentences are limited to 4 GiB"
    );
    // Checked once above, not for every token: an offset into the sentence fits.
    let offset = |i: usize| (i - sentence.start) as u32;
    let in_place = |start: usize, end: usize| LowerRange {
        start: offset(start),
        end: offset(end),
    };
    let appended = |lower: &mut String, form: &str| appended_by(lower, |l| l.push_str(form));
    // A word's lower-case form: in place if ASCII, else appended.
    let word_lower = |lower: &mut String, start: usize, end: usize| {
        let word = &text[start..end];
        if word.is_ascii() {
            in_place(start, end)
        } else {
            appended_by(lower, |l| push_lower_word(l, word))
        }
    };
    let mut next_mention = 0;
    let mut i = sentence.start;
    while i < sentence.end {
        if let Some(m) = mentions.get(next_mention) {
            if m.span.start <= i {
                if m.span.start == i {
                    tokens.push(Token {
                        span: m.span,
                        lower: LowerRange::default(),
                        kind: TokenKind::Actor(next_mention),
                        capitalized: true,
                        flags: 0,
                    });
                    i = m.span.end.max(i + 1);
                }
                next_mention += 1;
                continue;
            }
        }
        let limit = mentions
            .get(next_mention)
            .map_or(sentence.end, |m| m.span.start.min(sentence.end));
        let (c, piece, end) = piece_at(text, i, limit);
        let simple = |lower, kind| Token {
            span: Span::new(i, end),
            lower,
            kind,
            capitalized: false,
            flags: 0,
        };
        match piece {
            Piece::Space => {}
            Piece::Word(WordExtent {
                negation: Some(stem_end),
                ..
            }) => {
                tokens.push(Token {
                    span: Span::new(i, stem_end),
                    lower: word_lower(&mut lower, i, stem_end),
                    kind: TokenKind::Word,
                    capitalized: c.is_uppercase(),
                    flags: 0,
                });
                tokens.push(Token {
                    span: Span::new(stem_end, end),
                    ..simple(appended(&mut lower, "not"), TokenKind::Word)
                });
            }
            Piece::Word(WordExtent { plain, .. }) => {
                tokens.push(Token {
                    span: Span::new(i, end),
                    lower: if plain {
                        in_place(i, end)
                    } else {
                        word_lower(&mut lower, i, end)
                    },
                    kind: TokenKind::Word,
                    capitalized: c.is_uppercase(),
                    flags: 0,
                });
            }
            Piece::Possessive => {
                let form = appended(&mut lower, "'s");
                tokens.push(simple(form, TokenKind::Word));
            }
            Piece::Punct => {
                let form = match c {
                    '’' | '‘' => appended(&mut lower, "'"),
                    '“' | '”' | '«' | '»' => appended(&mut lower, "\""),
                    '–' | '—' => appended(&mut lower, "—"),
                    _ => in_place(i, end),
                };
                tokens.push(simple(form, TokenKind::Punct));
            }
        }
        i = past_one_space(text, end);
    }
    (tokens, lower)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    /// `char::is_whitespace`
    Space,
    /// `char::is_alphanumeric`: starts a word.
    Alphanumeric,
    Other,
}

/// The character at byte `i` of `text` and its class. Tokenizing asks this of every character
/// between words (127,632 times on 300 articles), nearly always an ASCII one: that is classed
/// inline, where a call would cost more than the test, and any other in [`non_ascii_char_at`].
#[inline(always)]
fn char_at(text: &str, i: usize) -> (char, CharClass) {
    let b = text.as_bytes()[i];
    if !b.is_ascii() {
        return non_ascii_char_at(text, i);
    }
    let class = match b {
        b' ' | b'\t'..=b'\r' => CharClass::Space,
        b if b.is_ascii_alphanumeric() => CharClass::Alphanumeric,
        _ => CharClass::Other,
    };
    (char::from(b), class)
}

/// [`char_at`] for a character that is not ASCII. The quotes and dashes of news copy (U+2010
/// to U+2027, none a space or a letter) are classed without the Unicode tables.
#[inline(never)]
fn non_ascii_char_at(text: &str, i: usize) -> (char, CharClass) {
    let c = text[i..].chars().next().expect("on a char boundary");
    let class = if ('\u{2010}'..='\u{2027}').contains(&c) {
        CharClass::Other
    } else if c.is_whitespace() {
        CharClass::Space
    } else if c.is_alphanumeric() {
        CharClass::Alphanumeric
    } else {
        CharClass::Other
    };
    (c, class)
}

/// `end`, or past the space there: most pieces are followed by one space, which is a piece of
/// its own that yields nothing, and skipping it here saves a turn of the loop for it.
#[inline]
fn past_one_space(text: &str, end: usize) -> usize {
    end + usize::from(text.as_bytes().get(end) == Some(&b' '))
}

/// What a sentence holds at one position, as `tokenize` splits it and `scan_unnamed` reads it.
enum Piece {
    /// White space: no token.
    Space,
    /// A word, maybe ending in "n't".
    Word(WordExtent),
    /// A possessive "'s", with a straight or curly apostrophe.
    Possessive,
    /// Any other character: a punctuation token.
    Punct,
}

/// The piece that starts at byte `i`, read no further than `limit`: its first character, what
/// it is, and where it ends.
// Always inlined: it runs for every piece of every sentence read, and as a call it returned its
// result through memory (16M more instructions on 300 documents).
#[inline(always)]
fn piece_at(text: &str, i: usize, limit: usize) -> (char, Piece, usize) {
    let (c, class) = char_at(text, i);
    let after = i + c.len_utf8();
    match class {
        CharClass::Space => (c, Piece::Space, after),
        CharClass::Alphanumeric => {
            let word = word_at(text, i, limit);
            let end = word.end;
            (c, Piece::Word(word), end)
        }
        CharClass::Other if is_apostrophe(c) && is_possessive_s(&text[after..limit]) => {
            (c, Piece::Possessive, after + 1)
        }
        CharClass::Other => (c, Piece::Punct, after),
    }
}

/// A word token as the tokenizer reads it.
struct WordExtent {
    end: usize,
    /// Where "n't" starts ("won't" is "wo" + "n't"): the word is then two tokens.
    negation: Option<usize>,
    /// Only ASCII letters and digits, as most words are.
    plain: bool,
}

/// The word that starts at `start`: letters and digits, and an apostrophe inside a word
/// ("don't", "O'Brien") but not a possessive ("Iran's").
// Inlined, with the rest of the word apart: the tokenizer calls it for every word, and most
// words end in the ASCII test.
#[inline(always)]
fn word_at(text: &str, start: usize, limit: usize) -> WordExtent {
    let bytes = text.as_bytes();
    // Most words are ASCII letters: walk those bytes, and the characters only past them.
    let end = ascii::alphanumeric_run_end(bytes, start, limit);
    // Any other ASCII byte but an apostrophe ends the word; without an apostrophe there is no
    // "n't".
    if end == limit || (bytes[end].is_ascii() && bytes[end] != b'\'') {
        return WordExtent {
            end,
            negation: None,
            plain: true,
        };
    }
    word_past_ascii(text, start, end, limit)
}

/// The rest of [`word_at`]: the word from `start` goes on past its ASCII letters at `end`.
#[inline(never)]
fn word_past_ascii(text: &str, start: usize, mut end: usize, limit: usize) -> WordExtent {
    let rest = &text[start..limit];
    let ascii_len = end - start;
    let mut chars = rest[ascii_len..].char_indices().peekable();
    while let Some((offset, ch)) = chars.next() {
        let offset = offset + ascii_len;
        let inner_apostrophe = is_apostrophe(ch)
            && chars
                .peek()
                .is_some_and(|&(_, next)| next.is_alphanumeric())
            && !is_possessive_s(&rest[offset + ch.len_utf8()..]);
        if !(ch.is_alphanumeric() || inner_apostrophe) {
            break;
        }
        end = start + offset + ch.len_utf8();
    }
    WordExtent {
        end,
        negation: negation_stem_end(text, start, end),
        plain: false,
    }
}

/// Where the stem ends if the word `start..end` ends in "n't": "won't" is "wo" + "n't". The
/// suffix is measured on the original bytes: its apostrophe may be curly (3 bytes), and
/// lower-casing may change lengths.
fn negation_stem_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let original = &text[start..end];
    ["n’t", "n't", "N’T", "N'T"]
        .iter()
        .find(|suffix| original.len() > suffix.len() && original.ends_with(*suffix))
        .map(|suffix| end - suffix.len())
}

/// Reads a sentence that names no actor the way [`tokenize`] would split it, without building
/// tokens, for the two things such a sentence can hold for later ones. Returns `None` if some
/// word satisfies `is_anaphor` (the caller must build the full view), else whether two
/// capitalized words follow each other past the first token (a name the data does not know).
pub(crate) fn scan_unnamed(
    text: &str,
    sentence: Span,
    // Gets ASCII words as written, others lower-cased: it must ignore ASCII case.
    mut is_anaphor: impl FnMut(&str) -> bool,
) -> Option<bool> {
    let mut unknown_name = false;
    let mut count = 0usize;
    let mut previous_capitalized = false;
    let mut push = |capitalized_word: bool| {
        if capitalized_word && previous_capitalized && count >= 2 {
            unknown_name = true;
        }
        previous_capitalized = capitalized_word;
        count += 1;
    };
    let mut i = sentence.start;
    while i < sentence.end {
        let (c, piece, end) = piece_at(text, i, sentence.end);
        match piece {
            Piece::Space => {}
            Piece::Word(WordExtent {
                negation, plain, ..
            }) => {
                let word = &text[i..negation.unwrap_or(end)];
                let found = if plain || word.is_ascii() {
                    is_anaphor(word)
                } else {
                    is_anaphor(&lower_word(word))
                };
                if found {
                    return None;
                }
                push(c.is_uppercase());
                if negation.is_some() {
                    push(false);
                }
            }
            Piece::Possessive | Piece::Punct => push(false),
        }
        i = past_one_space(text, end);
    }
    Some(unknown_name)
}

/// Whether the ASCII letters and digits at `start..end` of `sentence` (a span of `text` holding
/// no mention) are a word token as [`tokenize`] splits the sentence: `Some(false)` if a letter or
/// digit next to them makes them part of a longer word, `None` if an apostrophe next to them
/// leaves that to the tokenizer ("they're", "O'their", a quote, "itn't": "it" and "not").
pub(crate) fn is_whole_word(text: &str, sentence: Span, start: usize, end: usize) -> Option<bool> {
    let before = text[sentence.start..start].chars().next_back();
    let mut rest = text[end..sentence.end].chars();
    let after = rest.next();
    if before.is_some_and(char::is_alphanumeric) {
        return Some(false);
    }
    if let Some(after) = after.filter(|c| c.is_alphanumeric()) {
        let negation = after.eq_ignore_ascii_case(&'n') && rest.next().is_some_and(is_apostrophe);
        return if negation { None } else { Some(false) };
    }
    if before.is_some_and(is_apostrophe) || after.is_some_and(is_apostrophe) {
        return None;
    }
    Some(true)
}

/// The apostrophes the tokenizer reads inside words and before a possessive "s".
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// True if `rest` (just after an apostrophe) is a possessive "s" standing alone.
fn is_possessive_s(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('s' | 'S')) && !chars.next().is_some_and(char::is_alphanumeric)
}

/// Where `push` appends a lower-case form to a view's `lower`.
#[inline]
fn appended_by(lower: &mut String, push: impl FnOnce(&mut String)) -> LowerRange {
    let start = lower.len() as u32;
    push(lower);
    LowerRange {
        start,
        end: lower.len() as u32,
    }
}

/// A word lower-cased, curly apostrophes straightened.
fn lower_word(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// Appends [`lower_word`]`(word)` to `lower` without making it apart: two allocations per word
/// that is not ASCII, in news mostly words with a curly apostrophe ("don’t").
fn push_lower_word(lower: &mut String, word: &str) {
    // A capital sigma lower-cases by its place in the word, which only `str::to_lowercase` sees.
    if word.contains('Σ') {
        lower.push_str(&lower_word(word));
        return;
    }
    for c in word.chars() {
        if c == '’' {
            lower.push('\'');
        } else {
            lower.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod scan_tests {
    use proptest::prelude::*;

    use super::*;
    use crate::rules::FlaggedWordSearch;

    /// Pieces that exercise every branch of the tokenizer: words in both cases, inner and
    /// possessive apostrophes (straight and curly), "n't", digits, accents and punctuation.
    const PIECES: &[&str] = &[
        "He",
        "he",
        "It",
        "its",
        "they",
        "Obama",
        "Barack",
        "House",
        "the",
        "two",
        "countries",
        "internationally",
        "Dzhagaryan’s",
        "2015-2016",
        "said",
        "DON'T",
        "won’t",
        "isn't",
        "O'Brien",
        "Iran's",
        "Iran’s",
        "’s",
        "'",
        "’",
        "“",
        "”",
        "—",
        "-",
        ".",
        ",",
        "Mr.",
        "2015",
        "É",
        "élysée",
        "Über",
        "s",
        "S",
        "n't",
        "x'",
        "'t",
        "  ",
        "\n",
        "THEIR",
        "Them",
        "themn’t",
        "it",
        "ITn't",
        "éthey",
        "they’re",
        "talks",
        "\u{212A}",
        "tal\u{212A}s",
        // Lower-cased by more than one character at a time: a final sigma, a dotted capital I.
        "ΟΔΥΣΣΕΑΣ",
        "Σ’s",
        "İzmir",
    ];

    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec((prop::sample::select(PIECES), any::<bool>()), 0..24).prop_map(
            |pieces| {
                pieces
                    .into_iter()
                    .map(|(piece, space)| {
                        if space {
                            format!("{piece} ")
                        } else {
                            piece.into()
                        }
                    })
                    .collect()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// A token's lower-case form is its text lower-cased, except the forms tokenizing
        /// makes: "not" for "n't", "'s" for a possessive, straight quotes for curly ones.
        #[test]
        fn tokens_read_as_their_text_lower_cased(text in sentence()) {
            let (tokens, lower) = tokenize(&text, Span::new(0, text.len()), &[]);
            let mut previous_word_end = usize::MAX;
            for token in &tokens {
                let written = &text[token.span.start..token.span.end];
                // Split off the word before, not a word of its own.
                let negation = token.span.start == previous_word_end;
                previous_word_end = if token.kind == TokenKind::Word {
                    token.span.end
                } else {
                    usize::MAX
                };
                let expected = match written {
                    "n't" | "n’t" | "N'T" | "N’T" if negation => "not".to_string(),
                    "'s" | "’s" | "'S" | "’S" => "'s".to_string(),
                    "’" | "‘" => "'".to_string(),
                    "“" | "”" => "\"".to_string(),
                    "–" | "—" => "—".to_string(),
                    _ => written.to_lowercase().replace('’', "'"),
                };
                prop_assert_eq!(&lower[token.lower.range()], expected, "{:?}", written);
            }
        }

        /// `scan_unnamed` reads a sentence exactly as `tokenize` splits it: it finds a word
        /// whenever a token has it, and the same run of capitalized words.
        #[test]
        fn scan_agrees_with_tokenize(text in sentence()) {
            let span = Span::new(0, text.len());
            let (tokens, lower) = tokenize(&text, span, &[]);
            let anaphors = ["he", "it", "two", "countries"];
            let capitalized = |i: usize| {
                tokens[i].kind == TokenKind::Word && tokens[i].capitalized
            };
            let unknown_name = (2..tokens.len()).any(|i| capitalized(i) && capitalized(i - 1));
            let has_anaphor = tokens.iter().any(|t| anaphors.contains(&&lower[t.lower.range()]));
            let scanned = scan_unnamed(&text, span, |w| {
                anaphors.iter().any(|a| a.eq_ignore_ascii_case(w))
            });
            prop_assert_eq!(scanned.is_none(), has_anaphor);
            if let Some(found) = scanned {
                prop_assert_eq!(found, unknown_name);
            }
        }

        /// When the search without tokens answers, it finds the flags of the tokens' words.
        #[test]
        fn flagged_word_search_agrees_with_tokenize(text in sentence()) {
            let listed = [("they", 1), ("them", 1), ("them", 2), ("countries", 2), ("it", 4),
                ("its", 4), ("talks", 8)];
            let flagged: Vec<(String, u8)> =
                listed.iter().map(|&(w, f)| (w.to_owned(), f)).collect();
            let search = FlaggedWordSearch::new(&flagged, u8::MAX).expect("plain ASCII words");
            let span = Span::new(0, text.len());
            let (tokens, lower) = tokenize(&text, span, &[]);
            let expected = tokens
                .iter()
                .flat_map(|t| listed.iter().filter(|(w, _)| *w == &lower[t.lower.range()]))
                .fold(0, |flags, (_, f)| flags | f);
            if let Some(found) = search.flags_in(&text, span) {
                prop_assert_eq!(found, expected);
            }
        }
    }
}
