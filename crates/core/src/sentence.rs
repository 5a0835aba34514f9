//! Sentence splitting with byte spans, tuned for news copy.
//!
//! News text is not tidy prose: headlines have no full stop, captions and credits sit on lines of
//! their own, abbreviations ("U.S.", "Gen.", "Jan.") and initials ("George W. Bush") are full of
//! dots, quotes close after the stop (`prevent it.”`), and some sources hard-wrap their lines. The
//! rules here are written for those cases; see the tests at the bottom for what each one covers.

use crate::Span;

/// The longest sentence the splitter returns. News sentences run to a few hundred bytes; 4 KB
/// is well past any real one.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Splits `text` into sentences and returns their byte spans, in order, trimmed of surrounding
/// whitespace. Empty sentences are dropped.
///
/// `protected` are spans (sorted by start) that must not be cut, typically the actor names a
/// gazetteer found: a name broken over a line ("Levan\nDzhagaryan") keeps its sentence whole.
pub fn split_sentences(text: &str, protected: &[Span]) -> Vec<Span> {
    debug_assert!(protected.windows(2).all(|w| w[0].start <= w[1].start));
    // Only a single line break asks, and most texts break paragraphs with blank lines.
    let hard_wrapped = std::cell::OnceCell::new();
    let bytes = text.as_bytes();
    // News runs about 150 bytes a sentence: room for one in 128 spares most texts the copies
    // of a vector that grows.
    let mut cuts: Vec<usize> = Vec::with_capacity(text.len() / 128 + 1);
    let mut stops = SentenceStops::new(bytes);
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes cannot end a sentence: skip to the next that can.
        match stops.next_from(i) {
            Some(stop) => i = stop,
            None => break,
        }
        let b = bytes[i];
        if b == b'\n' || b == b'\r' {
            let run_start = i;
            let mut newlines = 0;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                newlines += usize::from(bytes[i] == b'\n');
                i += 1;
            }
            if newlines >= 2
                || line_break_ends_sentence(text, run_start, i, || {
                    *hard_wrapped.get_or_init(|| looks_hard_wrapped(text))
                })
            {
                cuts.push(run_start);
            }
            continue;
        }
        let terminal_len = terminal_len_at(text, i);
        if terminal_len == 0 {
            i += 1;
            continue;
        }
        let punct_start = i;
        let mut j = i;
        loop {
            let len = terminal_len_at(text, j);
            if len == 0 {
                break;
            }
            j += len;
        }
        let punct_end = j;
        while let Some(c) = text[j..].chars().next().filter(|&c| is_closing(c)) {
            j += c.len_utf8();
        }
        if j == bytes.len() {
            cuts.push(j);
            break;
        }
        let after_close = j;
        if !text[after_close..].starts_with(char::is_whitespace) {
            // "3.5", "U.S.-led", "Yahoo!News": not a sentence end.
            i = after_close.max(punct_start + 1);
            continue;
        }
        let next_start = after_close
            + text[after_close..]
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(bytes.len() - after_close);
        if next_start == bytes.len()
            || terminal_ends_sentence(text, punct_start, punct_end, next_start)
        {
            cuts.push(after_close);
        }
        i = after_close;
    }

    let mut sentences = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        if cut <= start || cuts_protected(protected, cut) {
            continue;
        }
        push_bounded(text, start, cut, protected, &mut sentences);
        start = cut;
    }
    push_bounded(text, start, text.len(), protected, &mut sentences);
    sentences
}

/// Pushes `start..end` as one sentence, or as several of at most [`MAX_SENTENCE_BYTES`] each,
/// cut at white space outside mentions: a run-on "sentence" (a table, a list of names, a page
/// with no punctuation) must not make later stages read hundreds of kilobytes as one unit.
fn push_bounded(text: &str, mut start: usize, end: usize, protected: &[Span], out: &mut Vec<Span>) {
    while end - start > MAX_SENTENCE_BYTES {
        let limit = floor_char_boundary(text, start + MAX_SENTENCE_BYTES);
        let half = floor_char_boundary(text, start + MAX_SENTENCE_BYTES / 2);
        let cut = text[half..limit]
            .char_indices()
            .rev()
            .filter(|&(_, c)| c.is_whitespace())
            .map(|(offset, _)| half + offset)
            .find(|&cut| !cuts_protected(protected, cut))
            .unwrap_or(limit);
        push_trimmed(text, start, cut, out);
        start = cut;
    }
    push_trimmed(text, start, end, out);
}

/// The largest char boundary at or before `i`.
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let from_start = piece.trim_start();
    let trimmed = from_start.trim_end();
    if !trimmed.is_empty() {
        let s = start + piece.len() - from_start.len();
        out.push(Span::new(s, s + trimmed.len()));
    }
}

fn cuts_protected(protected: &[Span], cut: usize) -> bool {
    // Protected spans are sorted by start; only those starting before `cut` can contain it.
    let candidates = protected.partition_point(|s| s.start < cut);
    protected[..candidates]
        .iter()
        .rev()
        .take(8)
        .any(|s| s.strictly_contains(cut))
}

/// The bytes the splitter stops at: line breaks, terminal punctuation, and 0xE2, which starts
/// "…". `memchr3` finds three bytes at once: one finder looks for the common three ('.', '\n',
/// 0xE2, which also starts curly quotes), the other for the rare ones ('!', '?', '\r'), whose
/// next position is remembered until the splitter passes it.
struct SentenceStops<'a> {
    bytes: &'a [u8],
    /// Where the rare stops were last looked for, and the first found there.
    rare: Option<(usize, Option<usize>)>,
}

impl<'a> SentenceStops<'a> {
    fn new(bytes: &'a [u8]) -> SentenceStops<'a> {
        SentenceStops { bytes, rare: None }
    }

    /// The first stop at or after `from`.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let rare = match self.rare {
            Some((searched, rare)) if searched <= from && rare.is_none_or(|r| r >= from) => rare,
            _ => {
                let rare =
                    memchr::memchr3(b'!', b'?', b'\r', &self.bytes[from..]).map(|r| from + r);
                self.rare = Some((from, rare));
                rare
            }
        };
        let end = rare.unwrap_or(self.bytes.len());
        memchr::memchr3(b'.', b'\n', 0xE2, &self.bytes[from..end])
            .map(|c| from + c)
            .or(rare)
    }
}

/// Byte length of the sentence-ending punctuation character at `i`, or 0 if there is none.
fn terminal_len_at(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        Some(b'.' | b'!' | b'?') => 1,
        Some(0xE2) if text[i..].starts_with('…') => '…'.len_utf8(),
        _ => 0,
    }
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '›')
}

/// Decides a single line break (one `\n`, maybe with `\r` and spaces around it).
fn line_break_ends_sentence(
    text: &str,
    run_start: usize,
    run_end: usize,
    wrapped: impl FnOnce() -> bool,
) -> bool {
    let Some(next) = text[run_end..].chars().next() else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    let before = text[..run_start].trim_end();
    let last_word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if is_continuing_word(last_word) {
        // "Russia, Iran and\nTurkey": a line ending on a function word continues.
        return false;
    }
    match before.chars().next_back() {
        None => true,
        // A line that ends mid-clause continues on the next one.
        Some(',' | ';' | '-' | '–' | '(' | '/' | '&') => false,
        // Hard-wrapped text breaks lines anywhere; only punctuation (handled elsewhere) ends a
        // sentence there.
        Some(_) => !wrapped(),
    }
}

/// Decides whether the punctuation at `punct_start..punct_end`, followed by whitespace and then
/// the character at `next_start`, ends a sentence.
fn terminal_ends_sentence(
    text: &str,
    punct_start: usize,
    punct_end: usize,
    next_start: usize,
) -> bool {
    let next = text[next_start..].chars().next().unwrap_or(' ');
    if next.is_lowercase() {
        // `"Stop!" he said`, "etc. and", "U.S. officials": the sentence goes on.
        return false;
    }
    let is_period = &text[punct_start..punct_end] == ".";
    if !is_period {
        return true;
    }
    let word = word_before(text, punct_start);
    if next.is_ascii_digit() {
        // "Jan. 21", "No. 5" go on; "in 2018. 2019 was" ends.
        return !(is_month_abbreviation(word) || is_number_prefix(word));
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        // An initial: "George W. Bush", "J. K. Rowling".
        return false;
    }
    if is_title_abbreviation(word) {
        return false;
    }
    let dotted = word.contains('.');
    if dotted || is_maybe_final_abbreviation(word) || is_month_abbreviation(word) {
        // "the U.S. The move", "in Jan. The talks": only a word that usually opens a sentence
        // tells that the abbreviation also closed one.
        return is_sentence_opener(word_at(text, next_start));
    }
    true
}

/// The token before `end`: letters, digits and inner dots ("U.S" of "U.S.", "Gen" of "Gen.").
fn word_before(text: &str, end: usize) -> &str {
    // ASCII bytes back to the first that is not a letter, digit or dot; characters only past
    // a non-ASCII byte.
    let bytes = text.as_bytes();
    let mut start = end;
    while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'.') {
        start -= 1;
    }
    if start > 0 && !bytes[start - 1].is_ascii() {
        start = text[..start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
            .last()
            .map_or(start, |(i, _)| i);
    }
    text[start..end].trim_start_matches('.')
}

fn word_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    let len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    &rest[..len]
}

fn is_month_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

word_set! {
    /// Words a sentence cannot end on.
    fn is_continuing_word = [
        "and", "or", "nor", "but", "the", "a", "an", "of", "to", "in", "on", "at", "by", "for",
        "with", "from", "between", "against", "that", "which", "who",
    ];
}

word_set! {
    /// Abbreviations that precede a name or a number and never end a sentence in news copy.
    fn is_title_abbreviation = [
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt",
        "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Gov", "Sen", "Sens", "Rep", "Reps", "Rev",
        "Hon", "Pres", "Amb", "Supt", "Insp", "Fr", "St", "Mt", "Ft", "Gens", "Govs", "Lt.Col",
        "Sec",
    ];
}

word_set! {
    fn is_number_prefix = [
        "No", "Nos", "no", "Art", "art", "p", "pp", "Vol", "vol", "Fig",
    ];
}

word_set! {
    /// Abbreviations that may or may not close a sentence.
    fn is_maybe_final_abbreviation = [
        "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "etc", "vs", "approx", "Ave", "Blvd",
        "Dept", "Univ", "est",
    ];
}

word_set! {
    /// Words that commonly open a sentence in news copy. After an abbreviation that can also end a
    /// sentence ("U.S.", "Inc."), one of these is the evidence that it did.
    fn is_sentence_opener = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
        "Those", "There", "Their", "His", "Her", "Its", "Our", "But", "And", "In", "On", "At", "As",
        "After", "Before", "When", "While", "If", "Meanwhile", "However", "Earlier", "Later",
        "Since", "So", "Yet", "Still", "Now", "Then", "What", "Why", "How", "Some", "Many", "One",
        "Both",
    ];
}

/// True if `text` looks hard-wrapped: most lines that continue into another line have nearly the
/// same, moderate width. In such text a line break is just a space.
fn looks_hard_wrapped(text: &str) -> bool {
    let mut widths = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(next) = lines.peek() else { break };
        if !line.trim().is_empty() && !next.trim().is_empty() {
            widths.push(line.trim_end().chars().count());
        }
    }
    if widths.len() < 3 {
        return false;
    }
    let widest = widths.iter().copied().max().unwrap_or(0);
    if !(30..=120).contains(&widest) {
        return false;
    }
    let near_widest = widths.iter().filter(|&&w| w * 10 >= widest * 7).count();
    near_widest * 10 >= widths.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From every offset, in any order of questions, the next stop is the first of the six bytes.
    #[test]
    fn stops_are_the_first_of_the_six_bytes() {
        let text = "Why? Moscow said.\r\nIt is “so”… No! Yes.\n\nEnd";
        let bytes = text.as_bytes();
        let naive = |from: usize| (from..bytes.len()).find(|&i| b"\n\r.!?\xE2".contains(&bytes[i]));
        let mut stops = SentenceStops::new(bytes);
        for from in (0..=bytes.len())
            .chain((0..=bytes.len()).rev())
            .chain([3, 40, 0, 17])
        {
            assert_eq!(stops.next_from(from), naive(from), "from {from}");
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, &[])
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(sentences(text), expected, "splitting {text:?}");
    }

    #[test]
    fn run_on_text_is_cut_at_white_space_outside_names() {
        // Multi-byte characters everywhere, so no fixed offset is a char boundary (found by
        // fuzzing: the cut window once started inside one).
        let text = "“Iran” và Türkiye met ".repeat(1000);
        // Every "Türkiye met" is a name that must not be cut, white space and all.
        let protected: Vec<Span> = text
            .match_indices("Türkiye met")
            .map(|(at, name)| Span::new(at, at + name.len()))
            .collect();
        let pieces = split_sentences(&text, &protected);
        assert!(pieces.len() > 1);
        let mut end = 0;
        for piece in &pieces {
            assert!(piece.len() <= MAX_SENTENCE_BYTES);
            assert!(piece.start >= end);
            for name in &protected {
                assert!(!name.strictly_contains(piece.start) && !name.strictly_contains(piece.end));
            }
            end = piece.end;
        }
        let joined: String = pieces
            .iter()
            .map(|p| p.slice(&text))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, text.trim());
    }

    #[test]
    fn plain_sentences() {
        check(
            "Iran said no. Israel said yes! Did Russia agree? Nobody knows…",
            &[
                "Iran said no.",
                "Israel said yes!",
                "Did Russia agree?",
                "Nobody knows…",
            ],
        );
        check("", &[]);
        check("   \n\n  ", &[]);
        check("No stop at the end", &["No stop at the end"]);
    }

    #[test]
    fn abbreviations_and_initials() {
        check(
            "U.S. President Donald Trump met Mr. Putin. Gen. Qassem Soleimani was there.",
            &[
                "U.S. President Donald Trump met Mr. Putin.",
                "Gen. Qassem Soleimani was there.",
            ],
        );
        check(
            "George W. Bush and J. K. Rowling met on Jan. 21 in Washington.",
            &["George W. Bush and J. K. Rowling met on Jan. 21 in Washington."],
        );
        check(
            "Sanctions were imposed by the U.S. The move angered Tehran.",
            &[
                "Sanctions were imposed by the U.S.",
                "The move angered Tehran.",
            ],
        );
        check(
            "The U.S. Navy and U.N. officials agreed.",
            &["The U.S. Navy and U.N. officials agreed."],
        );
        check(
            "It grew 3.5 percent in 2018. 2019 was worse.",
            &["It grew 3.5 percent in 2018.", "2019 was worse."],
        );
        check(
            "The U.S.-led coalition struck. It said so.",
            &["The U.S.-led coalition struck.", "It said so."],
        );
        // The word before the period read across letters that are not ASCII: "É." is an
        // initial, "Pérez Inc." an abbreviation, "Gen." a title after a non-ASCII quote.
        check(
            "Jean É. Dupont met Pérez Inc. officials. “Gen. Smith” came. Ağrı. Then.",
            &[
                "Jean É. Dupont met Pérez Inc. officials.",
                "“Gen. Smith” came.",
                "Ağrı.",
                "Then.",
            ],
        );
    }

    #[test]
    fn words_before_a_period() {
        for (text, word) in [
            ("said.", "said"),
            ("the U.S.", "U.S"),
            ("(Gen.", "Gen"),
            ("Ağrı.", "Ağrı"),
            ("“Gen.", "Gen"),
            ("café’s co.", "co"),
            ("élan.", "élan"),
            (".", ""),
            ("...", ""),
        ] {
            assert_eq!(word_before(text, text.len() - 1), word, "{text}");
        }
    }

    #[test]
    fn quotes() {
        check(
            "“We do everything possible to prevent it.” He said it twice.",
            &[
                "“We do everything possible to prevent it.”",
                "He said it twice.",
            ],
        );
        check(
            "\"Stop!\" he shouted. \"Why?\" she asked.",
            &["\"Stop!\" he shouted.", "\"Why?\" she asked."],
        );
        check(
            "“It is an achievement,” he said in February. “This is an effective relationship.”",
            &[
                "“It is an achievement,” he said in February.",
                "“This is an effective relationship.”",
            ],
        );
    }

    #[test]
    fn headlines_and_paragraphs() {
        check(
            "Russia concerned about a clash\n\nMoscow seeks calm. It said so.\nIsrael agreed",
            &[
                "Russia concerned about a clash",
                "Moscow seeks calm.",
                "It said so.",
                "Israel agreed",
            ],
        );
        check(
            "A poster of Assad.  (photo credit: REUTERS)\nMoscow seeks calm",
            &[
                "A poster of Assad.",
                "(photo credit: REUTERS)",
                "Moscow seeks calm",
            ],
        );
        check(
            "Iran Russia\r\n\r\nIran, Russia closest allies",
            &["Iran Russia", "Iran, Russia closest allies"],
        );
        // A line that ends mid-clause or a next line that starts in lower case goes on.
        check(
            "Russia, Iran and\nTurkey met. The talks were\nlong",
            &["Russia, Iran and\nTurkey met.", "The talks were\nlong"],
        );
    }

    #[test]
    fn hard_wrapped_text_keeps_sentences_whole() {
        let text = "Russian Ambassador to Iran Levan Dzhagaryan said on Wednesday that\n\
                    Moscow seeks to prevent a military escalation between Iran and Israel in\n\
                    Syria and that both sides had been told so by the Russian Foreign\n\
                    Ministry. Israel did not comment on the remarks of the ambassador in Tehran.";
        assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
    }

    #[test]
    fn protected_spans_are_not_cut() {
        let text = "Russian Ambassador Levan\nDzhagaryan said it";
        assert_eq!(sentences(text).len(), 2);
        let start = text.find("Levan").unwrap();
        let end = text.find(" said").unwrap();
        let spans = split_sentences(text, &[Span::new(start, end)]);
        assert_eq!(spans, vec![Span::new(0, text.len())]);
    }

    #[test]
    fn spans_are_trimmed_and_on_char_boundaries() {
        let text = "  Émile a dit «non». Ça va.  ";
        for span in split_sentences(text, &[]) {
            let piece = span.slice(text);
            assert_eq!(piece, piece.trim());
        }
        check(text, &["Émile a dit «non».", "Ça va."]);
    }
}
