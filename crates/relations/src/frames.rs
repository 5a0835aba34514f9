//! Frames: where a cue's actors stand in an English sentence.
//!
//! Each cue class has its frames:
//! * verbs: active "X backs Y", passive "Y was invited by X", reduced "forces backed by X",
//!   compounds "Iranian-backed militias", symmetric with a plural subject "A and B cooperate";
//! * nouns: modifiers "Israeli strikes on Y", agents "strikes by X on Y", light verbs "X carried
//!   out strikes against Y", copulas "X is a key supporter of Y", appositives "X, the patron of
//!   Y", fronted "As an ally of Y, X ...", and for symmetric nouns "alliance between A and B",
//!   "the Iran-Russia axis";
//! * predicates after "to be": "X, who is allied with Y", "A and B have been closely allied";
//! * conflicts: "escalation between A and B" (each opposes the other), and a third party who
//!   seeks to prevent it, is concerned about it or will not allow it mediates.
//!
//! Subjects are found leftwards across auxiliaries, adverbs, relative pronouns and appositives;
//! objects rightwards up to a clause boundary, never through a locative preposition ("in
//! Syria" is a place, not a target).

use actorgraph_core::{word_set, ActorId, Modality, Relation, Span};

use crate::{
    rules::{Cue, CueClass, RelationRules},
    sentence::{
        is_clause_opener, is_determiner, is_locative, is_preposition, Arg, Group, SentenceView,
        TokenKind,
    },
};

/// One relation read from a sentence, before it becomes evidence.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub relation: Relation,
    pub source: Arg,
    pub target: Arg,
    /// Token range of the cue, inclusive.
    pub cue: (usize, usize),
    pub confidence: f64,
    pub modality: Modality,
}

word_set! {
    fn is_copula = [
        "is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained",
        "become", "becomes", "became", "'s", "get", "gets", "got", "getting", "grew", "grow",
        "grows", "seem", "seems", "seemed", "appear", "appears", "appeared",
    ];
}

word_set! {
    fn is_relative = ["who", "which", "that", "whom"];
}

/// "open to talks with Iran": willing, not yet meeting. Two words, so not in the rules' word
/// list of hypotheticals.
fn is_open_to(words: &[&str]) -> bool {
    words == ["open", "to"]
}

word_set! {
    /// Nouns of striving whose owner is the agent of the infinitive after them: "Egypt's efforts
    /// to end the war".
    fn is_effort_noun = [
        "effort",
        "efforts",
        "attempt",
        "attempts",
        "bid",
        "push",
        "drive",
        "initiative",
        "initiatives",
        "plan",
        "move",
        "moves",
        "mission",
        "campaign",
        "diplomacy",
        "role",
        "strategy",
        "policy",
    ];
}

/// Nouns of events that happen to people: after one, "of X" names the victim.
fn is_event_noun(word: &str) -> bool {
    matches!(
        word,
        "killing"
            | "killings"
            | "death"
            | "deaths"
            | "murder"
            | "murders"
            | "abduction"
            | "kidnapping"
            | "arrest"
            | "arrests"
            | "detention"
            | "release"
            | "execution"
            | "assassination"
            | "injury"
            | "injuries"
            | "suffering"
            | "plight"
            | "treatment"
            | "expulsion"
            | "deportation"
    )
}

word_set! {
    /// Capitalized words that are not names: calendar words and words capitalized by convention.
    fn is_common_capitalized = [
        // Words of titles, capitalized before a name: "Vice Foreign Minister", "Junior Minister".
        "vice",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "deputy",
        "junior",
        "senior",
        "chief",
        "first",
        "lady",
        "crown",
        "supreme",
        "high",
        "commissioner",
        "national",
        "security",
        "state",
        "general",
        "army",
        "navy",
        "special",
        "acting",
        "former",
        "prime",
        "minister",
        "president",
        "secretary",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "leader",
        "king",
        "queen",
        "prince",
        "emir",
        "sheikh",
        "sultan",
        "government",
        "opposition",
        "parliament",
        "congress",
        "ministry",
        "envoy",
        "chancellor",
        "premier",
        "mayor",
        "governor",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "i",
        "i'm",
        "i've",
        "god",
        "internet",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
    ];
}

word_set! {
    /// Words after which a verb form is a noun or adjective: "the strikes", "a coordinated view".
    fn is_noun_determiner = [
        "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "such",
        "any", "no", "'s",
    ];
}

/// Words that announce an act rather than report it: "will strike", "vowed to destroy".
const INTENTIONS: &[&str] = &[
    "will", "shall", "'ll", "vowed", "vows", "vow", "pledged", "pledges", "promised", "promises",
    "intends", "intend", "plans", "planned", "going",
];

word_set! {
    /// Agents whose work is to negotiate: "negotiators from A, B and C" meet each other.
    fn is_negotiator = ["negotiators", "delegations", "delegates"];
}

word_set! {
    /// Ties two parties hold together: "A and B severed RELATIONS" withdraw them from each other.
    fn is_mutual_tie = [
        "ties",
        "relations",
        "diplomatic",
        "contacts",
        "talks",
        "negotiations",
        "dialogue",
    ];
}

word_set! {
    /// Verbs that deny the clause they introduce with "that".
    fn is_denial = [
        "denied",
        "denies",
        "deny",
        "denying",
        "dismissed",
        "rejected",
    ];
}

word_set! {
    /// Verbs that promise what follows: "vowed the Netherlands would pay the price".
    fn is_promise = [
        "vow",
        "vows",
        "vowed",
        "vowing",
        "promise",
        "promises",
        "promised",
        "promising",
        "pledge",
        "pledges",
        "pledged",
        "swore",
        "swears",
        "threaten",
        "threatens",
        "threatened",
        "threatening",
    ];
}

/// Words that hold an act ready as a threat: "threatened to expel", "is ready to impose".
const READINESS: &[&str] = &[
    "threatened",
    "threatens",
    "threaten",
    "threatening",
    "ready",
    "prepared",
    "poised",
];

/// Longest distance, in words, between a verb and its subject or object.
const MAX_ARGUMENT_DISTANCE: usize = 9;

/// The most pairs one cue may state. "Russia, Iran and Turkey met" is three pairs; a list of
/// forty names with one verb is an enumeration, not forty-squared relations, and pairing it
/// would make the work grow with the square of the list.
const MAX_PAIRS_PER_CUE: usize = 144;

/// The longest list whose members are paired with each other: its pairs stay within
/// [`MAX_PAIRS_PER_CUE`] (both directions for reciprocal cues).
const fn max_listed() -> usize {
    12
}

pub(crate) struct Reader<'a> {
    view: &'a SentenceView,
    rules: &'a RelationRules,
    /// The sentence is a headline in title case: capitals say nothing about names there.
    title_case: bool,
    pub found: Vec<Found>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(view: &'a SentenceView, rules: &'a RelationRules) -> Reader<'a> {
        let words = view.tokens.iter().filter(|t| t.kind == TokenKind::Word);
        let (count, capitals) =
            words.fold((0, 0), |(n, c), t| (n + 1, c + usize::from(t.capitalized)));
        Reader {
            view,
            rules,
            title_case: capitals * 2 > count,
            found: Vec::new(),
        }
    }

    /// Reads every cue of the sentence. A shorter cue inside a longer one of the same class is
    /// skipped ("strikes" in "air strikes"), but a noun inside a verb phrase is read too ("talks"
    /// in "held talks").
    pub(crate) fn read(&mut self) {
        let view = self.view;
        let mut covered: [usize; 5] = [0; 5];
        for i in 0..view.len() {
            if view.group_of[i].is_some()
                || view.tokens[i].kind != TokenKind::Word
                || !self.rules.may_start_cue(view.word(i))
            {
                continue;
            }
            let words = view.words_from(i, 6);
            for cue in self.rules.cues_at(&words) {
                let class = cue.class as usize;
                if i < covered[class] {
                    continue;
                }
                let last = i + cue.words.len() - 1;
                // "air strikes", "the strikes", "a coordinated view": a verb form inside a noun
                // cue or after a determiner is a noun or an adjective.
                // "a replacement for ousted adviser Flynn": a participle after a preposition
                // is an adjective too.
                let adjective =
                    cue.words[0].ends_with("ed") && i > 0 && is_preposition(view.word(i - 1));
                if cue.class == CueClass::Verb
                    && (i < covered[CueClass::Noun as usize]
                        || self.after_determiner(i)
                        || adjective)
                {
                    continue;
                }
                // A multi-word form never spans an actor's name.
                if (i..=last).any(|t| view.group_of.get(t).copied().flatten().is_some()) {
                    continue;
                }
                match cue.class {
                    CueClass::Verb => self.verb(cue, i, last),
                    CueClass::Noun => self.noun(cue, i, last),
                    CueClass::Predicate => self.predicate(cue, i, last),
                    CueClass::Conflict => self.conflict(i, last),
                    CueClass::Consequence => self.consequence(i, last),
                }
                covered[class] = last + 1;
            }
        }
        self.participants();
        self.withdrawals();
        self.dedupe();
    }

    /// "Riyadh cut ties with Doha", "France suspended its delivery of warships to Russia": the
    /// subject of a verb that withdraws a tie opposes the tie's other party; "A and B severed
    /// relations" oppose each other.
    fn withdrawals(&mut self) {
        let view = self.view;
        for verb in 0..view.len() {
            if view.tokens[verb].kind != TokenKind::Word
                || !self.rules.withdrawal_verbs.may_start(view.word(verb))
            {
                continue;
            }
            let Some((tie, tie_last)) = self.withdrawal_at(verb) else {
                continue;
            };

            let Some(subject) = self.subject_left(verb) else {
                continue;
            };
            let modality = self.clause_modality(verb, Some(subject));
            let preps = ["with", "to", "for", "between"].map(str::to_owned);
            let cue = (verb, tie_last);
            match self.prep_object(tie_last + 1, &preps) {
                Some(other) if other != subject => {
                    self.emit_groups(Relation::Opposes, subject, other, cue, 0.75, modality)
                }
                // "Iran and Saudi Arabia severed relations": only a tie both hold.
                None if is_mutual_tie(view.word(tie))
                    && (2..=max_listed()).contains(&view.groups[subject].args.len()) =>
                {
                    let args = view.groups[subject].args.clone();
                    for (a, source) in args.iter().enumerate() {
                        for (b, target) in args.iter().enumerate() {
                            if a != b {
                                self.push(Relation::Opposes, source, target, cue, 0.7, modality);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The tie withdrawn by a verb at `verb`, as (first, last) tokens of the tie.
    fn withdrawal_at(&self, verb: usize) -> Option<(usize, usize)> {
        let view = self.view;
        let n = view.phrase_at(&self.rules.withdrawal_verbs, verb, 3)?;
        let (tie, tie_last) = self.tie_after(verb + n)?;
        // "cut a deal with Iran" makes one.
        let made = matches!(view.word(verb), "cut" | "cuts" | "cutting")
            && matches!(view.word(tie_last), "deal" | "deals" | "agreement");
        (!made).then_some((tie, tie_last))
    }

    /// The tie a withdrawal verb ending before `from` takes: "[its|the|a|key|military] TIE",
    /// as (first, last) tokens.
    fn tie_after(&self, from: usize) -> Option<(usize, usize)> {
        let view = self.view;
        let mut j = from;
        let mut words = 0;
        while j < view.len() && words < 4 {
            if view.tokens[j].kind != TokenKind::Word {
                return None;
            }
            if let Some(n) = view.phrase_at(&self.rules.ties, j, 3) {
                return Some((j, j + n - 1));
            }
            let possessive = view.group_of[j].is_some_and(|g| view.groups[g].possessive);
            if view.group_of[j].is_some() && !possessive {
                return None;
            }
            if !possessive && (view.tokens[j].capitalized || is_preposition(view.word(j))) {
                return None;
            }
            words += 1;
            j += 1;
        }
        None
    }

    /// True if a withdrawal verb takes the noun at `noun` as its tie: "suspending COORDINATION
    /// with the U.S." is no cooperation.
    fn withdrawn(&self, noun: usize) -> bool {
        (noun.saturating_sub(5)..noun)
            .any(|verb| self.withdrawal_at(verb).is_some_and(|(tie, _)| tie == noun))
    }

    /// "negotiators from Iran, the US and five other powers", "diplomats from the US, Britain
    /// and Iran ... at the talks": the states whose envoys negotiate together meet, each pair.
    /// Negotiators and delegations say so themselves; other agents (diplomats, officials) only
    /// in a sentence about talks. Talks "due to" or "expected to" follow have not happened.
    fn participants(&mut self) {
        let view = self.view;
        // Whether the sentence is about talks: one of the rules' meeting nouns stands in it.
        // Asked only once a group of envoys is found.
        let about_talks = || {
            (0..view.len()).any(|j| {
                view.tokens[j].kind == TokenKind::Word
                    && view
                        .cues_at(self.rules, j, 3)
                        .iter()
                        .any(|c| c.class == CueClass::Noun && c.relation == Relation::Meets)
            })
        };
        for g in 0..view.groups.len() {
            let group = &view.groups[g];
            // "from the U.S., Britain and Iran".
            let mut from = group.first.saturating_sub(1);
            if view.word(from) == "the" {
                from = from.saturating_sub(1);
            }
            if group.args.len() < 2 || from == 0 || view.word(from) != "from" {
                continue;
            }
            let agent = from - 1;
            if !self.agents_of(from) {
                continue;
            }
            if !(is_negotiator(view.word(agent)) || about_talks()) {
                continue;
            }
            // "was due to be followed by talks", "are scheduled to meet"; "due to" after no
            // copula means "because of".
            let planned = (2..view.len()).any(|j| {
                view.word(j) == "to"
                    && match view.word(j - 1) {
                        "due" => is_copula(view.word(j - 2)),
                        w => matches!(w, "scheduled" | "slated"),
                    }
            });
            let modality = if planned {
                Some(Modality::Hypothetical)
            } else {
                self.clause_modality(agent, None)
            };
            self.emit_within(Relation::Meets, g, (agent, agent), 0.7, modality);
        }
    }

    /// True if the word at `j` is a proper name the data does not know ("Litvinenko",
    /// "Gabbard"): capitalized mid-sentence, not a title, month or day, in a sentence that is not
    /// set in title case. A subject or object search must not reach past such a name.
    fn unknown_name(&self, j: usize) -> bool {
        let view = self.view;
        let token = &view.tokens[j];
        if token.kind != TokenKind::Word || !token.capitalized || self.title_case {
            return false;
        }
        let opens = (0..j).all(|k| view.tokens[k].kind == TokenKind::Punct)
            || view.is_punct(j - 1, "\"“(:—");
        let w = view.lower(token);
        !(opens
            || view.phrase_at(&self.rules.titles, j, 3).is_some()
            || is_common_capitalized(w)
            || w.chars().count() == 1)
    }

    /// The group before a run of capitalized words ending at `j` ("Iraqi President Saddam
    /// Hussein") when the run holds a title: the unknown person's country.
    fn titled_name_group(&self, j: usize) -> Option<usize> {
        let view = self.view;
        let mut k = j;
        let mut titled = false;
        while k > 0 {
            let token = &view.tokens[k];
            if let Some(g) = view.group_of[k] {
                return titled.then_some(g);
            }
            let title = self.rules.titles.contains_word(view.lower(token))
                || view.phrase_at(&self.rules.titles, k, 3).is_some();
            let name_part =
                token.kind == TokenKind::Word && token.capitalized || view.is_punct(k, "-.");
            if !(title || name_part) {
                return None;
            }
            titled |= title;
            k -= 1;
        }
        view.group_of[0].filter(|_| titled)
    }

    /// True if a determiner opens the phrase a word at `i` ends: "the strikes", "their ongoing
    /// fight", "a coordinated view". Such a word is a noun or an adjective, not a verb.
    fn after_determiner(&self, i: usize) -> bool {
        let view = self.view;
        let mut j = i;
        for _ in 0..3 {
            if j == 0 {
                return false;
            }
            j -= 1;
            let w = view.word(j);
            if is_noun_determiner(w)
                || is_determiner(w)
                    && !matches!(
                        w,
                        "that" | "both" | "each" | "one" | "two" | "three" | "all"
                    )
                || view.group_at(j).is_some_and(|g| g.possessive)
            {
                return true;
            }
            // "this week accused": a time phrase, not a noun phrase the cue ends.
            if matches!(
                w,
                "week"
                    | "weekend"
                    | "month"
                    | "year"
                    | "day"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "night"
                    | "time"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
            ) {
                return false;
            }
            let adjective_like = view.tokens[j].kind == TokenKind::Word
                && !view.tokens[j].capitalized
                && !w.ends_with("ly")
                && !self.rules.negators.contains(w)
                && !self.rules.hypothetical.contains(w)
                && !is_copula(w)
                && !matches!(
                    w,
                    "to" | "will"
                        | "has"
                        | "have"
                        | "had"
                        | "and"
                        | "or"
                        | "also"
                        | "who"
                        | "which"
                        | "that"
                )
                && self.rules.cues_at(&[w]).is_empty();
            if !adjective_like {
                return false;
            }
        }
        false
    }

    fn dedupe(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.found.retain(|f| {
            seen.insert((
                f.relation,
                f.source.actor.clone(),
                f.target.actor.clone(),
                f.cue.0,
            ))
        });
    }

    /// The subject group of a verb at `pos`, for callers outside the frames (the speaker).
    pub(crate) fn subject_left_group(&self, pos: usize) -> Option<&'a Group> {
        self.subject_left(pos).map(|g| &self.view.groups[g])
    }

    // ----- verbs ---------------------------------------------------------------------------

    fn verb(&mut self, cue: &Cue, first: usize, last: usize) {
        let view = self.view;
        let base = cue.confidence.unwrap_or(0.85);
        // "Iranian-backed militias": the actor before the hyphen acts on the phrase after.
        if first >= 2 && view.is_punct(first - 1, "-") {
            let target = self
                .object_right(last + 1, &[], false)
                .map(|(g, _)| g)
                .or_else(|| self.copula_subject(first - 2));
            if let (Some(source), Some(target)) = (view.group_of[first - 2], target) {
                self.emit_groups(
                    cue.relation,
                    source,
                    target,
                    (first, last),
                    base * 0.9,
                    None,
                );
            }
            return;
        }
        // A cue right before a group is part of that group's name or title, not a verb.
        let after = self.skip_adverbs(last + 1);
        // "Guaido is recognized as head of state BY the United States": after a form of "to be",
        // the agent may come a few words later.
        // Reduced, the cue's own preposition comes first: "an attack blamed on Iran by the US".
        let participle_prep = cue.words.last().is_some_and(|w| w.ends_with("ed"))
            && cue.preps.iter().any(|p| p == view.word(after));
        let passive_by = (view.word(after) != "by" && (self.after_be(first) || participle_prep))
            .then(|| {
                (after..(after + 10).min(view.len()))
                    .take_while(|&k| !view.is_punct(k, ",;:()—"))
                    .find(|&k| view.word(k) == "by")
            })
            .flatten();
        let after = passive_by.unwrap_or(after);
        if view.word(after) == "by" && !cue.words.iter().any(|w| w == "by") {
            // Passive: "Y was invited by X"; reduced: "forces backed by X".
            let agent = self.object_right(after + 1, &[], false);
            // "the attack was blamed ON Iran by the US": the cue's own preposition names the
            // patient when the subject is a thing.
            let next = self.skip_adverbs(last + 1);
            let prep_patient = (next < after && cue.preps.iter().any(|p| p == view.word(next)))
                .then(|| self.object_right(next + 1, &[], false))
                .flatten()
                .map(|(g, _)| g)
                .filter(|&g| view.groups[g].last < after);
            let patient = prep_patient.or_else(|| self.subject_left(first));
            if let (Some((agent, _)), Some(patient)) = (agent, patient) {
                if cue.armed_subject && !view.groups[agent].armed {
                    return;
                }
                let modality = self.clause_modality(first, Some(patient));
                self.emit_groups(
                    cue.relation,
                    agent,
                    patient,
                    (first, last),
                    base * 0.95,
                    modality,
                );
            }
            return;
        }
        // "the president was deposed, and ...": a passive without its agent names only the one
        // acted upon.
        let participle = cue
            .words
            .last()
            .is_some_and(|w| w.ends_with("ed") || w.ends_with("en"));
        if participle && self.after_be(first) && !cue.preps.iter().any(|p| p == view.word(after)) {
            return;
        }
        // ", opposing the Syrian assault": a participle after a comma has the main subject.
        let subject = self.subject_left(first).or_else(|| {
            let participle = cue.words[0].ends_with("ing");
            let before = self.skip_adverbs_left(first);
            (participle && before.is_some_and(|b| view.is_punct(b, ",")))
                .then(|| self.main_subject(first))
                .flatten()
        });
        let object = self
            .object_right_through(last + 1, &cue.preps, cue.needs_prep, cue.complement)
            .filter(|(g, prep)| self.object_fits(cue, last, *g, prep.as_deref()));
        // "will not allow Syria to be an arena": the object of "allow" is a place, not an agent.
        if let Some((object, _)) = object {
            let end = view.groups[object].last;
            if view.word(end + 1) == "to"
                && view.word(end + 2) == "be"
                && cue
                    .words
                    .iter()
                    .any(|w| w == "allow" || w == "let" || w == "permit")
            {
                return;
            }
        }
        let Some(subject) = subject else { return };
        if cue.armed_subject && !view.groups[subject].armed {
            return;
        }
        let mut modality = self.clause_modality(first, Some(subject));
        // A warning about someone with no consequence attached ("Lavrov warned that NATO and
        // the US should stay out") is opposition; with a condition it is a threat.
        let mut relation = cue.relation;
        if let Some((object, _)) = object {
            let through_clause =
                (last + 1..view.groups[object].first).any(|k| view.word(k) == "that");
            let conditional = self.condition_after(last);
            // "Merkel warned that the EU would impose sanctions on Russia" warns of the clause
            // subject's act against a third party, not against the clause subject.
            let named =
                |g: usize, actor: &ActorId| view.groups[g].args.iter().any(|a| &a.actor == actor);
            let third_party = (view.groups[object].last + 1..view.len())
                .take_while(|&k| !view.is_punct(k, ";"))
                .filter_map(|k| view.group_of[k])
                .flat_map(|g| view.groups[g].args.iter())
                .any(|a| !named(object, &a.actor) && !named(subject, &a.actor));
            if cue.complement && through_clause && third_party && !conditional {
                return;
            }
            if cue.complement && through_clause && !conditional {
                relation = Relation::Opposes;
            }
        }
        (relation, modality) = self.as_threat(relation, cue, modality, first, subject);
        // "Israel and Hamas each accused the other", "accused each other": both ways.
        let reciprocal = matches!(
            (view.word(last + 1), view.word(last + 2)),
            ("each", "other") | ("one", "another") | ("the", "other")
        );
        if reciprocal && (2..=max_listed()).contains(&view.groups[subject].args.len()) {
            let args = view.groups[subject].args.clone();
            for (a, source) in args.iter().enumerate() {
                for (b, target) in args.iter().enumerate() {
                    if a != b && (!relation.is_symmetric() || a < b) {
                        self.push(
                            relation,
                            source,
                            target,
                            (first, last),
                            base * 0.9,
                            modality,
                        );
                    }
                }
            }
            return;
        }
        // "facilitate a U.S.-Taliban deal", "brokered a truce between Israel and Hamas": a
        // mediator's object names both parties.
        if relation == Relation::Mediates {
            let parties = (last + 1..(last + 8).min(view.len()))
                .take_while(|&k| !view.is_punct(k, ",;:"))
                .find_map(|k| view.group_of[k].filter(|&g| view.groups[g].args.len() >= 2));
            if let Some(parties) = parties.filter(|&p| p != subject) {
                self.emit_mediation(subject, parties, (first, last), base, modality);
            }
            return;
        }
        match object {
            Some((object, _)) => {
                self.emit_groups(relation, subject, object, (first, last), base, modality)
            }
            None if cue.relation.is_symmetric() && !cue.needs_prep => {
                self.emit_within(cue.relation, subject, (first, last), base * 0.9, modality)
            }
            None => {}
        }
    }

    /// True if a form of "to be" stands right before the verb at `cue` (adverbs aside): a
    /// passive participle.
    fn after_be(&self, cue: usize) -> bool {
        let view = self.view;
        let mut j = cue;
        while j > 0 {
            j -= 1;
            let w = view.word(j);
            if matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being") {
                return true;
            }
            if !w.ends_with("ly") && !matches!(w, "also" | "still" | "now" | "widely" | "not") {
                return false;
            }
        }
        false
    }

    /// Whether a group found after a verb is the verb's object.
    fn object_fits(&self, cue: &Cue, last: usize, object: usize, prep: Option<&str>) -> bool {
        let view = self.view;
        let between = last + 1..view.groups[object].first;
        // A verb's object follows it directly or after one of its own prepositions: "fight BACK
        // against the invasion" has no object of "back". "of" and "by" stay inside the phrase.
        let own = prep.is_none_or(|p| cue.preps.iter().any(|c| c == p) || p == "of" || p == "by");
        // "warned that Trump may delay": a warning about someone is not a threat to them;
        // "warned that if Damascus attacks, it will": a conditional is.
        let through_clause = between.clone().any(|k| view.word(k) == "that");
        // The condition may come after the object: "warned that sanctions against Russia would
        // follow if it tries to grab more land".
        let conditional = self.condition_after(last);
        // "sent its defense minister to Moscow": a person or official is sent, not missiles.
        let carried = !cue.carrier
            || between.clone().any(|k| {
                view.group_at(k)
                    .is_some_and(|g| !g.possessive && view.word(g.last + 1) != "'s")
                    || self.rules.titles.contains_word(view.word(k))
                    || self.rules.agent_nouns.contains_word(view.word(k))
            });
        // "called Putin": the object is a person, right after the verb (titles aside).
        let person = !cue.needs_person
            || view.groups[object].person
                && between.clone().all(|k| {
                    self.rules.titles.contains_word(view.word(k)) || view.is_punct(k, ".")
                });
        // "condemned the killing of Israeli soldiers": after an event noun and "of", the group
        // is that event's victim, not the verb's object.
        let event_of = prep == Some("of") && {
            let mut k = view.groups[object].first;
            while k > 0 && is_determiner(view.word(k - 1)) {
                k -= 1;
            }
            k >= 2 && view.word(k - 1) == "of" && is_event_noun(view.word(k - 2))
        };
        // "Merkel warned that the EU was ready to impose sanctions if ...": the threat's own
        // agent is not the one threatened; "warned that if Damascus attacks" is.
        let clause_subject = through_clause
            && conditional
            && !between
                .clone()
                .any(|k| matches!(view.word(k), "if" | "unless"))
            && between
                .clone()
                .rev()
                .take_while(|&k| view.word(k) != "that")
                .all(|k| is_determiner(view.word(k)))
            && matches!(
                view.word(view.groups[object].last + 1),
                "is" | "was"
                    | "are"
                    | "were"
                    | "will"
                    | "would"
                    | "has"
                    | "have"
                    | "had"
                    | "could"
                    | "can"
                    | "must"
                    | "should"
                    | "may"
                    | "might"
            );
        // "welcomed Egypt's efforts": one meets people, not what a possessor owns; "received
        // Iran's foreign minister" is a meeting.
        let end = view.groups[object].last;
        let owned_thing = cue.relation == Relation::Meets
            && view.word(end + 1) == "'s"
            && !(end + 2..(end + 5).min(view.len()))
                .take_while(|&k| view.tokens[k].kind == TokenKind::Word)
                .any(|k| {
                    self.rules.titles.contains_word(view.word(k))
                        || self.rules.agent_nouns.contains_word(view.word(k))
                });
        own && carried && person && !event_of && !clause_subject && !owned_thing
    }

    // ----- nouns ---------------------------------------------------------------------------

    fn noun(&mut self, cue: &Cue, first: usize, last: usize) {
        let view = self.view;
        if self.withdrawn(first) {
            return;
        }
        let base = cue.confidence.unwrap_or(0.8);
        let role_noun = !cue.event && cue.preps.first().is_some_and(|p| p == "of");
        let modifier = self.modifier_before(first);
        let hypothetical = self.hypothetical_before(first);
        // The phrase after the noun: "by X" (agent), "between A and B", "PREP Y" (other party).
        let mut agent = None;
        let mut j = last + 1;
        if view.word(j) == "by" {
            if let Some(g) = view.group_of.get(j + 1).copied().flatten() {
                agent = Some(g);
                j = view.groups[g].last + 1;
            } else if let Some((g, _)) = self.object_right(j + 1, &[], false) {
                agent = Some(g);
                j = view.groups[g].last + 1;
            }
        }
        let target = self.prep_object(j, &cue.preps);
        let between_pair = self.between_pair(last + 1);

        // Symmetric nouns name both parties together.
        if cue.relation.is_symmetric() {
            if let Some(pair) =
                between_pair.or(modifier.filter(|&g| view.groups[g].args.len() >= 2))
            {
                let modality = self.noun_modality(first, hypothetical);
                self.emit_within(cue.relation, pair, (first, last), base * 0.9, modality);
                if let Some(mediator) = self.facilitator_of(first, pair) {
                    self.emit_mediation(mediator, pair, (first, last), base * 0.85, modality);
                }
                return;
            }
        }
        if cue.relation == Relation::Mediates {
            if let (Some(pair), Some(mediator)) = (
                between_pair,
                modifier.or_else(|| self.light_verb_subject(first)),
            ) {
                self.emit_mediation(mediator, pair, (first, last), base, None);
            }
            return;
        }

        // "his strategy of punishing sanctions on North Korea": the effort's owner acts.
        let mut source = agent
            .or(modifier.filter(|_| !role_noun))
            .or_else(|| self.effort_owner(first));
        // "thanked Niinisto for his support": the one thanked supports the one thanking.
        if cue.relation == Relation::Supports && target.is_none() {
            if let Some((helper, thanker)) = self.thanked_for(first) {
                self.emit_groups(cue.relation, helper, thanker, (first, last), base, None);
                return;
            }
        }
        // "America ... forge ahead in peace talks with the Taliban": a meeting or deal "with"
        // someone is the sentence subject's.
        if source.is_none()
            && target.is_some()
            && !role_noun
            && matches!(cue.relation, Relation::Meets | Relation::Cooperates)
        {
            // The nearest clause's subject first: "Trump flew out, while Kim stayed for talks
            // with the Vietnamese leadership" is Kim's meeting.
            source = self
                .light_verb_subject_of(first, false)
                .or_else(|| self.subject_left(first))
                .or_else(|| self.main_subject(first));
        }
        match (source, target) {
            (Some(_), None) if !role_noun && !cue.relation.is_symmetric() => return,
            (Some(source), Some(target)) => {
                let modality = self.noun_modality(first, hypothetical);
                self.emit_groups(cue.relation, source, target, (first, last), base, modality);
                return;
            }
            (Some(source), None) if cue.relation.is_symmetric() => {
                // A role without the other party: the copula subject may be it ("Iran is one of
                // our key partners"); an act ("the talks", "an agreement") is not described
                // through "to be".
                let subject = if role_noun {
                    self.copula_subject(first)
                } else {
                    None
                };
                if let Some(subject) = subject {
                    if subject != source {
                        self.emit_groups(
                            cue.relation,
                            subject,
                            source,
                            (first, last),
                            base * 0.9,
                            self.clause_modality(first, Some(subject)),
                        );
                    }
                } else if view.groups[source].args.len() >= 2 && cue.relation.is_symmetric() {
                    self.emit_within(cue.relation, source, (first, last), base * 0.85, None);
                }
                return;
            }
            _ => {}
        }
        // Role nouns: "X's patron" / "patron of Y" with X or the holder elsewhere.
        let other = target.or(if role_noun { modifier } else { None });
        let Some(other) = other else {
            // "A and B are rivals", "the two countries' partnership".
            if cue.relation.is_symmetric() {
                let subject = if role_noun {
                    self.copula_subject(first)
                        .or_else(|| self.light_verb_subject(first))
                } else {
                    self.light_verb_subject_of(first, false)
                };
                if let Some(subject) = subject {
                    if view.groups[subject].args.len() >= 2 {
                        self.emit_within(
                            cue.relation,
                            subject,
                            (first, last),
                            base * 0.85,
                            self.clause_modality(first, Some(subject)),
                        );
                    }
                }
            }
            return;
        };
        // Look for the holder before the possessor: "Iran is one of OUR key partners".
        let start = match modifier {
            Some(m) if role_noun && Some(m) == target.or(modifier) => view.groups[m].first,
            _ => first,
        };
        // "the alliance between Damascus and Tehran, the patron of Hezbollah": an appositive
        // belongs to the nearest actor, unless it says "both".
        if let Some(holder) = self.appositive_holder(start) {
            if holder != other {
                let all = (view.groups[holder].last + 2..start)
                    .any(|k| matches!(view.word(k), "both" | "all"));
                let args = &view.groups[holder].args;
                let holders = if all {
                    args.clone()
                } else {
                    args[args.len() - 1..].into()
                };
                let others = view.groups[other].args.clone();
                let modality = hypothetical.then_some(Modality::Hypothetical);
                let (sources, targets) = if cue.inverse {
                    (others, holders)
                } else {
                    (holders, others)
                };
                self.emit_args(
                    cue.relation,
                    &sources,
                    &targets,
                    (first, last),
                    base,
                    modality,
                );
            }
            return;
        }
        // A role ("X is a key supporter of Y") may be held through a copula; an act ("X carried
        // out strikes on Y") only through a verb that does it: "X is seen as a threat to Y"
        // describes X, it is no threat made.
        let holder = self
            .fronted_holder(first, other)
            .or_else(|| {
                if role_noun {
                    self.light_verb_subject(start)
                        .or_else(|| self.copula_subject(start))
                } else {
                    self.light_verb_subject_of(start, false)
                }
            })
            // "Hamas allies Turkey and Qatar", "Iran's regional rival Saudi Arabia": the role's
            // holders stand right after it.
            .or_else(|| {
                // "his regional allies, the Japanese prime minister, Shinzo Abe, and ...".
                let mut next = if view.is_punct(last + 1, ",") {
                    last + 2
                } else {
                    last + 1
                };
                if is_determiner(view.word(next)) {
                    next += 1;
                }
                view.group_of
                    .get(next)
                    .copied()
                    .flatten()
                    .filter(|_| role_noun)
            });
        if let Some(holder) = holder {
            if holder != other {
                let modality = self.clause_modality(first, Some(holder));
                let modality = modality.or(hypothetical.then_some(Modality::Hypothetical));
                // "Hezbollah, Iran's proxy": the other party acts on the holder.
                let (source, target) = if cue.inverse {
                    (other, holder)
                } else {
                    (holder, other)
                };
                // "Israel will carry out strikes on Iran": announced, an act is a threat.
                let (relation, modality) = if role_noun {
                    (cue.relation, modality)
                } else {
                    self.as_threat(cue.relation, cue, modality, first, holder)
                };
                self.emit_groups(relation, source, target, (first, last), base, modality);
            }
        }
    }

    /// The subject of a verb that helps the talks or deal at `noun` happen, when it is not one
    /// of the parties: "Obama offered to HELP peace talks between Israelis and Palestinians",
    /// "Qatar HOSTED a new round of talks between the US and the Taliban".
    fn facilitator_of(&self, noun: usize, parties: usize) -> Option<usize> {
        let view = self.view;
        let mut j = noun;
        let mut words = 0;
        while j > 0 && words < 5 {
            j -= 1;
            if view.tokens[j].kind != TokenKind::Word || view.group_of[j].is_some() {
                return None;
            }
            for n in (1..=2).rev() {
                if j + 1 >= n {
                    let start = j + 1 - n;
                    if view.phrase_at(&self.rules.facilitation, start, n) == Some(n) {
                        let subject = self.subject_left(start)?;
                        let named = |actor: &ActorId| {
                            view.groups[parties].args.iter().any(|a| &a.actor == actor)
                        };
                        let outside = view.groups[subject].args.iter().all(|a| !named(&a.actor));
                        return (subject != parties && outside).then_some(subject);
                    }
                }
            }
            words += 1;
        }
        None
    }

    /// The owner of an effort whose means the noun at `noun` names: "HIS strategy of punishing
    /// sanctions", "Washington's policy of strikes".
    fn effort_owner(&self, noun: usize) -> Option<usize> {
        let view = self.view;
        let of = (noun.saturating_sub(3)..noun)
            .rev()
            .take_while(|&j| view.tokens[j].kind == TokenKind::Word && view.group_of[j].is_none())
            .find(|&j| view.word(j) == "of")?;
        if (of + 1..noun).any(|j| view.tokens[j].capitalized || is_preposition(view.word(j))) {
            return None;
        }
        let effort = of.checked_sub(1)?;
        is_effort_noun(view.word(effort))
            .then(|| self.modifier_before(effort))
            .flatten()
    }

    /// "thanked Niinisto for his support": (the one thanked, the one thanking).
    fn thanked_for(&self, noun: usize) -> Option<(usize, usize)> {
        let view = self.view;
        let mut j = noun.checked_sub(1)?;
        if view.group_of[j].is_some_and(|g| view.groups[g].possessive)
            || matches!(view.word(j), "the" | "their" | "its" | "his" | "her")
        {
            j = j.checked_sub(1)?;
        }
        if view.word(j) != "for" {
            return None;
        }
        let helper = view.group_of[j.checked_sub(1)?]?;
        let thank = view.groups[helper].first.checked_sub(1)?;
        if !matches!(
            view.word(thank),
            "thank"
                | "thanks"
                | "thanked"
                | "thanking"
                | "praised"
                | "praise"
                | "praises"
                | "praising"
        ) {
            return None;
        }
        let thanker = self
            .subject_left(thank)
            .or_else(|| self.main_subject(thank))?;
        (thanker != helper).then_some((helper, thanker))
    }

    /// "X, (a|an|the|both|one of the) [adjectives] NOUN of Y": X.
    fn appositive_holder(&self, noun: usize) -> Option<usize> {
        let view = self.view;
        let mut j = noun;
        let mut words = 0;
        while j > 0 && words < 6 {
            j -= 1;
            if view.is_punct(j, ",(—") {
                return j.checked_sub(1).and_then(|k| view.group_of[k]);
            }
            if view.group_of[j].is_some()
                || view.tokens[j].kind == TokenKind::Punct && !view.is_punct(j, "\"'")
            {
                return None;
            }
            if is_clause_opener(view.word(j))
                || is_preposition(view.word(j)) && view.word(j) != "of"
            {
                return None;
            }
            words += 1;
        }
        None
    }

    /// "As an ally of Y, X ...", "In a press conference with Y, X ...": X, the first group after
    /// the comma that closes the fronted phrase.
    fn fronted_holder(&self, noun: usize, other: usize) -> Option<usize> {
        let view = self.view;
        let start = (0..noun).rev().take(5).find(|&k| {
            matches!(
                view.word(k),
                "as" | "in" | "at" | "during" | "after" | "following"
            )
        })?;
        if start > 0 && !view.is_punct(start - 1, ",") {
            return None;
        }
        let close = (view.groups[other].last + 1..view.len()).find(|&k| view.is_punct(k, ","))?;
        view.group_of.get(close + 1).copied().flatten()
    }

    /// The subject of a light verb or copula right before a noun cue: "X carried out strikes",
    /// "X has been a key supporter of".
    fn light_verb_subject(&self, noun: usize) -> Option<usize> {
        self.light_verb_subject_of(noun, true)
    }

    /// [`Self::light_verb_subject`]; without `copula`, only a verb that does something ("carried
    /// out strikes") and not one that describes ("is a threat", "seen as a threat") counts.
    fn light_verb_subject_of(&self, noun: usize, copula: bool) -> Option<usize> {
        let view = self.view;
        let mut j = noun;
        let mut words = 0;
        // An act's verb stands close: "carried out multiple strikes", not "advocated pulling out
        // of an agreement".
        let reach = if copula { 6 } else { 4 };
        while j > 0 && words < reach {
            j -= 1;
            if view.group_of[j].is_some() {
                return None;
            }
            for n in (1..=3).rev() {
                if j + 1 >= n {
                    let start = j + 1 - n;
                    let phrase = view.words_from(start, n);
                    if self.rules.light_verbs.match_at(&phrase) == Some(n) {
                        let describes = is_copula(phrase[0])
                            || matches!(
                                phrase[0],
                                "seen"
                                    | "viewed"
                                    | "regarded"
                                    | "considered"
                                    | "described"
                                    | "called"
                                    | "named"
                            );
                        if describes && !copula {
                            return None;
                        }
                        return self.subject_left(start);
                    }
                }
            }
            let w = view.word(j);
            if view.tokens[j].kind == TokenKind::Punct && !view.is_punct(j, "\"'-") {
                return None;
            }
            if is_preposition(w) && (w != "of" || !copula) {
                return None;
            }
            words += 1;
        }
        None
    }

    /// The subject of a copula before `noun`, if the noun is a predicate nominal.
    fn copula_subject(&self, noun: usize) -> Option<usize> {
        let view = self.view;
        let mut j = noun;
        let mut words = 0;
        while j > 0 && words < 10 {
            j -= 1;
            let w = view.word(j);
            if is_copula(w)
                || self.rules.light_verbs.contains_word(w)
                    && matches!(w, "seen" | "viewed" | "considered" | "regarded")
            {
                return self.subject_left(j);
            }
            if view.is_punct(j, ";:()") || is_clause_opener(w) {
                return None;
            }
            words += 1;
        }
        None
    }

    // ----- predicates ----------------------------------------------------------------------

    fn predicate(&mut self, cue: &Cue, first: usize, last: usize) {
        let view = self.view;
        let base = cue.confidence.unwrap_or(0.85);
        // Only after a copula ("is allied", "have been closely allied", "who is allied").
        let mut j = first;
        let mut copula = None;
        while j > 0 {
            j -= 1;
            let w = view.word(j);
            if is_copula(w) {
                copula = Some(j);
                break;
            }
            if !(w.ends_with("ly")
                || matches!(
                    w,
                    "not"
                        | "also"
                        | "still"
                        | "now"
                        | "so"
                        | "very"
                        | "more"
                        | "most"
                        | "increasingly"
                ))
            {
                break;
            }
        }
        let Some(copula) = copula else { return };
        let Some(subject) = self.subject_left(copula) else {
            return;
        };
        // "a large Russian force remained close to Ukraine": troops stand near a country, they
        // are no one's friends.
        if cue.relation == Relation::Ally && view.groups[subject].armed {
            return;
        }
        let modality = self.clause_modality(first, Some(subject));
        match self.prep_object(last + 1, &cue.preps) {
            Some(object) => {
                self.emit_groups(cue.relation, subject, object, (first, last), base, modality)
            }
            // "the two sides were getting close to an agreement": a preposition that names no
            // actor leaves the predicate about something else.
            None if cue.relation.is_symmetric()
                && !cue.preps.iter().any(|p| p == view.word(last + 1)) =>
            {
                self.emit_within(cue.relation, subject, (first, last), base * 0.9, modality)
            }
            None => {}
        }
    }

    // ----- conflicts and mediation ---------------------------------------------------------

    fn conflict(&mut self, first: usize, last: usize) {
        let view = self.view;
        // "a conflict of interest with the State Department" is no hostility.
        if view.word(last + 1) == "of" && matches!(view.word(last + 2), "interest" | "interests") {
            return;
        }
        let parties = self.between_pair(last + 1).or_else(|| {
            self.modifier_before(first)
                .filter(|&g| view.groups[g].args.len() >= 2)
        });
        let Some(parties) = parties else {
            // "X's conflict with Y", "X's war against Y".
            // "amid tensions with North Korea": the sentence's subject is the other side.
            if let (Some(source), Some(target)) = (
                self.modifier_before(first)
                    .or_else(|| self.main_subject(first)),
                self.prep_object(last + 1, &["with".to_owned(), "against".to_owned()]),
            ) {
                // Hostility "with" someone is mutual, like hostility "between" two.
                if source != target {
                    self.emit_groups(Relation::Opposes, source, target, (first, last), 0.7, None);
                    self.emit_groups(Relation::Opposes, target, source, (first, last), 0.65, None);
                }
            }
            return;
        };
        let prevention = self.prevention_before(first);
        let hypothetical = prevention.is_some() || self.hypothetical_before(first);
        let modality = self.noun_modality(first, hypothetical);
        if let Some((mediator, _)) = prevention {
            let parties_actors: Vec<_> =
                view.groups[parties].args.iter().map(|a| &a.actor).collect();
            let mediators = &view.groups[mediator].args;
            // "A and B prevent clashes between the two": not a conflict, not a mediation.
            if mediators.iter().any(|m| parties_actors.contains(&&m.actor)) || mediator == parties {
                return;
            }
            self.emit_mediation(mediator, parties, (first, last), 0.75, None);
        }
        let args = view.groups[parties].args.clone();
        for (a, source) in args.iter().enumerate() {
            for (b, target) in args.iter().enumerate() {
                if a != b {
                    self.push(
                        Relation::Opposes,
                        source,
                        target,
                        (first, last),
                        0.7,
                        modality,
                    );
                }
            }
        }
    }

    /// A prevention word governing a conflict noun at `noun`, and its subject: "Moscow seeks to
    /// PREVENT an escalation", "the Kremlin's CONCERNS about a clash", "we are CONCERNED".
    fn prevention_before(&self, noun: usize) -> Option<(usize, usize)> {
        let view = self.view;
        let mut j = noun;
        let mut words = 0;
        while j > 0 && words < 16 {
            j -= 1;
            if view.is_punct(j, ";:()") {
                return None;
            }
            for n in (1..=4).rev() {
                if j + 1 >= n {
                    let start = j + 1 - n;
                    if view.phrase_at(&self.rules.prevention, start, n) == Some(n) {
                        // "White House EFFORTS TO tamp down conflicts": the effort's owner.
                        let effort = start >= 2
                            && view.word(start - 1) == "to"
                            && is_effort_noun(view.word(start - 2));
                        let holder = if effort {
                            self.modifier_before(start - 2)
                                .or_else(|| self.subject_left(start - 2))?
                        } else {
                            self.modifier_before(start)
                                .or_else(|| self.subject_left(start))?
                        };
                        return Some((holder, start));
                    }
                }
            }
            words += 1;
        }
        None
    }

    /// "vowed the Netherlands would pay the price", "told Pompeo that further steps would have
    /// grave consequences", "Iran will pay a heavy price, Netanyahu said": whoever promises a
    /// price threatens whoever is to pay it: the idiom's subject, else the one told or warned,
    /// else the subject of a condition after it ("warned of grave consequences if Israel").
    fn consequence(&mut self, first: usize, last: usize) {
        let view = self.view;
        let payer = self.subject_left(first);
        if payer.is_some_and(|g| view.groups[g].possessive) {
            return;
        }
        if self.clause_modality(first, payer) == Some(Modality::Negated) {
            return;
        }
        // The promise is made by a verb before the payer ("vowed the Netherlands would"), or by
        // a speech verb after the idiom ("..., Netanyahu said").
        let start = payer.map_or(first, |g| view.groups[g].first);
        let before = (0..start)
            .rev()
            .take_while(|&j| !view.is_punct(j, ";"))
            .find_map(|j| Some((j, self.promise_verb_at(j)?)));
        let (promiser, addressee) = match before {
            Some((verb, n)) => {
                let addressee = view.group_of.get(verb + n).copied().flatten();
                (self.subject_left(verb), addressee)
            }
            None => {
                let promiser = (last + 1..view.len())
                    .take_while(|&j| !view.is_punct(j, ";"))
                    .find_map(|j| Some((j, view.phrase_at(&self.rules.speech_verbs, j, 3)?)))
                    .and_then(|(verb, n)| {
                        view.group_of
                            .get(verb + n)
                            .copied()
                            .flatten()
                            .or_else(|| self.subject_left(verb))
                    });
                (promiser, None)
            }
        };
        let Some(promiser) = promiser else { return };
        let condition = (last + 1..view.len())
            .take_while(|&j| !view.is_punct(j, ";"))
            .find(|&j| matches!(view.word(j), "if" | "unless"))
            .and_then(|j| self.subject_left_of_clause(j));
        let payer = [payer, addressee, condition]
            .into_iter()
            .flatten()
            .find(|&g| g != promiser && !view.groups[g].possessive);
        if let Some(payer) = payer {
            self.emit_groups(
                Relation::Threatens,
                promiser,
                payer,
                (first, last),
                0.7,
                None,
            );
        }
    }

    /// Length of a verb of promise or speech at `j` ("vowed", "warned", "told", "according to").
    fn promise_verb_at(&self, j: usize) -> Option<usize> {
        let view = self.view;
        if is_promise(view.word(j)) {
            return Some(1);
        }
        view.phrase_at(&self.rules.speech_verbs, j, 3)
    }

    /// The subject of the clause a conjunction at `opener` opens: "if ISRAEL attacks".
    fn subject_left_of_clause(&self, opener: usize) -> Option<usize> {
        let view = self.view;
        (opener + 1..(opener + 4).min(view.len()))
            .take_while(|&j| view.group_of[j].is_some() || is_determiner(view.word(j)))
            .find_map(|j| view.group_of[j])
    }

    fn emit_mediation(
        &mut self,
        mediator: usize,
        parties: usize,
        cue: (usize, usize),
        confidence: f64,
        modality: Option<Modality>,
    ) {
        let view = self.view;
        let mediators = view.groups[mediator].args.clone();
        let parties = view.groups[parties].args.clone();
        if mediators.len() * parties.len() > MAX_PAIRS_PER_CUE {
            return;
        }
        for m in &mediators {
            for p in &parties {
                self.push(Relation::Mediates, m, p, cue, confidence, modality);
            }
        }
    }

    // ----- arguments -----------------------------------------------------------------------

    /// The group a verb at `pos` has as its subject.
    fn subject_left(&self, pos: usize) -> Option<usize> {
        let view = self.view;
        // "his move to oust Maduro", "Turkey's bid to join the EU": the effort's owner acts.
        if pos >= 2 && view.word(pos - 1) == "to" && is_effort_noun(view.word(pos - 2)) {
            if let Some(owner) = self.modifier_before(pos - 2) {
                return Some(owner);
            }
        }
        let mut j = pos;
        let mut words = 0;
        while j > 0 {
            j -= 1;
            if let Some(g) = view.group_of[j] {
                let group = &view.groups[g];
                // A group inside a prepositional phrase is not the subject ("the regime of
                // Syria"): look further left, for the noun phrase it belongs to.
                if group.first > 0
                    && is_preposition(view.word(group.first - 1))
                    && !self.agents_of(group.first - 1)
                {
                    j = group.first;
                    words += 1;
                    if words > MAX_ARGUMENT_DISTANCE {
                        return None;
                    }
                    continue;
                }
                if group.weak_agent || group.topical {
                    return None;
                }
                // "Russia will do ITS best to": a possessive modifies a noun; look further left.
                if group.possessive {
                    j = group.first;
                    continue;
                }
                return Some(g);
            }
            let w = view.word(j);
            // "X issued a statement ... and warned", "X will not attack Y, but will sanction Z":
            // the verbs share X.
            if matches!(w, "and" | "but" | "or") && self.skip_adverbs_left(pos) == Some(j) {
                return self.main_subject(pos);
            }
            if self.unknown_name(j) {
                // "Iraqi President Saddam Hussein arrived": a name the data does not know, after
                // a country's title, acts for that country.
                return self.titled_name_group(j);
            }
            if is_relative(w) {
                return self.relative_antecedent(j);
            }
            if view.is_punct(j, ",") {
                return self.subject_across_comma(j);
            }
            if view.is_punct(j, ";:()[]—") || is_clause_opener(w) {
                return None;
            }
            if view.tokens[j].kind == TokenKind::Word {
                words += 1;
            }
            if words > MAX_ARGUMENT_DISTANCE {
                return None;
            }
        }
        None
    }

    /// The actor a possessor's phrase names, when it names one: "Iran's rival SAUDI ARABIA",
    /// "Russia's ally SYRIA"; otherwise the possessor itself ("Iran's government").
    fn possessed_name(&self, possessor: usize) -> usize {
        let view = self.view;
        let end = view.groups[possessor].last;
        if view.word(end + 1) != "'s" {
            return possessor;
        }
        for j in end + 2..(end + 6).min(view.len()) {
            if let Some(g) = view.group_of[j] {
                return if j > end + 2 { g } else { possessor };
            }
            let t = &view.tokens[j];
            if t.kind != TokenKind::Word || t.capitalized || is_preposition(view.lower(t)) {
                break;
            }
        }
        possessor
    }

    /// True if `prep` is "from" or "of" after a noun of agents, so the group after it stands for
    /// them: "officials FROM Iran and the US met", "the leaders OF Russia and Turkey agreed".
    fn agents_of(&self, prep: usize) -> bool {
        let view = self.view;
        prep > 0
            && matches!(view.word(prep), "from" | "of")
            && view.group_of[prep - 1].is_none()
            && (self.rules.agent_nouns.contains_word(view.word(prep - 1))
                || self.rules.titles.contains_word(view.word(prep - 1))
                // Plurals the title list leaves out: as titles they would make "the Council of
                // Ministers" a person's title.
                || matches!(
                    view.word(prep - 1),
                    "representatives" | "delegates" | "delegations" | "envoys" | "ministers"
                ))
    }

    /// The group a relative pronoun at `relative` refers to: the nearest before it, across the
    /// rest of its noun phrase but not a place in it ("a U.S. drone strike last week in Iraq
    /// that killed": the U.S.).
    fn relative_antecedent(&self, relative: usize) -> Option<usize> {
        let view = self.view;
        let mut k = relative;
        if k > 0 && view.is_punct(k - 1, ",") {
            k -= 1;
        }
        // Right before the pronoun, a group is its antecedent ("a response from Damascus which
        // fired"), unless it names a place ("a strike in Iraq that killed").
        if let Some(g) = k.checked_sub(1).and_then(|k| view.group_of[k]) {
            let first = view.groups[g].first;
            let placed = first > 0
                && matches!(
                    view.word(first - 1),
                    "in" | "inside"
                        | "within"
                        | "near"
                        | "across"
                        | "throughout"
                        | "around"
                        | "at"
                        | "over"
                        | "outside"
                );
            if !placed {
                return Some(g);
            }
        }
        let mut words = 0;
        while k > 0 && words < 7 {
            k -= 1;
            if let Some(g) = view.group_of[k] {
                let group = &view.groups[g];
                let placed = group.first > 0 && is_locative(view.word(group.first - 1));
                if !placed {
                    return Some(g);
                }
                k = group.first;
                continue;
            }
            let w = view.word(k);
            if view.tokens[k].kind == TokenKind::Punct || is_clause_opener(w) || is_relative(w) {
                return None;
            }
            words += 1;
        }
        None
    }

    /// The subject before an interruption that ends at `comma`: an appositive ("Lavrentiev,
    /// Putin's envoy to Syria, arrived") or a relative clause ("Tel Aviv that ..., sent").
    fn subject_across_comma(&self, comma: usize) -> Option<usize> {
        let view = self.view;
        let mut k = comma;
        let mut steps = 0;
        while k > 0 && steps < 45 {
            k -= 1;
            steps += 1;
            if view.is_punct(k, ";:()[]") {
                return None;
            }
            let w = view.word(k);
            let opener = is_relative(w) || view.is_punct(k, ",");
            if !opener {
                continue;
            }
            let mut b = k;
            if is_relative(w) && b > 0 && view.is_punct(b - 1, ",") {
                b -= 1;
            }
            if let Some(g) = b.checked_sub(1).and_then(|b| view.group_of[b]) {
                let group = &view.groups[g];
                if group.first == 0 || !is_preposition(view.word(group.first - 1)) {
                    return Some(g);
                }
            }
        }
        None
    }

    /// The first group after `from`, up to a clause boundary. With `needs_prep`, only one
    /// introduced by one of `preps`. A group introduced by a locative preposition that is not in
    /// `preps` ("in Syria") is a place, and possessive pronouns ("its presence") modify a noun:
    /// both are passed over.
    fn object_right(
        &self,
        from: usize,
        preps: &[String],
        needs_prep: bool,
    ) -> Option<(usize, Option<String>)> {
        self.object_right_through(from, preps, needs_prep, false)
    }

    /// [`Self::object_right`], going on into a clause the verb introduces when `complement` is
    /// set ("warned that if Damascus launches ...").
    fn object_right_through(
        &self,
        from: usize,
        preps: &[String],
        needs_prep: bool,
        complement: bool,
    ) -> Option<(usize, Option<String>)> {
        let view = self.view;
        let mut prep: Option<String> = None;
        let mut words = 0;
        let mut j = from;
        while j < view.len() {
            if let Some(g) = view.group_of[j] {
                let group = &view.groups[g];
                let located = prep
                    .as_ref()
                    .is_some_and(|p| is_locative(p.as_str()) && !preps.contains(p));
                let unmet = needs_prep && !prep.as_ref().is_some_and(|p| preps.contains(p));
                if group.possessive || group.topical || located || unmet {
                    j = group.last + 1;
                    words += 1;
                    if words > MAX_ARGUMENT_DISTANCE {
                        return None;
                    }
                    continue;
                }
                return Some((self.possessed_name(g), prep));
            }
            let w = view.word(j);
            // "kill Mr. Litvinenko": someone the data does not know fills the object's place.
            if self.unknown_name(j) {
                return None;
            }
            let opener = is_clause_opener(w) || is_relative(w);
            if complement && matches!(w, "that" | "if" | "unless" | "of" | "against") {
                // The clause the verb introduces.
            } else if view.is_punct(j, ",;:()[]—")
                && !(complement && view.is_punct(j, ",") && words < 4)
                && !self.in_noun_list(j)
                || opener
            {
                return None;
            }
            if self.rules.speech_verbs.contains_word(w) {
                return None;
            }
            // "threatened to strike Iran": "to" before a verb marks the infinitive, not a place.
            let infinitive = w == "to"
                && view.tokens.get(j + 1).is_some_and(|t| {
                    t.kind == TokenKind::Word && !t.capitalized && !is_determiner(view.lower(t))
                });
            if is_preposition(w) && !infinitive {
                prep = Some(w.to_owned());
            }
            // Determiners do not lengthen the way: "ban all beef, pork ... from the EU".
            if view.tokens[j].kind == TokenKind::Word && !is_determiner(w) {
                words += 1;
            }
            // A clause the verb introduces is read further: "threatened to stop negotiations
            // to reduce long-range nuclear weapons if the United States goes ahead".
            let reach = if complement {
                MAX_ARGUMENT_DISTANCE + 6
            } else {
                MAX_ARGUMENT_DISTANCE
            };
            if words > reach {
                return None;
            }
            j += 1;
        }
        None
    }

    /// After a noun: "PREP [det/adjectives] GROUP" with PREP one of `preps`, allowing a place
    /// in between ("a press conference in Helsinki WITH X") and a parenthesis ("pullout of
    /// (Iranian and Hezbollah forces)").
    fn prep_object(&self, from: usize, preps: &[String]) -> Option<usize> {
        let view = self.view;
        let mut j = from;
        let mut words = 0;
        let mut after_of = false;
        // Find the preposition.
        while j < view.len() && !preps.iter().any(|p| p == view.word(j)) {
            let w = view.word(j);
            // "sanctions if necessary against Russia".
            if w == "if" && matches!(view.word(j + 1), "necessary" | "needed" | "required") {
                j += 2;
                continue;
            }
            // "delivery of warships to Russia": the thing delivered, in lower case.
            let lower = |k: usize| {
                view.tokens.get(k).is_some_and(|t| {
                    t.kind == TokenKind::Word && !t.capitalized && view.group_of[k].is_none()
                })
            };
            if w == "of" && lower(j + 1) {
                after_of = true;
            }
            // "a meeting of the US Congress with Biden": the actor after "of" is the party.
            if after_of && view.group_of[j].is_some() {
                return None;
            }
            let place = is_locative(w)
                || (after_of && lower(j))
                || view.tokens[j].capitalized
                || view.group_of[j].is_some();
            if words >= 4 || !place || view.tokens[j].kind == TokenKind::Punct {
                return None;
            }
            words += 1;
            j += 1;
        }
        j += 1;
        let mut words = 0;
        while j < view.len() && words < 6 {
            if let Some(g) = view.group_of[j] {
                if view.groups[g].topical {
                    return None;
                }
                if view.groups[g].possessive {
                    j = view.groups[g].last + 1;
                    continue;
                }
                return Some(self.possessed_name(g));
            }
            let w = view.word(j);
            if view.is_punct(j, "(") {
                j += 1;
                continue;
            }
            if view.is_punct(j, ",;:)[]—") || is_clause_opener(w) || is_relative(w) {
                return None;
            }
            if is_preposition(w) && w != "of" {
                return None;
            }
            // "anger over the killing of Iranian soldiers": the victims of an event are not
            // the other party.
            if w == "of" && j > 0 && is_event_noun(view.word(j - 1)) {
                return None;
            }
            words += 1;
            j += 1;
        }
        None
    }

    /// "between A and B" (or "between the two countries") right after a noun.
    fn between_pair(&self, from: usize) -> Option<usize> {
        let view = self.view;
        let mut j = from;
        // "clash BETWEEN", "tensions BETWEEN", allowing "the possibility of a clash" forms.
        if view.word(j) != "between" {
            return None;
        }
        j += 1;
        let mut words = 0;
        while j < view.len() && words < 4 {
            if let Some(g) = view.group_of[j] {
                return (view.groups[g].args.len() >= 2).then_some(g);
            }
            if view.tokens[j].kind != TokenKind::Word {
                return None;
            }
            words += 1;
            j += 1;
        }
        None
    }

    /// A group modifying a noun at `noun`: "Israeli strikes", "IAF strikes", "Tel Aviv's
    /// demands", "Iran-Russia cooperation", allowing a few adjectives in between.
    fn modifier_before(&self, noun: usize) -> Option<usize> {
        let view = self.view;
        let mut j = noun;
        let mut words = 0;
        while j > 0 && words < 3 {
            j -= 1;
            if let Some(g) = view.group_of[j] {
                return Some(g);
            }
            let w = view.word(j);
            if w == "'s" || view.is_punct(j, "'\"") {
                continue;
            }
            // "strikes against the Syrian government and THREATS": a group joined to the noun
            // itself is its fellow, not its modifier.
            let fellow = matches!(w, "and" | "or")
                && j + 1 == noun
                && j > 0
                && (view.group_of[j - 1].is_some()
                    || j > 1
                        && view.group_of[j - 2].is_some()
                        && self.rules.agent_nouns.contains_word(view.word(j - 1)));
            if view.tokens[j].kind != TokenKind::Word
                || fellow
                || is_determiner(w)
                || is_preposition(w)
                || is_copula(w)
                || is_clause_opener(w)
                || self.rules.light_verbs.contains_word(w)
                || self.rules.prevention.contains_word(w)
            {
                return None;
            }
            words += 1;
        }
        None
    }

    /// The token before `pos`, skipping adverbs and auxiliaries ("has repeatedly", "also").
    fn skip_adverbs_left(&self, pos: usize) -> Option<usize> {
        let view = self.view;
        let mut j = pos;
        while j > 0 {
            j -= 1;
            let w = view.word(j);
            if !(w.ends_with("ly")
                || matches!(
                    w,
                    "also"
                        | "then"
                        | "later"
                        | "again"
                        | "still"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "may"
                        | "might"
                        | "should"
                        | "must"
                        | "not"
                ))
            {
                return Some(j);
            }
        }
        None
    }

    /// The subject of the sentence's main clause: its first group that is not inside a
    /// prepositional phrase and comes before `pos`.
    fn main_subject(&self, pos: usize) -> Option<usize> {
        let view = self.view;
        view.groups.iter().position(|g| {
            g.last < pos
                && !g.weak_agent
                && !g.possessive
                && (g.first == 0 || !is_preposition(view.word(g.first - 1)))
        })
    }

    fn skip_adverbs(&self, mut j: usize) -> usize {
        while j < self.view.len() && self.view.word(j).ends_with("ly") {
            j += 1;
        }
        j
    }

    // ----- modality --------------------------------------------------------------------------

    /// Negation, hypothesis or report for a verb-like cue at `cue`, looking back to its subject.
    fn clause_modality(&self, cue: usize, subject: Option<usize>) -> Option<Modality> {
        let view = self.view;
        let from = subject.map_or(cue.saturating_sub(5), |g| view.groups[g].last + 1);
        // Negation and modals reach back to the subject, but not across a clause break: in "X
        // will not attack Y, but will sanction Z" the "not" is the first verb's only.
        let from = (from.min(cue)..cue)
            .rev()
            .find(|&j| {
                view.is_punct(j, ",;")
                    || matches!(view.word(j), "but" | "and" | "while" | "whereas" | "yet")
            })
            .map_or(from, |j| j + 1);
        let span = from.min(cue)..cue;
        // "May 10" is a date, not the modal.
        let words: Vec<&str> = span
            .clone()
            .filter(|&j| !(view.word(j) == "may" && view.tokens[j].capitalized))
            .map(|j| view.word(j))
            .collect();
        if words.iter().any(|w| self.rules.negators.contains(*w)) {
            return Some(Modality::Negated);
        }
        // Reports and conditions anywhere earlier in the clause.
        let mut j = cue;
        while j > 0 {
            j -= 1;
            let w = view.word(j);
            if view.is_punct(j, ";") {
                break;
            }
            if self.rules.reported.contains(w) {
                return Some(Modality::Reported);
            }
            // "Putin denied that Russian troops have entered Ukraine": the clause is denied.
            if w == "that" && j > 0 && is_denial(view.word(j - 1)) {
                return Some(Modality::Negated);
            }
        }
        if words.iter().any(|w| self.rules.hypothetical.contains(*w))
            || words.windows(2).any(is_open_to)
            || self.condition_before(cue)
        {
            return Some(Modality::Hypothetical);
        }
        None
    }

    /// An attack or act of pressure that is only announced, intended or conditional is a
    /// threat: "Israel will strike Iran", "X vowed to destroy Y", "the EU is ready to impose
    /// sanctions on Russia", "if Damascus attacks, Washington would strike". The condition
    /// itself ("if the U.S. attacks Iran again, ...") threatens nothing.
    fn as_threat(
        &self,
        relation: Relation,
        cue: &Cue,
        modality: Option<Modality>,
        first: usize,
        subject: usize,
    ) -> (Relation, Option<Modality>) {
        let open = modality != Some(Modality::Negated)
            && modality != Some(Modality::Reported)
            && !self.in_condition(first);
        // Pressure announced is mostly a decision ("the US said it would expel 60 diplomats"):
        // it threatens only when made readiness or conditional ("will sanction Caracas if").
        let threat = if relation == Relation::Attacks {
            modality == Some(Modality::Hypothetical) || self.announced(first, subject)
        } else {
            cue.coercive && (self.readiness(first, subject) || self.condition_after(first))
        };
        if open && threat {
            (Relation::Threatens, None)
        } else {
            (relation, modality)
        }
    }

    /// True if the subject threatens or stands ready to do what the cue says: "threatened to
    /// impose sanctions", "is ready to expel".
    fn readiness(&self, cue: usize, subject: usize) -> bool {
        self.between_subject_and(cue, subject, READINESS)
    }

    /// True if an "if" or "unless" clause follows the cue in its sentence: "will sanction
    /// Venezuela if Maduro stays".
    fn condition_after(&self, cue: usize) -> bool {
        let view = self.view;
        (cue + 1..view.len())
            .take_while(|&j| !view.is_punct(j, ";"))
            .any(|j| matches!(view.word(j), "if" | "unless"))
    }

    /// True if the verb at `cue` is announced rather than done: a future ("will strike") or an
    /// intention ("vowed to strike", "threatened to destroy") between its subject and it.
    fn announced(&self, cue: usize, subject: usize) -> bool {
        self.between_subject_and(cue, subject, INTENTIONS)
            || self.between_subject_and(cue, subject, READINESS)
    }

    /// True if one of `words` stands between the subject and the cue.
    fn between_subject_and(&self, cue: usize, subject: usize, words: &[&str]) -> bool {
        let view = self.view;
        let from = view.groups[subject].last + 1;
        (from.min(cue)..cue).any(|j| words.contains(&view.word(j)))
    }

    /// Modality of a noun cue: hypothetical if a word of possibility modifies it, reported if
    /// a claim verb or noun opens its clause ("media claimed the two agreed on strikes").
    fn noun_modality(&self, noun: usize, hypothetical: bool) -> Option<Modality> {
        if hypothetical {
            return Some(Modality::Hypothetical);
        }
        let view = self.view;
        let reported = (0..noun)
            .rev()
            .take_while(|&j| !view.is_punct(j, ";"))
            .any(|j| self.rules.reported.contains(view.word(j)));
        reported.then_some(Modality::Reported)
    }

    /// True if the comma at `comma` separates nouns of one list ("ban beef, pork, fruit and
    /// dairy products from the EU"): lower-case words on both sides, the next not opening a
    /// clause.
    fn in_noun_list(&self, comma: usize) -> bool {
        let view = self.view;
        if !view.is_punct(comma, ",") || comma == 0 {
            return false;
        }
        let word = |k: usize| {
            view.tokens
                .get(k)
                .is_some_and(|t| t.kind == TokenKind::Word && !t.capitalized)
        };
        let next = view.word(comma + 1);
        // A new noun phrase after the comma belongs to the list only if "and" or "or" closes
        // it before any name: "the regime, the Obama administration said" is no list, "a
        // short, sharp war" is one of adjectives.
        let closes = (comma + 1..(comma + 12).min(view.len()))
            .take_while(|&k| word(k) || view.is_punct(k, ","))
            .any(|k| matches!(view.word(k), "and" | "or"));
        word(comma - 1)
            && word(comma + 1)
            && (closes || !is_determiner(next))
            && !is_clause_opener(next)
            && !is_relative(next)
            && !self.rules.speech_verbs.contains_word(next)
            && !next.ends_with("ing")
    }

    /// True if the cue is inside an "if"/"unless" clause: after one, with no comma between.
    fn in_condition(&self, cue: usize) -> bool {
        let view = self.view;
        (0..cue)
            .rev()
            .take_while(|&j| !view.is_punct(j, ",;:"))
            .any(|j| matches!(view.word(j), "if" | "unless"))
    }

    /// An "if"/"unless" clause open at `cue`.
    fn condition_before(&self, cue: usize) -> bool {
        let view = self.view;
        let mut j = cue;
        while j > 0 {
            j -= 1;
            match view.word(j) {
                "if" | "unless" => return true,
                _ if view.is_punct(j, ";") => return false,
                _ => {}
            }
        }
        false
    }

    /// True if a word of possibility modifies the noun at `noun` ("a possible clash", "the
    /// possibility of a confrontation", "future strikes"). Modal verbs ("would call his allies")
    /// belong to another verb, not to the noun.
    fn hypothetical_before(&self, noun: usize) -> bool {
        let view = self.view;
        (noun.saturating_sub(4)..noun).any(|j| {
            let w = view.word(j);
            is_open_to(&[w, view.word(j + 1)])
                || self.rules.hypothetical.contains(w)
                    && !matches!(
                        w,
                        "plan"
                            | "plans"
                            | "would"
                            | "could"
                            | "might"
                            | "may"
                            | "should"
                            | "must"
                            | "if"
                            | "unless"
                            | "whether"
                    )
        })
    }

    // ----- output ----------------------------------------------------------------------------

    fn emit_groups(
        &mut self,
        relation: Relation,
        source: usize,
        target: usize,
        cue: (usize, usize),
        confidence: f64,
        modality: Option<Modality>,
    ) {
        if source == target {
            return;
        }
        let sources = self.view.groups[source].args.clone();
        let targets = self.view.groups[target].args.clone();
        self.emit_args(relation, &sources, &targets, cue, confidence, modality);
    }

    fn emit_args(
        &mut self,
        relation: Relation,
        sources: &[Arg],
        targets: &[Arg],
        cue: (usize, usize),
        confidence: f64,
        modality: Option<Modality>,
    ) {
        if sources.len() * targets.len() > MAX_PAIRS_PER_CUE {
            return;
        }
        for s in sources {
            for t in targets {
                self.push(relation, s, t, cue, confidence, modality);
            }
        }
    }

    /// Every pair inside one group: "A and B are allies".
    fn emit_within(
        &mut self,
        relation: Relation,
        group: usize,
        cue: (usize, usize),
        confidence: f64,
        modality: Option<Modality>,
    ) {
        let args = self.view.groups[group].args.clone();
        if args.len() > max_listed() {
            return;
        }
        for (a, source) in args.iter().enumerate() {
            for target in &args[a + 1..] {
                self.push(relation, source, target, cue, confidence, modality);
            }
        }
    }

    fn push(
        &mut self,
        relation: Relation,
        source: &Arg,
        target: &Arg,
        cue: (usize, usize),
        confidence: f64,
        modality: Option<Modality>,
    ) {
        if source.actor == target.actor {
            return;
        }
        let mut confidence = confidence;
        if source.resolved || target.resolved {
            confidence -= 0.15;
        }
        let modality = modality.unwrap_or(Modality::Asserted);
        confidence *= match modality {
            Modality::Asserted => 1.0,
            Modality::Hypothetical => 0.6,
            Modality::Reported => 0.5,
            Modality::Negated => 1.0,
        };
        self.found.push(Found {
            relation,
            source: source.clone(),
            target: target.clone(),
            cue,
            confidence: confidence.clamp(0.05, 1.0),
            modality,
        });
    }
}

/// The byte span of tokens `first..=last`.
pub(crate) fn token_span(view: &SentenceView, first: usize, last: usize) -> Span {
    Span::new(view.tokens[first].span.start, view.tokens[last].span.end)
}
