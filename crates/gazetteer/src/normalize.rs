//! Text normalization for matching, with a map back to the original byte offsets.
//!
//! Matching runs on a normalized copy of the text, never on the text itself, so that every
//! surface variation the gazetteer should ignore disappears in one pass:
//!
//! * every run of non-word characters (spaces, line breaks, hyphens, dots, straight and curly
//!   apostrophes and quotes) becomes one space: "al-Assad", "al Assad" and "al\nAssad" read the
//!   same, and "Iran’s" reads as "iran s", leaving "iran" a whole token;
//! * letters are lower-cased and Latin diacritics folded ("Élysée" reads "elysee"), except in
//!   tokens written wholly in capitals, which keep their case: that is what lets the acronym
//!   "US" match "US" but not the pronoun "us", while "IRAN" in a shouting headline still matches
//!   the upper-case variant of "Iran";
//! * the normalized text starts and ends with a space, so a pattern written as `" iran "` can
//!   only match a whole token. Token boundaries are part of the match itself, which is what keeps
//!   leftmost-longest matching from picking "the UK" inside "the Ukraine" and then hiding
//!   "Ukraine".
//!
//! Gazetteer aliases go through the same function, so text and patterns always agree.

use actorgraph_core::ascii;

/// A normalized copy of a text with the offsets needed to map positions back.
#[derive(Debug)]
pub(crate) struct NormalizedText {
    bytes: Vec<u8>,
    /// `(normalized offset, original offset)` at every point where their difference changes.
    /// Between two checkpoints the two texts advance byte for byte.
    checkpoints: Vec<(u32, u32)>,
    original_len: usize,
    /// Where the separators are, in order: the matcher walks these rather than search the bytes
    /// for spaces again.
    separators: Vec<u32>,
}

impl NormalizedText {
    pub(crate) fn new(text: &str) -> NormalizedText {
        assert!(
            u32::try_from(text.len()).is_ok(),
            "documents are limited to 4 GiB"
        );
        let mut out = NormalizedText {
            bytes: Vec::with_capacity(text.len() + 2),
            checkpoints: Vec::new(),
            original_len: text.len(),
            // News runs about six bytes a token.
            separators: Vec::with_capacity(text.len() / 6 + 2),
        };
        out.push_separator(0);
        let mut at_separator = true;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() && !b.is_ascii_alphanumeric() {
                if !at_separator {
                    out.push_separator(i);
                    at_separator = true;
                }
                i += 1;
                continue;
            }
            // Most of news text is runs of lower-case words between single spaces, which are
            // their own normalized form: copied as they stand, a run needs one checkpoint.
            if ASCII_CLASS[usize::from(b)] & (LOWER | DIGIT) != 0 {
                // The run is copied to here: its spaces are separators at the same distance.
                let copied_at = out.bytes.len();
                let separators = &mut out.separators;
                let run_end = lower_case_run_end(bytes, i, |space| {
                    separators.push((copied_at + (space - i)) as u32);
                });
                if run_end > i {
                    out.record(i);
                    out.bytes.extend_from_slice(&bytes[i..run_end]);
                    at_separator = false;
                    i = run_end;
                    continue;
                }
            }
            // Other ASCII tokens of letters and digits up to an ASCII separator: one pass over
            // the bytes finds the end and the case. Others are read by character.
            let ascii = b.is_ascii().then(|| ascii_token(bytes, i)).flatten();
            let (token_end, keep_case) = match ascii {
                Some(token) => token,
                None => {
                    let c = text[i..].chars().next().expect("i is on a char boundary");
                    if !is_word_char(c) {
                        if !at_separator {
                            out.push_separator(i);
                            at_separator = true;
                        }
                        i += c.len_utf8();
                        continue;
                    }
                    let token_end = i + text[i..]
                        .find(|c: char| !is_word_char(c))
                        .unwrap_or(text.len() - i);
                    (token_end, is_capitals(&text[i..token_end]))
                }
            };
            let token = &text[i..token_end];
            // A middle initial between two names ("Dmitri A. Medvedev", "George W. Bush") is
            // left out, so the full name matches. "U.S." is no such initial: its letters do not
            // stand between two lower-case-led names.
            if is_middle_initial(text, token_end, &out.bytes) {
                i = token_end;
                continue;
            }
            if token.is_ascii() {
                // Byte for byte: one checkpoint at most, however long the token.
                out.record(i);
                let from = out.bytes.len();
                out.bytes.extend_from_slice(token.as_bytes());
                if !keep_case {
                    out.bytes[from..].make_ascii_lowercase();
                }
            } else {
                for (offset, c) in token.char_indices() {
                    out.push_char(c, i + offset, keep_case);
                }
            }
            at_separator = false;
            i = token_end;
        }
        if !at_separator {
            out.push_separator(text.len());
        }
        out
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The offsets of the separators (every space of [`NormalizedText::as_bytes`]), in order.
    pub(crate) fn separators(&self) -> &[u32] {
        &self.separators
    }

    /// The original offset of the character whose normalized form starts at `normalized`.
    ///
    /// For the separator that follows a token this is the offset just past the token, so a
    /// normalized token span maps to the original token span.
    pub(crate) fn original_offset(&self, normalized: usize) -> usize {
        if normalized >= self.bytes.len() {
            return self.original_len;
        }
        let index = self
            .checkpoints
            .partition_point(|&(n, _)| n as usize <= normalized);
        let (n, o) = self.checkpoints[index - 1];
        let offset = o as usize + (normalized - n as usize);
        offset.min(self.original_len)
    }

    fn record(&mut self, original: usize) {
        let normalized = self.bytes.len() as u32;
        let original = original as u32;
        let in_step = self
            .checkpoints
            .last()
            .is_some_and(|&(n, o)| normalized.wrapping_sub(n) == original.wrapping_sub(o));
        if !in_step {
            self.checkpoints.push((normalized, original));
        }
    }

    fn push_separator(&mut self, original: usize) {
        self.record(original);
        self.separators.push(self.bytes.len() as u32);
        self.bytes.push(b' ');
    }

    fn push_char(&mut self, c: char, original: usize, keep_case: bool) {
        self.record(original);
        if c.is_ascii() {
            let b = c as u8;
            self.bytes
                .push(if keep_case { b } else { b.to_ascii_lowercase() });
            return;
        }
        if let Some(base) = fold_latin(c) {
            for b in base.bytes() {
                self.bytes.push(if keep_case && c.is_uppercase() {
                    b.to_ascii_uppercase()
                } else {
                    b.to_ascii_lowercase()
                });
            }
            return;
        }
        let mut buf = [0u8; 4];
        if keep_case {
            self.bytes
                .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        } else {
            for lower in c.to_lowercase() {
                self.bytes
                    .extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;

/// For each byte: `UPPER`, `LOWER` or `DIGIT` for ASCII letters and digits, else 0 (a separator,
/// or a byte of a character that is not ASCII).
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_lowercase() {
            LOWER
        } else if byte.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Normalizes an alias the way [`NormalizedText`] normalizes text, without the outer spaces.
pub(crate) fn normalize_alias(alias: &str) -> String {
    let normalized = NormalizedText::new(alias);
    let text = String::from_utf8(normalized.bytes).expect("normalization keeps UTF-8");
    text.trim().to_owned()
}

/// True if the normalized alias keeps capitals only: an acronym such as "IDF" or "U S", which
/// must be matched exactly as written.
pub(crate) fn is_case_sensitive(normalized: &str) -> bool {
    !normalized.is_empty() && !normalized.chars().any(char::is_lowercase)
}

fn is_word_char(c: char) -> bool {
    // News text is full of curly quotes and dashes, from the General Punctuation block, where
    // nothing is a letter or digit: answered without the Unicode tables.
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// True if the one-letter capital token ending at `token_end` is a middle initial: followed by
/// ". " and a capitalized word in lower case after its first letter, and preceded by a name
/// that was lower-cased (so not by another initial).
fn is_middle_initial(text: &str, token_end: usize, normalized: &[u8]) -> bool {
    let token_start = token_end.saturating_sub(1);
    if !text.is_char_boundary(token_start)
        || !text.as_bytes()[token_start].is_ascii_uppercase()
        || token_start > 0 && text.as_bytes()[token_start - 1].is_ascii_alphanumeric()
    {
        return false;
    }
    let Some(rest) = text[token_end..].strip_prefix(". ") else {
        return false;
    };
    let mut next = rest.chars();
    let next_is_name = next.next().is_some_and(|c| c.is_uppercase())
        && next.next().is_some_and(|c| c.is_lowercase());
    // The previous token: two or more lower-case letters before the separator.
    let previous = normalized
        .strip_suffix(b" ")
        .map(|p| {
            p.iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count()
                >= 2
                && p.iter()
                    .rev()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        .unwrap_or(false);
    next_is_name && previous
}

/// The end of the run of whole lower-case words (ASCII lower-case letters and digits) joined by
/// single spaces that starts at `start`: each word must end at an ASCII byte that is not an
/// upper-case letter (which would make a mixed-case word), and a space counts only with such a
/// word after it. `start` itself if no whole word starts there. `on_space` gets the offset of
/// each space inside the run.
fn lower_case_run_end(bytes: &[u8], start: usize, mut on_space: impl FnMut(usize)) -> usize {
    let is_lower_word_byte = |b: u8| ASCII_CLASS[usize::from(b)] & (LOWER | DIGIT) != 0;
    let mut run_end = start;
    let mut i = start;
    loop {
        let end = ascii::lower_alphanumeric_run_end(bytes, i, bytes.len());
        let ends_word = end > i
            && bytes
                .get(end)
                .is_none_or(|&b| b.is_ascii() && ASCII_CLASS[usize::from(b)] & UPPER == 0);
        if !ends_word {
            return run_end;
        }
        if i > start {
            on_space(i - 1);
        }
        run_end = end;
        match bytes.get(end..end + 2) {
            Some([b' ', next]) if is_lower_word_byte(*next) => i = end + 1,
            _ => return run_end,
        }
    }
}

/// The ASCII token of letters and digits starting at `start`, if an ASCII byte (or the end)
/// follows it: its end, and whether it is in capitals only ([`is_capitals`]).
fn ascii_token(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut cases = 0;
    let mut end = start;
    while let Some(&class) = bytes.get(end).map(|&b| &ASCII_CLASS[usize::from(b)]) {
        if class == 0 {
            break;
        }
        cases |= class;
        end += 1;
    }
    bytes
        .get(end)
        .is_none_or(u8::is_ascii)
        .then_some((end, cases & UPPER != 0 && cases & LOWER == 0))
}

/// A token is kept in capitals when it has at least one capital letter and no lower-case one.
fn is_capitals(token: &str) -> bool {
    let mut capitals = false;
    for c in token.chars() {
        if c.is_lowercase() {
            return false;
        }
        capitals |= c.is_uppercase();
    }
    capitals
}

/// The ASCII base letters of a Latin letter with diacritics, in the letter's own case.
fn fold_latin(c: char) -> Option<&'static str> {
    let upper = c.is_uppercase();
    let pick = |u: &'static str, l: &'static str| Some(if upper { u } else { l });
    match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => pick("A", "a"),
        'Æ' | 'æ' => pick("AE", "ae"),
        'Ç' | 'ç' | 'Ć'..='č' => pick("C", "c"),
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' | 'Ə' | 'ə' => pick("E", "e"),
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => pick("I", "i"),
        'Ð' | 'ð' | 'Ď'..='đ' => pick("D", "d"),
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => pick("N", "n"),
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => pick("O", "o"),
        'Œ' | 'œ' => pick("OE", "oe"),
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => pick("U", "u"),
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => pick("Y", "y"),
        'Þ' | 'þ' => pick("TH", "th"),
        'ß' => Some("ss"),
        'Ĝ'..='ģ' => pick("G", "g"),
        'Ĥ'..='ħ' => pick("H", "h"),
        'Ĳ' | 'ĳ' => pick("IJ", "ij"),
        'Ĵ' | 'ĵ' => pick("J", "j"),
        'Ķ'..='ĸ' => pick("K", "k"),
        'Ĺ'..='ł' => pick("L", "l"),
        'Ŕ'..='ř' => pick("R", "r"),
        'Ś'..='š' | 'Ș' | 'ș' | 'ſ' => pick("S", "s"),
        'Ţ'..='ŧ' | 'Ț' | 'ț' => pick("T", "t"),
        'Ŵ' | 'ŵ' => pick("W", "w"),
        'Ź'..='ž' => pick("Z", "z"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(text: &str) -> String {
        String::from_utf8(NormalizedText::new(text).bytes).unwrap()
    }

    /// The shortcut in `is_word_char` answers as the Unicode tables would.
    #[test]
    fn general_punctuation_holds_no_word_characters() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn folds_what_matching_ignores() {
        assert_eq!(normalized("Iran’s"), " iran s ");
        assert_eq!(normalized("Bashar al-Assad"), " bashar al assad ");
        assert_eq!(normalized("Levan\r\n  Dzhagaryan"), " levan dzhagaryan ");
        assert_eq!(normalized("Élysée"), " elysee ");
        assert_eq!(normalized("Erdoğan, Türkiye"), " erdogan turkiye ");
        assert_eq!(normalized("U.S. and us"), " U S and us ");
        assert_eq!(normalized("IRAN STRIKES"), " IRAN STRIKES ");
        assert_eq!(normalized("Путин"), " путин ");
        assert_eq!(normalized("Dmitri A. Medvedev"), " dmitri medvedev ");
        assert_eq!(
            normalized("George W. Bush and J. K. Rowling"),
            " george bush and J K rowling "
        );
        assert_eq!(normalized("the U.S. Navy"), " the U S navy ");
        assert_eq!(normalized(""), " ");
        assert_eq!(normalized("—"), " ");
    }

    /// The normalized tokens of `text` whose original span does not normalize back to them.
    fn tokens_not_mapped_back(text: &str) -> Vec<(String, String)> {
        let n = NormalizedText::new(text);
        let hay = std::str::from_utf8(n.as_bytes()).unwrap();
        let mut wrong = Vec::new();
        let mut start = 0;
        for token in hay.split(' ') {
            let end = start + token.len();
            let original = &text[n.original_offset(start)..n.original_offset(end)];
            if !token.is_empty() && normalize_alias(original) != token {
                wrong.push((token.to_owned(), original.to_owned()));
            }
            start = end + 1;
        }
        wrong
    }

    #[test]
    fn maps_token_spans_back() {
        let text = "“Élysée’s  al-Assad” U.S.";
        assert_eq!(tokens_not_mapped_back(text), []);
        let n = NormalizedText::new(text);
        let hay = std::str::from_utf8(n.as_bytes()).unwrap();
        assert_eq!(n.original_offset(0), 0);
        assert_eq!(n.original_offset(hay.len() - 1), text.len() - 1);
    }

    #[test]
    fn lower_case_runs_end_where_a_word_needs_reading() {
        // A mixed-case word, a word running into a non-ASCII letter, a double space, a final
        // word: each ends the copied run, and the general path gives the same text.
        assert_eq!(normalized("the iPhone and"), " the iphone and ");
        assert_eq!(normalized("a cafe café"), " a cafe cafe ");
        assert_eq!(normalized("a  b c"), " a b c ");
        assert_eq!(normalized("said George W. Bush"), " said george bush ");
        assert_eq!(normalized("us US 2020s"), " us US 2020s ");
        assert_eq!(normalized("x"), " x ");
    }

    proptest::proptest! {
        /// Every normalized token maps back to original text that normalizes to that token,
        /// whichever path (a copied lower-case run or a word read on its own) produced it.
        #[test]
        fn every_token_maps_back(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "the", "iran", "Iran", "IRAN", "US", "us", "iPhone", "café", "Élysée", "2020s", "W.",
            " ", "  ", "\n", ", ", "-", "’s", ".", "al-Assad", "Путин", "x",
        ]), 0..24)) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(tokens_not_mapped_back(&text), []);
        }

        /// The separators recorded are every space of the normalized text, for any text.
        #[test]
        fn separators_are_the_spaces(text in "\\PC{0,40}", pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Iran", "iran", "the", "2020s", "W.", " ", "ß", "Ǆ", "İ", "ﬁ", "’s", "-", "iPhone",
            ]),
            0..12,
        )) {
            let text = text + &pieces.concat();
            let normalized = NormalizedText::new(&text);
            let spaces: Vec<u32> = memchr::memchr_iter(b' ', normalized.as_bytes())
                .map(|i| i as u32)
                .collect();
            proptest::prop_assert_eq!(normalized.separators(), &spaces[..]);
        }
    }

    #[test]
    fn case_sensitivity_of_aliases() {
        assert!(is_case_sensitive(&normalize_alias("IDF")));
        assert!(is_case_sensitive(&normalize_alias("U.S.")));
        assert!(!is_case_sensitive(&normalize_alias("Iran")));
        assert!(!is_case_sensitive(&normalize_alias("UN Security Council")));
    }
}
