//! ASCII words eight bytes at a time: runs of letters and digits and the case of their letters
//! (the gazetteer's and the relations' tokenizers walk every word of every document, and most
//! words are ASCII), and a word's head as one integer, its capitals folded (the matcher's filter
//! and the relation rules' word tables hash and compare words that way). Inlined: a call per
//! word would cost what the eight-byte tests save.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `value` (every byte at most 0x7f) that is at least `b`.
/// `value + ONES * (0x80 - b)` carries out of no byte: it adds at most 0x80 to at most 0x7f.
#[inline]
fn at_least(value: u64, b: u64) -> u64 {
    (value + ONES * (0x80 - b)) & HIGH
}

/// For eight bytes read little-endian: the high bit of each byte that is not an ASCII letter or
/// digit, the others clear.
#[inline]
fn outside_word(bytes: u64) -> u64 {
    let ascii = !bytes & HIGH;
    let low = bytes & !HIGH;
    let digit = at_least(low, 0x30) & !at_least(low, 0x3a);
    // Setting bit 5 folds 'A'..='Z' onto 'a'..='z' and maps nothing else there.
    let letters = low | (ONES * 0x20);
    let letter = at_least(letters, 0x61) & !at_least(letters, 0x7b);
    !((digit | letter) & ascii) & HIGH
}

/// The end of the run of ASCII letters and digits that starts at `start`, at most `limit`.
#[inline]
pub fn alphanumeric_run_end(bytes: &[u8], start: usize, limit: usize) -> usize {
    let limit = limit.min(bytes.len());
    let mut end = start;
    while end + 8 <= limit {
        let chunk: [u8; 8] = bytes[end..end + 8].try_into().expect("eight bytes");
        let outside = outside_word(u64::from_le_bytes(chunk));
        if outside != 0 {
            return end + outside.trailing_zeros() as usize / 8;
        }
        end += 8;
    }
    while end < limit && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    end
}

/// How many of eight bytes read little-endian, from the first, are ASCII letters or digits: 8
/// if all are.
#[inline]
pub fn alphanumeric_prefix_len(bytes: u64) -> usize {
    // No bit set: 64 trailing zeros, eight bytes.
    outside_word(bytes).trailing_zeros() as usize / 8
}

/// Whether eight bytes read little-endian, each an ASCII letter, a digit or zero, hold a capital
/// letter, and a lower-case one. In a letter or digit, bit 0x40 marks a letter, and bit 0x20
/// then lower case.
#[inline]
pub fn letter_cases(word: u64) -> (bool, bool) {
    // Each byte's bit 0x40 moved onto its bit 0x20.
    let letter = word >> 1;
    let bit_5 = ONES * 0x20;
    (letter & !word & bit_5 != 0, letter & word & bit_5 != 0)
}

/// `bytes` with all but its first `len` bytes (little-endian) cleared; `len` at most 8.
#[inline]
pub fn first_bytes(bytes: u64, len: usize) -> u64 {
    if len >= 8 {
        bytes
    } else {
        bytes & ((1 << (8 * len)) - 1)
    }
}

/// The eight bytes from `start` read little-endian, zero past the end of `bytes`: a word's head
/// as one integer, to hash or compare. In the middle of a text one unaligned load.
#[inline]
pub fn eight_bytes_at(bytes: &[u8], start: usize) -> u64 {
    let rest = &bytes[start.min(bytes.len())..];
    match rest.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        // Byte by byte: a copy of a variable length would be a call.
        None => rest
            .iter()
            .rev()
            .fold(0, |head, &b| (head << 8) | u64::from(b)),
    }
}

/// A word as one integer: its head ([`eight_bytes_at`], masked to the word if it is shorter)
/// and its length. Equal words give equal keys; [`key_bits`] hashes a key.
#[inline]
pub fn word_key(head: u64, len: usize) -> u64 {
    first_bytes(head, len) ^ (len as u64).rotate_right(8)
}

/// The top `bits` bits of `key` multiplied through (Fibonacci hashing): an index into a table
/// of `1 << bits` entries.
#[inline]
pub fn key_bits(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// Eight bytes read little-endian, with ASCII capitals lower-cased and every other byte as it
/// was: one word's head folded at once, without a copy.
#[inline]
pub fn lowercase_eight(bytes: u64) -> u64 {
    let ascii = !bytes & HIGH;
    let low = bytes & !HIGH;
    let capital = at_least(low, 0x41) & !at_least(low, 0x5b) & ascii;
    // The high bit of a capital's byte, moved to 0x20: the bit that makes it lower case.
    bytes | (capital >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position of a chunk, and in the byte-wise tail.
    #[test]
    fn runs_end_at_the_first_byte_outside() {
        for byte in 0..=255u8 {
            for position in 0..12 {
                let mut bytes = *b"aZ09bY18cX27";
                bytes[position] = byte;
                let all = alphanumeric_run_end(&bytes, 0, bytes.len());
                let first_outside = bytes
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len());
                assert_eq!(all, first_outside, "{byte:#04x} at {position}");
                let head = eight_bytes_at(&bytes, 0);
                assert_eq!(
                    alphanumeric_prefix_len(head),
                    first_outside.min(8),
                    "{byte:#04x} at {position}"
                );
                let word = &bytes[..first_outside.min(8)];
                assert_eq!(
                    letter_cases(first_bytes(head, word.len())),
                    (
                        word.iter().any(u8::is_ascii_uppercase),
                        word.iter().any(u8::is_ascii_lowercase)
                    ),
                    "{byte:#04x} at {position}"
                );
            }
        }
    }

    #[test]
    fn runs_stop_at_the_limit() {
        let bytes = b"internationally";
        for limit in 0..=bytes.len() {
            assert_eq!(alphanumeric_run_end(bytes, 0, limit), limit);
            assert_eq!(alphanumeric_run_end(bytes, 3, limit.max(3)), limit.max(3));
        }
    }

    #[test]
    fn eight_bytes_at_pads_with_zeros_past_the_end() {
        let bytes = b"abcdefghij";
        for start in 0..=bytes.len() + 1 {
            let mut expected = [0; 8];
            for (slot, &b) in expected.iter_mut().zip(bytes.iter().skip(start)) {
                *slot = b;
            }
            assert_eq!(
                eight_bytes_at(bytes, start),
                u64::from_le_bytes(expected),
                "{start}"
            );
        }
    }

    #[test]
    fn lowercase_eight_folds_ascii_capitals_only() {
        for byte in 0..=255u8 {
            for position in 0..8 {
                let mut bytes = *b"aZ09bY1?";
                bytes[position] = byte;
                let mut expected = bytes;
                expected.make_ascii_lowercase();
                assert_eq!(
                    lowercase_eight(u64::from_le_bytes(bytes)),
                    u64::from_le_bytes(expected),
                    "{byte:#04x} at {position}"
                );
            }
        }
    }
}
