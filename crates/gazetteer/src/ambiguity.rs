//! Context checks for ambiguous aliases: is "Jordan" the country here, or Michael Jordan?

use rustc_hash::FxHashSet as HashSet;

use actorgraph_core::Span;

/// How far (in bytes) another actor's mention may be and still support an ambiguous alias:
/// about a sentence.
const NEARBY: usize = 200;

/// Words that may stand right before or after a country's name without making it part of
/// another name: titles and regions ("King Abdullah of Jordan", "Jordan's King", "President of
/// Georgia", "Western Georgia").
const NAME_NEIGHBOURS: &[&str] = &[
    "President",
    "King",
    "Queen",
    "Prime",
    "Foreign",
    "Defense",
    "Defence",
    "Minister",
    "Ministry",
    "Army",
    "Armed",
    "Government",
    "Parliament",
    "Embassy",
    "Ambassador",
    "Crown",
    "Emir",
    "Sheikh",
    "Sultan",
    "Republic",
    "Kingdom",
    "State",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Central",
    "Upper",
    "Lower",
    "South",
    "North",
    "East",
    "West",
    "Neighboring",
    "Neighbouring",
    // Words that open sentences and headlines.
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "And",
    "But",
    "Or",
    "So",
    "Yet",
    "Of",
    "In",
    "On",
    "At",
    "For",
    "From",
    "By",
    "To",
    "As",
    "With",
    "Without",
    "Against",
    "Between",
    "Under",
    "Over",
    "Through",
    "Despite",
    "Near",
    "Toward",
    "Towards",
    "Via",
    "Inside",
    "Outside",
    "Within",
    "Across",
    "Like",
    "Unlike",
    "Including",
    "While",
    "When",
    "If",
    "After",
    "Before",
    "Since",
    "Both",
    "Even",
    "Only",
    "Meanwhile",
    "However",
    "Today",
    "Yesterday",
    "Now",
    "Then",
    "Also",
    "Still",
    "Why",
    "How",
    "What",
    "Where",
    "Will",
    "Can",
];

/// How strongly the words around an ambiguous alias say it is some other name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum OtherName {
    /// Nothing says so.
    No,
    /// A capitalized word opens the sentence right before it ("Michael Jordan visited", but
    /// also "Later Jordan agreed"): the document must name the actor elsewhere too.
    Maybe,
    /// A name or place for sure: lower case ("turkey"), a capitalized word mid-sentence before
    /// it ("said Michael Jordan") or after it ("Jordan Peterson", "Georgia Tech"), or
    /// ", Pennsylvania" after it.
    Yes,
}

/// Reads the words around the alias at `span`. Neighbours that are themselves mentions
/// (`starts`) or titles ("King", "President") do not count.
pub(crate) fn reads_as_other_name(text: &str, span: Span, starts: &HashSet<usize>) -> OtherName {
    if !text[span.start..].starts_with(char::is_uppercase) {
        return OtherName::Yes;
    }
    let mut verdict = OtherName::No;
    if let Some((word, word_start)) = word_before(text, span.start) {
        if is_capitalized(word) && !NAME_NEIGHBOURS.contains(&word) && !starts.contains(&word_start)
        {
            if opens_sentence(text, word_start) {
                verdict = OtherName::Maybe;
            } else {
                return OtherName::Yes;
            }
        }
    }
    let after = &text[span.end..];
    let spaces = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
    let (gap, rest) = after.split_at(spaces);
    if let Some(word) = first_word(rest) {
        if !gap.is_empty()
            && is_capitalized(word)
            && !NAME_NEIGHBOURS.contains(&word)
            && !starts.contains(&(span.end + spaces))
        {
            return OtherName::Yes;
        }
    }
    // "Lebanon, Pennsylvania": a comma and a capitalized word that is no actor.
    if let Some(rest) = after.strip_prefix(", ") {
        if let Some(word) = first_word(rest) {
            let at = span.end + 2;
            if is_capitalized(word) && !starts.contains(&at) && !NAME_NEIGHBOURS.contains(&word) {
                return OtherName::Yes;
            }
        }
    }
    verdict
}

/// True if an unambiguous mention of another actor than `actor` lies within about a sentence.
pub(crate) fn near_other_actor(anchors: &[(usize, u32)], span: Span, actor: u32) -> bool {
    let from = span.start.saturating_sub(NEARBY);
    let first = anchors.partition_point(|&(start, _)| start < from);
    anchors[first..]
        .iter()
        .take_while(|&&(start, _)| start <= span.start + NEARBY)
        .any(|&(_, other)| other != actor)
}

fn is_capitalized(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

fn first_word(text: &str) -> Option<&str> {
    let end = text
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len());
    (end > 0).then(|| &text[..end])
}

/// The word right before `offset` (separated by spaces only) and where it starts.
fn word_before(text: &str, offset: usize) -> Option<(&str, usize)> {
    let before = text[..offset].trim_end_matches([' ', '\u{a0}']);
    if before.len() == offset {
        return None;
    }
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    Some((&before[start..], start))
}

/// True if the word at `offset` starts a sentence, a line or a quote.
fn opens_sentence(text: &str, offset: usize) -> bool {
    let before = text[..offset].trim_end_matches([' ', '\u{a0}', '"', '“', '‘', '\'', '(']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '—', '–', '|'])
}
