//! Bytes of a text file to text: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order
//! mark, and Windows-1252 (which contains Latin-1's printable range) where no other reading fits.
//! Anything else is skipped with its reason, never guessed at: a file with NUL bytes is binary,
//! and UTF-8 with a broken byte stays broken rather than turning into mojibake.

use std::fmt;

/// Why bytes are not text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NotText {
    /// Invalid UTF-8 in a file that is UTF-8 elsewhere.
    BrokenUtf8 { offset: usize },
    /// A UTF-16 byte-order mark, then an odd length or an unpaired surrogate.
    BrokenUtf16,
    /// NUL bytes (and no UTF-16 mark): an image, an archive, a database.
    Binary { offset: usize },
    /// Neither UTF-8 nor Windows-1252: a byte Windows-1252 leaves undefined.
    UnknownEncoding { offset: usize, byte: u8 },
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotText::BrokenUtf8 { offset } => {
                write!(f, "not valid UTF-8 (first bad byte at offset {offset})")
            }
            NotText::BrokenUtf16 => f.write_str("not valid UTF-16 after its byte-order mark"),
            NotText::Binary { offset } => write!(f, "a binary file (NUL byte at offset {offset})"),
            NotText::UnknownEncoding { offset, byte } => write!(
                f,
                "not UTF-8, UTF-16 or Windows-1252 (byte 0x{byte:02x} at offset {offset} fits none)"
            ),
        }
    }
}

/// The encoding bytes were read in, when it was not plain UTF-8: worth a note to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decoded {
    Utf8,
    Utf8WithBom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Decoded {
    /// How to tell the user, or `None` for plain UTF-8.
    pub(crate) fn note(self) -> Option<&'static str> {
        match self {
            Decoded::Utf8 | Decoded::Utf8WithBom => None,
            Decoded::Utf16Le => Some("decoded as UTF-16 (little-endian, from its byte-order mark)"),
            Decoded::Utf16Be => Some("decoded as UTF-16 (big-endian, from its byte-order mark)"),
            Decoded::Windows1252 => Some("not UTF-8; decoded as Windows-1252 (Latin-1)"),
        }
    }
}

/// Windows-1252's characters for bytes 0x80-0x9F; `None` where it defines none.
const WINDOWS_1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Reads `bytes` as text.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<(String, Decoded), NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_owned(), Decoded::Utf8WithBom)),
            Err(e) => Err(NotText::BrokenUtf8 {
                offset: 3 + e.valid_up_to(),
            }),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, Decoded::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, Decoded::Utf16Be));
    }
    let error = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, Decoded::Utf8)),
        Err(error) => error,
    };
    let offset = error.utf8_error().valid_up_to();
    let bytes = error.into_bytes();
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(NotText::Binary { offset: nul });
    }
    // Text that is UTF-8 elsewhere (it has a valid multi-byte sequence) and breaks somewhere is
    // damaged UTF-8: read as Windows-1252 it would turn into mojibake.
    if has_utf8_sequence(&bytes) {
        return Err(NotText::BrokenUtf8 { offset });
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for (index, &byte) in bytes.iter().enumerate() {
        let c = match byte {
            0x80..=0x9F => {
                WINDOWS_1252_HIGH[usize::from(byte - 0x80)].ok_or(NotText::UnknownEncoding {
                    offset: index,
                    byte,
                })?
            }
            byte => char::from(byte),
        };
        text.push(c);
    }
    Ok((text, Decoded::Windows1252))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, NotText> {
    if bytes.len() % 2 != 0 {
        return Err(NotText::BrokenUtf16);
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| NotText::BrokenUtf16)
}

/// True if `bytes` hold at least one well-formed multi-byte UTF-8 sequence.
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let length = match bytes[i] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(sequence) = bytes.get(i..i + length) {
            if std::str::from_utf8(sequence).is_ok() {
                return true;
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_read_where_they_are_clear() {
        let ok = |bytes: &[u8]| decode(bytes.to_vec()).unwrap();
        assert_eq!(ok(b"Iran"), ("Iran".to_owned(), Decoded::Utf8));
        assert_eq!(
            ok(b"\xEF\xBB\xBFIran"),
            ("Iran".to_owned(), Decoded::Utf8WithBom)
        );
        assert_eq!(ok(b"\xFF\xFEI\0r\0"), ("Ir".to_owned(), Decoded::Utf16Le));
        assert_eq!(ok(b"\xFE\xFF\0I\0r"), ("Ir".to_owned(), Decoded::Utf16Be));
        assert_eq!(
            ok(b"Caf\xe9 \x93Iran\x94 \x96 S\xe3o Paulo"),
            ("Café “Iran” – São Paulo".to_owned(), Decoded::Windows1252)
        );
    }

    #[test]
    fn what_is_not_text_says_why() {
        let err = |bytes: &[u8]| decode(bytes.to_vec()).unwrap_err();
        assert_eq!(err(b"PK\x03\x04\0\0\xff"), NotText::Binary { offset: 4 });
        // UTF-8 elsewhere ("—"), then a stray byte: damaged, not Windows-1252.
        assert_eq!(
            err(b"Iran \xe2\x80\x94 said \xff"),
            NotText::BrokenUtf8 { offset: 14 }
        );
        assert_eq!(err(b"\xFF\xFEI\0r"), NotText::BrokenUtf16);
        assert_eq!(err(b"\xFF\xFE\x00\xD8"), NotText::BrokenUtf16);
        assert_eq!(
            err(b"caf\x81"),
            NotText::UnknownEncoding {
                offset: 3,
                byte: 0x81
            }
        );
    }
}
