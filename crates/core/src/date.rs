//! Calendar dates as documents carry them: checked `YYYY-MM-DD` strings, and the dateline a news
//! page prints near its top ("January 21, 2021 at 12:52 pm", "10 July 2018", "2018-07-10").

use crate::Span;

/// Months as news writes them, full and abbreviated (with or without the period, which the
/// tokenizer below drops).
const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// How many non-empty lines from the top may hold the dateline: past the headline, a teaser and
/// a byline, dates are in the story ("on May 10, 2018, Syria fired") and say nothing of when it
/// was written.
const DATELINE_LINES: usize = 6;

/// A dateline is a short line of its own; a long one is a sentence of the story.
const DATELINE_MAX_BYTES: usize = 100;

/// `text` as a date if it is a real `YYYY-MM-DD` day (a leading ISO date-time's date part counts:
/// "2020-01-05T10:00:00Z"). Years 1000-9999 only, so a typo does not pass for a date.
pub fn parse_iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let day = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return None;
    }
    let bytes = day.as_bytes();
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = &day[range];
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (year, month, day_of_month) = (number(0..4)?, number(5..7)?, number(8..10)?);
    valid(year, month, day_of_month).then(|| day.to_owned())
}

/// The dateline near the top of a news text, as `YYYY-MM-DD`, with where it was read. Only
/// short lines among the first few count, and only a full date (day, month and year).
pub fn find_dateline(text: &str) -> Option<(String, Span)> {
    let mut offset = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        seen += 1;
        if seen > DATELINE_LINES {
            break;
        }
        if trimmed.len() > DATELINE_MAX_BYTES {
            continue;
        }
        if let Some((date, span)) = date_in_line(line) {
            return Some((date, Span::new(start + span.start, start + span.end)));
        }
    }
    None
}

/// The first full date in `line`: "January 21, 2021", "Jan. 21 2021", "21 January 2021" or
/// "2021-01-21".
fn date_in_line(line: &str) -> Option<(String, Span)> {
    let words = words(line);
    for (i, &(start, word)) in words.iter().enumerate() {
        if let Some(date) = parse_iso_date(word) {
            return Some((date, Span::new(start, start + word.len())));
        }
        let next = |k: usize| words.get(i + k).map(|&(_, w)| w);
        let end_of = |k: usize| words[i + k].0 + words[i + k].1.len();
        // Month day, year
        if let (Some(month), Some(day), Some(year)) = (month(word), next(1), next(2)) {
            if let (Some(day), Some(year)) = (day_number(day), year_number(year)) {
                if valid(year, month, day) {
                    return Some((iso(year, month, day), Span::new(start, end_of(2))));
                }
            }
        }
        // day Month year
        if let (Some(day), Some(month), Some(year)) = (day_number(word), next(1), next(2)) {
            if let (Some(month), Some(year)) = (self::month(month), year_number(year)) {
                if valid(year, month, day) {
                    return Some((iso(year, month, day), Span::new(start, end_of(2))));
                }
            }
        }
    }
    None
}

/// The line's words with their byte offsets; commas and periods end a word and are dropped
/// ("Jan." and "21," read as "Jan" and "21"), hyphens stay (ISO dates).
fn words(line: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let part = c.is_alphanumeric() || c == '-' || c == ':' || c == 'T';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &line[s..]));
    }
    words
}

fn month(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, n)| n)
}

/// "21", "21st", "2nd", "3rd", "4th".
fn day_number(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    (1..=2)
        .contains(&digits.len())
        .then(|| digits.parse().ok())?
}

fn year_number(word: &str) -> Option<u32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())?
        .filter(|year| (1900..=2100).contains(year))
}

fn valid(year: u32, month: u32, day: u32) -> bool {
    if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    // Gregorian: every fourth year, but not centuries, unless divisible by 400.
    let leap = matches!((year % 4, year % 100, year % 400), (0, 1.., _) | (_, _, 0));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

fn iso(year: u32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_checked_days() {
        assert_eq!(parse_iso_date("2018-07-10").as_deref(), Some("2018-07-10"));
        assert_eq!(
            parse_iso_date("2020-02-29T10:00:00Z").as_deref(),
            Some("2020-02-29")
        );
        for bad in [
            "2019-02-29",
            "2018-13-01",
            "2018-7-10",
            "18-07-10",
            "2018-07-10x",
            "",
            "2018-07-1a",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn datelines_in_the_forms_news_pages_print() {
        let cases = [
            (
                "Headline\n\nJanuary 21, 2021 at 12:52 pm\n\nBody.",
                "2021-01-21",
            ),
            ("July 10, 2018\nText", "2018-07-10"),
            ("Published: Jan. 5, 2020, 10:00 AM ET\n", "2020-01-05"),
            ("By Staff | 10 July 2018\n", "2018-07-10"),
            ("Updated 2019-03-04T12:00:00Z\n", "2019-03-04"),
            ("Sept 3rd 2017\n", "2017-09-03"),
        ];
        for (text, want) in cases {
            let (date, span) = find_dateline(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(date, want, "{text:?}");
            assert!(span.slice(text).chars().any(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn dates_in_the_story_are_not_datelines() {
        // Too far down, inside a long sentence, not a full date, or not a real day.
        let late = format!("{}February 3, 2019\n", "line\n".repeat(DATELINE_LINES));
        let long = format!(
            "On May 10, 2018, Syria fired 68 missiles at Israeli positions, {}\n",
            "the army said in a statement issued late that night".repeat(2)
        );
        for text in [
            late.as_str(),
            long.as_str(),
            "Damascus fired on May 10\n",
            "February 30, 2019\n",
            "In 2018 and 2019\n",
        ] {
            assert_eq!(find_dateline(text), None, "{text:?}");
        }
    }
}
