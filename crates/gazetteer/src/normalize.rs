//! Text normalization for matching: a text as tokens, each mapped back to its original bytes.
//!
//! Matching reads the text's normalized form, never the text itself, so that every surface
//! variation the gazetteer should ignore disappears:
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
//! That normalized text is never written out whole: [`tokenize`] finds its tokens in the
//! original text, and a token yields its normalized bytes only when the matcher reads them,
//! which it does for the few tokens its filter lets through. Gazetteer aliases go through the
//! same tokens ([`normalize_alias`]), so text and patterns always agree.

use actorgraph_core::ascii::{self, eight_bytes_at};

/// One token of a text as matching reads it: a run of word characters, with how it normalizes.
/// The normalized text is never built: the matcher keys tokens and feeds them to its automaton
/// straight from the original text, and only the few it reads need their normalized bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Original byte offsets; the token's normalized form maps back to exactly this span.
    pub start: u32,
    pub end: u32,
    /// ASCII letters and digits only: normalized byte for byte.
    ascii: bool,
    /// In capitals only ([`is_capitals`]): the case is kept.
    keep_case: bool,
    /// The normalized form as one integer ([`ascii::word_key`] of its head and length), which
    /// the matcher's filter hashes: for an ASCII token, made from the bytes the tokenizer has
    /// just read.
    pub key: u64,
}

impl Token {
    pub(crate) fn span(self) -> (usize, usize) {
        (self.start as usize, self.end as usize)
    }

    /// Appends the token's normalized form to `out`.
    pub(crate) fn push_normalized(self, text: &str, out: &mut Vec<u8>) {
        let (start, end) = self.span();
        let token = &text[start..end];
        if self.ascii {
            let from = out.len();
            out.extend_from_slice(token.as_bytes());
            if !self.keep_case {
                out[from..].make_ascii_lowercase();
            }
            return;
        }
        for c in token.chars() {
            push_normalized_char(c, self.keep_case, out);
        }
    }

    /// The token's normalized bytes, and whether they are still to be lower-cased: an ASCII
    /// token's own bytes, read in place; another token's normalized form, written to `scratch`.
    #[inline]
    pub(crate) fn normalized_bytes<'a>(
        self,
        text: &'a str,
        scratch: &'a mut Vec<u8>,
    ) -> (&'a [u8], bool) {
        let (start, end) = self.span();
        if self.ascii {
            return (&text.as_bytes()[start..end], !self.keep_case);
        }
        scratch.clear();
        self.push_normalized(text, scratch);
        (scratch, false)
    }
}

/// Appends the tokens of `text` to `tokens`, in order: what the normalized text would hold
/// between its separators.
///
/// Every run of characters that are not letters or digits (spaces, line breaks, hyphens, dots,
/// apostrophes and quotes, straight or curly) separates two tokens, and a middle initial
/// between two names is no token at all.
pub(crate) fn tokenize(text: &str, tokens: &mut Vec<Token>) {
    assert!(
        u32::try_from(text.len()).is_ok(),
        "documents are limited to 4 GiB"
    );
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // Most tokens are ASCII letters and digits up to an ASCII separator: their end and
            // their case come from the bytes, eight at a time.
            let head = eight_bytes_at(bytes, i);
            let len = ascii::alphanumeric_prefix_len(head);
            let (mut upper, mut lower) = ascii::letter_cases(ascii::first_bytes(head, len));
            let mut end = i + len;
            // A longer word: its end and its case together, eight bytes at a time.
            let mut chunk_len = len;
            while chunk_len == 8 {
                let chunk = eight_bytes_at(bytes, end);
                chunk_len = ascii::alphanumeric_prefix_len(chunk);
                let (u, l) = ascii::letter_cases(ascii::first_bytes(chunk, chunk_len));
                (upper, lower, end) = (upper | u, lower | l, end + chunk_len);
            }
            let ascii = match bytes.get(end) {
                Some(next) if !next.is_ascii() => !text[end..].starts_with(is_word_char),
                _ => true,
            };
            if ascii {
                let initial = end - i == 1 && upper;
                if !(initial && is_middle_initial(text, end, tokens.last())) {
                    let keep_case = upper && !lower;
                    let head = if keep_case {
                        head
                    } else {
                        ascii::lowercase_eight(head)
                    };
                    tokens.push(Token {
                        start: i as u32,
                        end: end as u32,
                        ascii: true,
                        keep_case,
                        key: ascii::word_key(head, end - i),
                    });
                }
                // Words are mostly one space apart.
                i = end + usize::from(bytes.get(end) == Some(&b' '));
                continue;
            }
        } else if b.is_ascii() {
            i += 1;
            continue;
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        let end = i + text[i..]
            .find(|c: char| !is_word_char(c))
            .unwrap_or(text.len() - i);
        let mut token = Token {
            start: i as u32,
            end: end as u32,
            ascii: false,
            keep_case: is_capitals(&text[i..end]),
            key: 0,
        };
        // Rare enough that a buffer of its own costs less than one kept through the loop.
        let mut normalized = Vec::new();
        token.push_normalized(text, &mut normalized);
        token.key = ascii::word_key(eight_bytes_at(&normalized, 0), normalized.len());
        tokens.push(token);
        i = end;
    }
}

fn push_normalized_char(c: char, keep_case: bool, out: &mut Vec<u8>) {
    if c.is_ascii() {
        let b = c as u8;
        out.push(if keep_case { b } else { b.to_ascii_lowercase() });
        return;
    }
    if let Some(base) = fold_latin(c) {
        for b in base.bytes() {
            out.push(if keep_case && c.is_uppercase() {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            });
        }
        return;
    }
    let mut buf = [0u8; 4];
    if keep_case {
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    } else {
        for lower in c.to_lowercase() {
            out.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// An alias normalized: its tokens' normalized forms joined by single spaces.
pub(crate) fn normalize_alias(alias: &str) -> String {
    let mut tokens = Vec::new();
    tokenize(alias, &mut tokens);
    let mut normalized = Vec::with_capacity(alias.len());
    for (index, token) in tokens.iter().enumerate() {
        if index > 0 {
            normalized.push(b' ');
        }
        token.push_normalized(alias, &mut normalized);
    }
    String::from_utf8(normalized).expect("normalization keeps UTF-8")
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
/// that was lower-cased (so not by another initial): "Dmitri A. Medvedev", "George W. Bush",
/// not "the U.S. Navy" or "J. K. Rowling".
fn is_middle_initial(text: &str, token_end: usize, previous: Option<&Token>) -> bool {
    let Some(rest) = text[token_end..].strip_prefix(". ") else {
        return false;
    };
    let mut next = rest.chars();
    let next_is_name = next.next().is_some_and(|c| c.is_uppercase())
        && next.next().is_some_and(|c| c.is_lowercase());
    if !next_is_name {
        return false;
    }
    // The previous token ends in two or more ASCII letters or digits, none of them capitals
    // once normalized.
    let Some(previous) = previous else {
        return false;
    };
    let mut normalized = Vec::new();
    previous.push_normalized(text, &mut normalized);
    let mut tail = normalized
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric());
    tail.clone().count() >= 2 && tail.all(|b| !b.is_ascii_uppercase())
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

    fn tokens(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        tokens
    }

    /// The normalized text: a separator, then each token and a separator.
    fn normalized(text: &str) -> String {
        let mut bytes = vec![b' '];
        for token in tokens(text) {
            token.push_normalized(text, &mut bytes);
            bytes.push(b' ');
        }
        String::from_utf8(bytes).unwrap()
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

    /// The normalized tokens of `text` whose original span does not normalize back to them, or
    /// whose normalized form is not one token.
    fn tokens_not_mapped_back(text: &str) -> Vec<(String, String)> {
        let mut wrong = Vec::new();
        for token in tokens(text) {
            let mut bytes = Vec::new();
            token.push_normalized(text, &mut bytes);
            let normalized = String::from_utf8(bytes).unwrap();
            let (start, end) = token.span();
            let original = &text[start..end];
            if normalized.is_empty()
                || normalized.contains(' ')
                || normalize_alias(original) != normalized
            {
                wrong.push((normalized, original.to_owned()));
            }
        }
        wrong
    }

    #[test]
    fn maps_token_spans_back() {
        let text = "“Élysée’s  al-Assad” U.S.";
        assert_eq!(tokens_not_mapped_back(text), []);
        let spans: Vec<(usize, usize)> = tokens(text).iter().map(|t| t.span()).collect();
        assert_eq!(spans.first().map(|s| s.0), Some("“".len()));
        assert_eq!(spans.last().map(|s| s.1), Some(text.len() - 1));
    }

    #[test]
    fn ascii_tokens_end_where_a_word_needs_reading() {
        // A mixed-case word, a word running into a non-ASCII letter, a double space, a final
        // word, capitals past the eighth byte: read in place or by character, the same text.
        assert_eq!(normalized("the iPhone and"), " the iphone and ");
        assert_eq!(normalized("a cafe café"), " a cafe cafe ");
        assert_eq!(normalized("a  b c"), " a b c ");
        assert_eq!(normalized("said George W. Bush"), " said george bush ");
        assert_eq!(normalized("us US 2020s"), " us US 2020s ");
        assert_eq!(normalized("x"), " x ");
        assert_eq!(
            normalized("SANCTIONSx SANCTIONS9 abcdefghI"),
            " sanctionsx SANCTIONS9 abcdefghi "
        );
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

        /// Tokens are in order, apart, on character boundaries, and each reads as one
        /// normalized token, for any text.
        #[test]
        fn tokens_are_ordered_and_apart(text in "\\PC{0,40}", pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Iran", "iran", "the", "2020s", "W.", " ", "ß", "Ǆ", "İ", "ﬁ", "’s", "-", "iPhone",
            ]),
            0..12,
        )) {
            let text = text + &pieces.concat();
            let mut last_end = None;
            for token in tokens(&text) {
                let (start, end) = token.span();
                proptest::prop_assert!(start < end);
                proptest::prop_assert!(last_end.is_none_or(|last| last < start));
                proptest::prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
                last_end = Some(end);
            }
            proptest::prop_assert_eq!(tokens_not_mapped_back(&text), []);
        }

        /// A token's key, made from the bytes read in place, is its normalized form's.
        #[test]
        fn keys_read_in_place_are_the_normalized_forms_keys(text in "[a-zA-Z0-9 .é’]{0,40}") {
            for token in tokens(&text) {
                let mut normalized = Vec::new();
                token.push_normalized(&text, &mut normalized);
                proptest::prop_assert_eq!(
                    token.key,
                    ascii::word_key(eight_bytes_at(&normalized, 0), normalized.len())
                );
            }
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
