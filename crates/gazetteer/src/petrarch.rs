//! Importing PETRARCH and TABARI actor dictionaries (the `*.actors.txt` files of the Phoenix,
//! PETRARCH and TABARI event coders) as gazetteer RON data, so that dictionaries users have
//! curated for years keep working here. Pure: text in, RON text and a report out.
//!
//! # The format, as read here
//!
//! ```text
//! # comment                         <!-- comment, possibly over several lines -->
//! AFGHANISTAN_  [AFG]               an entry: a phrase at column 0, optionally its code(s)
//! +AFGHAN_                          a synonym of the entry above
//! VLADIMIR_PUTIN_  # CountryInfo.txt
//!     [RUSELI 700101-990809]        tab-indented codes: from-to, `>` from a date on,
//!     [RUSGOV >080508]              `<` until a date, or bare: the default code
//!     [RUSELI]
//! ```
//!
//! Underscores and spaces both separate words; a trailing underscore (TABARI's "no stemming"
//! mark) means nothing here. Dates are `YYMMDD` (00-30 read as 20YY, else 19YY) or `YYYYMMDD`,
//! read exactly as PETRARCH's `dstr_to_ordate` reads them. As in PETRARCH, an entry without any
//! code gets the codes of the entry that follows: its names join that entry. `[---]` is the null
//! code, `;` starts a comment too (KEDS legacy), `---STOP---` ends a file, and lines of other
//! dictionary kinds (verb patterns, synsets, agent codes `[~GOV]`, `!MARKER! = ...`) are
//! skipped and counted.
//!
//! # The mapping
//!
//! CAMEO codes read in three-letter chunks: a country (`RUS`) or category (`IGO`, `NGO`, `MNC`,
//! `IMG`), then sectors (`GOV`, `MIL`, `REB`, ...), religions, regions, or letters naming one
//! group (`IGOUNO` is the UN, `PSEREBHMS` Hamas).
//!
//! * An entry whose codes are all bare country codes (or whose current code is one and which
//!   has a dated bare country code too: Iraq before, during and after occupation) is that
//!   country. Every such entry of a code makes one `country` actor whose id is the code.
//! * Any other entry with dated codes is a `person` (unless its name says it is an institution:
//!   "Politburo", "Council"), its `roles` built from the codes with a sector, its `affiliation`
//!   the most recent code's country or organization.
//! * Any other entry is an `organization`, or an `armed_group` (sectors `REB`, `INS`, `SEP`,
//!   `UAF`, category `IMG`), `party` (`PTY`) or `media` (`MED`). It is affiliated to the group
//!   its code extends (`IGOUNOKID` -> the `IGOUNO` actor), else to its country; armed groups are
//!   not affiliated to the state they fight, since roll-up would fold them into it.
//!
//! Entries of the same type, name and country merge (dictionaries repeat people under each
//! office they held). Claims on an alias are first come, first served: countries first, then
//! everyone else in input order. Later claimants lose the alias, and an actor left with none is
//! not written. Every loss is counted in the [`ImportReport`].

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    fmt::{self, Write as _},
};

use actorgraph_core::EntityType;

use crate::normalize::{is_case_sensitive, normalize_alias};

/// The converted data, and what happened on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PetrarchImport {
    /// `(file name, RON text)`, one file per kind of actor. Every file is present, even when it
    /// holds no actor, so importing again into the same folder replaces the whole last import.
    pub files: Vec<(String, String)>,
    pub report: ImportReport,
}

/// What an import read, wrote and dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub files: usize,
    pub lines: usize,
    pub comment_lines: usize,
    pub blank_lines: usize,
    /// Entries (phrases at column 0) read.
    pub entries: usize,
    /// Synonym (`+`) lines read.
    pub synonyms: usize,
    /// Actors written, by type.
    pub actors: BTreeMap<EntityType, usize>,
    /// Entries that named a country another entry had already made: their names became aliases
    /// of that country.
    pub merged_into_country: usize,
    /// Entries with the name, type and country of an earlier entry: merged into it (names,
    /// codes and so roles).
    pub merged_same_name: usize,
    /// Entries without a code, which PETRARCH gives the codes of the next entry: their names
    /// became aliases of that entry.
    pub joined_next: usize,
    /// Entries with no usable code (only `[---]`, compound or unreadable codes): not written.
    pub entries_skipped: usize,
    /// Aliases written.
    pub aliases: usize,
    /// Aliases dropped because an earlier actor claims the same normalized form.
    pub dropped_duplicates: usize,
    /// Aliases dropped as empty, purely numeric or a single letter.
    pub dropped_unusable: usize,
    /// Names repeated within one actor ("AFGHANISTAN_" and "AFGHANISTAN"), written once.
    pub repeats: usize,
    /// Actors not written because every alias they had was claimed first by another actor.
    pub dropped_actors: usize,
    /// A few of the dropped duplicates: `"alias" of "Label" (file:line) is "Other"'s`.
    pub duplicate_examples: Vec<String>,
    /// Lines and codes skipped or read with a caveat, by kind, in [`IssueKind`] order.
    pub issues: Vec<Issue>,
}

/// One kind of problem, how often it happened and where it first did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub kind: IssueKind,
    pub count: usize,
    /// Up to [`EXAMPLES`] places, `file:line`.
    pub examples: Vec<String>,
}

/// How many places an [`Issue`] keeps.
pub const EXAMPLES: usize = 3;

/// Things in a dictionary that did not map cleanly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IssueKind {
    NullCodeOnly,
    NoUsableCode,
    NoCodeAtEnd,
    UnreadableCode,
    AgentCode,
    BadDate,
    ReversedDates,
    NonstandardDate,
    LoneDate,
    CodeOnSynonym,
    OrphanSynonym,
    OrphanCode,
    IndentedEntry,
    JoinedAcrossBlank,
    TrailingText,
    NotAName,
    OtherDictionaryLine,
    AfterStop,
    UnclosedComment,
    ControlCharacter,
    StrayCharacter,
    Braces,
    UnknownCountry,
}

impl IssueKind {
    /// What happened, for the report.
    pub fn describe(self) -> &'static str {
        match self {
            IssueKind::NullCodeOnly => "entries with only the null code [---]: skipped",
            IssueKind::NoUsableCode => "entries with no usable code: skipped",
            IssueKind::NoCodeAtEnd => "entries without any code at the end of a file: skipped",
            IssueKind::UnreadableCode => {
                "codes that are not letters and digits (compound A/B, +++): ignored"
            }
            IssueKind::AgentCode => "agent codes [~GOV] (an agents dictionary?): ignored",
            IssueKind::BadDate => {
                "date restrictions with an unreadable or impossible date: ignored"
            }
            IssueKind::ReversedDates => "date ranges that end before they start: ignored",
            IssueKind::NonstandardDate => {
                "dates neither YYMMDD nor YYYYMMDD: read as PETRARCH does (first 6 or 8 digits)"
            }
            IssueKind::LoneDate => {
                "codes with a date but no <, > or range: read as the default code, as PETRARCH does"
            }
            IssueKind::CodeOnSynonym => "codes on synonym lines: ignored",
            IssueKind::OrphanSynonym => "synonyms before any entry: skipped",
            IssueKind::OrphanCode => "date restrictions before any entry: skipped",
            IssueKind::IndentedEntry => "indented lines with a name: read as a new entry",
            IssueKind::JoinedAcrossBlank => {
                "entries without a code, then a blank line: joined the next entry as PETRARCH does (a forgotten code?)"
            }
            IssueKind::TrailingText => "text after an entry's codes: ignored",
            IssueKind::NotAName => "lines that are not a name (with ':', '=' or '$'): skipped",
            IssueKind::OtherDictionaryLine => {
                "lines of other dictionary kinds (verb patterns, synsets, markers): skipped"
            }
            IssueKind::AfterStop => "lines after ---STOP---: skipped",
            IssueKind::UnclosedComment => "<!-- comments never closed: rest of the file skipped",
            IssueKind::ControlCharacter => "control characters in names: removed",
            IssueKind::StrayCharacter => "stray brackets in names: removed",
            IssueKind::Braces => "{...} in names (agents plural syntax): removed",
            IssueKind::UnknownCountry => {
                "codes whose country is not in the imported data: no affiliation or role target"
            }
        }
    }
}

/// The output files and the actor types each holds.
const FILES: [(&str, &[EntityType], &str); 5] = [
    (
        "petrarch-countries.ron",
        &[EntityType::Country],
        "Countries: one per CAMEO country code, every entry coded with it merged in.",
    ),
    (
        "petrarch-persons.ron",
        &[EntityType::Person],
        "Persons: entries with date-restricted codes; roles from the dated codes.",
    ),
    (
        "petrarch-organizations.ron",
        &[EntityType::Organization],
        "Organizations: state bodies, IGOs, NGOs and companies.",
    ),
    (
        "petrarch-groups.ron",
        &[EntityType::ArmedGroup, EntityType::Party],
        "Armed groups (CAMEO REB, INS, SEP, UAF, IMG) and parties (PTY).",
    ),
    (
        "petrarch-media.ron",
        &[EntityType::Media],
        "Media (CAMEO MED).",
    ),
];

/// Converts PETRARCH actor dictionaries, given as `(path, text)` pairs, into gazetteer RON
/// files. Earlier sources win alias conflicts within a kind of actor. The result always loads.
pub fn convert_petrarch(sources: &[(&str, &str)]) -> PetrarchImport {
    let mut parsed = Parsed::default();
    parsed.report.files = sources.len();
    for (index, (path, text)) in sources.iter().enumerate() {
        parsed.file(index, file_name(path), text);
    }
    let Parsed {
        mut report,
        mut issues,
        entries,
    } = parsed;
    let names: Vec<&str> = sources.iter().map(|(path, _)| file_name(path)).collect();
    let mut drafts = classify(entries, &names, &mut report, &mut issues);
    claim_aliases(&mut drafts, &mut report);
    drafts.retain(|d| !d.aliases.is_empty());
    assign_ids(&mut drafts);
    link(&mut drafts, &mut issues);
    break_cycles(&mut drafts);
    for draft in &drafts {
        *report.actors.entry(draft.entity_type).or_default() += 1;
        report.aliases += draft.aliases.len();
    }
    report.issues = issues.into_issues();
    let files = render(&drafts, &names);
    PetrarchImport { files, report }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

// ---------------------------------------------------------------------------------------------
// Reading

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// When a code applies. Limits are inclusive, as in PETRARCH.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    Always,
    From(Date),
    Until(Date),
    Between(Date, Date),
}

#[derive(Clone, Debug)]
struct Code {
    /// Upper case ASCII letters and digits.
    code: String,
    when: When,
    /// The bracket's text as written, for the note.
    raw: String,
}

#[derive(Debug)]
struct Entry {
    source: usize,
    line: usize,
    /// The phrase, then synonyms, cleaned (underscores to spaces) but still in capitals.
    names: Vec<String>,
    codes: Vec<Code>,
    /// Code brackets seen, usable or not: PETRARCH joins an entry without any to the next one.
    brackets: usize,
    null_codes: usize,
    /// A blank line came after the entry: if it has no code, joining the next entry is less
    /// likely what the author meant ("U.N._", a blank line, then "UN_SECRETARY_GENERAL").
    blank_after: bool,
}

#[derive(Debug, Default)]
struct Issues(BTreeMap<IssueKind, (usize, Vec<String>)>);

impl Issues {
    fn add(&mut self, kind: IssueKind, place: impl FnOnce() -> String) {
        self.add_many(kind, 1, place);
    }

    fn add_many(&mut self, kind: IssueKind, count: usize, place: impl FnOnce() -> String) {
        let (total, examples) = self.0.entry(kind).or_default();
        *total += count;
        if examples.len() < EXAMPLES {
            examples.push(place());
        }
    }

    fn into_issues(self) -> Vec<Issue> {
        self.0
            .into_iter()
            .map(|(kind, (count, examples))| Issue {
                kind,
                count,
                examples,
            })
            .collect()
    }
}

#[derive(Debug, Default)]
struct Parsed {
    report: ImportReport,
    issues: Issues,
    entries: Vec<Entry>,
}

impl Parsed {
    fn file(&mut self, source: usize, name: &str, text: &str) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut current: Option<Entry> = None;
        let mut in_comment = false;
        let lines: Vec<&str> = text.lines().collect();
        for (index, raw) in lines.iter().enumerate() {
            let number = index + 1;
            let at = || format!("{name}:{number}");
            self.report.lines += 1;
            if in_comment {
                in_comment = !raw.contains("-->");
                self.report.comment_lines += 1;
                continue;
            }
            let line = strip_xml_comments(raw, &mut in_comment);
            // PETRARCH skips every line that starts with '<' ("<! -- ... -->" included).
            if line.starts_with('<') {
                self.report.comment_lines += 1;
                continue;
            }
            let body = line.split(['#', ';']).next().unwrap_or("").trim_end();
            if body.trim().is_empty() {
                if raw.trim().is_empty() {
                    self.report.blank_lines += 1;
                    if let Some(entry) = current.as_mut() {
                        entry.blank_after = true;
                    }
                } else {
                    self.report.comment_lines += 1;
                }
                continue;
            }
            if body.contains("---STOP---") {
                let rest = lines.len() - number;
                if rest > 0 {
                    self.issues.add_many(IssueKind::AfterStop, rest, at);
                }
                break;
            }
            let first = body.chars().next().unwrap_or(' ');
            match first {
                '\t' | ' ' => {
                    let content = body.trim_start();
                    if content.starts_with('[') {
                        self.codes(current.as_mut(), content, &at);
                    } else if let Some(synonym) = content.strip_prefix('+') {
                        self.synonym(current.as_mut(), synonym, &at);
                    } else {
                        self.issues.add(IssueKind::IndentedEntry, at);
                        self.entry(&mut current, (source, name), number, content, &at);
                    }
                }
                '+' => self.synonym(current.as_mut(), &body[1..], &at),
                '[' => self.codes(current.as_mut(), body, &at),
                '&' | '-' | '!' => self.issues.add(IssueKind::OtherDictionaryLine, at),
                _ => self.entry(&mut current, (source, name), number, body, &at),
            }
        }
        if in_comment {
            self.issues.add(IssueKind::UnclosedComment, || {
                format!("{name}:{}", lines.len())
            });
        }
        if let Some(entry) = current {
            if entry.brackets > 0 {
                self.entries.push(entry);
            } else {
                self.issues
                    .add(IssueKind::NoCodeAtEnd, || format!("{name}:{}", entry.line));
            }
        }
    }

    fn entry(
        &mut self,
        current: &mut Option<Entry>,
        source: (usize, &str),
        number: usize,
        text: &str,
        at: &dyn Fn() -> String,
    ) {
        let (name_part, code_part) = text.split_at(text.find('[').unwrap_or(text.len()));
        let Some(name) = self.clean_name(name_part, at) else {
            self.issues.add(IssueKind::NotAName, at);
            return;
        };
        if name.is_empty() {
            // Only codes: they belong to the entry above.
            self.codes(current.as_mut(), code_part, at);
            return;
        }
        self.report.entries += 1;
        let mut entry = Entry {
            source: source.0,
            line: number,
            names: Vec::new(),
            codes: Vec::new(),
            brackets: 0,
            null_codes: 0,
            blank_after: false,
        };
        if let Some(previous) = current.take() {
            if previous.brackets > 0 {
                self.entries.push(previous);
            } else {
                // PETRARCH stores a phrase without codes under the next codes it reads.
                self.report.joined_next += 1;
                if previous.blank_after {
                    self.issues.add(IssueKind::JoinedAcrossBlank, || {
                        format!("{}:{}", source.1, previous.line)
                    });
                }
                entry.line = previous.line;
                entry.names = previous.names;
            }
        }
        entry.names.push(name);
        if !code_part.is_empty() {
            self.codes(Some(&mut entry), code_part, at);
        }
        *current = Some(entry);
    }

    fn synonym(&mut self, current: Option<&mut Entry>, text: &str, at: &dyn Fn() -> String) {
        let Some(entry) = current else {
            self.issues.add(IssueKind::OrphanSynonym, at);
            return;
        };
        let (name_part, code_part) = text.split_at(text.find('[').unwrap_or(text.len()));
        if !code_part.trim().is_empty() {
            self.issues.add(IssueKind::CodeOnSynonym, at);
        }
        self.report.synonyms += 1;
        match self.clean_name(name_part, at) {
            Some(name) if !name.is_empty() => entry.names.push(name),
            Some(_) => {}
            None => self.issues.add(IssueKind::NotAName, at),
        }
    }

    fn codes(&mut self, current: Option<&mut Entry>, text: &str, at: &dyn Fn() -> String) {
        let Some(entry) = current else {
            self.issues.add(IssueKind::OrphanCode, at);
            return;
        };
        let (groups, other_text) = bracket_groups(text);
        if other_text {
            self.issues.add(IssueKind::TrailingText, at);
        }
        for group in groups {
            entry.brackets += 1;
            match read_code(group, &mut self.issues, at) {
                CodeRead::Code(code) => entry.codes.push(code),
                CodeRead::Null => entry.null_codes += 1,
                CodeRead::Skip => {}
            }
        }
    }

    /// Words of a phrase, separated by single spaces, or `None` for a line that is no name.
    fn clean_name(&mut self, text: &str, at: &dyn Fn() -> String) -> Option<String> {
        let mut text = text.to_owned();
        if let Some(open) = text.find('{') {
            let close = text[open..].find('}').map_or(text.len(), |c| open + c + 1);
            text.replace_range(open..close, " ");
            self.issues.add(IssueKind::Braces, at);
        }
        if text.contains([':', '=', '$']) {
            return None;
        }
        if text.chars().any(is_stray_control) {
            self.issues.add(IssueKind::ControlCharacter, at);
        }
        if text.contains(['[', ']', '{', '}', '<', '>']) {
            self.issues.add(IssueKind::StrayCharacter, at);
        }
        let cleaned: String = text
            .chars()
            .filter(|&c| !is_stray_control(c) && !"[]{}<>".contains(c))
            .map(|c| if c == '_' || c == '\t' { ' ' } else { c })
            .collect();
        Some(cleaned.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Control characters other than tabs (which separate words): `^Z` where an editor lost a
/// Latin-1 letter, C1 controls from a Windows-1252 file read as Latin-1.
fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// Removes `<!-- ... -->` from a line; an unclosed one cuts the line and opens a comment.
fn strip_xml_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open + 4..].find("-->") {
            Some(close) => rest = &rest[open + 4 + close + 3..],
            None => {
                *in_comment = true;
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The contents of every `[...]` in `text`, and whether anything else but spaces was there.
fn bracket_groups(text: &str) -> (Vec<&str>, bool) {
    let mut groups = Vec::new();
    let mut other = false;
    let mut rest = text;
    loop {
        let Some(open) = rest.find('[') else {
            other |= !rest.trim().is_empty();
            break;
        };
        other |= !rest[..open].trim().is_empty();
        let inside = &rest[open + 1..];
        match inside.find(']') {
            Some(close) => {
                groups.push(&inside[..close]);
                rest = &inside[close + 1..];
            }
            None => {
                groups.push(inside);
                break;
            }
        }
    }
    (groups, other)
}

enum CodeRead {
    Code(Code),
    Null,
    Skip,
}

fn read_code(group: &str, issues: &mut Issues, at: &dyn Fn() -> String) -> CodeRead {
    let content = group.split_whitespace().collect::<Vec<_>>().join(" ");
    let split = content.find([' ', '<', '>']).unwrap_or(content.len());
    let (code, rest) = content.split_at(split);
    let rest = rest.trim();
    if !code.is_empty() && code.chars().all(|c| c == '-') {
        return CodeRead::Null;
    }
    if code.contains('~') {
        issues.add(IssueKind::AgentCode, at);
        return CodeRead::Skip;
    }
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        issues.add(IssueKind::UnreadableCode, at);
        return CodeRead::Skip;
    }
    let when = if rest.is_empty() {
        When::Always
    } else if let Some(date) = rest.strip_prefix('<') {
        match read_date(date, issues, at) {
            Some(date) => When::Until(date),
            None => return CodeRead::Skip,
        }
    } else if let Some(date) = rest.strip_prefix('>') {
        match read_date(date, issues, at) {
            Some(date) => When::From(date),
            None => return CodeRead::Skip,
        }
    } else if let Some((from, to)) = rest.split_once('-') {
        match (read_date(from, issues, at), read_date(to, issues, at)) {
            (Some(from), Some(to)) if from <= to => When::Between(from, to),
            (Some(_), Some(_)) => {
                issues.add(IssueKind::ReversedDates, at);
                return CodeRead::Skip;
            }
            _ => return CodeRead::Skip,
        }
    } else if rest.chars().all(|c| c.is_ascii_digit()) {
        issues.add(IssueKind::LoneDate, at);
        When::Always
    } else {
        issues.add(IssueKind::BadDate, at);
        return CodeRead::Skip;
    };
    CodeRead::Code(Code {
        code: code.to_ascii_uppercase(),
        when,
        raw: content.clone(),
    })
}

/// Reads a date the way PETRARCH's `dstr_to_ordate` does: more than 7 digits is `YYYYMMDD`
/// from the first 8, else `YYMMDD` from the first 6, years 00-30 in this century.
fn read_date(text: &str, issues: &mut Issues, at: &dyn Fn() -> String) -> Option<Date> {
    let text = text.trim();
    let digits = &text[..text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len())];
    if digits.len() < 6 || digits.len() < text.len() {
        issues.add(IssueKind::BadDate, at);
        return None;
    }
    if digits.len() != 6 && digits.len() != 8 {
        issues.add(IssueKind::NonstandardDate, at);
    }
    let number = |range: std::ops::Range<usize>| digits[range].parse::<u16>().unwrap_or(0);
    let (year, month, day) = if digits.len() > 7 {
        (number(0..4), number(4..6), number(6..8))
    } else {
        let yy = number(0..2);
        let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
        (year, number(2..4), number(4..6))
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if day == 0 || day > days {
        issues.add(IssueKind::BadDate, at);
        return None;
    }
    Some(Date {
        year,
        month: month as u8,
        day: day as u8,
    })
}

// ---------------------------------------------------------------------------------------------
// CAMEO codes

/// Actor categories that lead a code instead of a country.
const CATEGORIES: &[&str] = &["IGO", "NGO", "NGM", "IMG", "MNC", "UIS"];

/// CAMEO sector codes and their role titles.
const SECTORS: &[(&str, &str)] = &[
    ("GOV", "government"),
    ("MIL", "military"),
    ("REB", "rebel"),
    ("OPP", "opposition"),
    ("PTY", "party"),
    ("COP", "police"),
    ("JUD", "judiciary"),
    ("SPY", "intelligence"),
    ("LEG", "legislature"),
    ("ELI", "elite"),
    ("BUS", "business"),
    ("CVL", "civilian"),
    ("CIV", "civilian"),
    ("EDU", "education"),
    ("MED", "media"),
    ("HLH", "health"),
    ("HRI", "human rights"),
    ("LAB", "labor"),
    ("REF", "refugees"),
    ("AGR", "agriculture"),
    ("CRM", "criminal"),
    ("ENV", "environment"),
    ("INS", "insurgent"),
    ("SEP", "separatist"),
    ("UAF", "armed forces"),
    ("MOD", "moderate"),
    ("RAD", "radical"),
    ("DEV", "development"),
    ("REL", "religious"),
    ("SET", "settlers"),
    ("OCC", "occupied"),
    ("UNR", "unrecognized"),
];

/// CAMEO religion codes, as they follow a country or category.
const RELIGIONS: &[(&str, &str)] = &[
    ("CHR", "Christian"),
    ("CTH", "Catholic"),
    ("PRO", "Protestant"),
    ("DOX", "Orthodox"),
    ("CPT", "Coptic"),
    ("MOS", "Muslim"),
    ("MUS", "Muslim"),
    ("SHI", "Shia"),
    ("SUN", "Sunni"),
    ("SFI", "Sufi"),
    ("ALE", "Alawite"),
    ("JEW", "Jewish"),
    ("HIN", "Hindu"),
    ("BUD", "Buddhist"),
    ("SIK", "Sikh"),
    ("BAH", "Baha'i"),
    ("JAN", "Jain"),
    ("CON", "Confucian"),
    ("TAO", "Taoist"),
    ("SHN", "Shinto"),
    ("ZRO", "Zoroastrian"),
    ("ATH", "atheist"),
];

/// CAMEO regions.
const REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
    "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WEU", "WST",
    "ARB",
];

/// Group codes that old dictionaries use alone: the UN and the European Community.
const GROUPS_ALONE: &[&str] = &["UNO", "EEC"];

/// Codes that are sectors or religions after a country but countries when alone: Côte
/// d'Ivoire, Mauritius, and the Soviet Union in Phoenix.
const ALSO_COUNTRIES: &[&str] = &["CIV", "MUS", "SUN"];

/// Sectors of groups that fight the state: not affiliated to it.
const ARMED: &[&str] = &["REB", "INS", "SEP", "UAF"];

fn sector_or_religion(chunk: &str) -> Option<&'static str> {
    SECTORS
        .iter()
        .chain(RELIGIONS)
        .find(|(code, _)| *code == chunk)
        .map(|(_, name)| *name)
}

/// A bare CAMEO country code: three capitals that are no category, sector, religion or region.
fn is_country_code(code: &str) -> bool {
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && (ALSO_COUNTRIES.contains(&code)
            || !(CATEGORIES.contains(&code)
                || REGIONS.contains(&code)
                || GROUPS_ALONE.contains(&code)
                || sector_or_religion(code).is_some()))
}

/// A code in three-letter chunks; the last may be shorter.
fn chunks(code: &str) -> Vec<&str> {
    (0..code.len())
        .step_by(3)
        .map(|i| &code[i..(i + 3).min(code.len())])
        .collect()
}

/// The chunks that say what kind of actor: all but a leading country.
fn role_chunks(code: &str) -> Vec<&str> {
    let chunks = chunks(code);
    let skip = usize::from(is_country_code(chunks[0]) || CATEGORIES.contains(&chunks[0]));
    chunks[skip..].to_vec()
}

fn is_armed(code: &str) -> bool {
    code.starts_with("IMG") || role_chunks(code).iter().any(|c| ARMED.contains(c))
}

fn type_of_code(code: &str) -> EntityType {
    let roles = role_chunks(code);
    if is_armed(code) {
        EntityType::ArmedGroup
    } else if roles.contains(&"PTY") {
        EntityType::Party
    } else if roles.contains(&"MED") {
        EntityType::Media
    } else {
        EntityType::Organization
    }
}

/// The order in which codes are current: open-ended first (latest start first), then defaults
/// (in dictionary order), then ranges (latest end first), then "until" codes (latest first).
fn by_recency(codes: &[Code]) -> Vec<&Code> {
    let mut ordered: Vec<(usize, &Code)> = codes.iter().enumerate().collect();
    ordered.sort_by(|(ia, a), (ib, b)| {
        let rank = |c: &Code| match c.when {
            When::From(d) => (3, Some(d), None),
            When::Always => (2, None, None),
            When::Between(from, to) => (1, Some(to), Some(from)),
            When::Until(d) => (0, Some(d), None),
        };
        rank(b).cmp(&rank(a)).then(ia.cmp(ib))
    });
    ordered.into_iter().map(|(_, c)| c).collect()
}

// ---------------------------------------------------------------------------------------------
// Actors

#[derive(Debug)]
struct Draft {
    entity_type: EntityType,
    /// The country code of a country; the code that names an organization.
    code: Option<String>,
    /// The entry's codes, for the affiliation and roles of persons and dated organizations.
    codes: Vec<Code>,
    label: String,
    names: Vec<String>,
    aliases: Vec<String>,
    origin: String,
    /// The label comes from an entry with just the country's bare code: "GERMANY_ [DEU]", not
    /// "LEIPZIG_ ... [DEU >19901003]".
    defined: bool,
    merged: usize,
    id: String,
    affiliation: Option<String>,
    roles: Vec<RoleOut>,
    note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct RoleOut {
    title: String,
    of: Option<String>,
    from: Option<Date>,
    to: Option<Date>,
}

/// Words that make a dated entry an institution rather than a person.
const INSTITUTION_WORDS: &[&str] = &[
    "ADMINISTRATION",
    "AGENCY",
    "ALLIANCE",
    "ARMY",
    "ASSEMBLY",
    "ASSOCIATION",
    "AUTHORITY",
    "BANK",
    "BRIGADE",
    "BRIGADES",
    "BUREAU",
    "CABINET",
    "COALITION",
    "COMMISSION",
    "COMMITTEE",
    "CONGRESS",
    "CORPS",
    "COUNCIL",
    "COURT",
    "DEPARTMENT",
    "DUMA",
    "FEDERATION",
    "FORCES",
    "FRONT",
    "GOVERNMENT",
    "GROUP",
    "INSTITUTE",
    "JUNTA",
    "KINGDOM",
    "KNESSET",
    "LEAGUE",
    "MAJLIS",
    "MILITIA",
    "MINISTRY",
    "MOVEMENT",
    "NATIONS",
    "NAVY",
    "OFFICE",
    "ORGANISATION",
    "ORGANIZATION",
    "PARLIAMENT",
    "PARTY",
    "POLICE",
    "POLITBURO",
    "REGIME",
    "REPUBLIC",
    "SENATE",
    "SOVIET",
    "TRIBUNAL",
    "UNION",
];

fn classify(
    entries: Vec<Entry>,
    sources: &[&str],
    report: &mut ImportReport,
    issues: &mut Issues,
) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut countries: HashMap<String, usize> = HashMap::new();
    let mut same_name: HashMap<(EntityType, String, String), usize> = HashMap::new();
    for entry in entries {
        let origin = format!("{}:{}", sources[entry.source], entry.line);
        if entry.codes.is_empty() {
            let kind = if entry.null_codes > 0 && entry.null_codes == entry.brackets {
                IssueKind::NullCodeOnly
            } else {
                IssueKind::NoUsableCode
            };
            issues.add(kind, || origin.clone());
            report.entries_skipped += 1;
            continue;
        }
        let recency = by_recency(&entry.codes);
        let current = recency[0].code.clone();
        let all_bare = entry.codes.iter().all(|c| is_country_code(&c.code));
        let dated = entry.codes.iter().any(|c| c.when != When::Always);
        let dated_bare = entry
            .codes
            .iter()
            .any(|c| c.when != When::Always && is_country_code(&c.code));
        if is_country_code(&current) && (all_bare || dated_bare) {
            let defines = entry.codes.len() == 1 && !dated;
            if let Some(&index) = countries.get(&current) {
                let country = &mut drafts[index];
                country.merged += 1;
                report.merged_into_country += 1;
                if defines && !country.defined {
                    // The defining entry's names lead: its phrase becomes the label.
                    let later = std::mem::replace(&mut country.names, entry.names);
                    country.names.extend(later);
                    country.origin = origin;
                    country.defined = true;
                } else {
                    country.names.extend(entry.names);
                }
            } else {
                countries.insert(current.clone(), drafts.len());
                let mut country = Draft::new(EntityType::Country, Some(current), entry, origin);
                country.defined = defines;
                drafts.push(country);
            }
            continue;
        }
        let institution = entry.names[0]
            .split([' ', '-'])
            .any(|word| INSTITUTION_WORDS.contains(&word.to_ascii_uppercase().as_str()));
        let (entity_type, code) = if dated && !institution {
            (EntityType::Person, None)
        } else {
            (type_of_code(&current), Some(current.clone()))
        };
        let key = (
            entity_type,
            normalize_alias(&cut_open_parenthesis(&entry.names[0]).to_uppercase()),
            current[..3.min(current.len())].to_owned(),
        );
        if let Some(&index) = same_name.get(&key) {
            let earlier: &mut Draft = &mut drafts[index];
            earlier.names.extend(entry.names);
            earlier.codes.extend(entry.codes);
            earlier.merged += 1;
            report.merged_same_name += 1;
            continue;
        }
        same_name.insert(key, drafts.len());
        drafts.push(Draft::new(entity_type, code, entry, origin));
    }
    for draft in &mut drafts {
        draft.label = label_of(&draft.names[0], draft.is_person());
        let mut seen = HashSet::new();
        for name in &draft.names {
            for alias in aliases_of(name, draft.is_person()) {
                if is_unusable(&alias) {
                    report.dropped_unusable += 1;
                } else if seen.insert(normalize_alias(&alias)) {
                    draft.aliases.push(alias);
                } else {
                    report.repeats += 1;
                }
            }
        }
        if normalize_alias(&draft.label).is_empty() {
            draft.label = draft.aliases.first().cloned().unwrap_or_default();
        }
    }
    drafts
}

impl Draft {
    fn new(entity_type: EntityType, code: Option<String>, entry: Entry, origin: String) -> Draft {
        Draft {
            entity_type,
            code,
            codes: entry.codes,
            label: String::new(),
            names: entry.names,
            aliases: Vec::new(),
            origin,
            defined: false,
            merged: 0,
            id: String::new(),
            affiliation: None,
            roles: Vec::new(),
            note: String::new(),
        }
    }

    fn is_person(&self) -> bool {
        self.entity_type == EntityType::Person
    }

    /// Who claims aliases first: countries (a place name should stay the country's), then
    /// everyone else in dictionary order.
    fn claim_rank(&self) -> u8 {
        u8::from(self.entity_type != EntityType::Country)
    }
}

/// The keys under which the loader checks an alias for conflicts: its normalized form, and for
/// an alias that is not an acronym its form in capitals, which it also matches.
fn claim_keys(alias: &str) -> Vec<String> {
    let normalized = normalize_alias(alias);
    let mut keys = vec![normalized.clone()];
    if !is_case_sensitive(&normalized) {
        let shouted = normalize_alias(&alias.to_uppercase());
        if shouted != normalized {
            keys.push(shouted);
        }
    }
    keys
}

/// Empty, purely numeric or a single letter: nothing a name can be found by.
fn is_unusable(alias: &str) -> bool {
    let normalized = normalize_alias(alias);
    normalized.chars().filter(|c| c.is_alphanumeric()).count() <= 1
        || normalized.chars().all(|c| c.is_ascii_digit() || c == ' ')
}

/// Keeps each alias on the first actor that claims it, in claim order.
fn claim_aliases(drafts: &mut [Draft], report: &mut ImportReport) {
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| drafts[i].claim_rank());
    let mut claims: HashMap<String, usize> = HashMap::new();
    for &index in &order {
        let aliases = std::mem::take(&mut drafts[index].aliases);
        let mut kept = Vec::with_capacity(aliases.len());
        for alias in aliases {
            let keys = claim_keys(&alias);
            let owner = keys
                .iter()
                .find_map(|k| claims.get(k).copied().filter(|&o| o != index));
            if let Some(owner) = owner {
                report.dropped_duplicates += 1;
                if report.duplicate_examples.len() < 2 * EXAMPLES {
                    report.duplicate_examples.push(format!(
                        "\"{alias}\" of {} is {}'s",
                        describe_draft(&drafts[index]),
                        describe_draft(&drafts[owner])
                    ));
                }
                continue;
            }
            for key in keys {
                claims.entry(key).or_insert(index);
            }
            kept.push(alias);
        }
        if kept.is_empty() {
            report.dropped_actors += 1;
        }
        drafts[index].aliases = kept;
    }
}

fn describe_draft(draft: &Draft) -> String {
    match (&draft.code, draft.entity_type) {
        (Some(code), EntityType::Country) => code.clone(),
        _ => format!("\"{}\" ({})", draft.label, draft.origin),
    }
}

/// Countries are their code; everyone else a slug of the label, made unique in claim order.
fn assign_ids(drafts: &mut [Draft]) {
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| drafts[i].claim_rank());
    let mut taken: HashSet<String> = HashSet::new();
    for index in order {
        let draft = &mut drafts[index];
        if draft.entity_type == EntityType::Country {
            draft.id = draft.code.clone().unwrap_or_default();
            continue;
        }
        let base = slug(&draft.label);
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        draft.id = id;
    }
}

/// A kebab-case ASCII slug: diacritics folded, other scripts dropped, a leading "the" too.
fn slug(label: &str) -> String {
    let words: Vec<String> = normalize_alias(label)
        .split(' ')
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.split_first() {
        Some((first, rest)) if first == "the" && !rest.is_empty() => rest.to_vec(),
        _ => words,
    };
    if words.is_empty() {
        "actor".to_owned()
    } else {
        words.join("-")
    }
}

/// What the affiliation and role targets can point at.
struct Targets<'a> {
    countries: HashSet<&'a str>,
    /// Code -> id of the first organization named by exactly that code.
    owners: HashMap<&'a str, &'a str>,
}

impl Targets<'_> {
    /// A chunk that names one group ("UNO", "HMS"), not a sector, religion, region or country.
    fn names_a_group(&self, chunk: &str) -> bool {
        chunk.len() == 3
            && chunk.bytes().all(|b| b.is_ascii_uppercase())
            && sector_or_religion(chunk).is_none()
            && !REGIONS.contains(&chunk)
            && !CATEGORIES.contains(&chunk)
            && !self.countries.contains(chunk)
    }

    /// The organization a code belongs to: the owner of its longest prefix that ends with a
    /// group's letters (`IGOUNOKID` -> `IGOUNO`). With `whole`, the code itself counts.
    fn owner(&self, code: &str, whole: bool, not: &str) -> Option<String> {
        let chunks = chunks(code);
        let longest = if whole {
            chunks.len()
        } else {
            chunks.len() - 1
        };
        (2..=longest).rev().find_map(|k| {
            let prefix = &code[..(3 * k).min(code.len())];
            self.owners
                .get(prefix)
                .filter(|&&owner| owner != not && self.names_a_group(chunks[k - 1]))
                .map(|owner| (*owner).to_owned())
        })
    }

    /// The country a code leads with, if the data has it.
    fn country(&self, code: &str) -> Option<String> {
        let first = &code[..3.min(code.len())];
        self.countries.contains(first).then(|| first.to_owned())
    }
}

/// Affiliations, roles and notes, now that ids exist.
fn link(drafts: &mut [Draft], issues: &mut Issues) {
    let ids: Vec<String> = drafts.iter().map(|d| d.id.clone()).collect();
    let mut owners: HashMap<&str, &str> = HashMap::new();
    for (draft, id) in drafts.iter().zip(&ids) {
        if let (
            Some(code),
            EntityType::Organization
            | EntityType::ArmedGroup
            | EntityType::Party
            | EntityType::Media,
        ) = (&draft.code, draft.entity_type)
        {
            owners.entry(code.as_str()).or_insert(id.as_str());
        }
    }
    let countries: HashSet<&str> = drafts
        .iter()
        .filter(|d| d.entity_type == EntityType::Country)
        .filter_map(|d| d.code.as_deref())
        .collect();
    let targets = Targets { countries, owners };
    let mut links = Vec::with_capacity(drafts.len());
    for draft in drafts.iter() {
        links.push(link_one(draft, &targets, issues));
    }
    for (draft, (affiliation, roles, note)) in drafts.iter_mut().zip(links) {
        draft.affiliation = affiliation;
        draft.roles = roles;
        draft.note = note;
    }
}

/// Drops the affiliation that closes a cycle. Affiliations point at shorter codes, so only
/// institutions with several dated codes could ever close one; the loader would reject it.
fn break_cycles(drafts: &mut [Draft]) {
    let index: HashMap<String, usize> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    for start in 0..drafts.len() {
        let mut seen = vec![start];
        let mut current = start;
        while let Some(next) = drafts[current]
            .affiliation
            .as_ref()
            .and_then(|a| index.get(a).copied())
        {
            if seen.contains(&next) {
                if next == start {
                    drafts[current].affiliation = None;
                }
                break;
            }
            seen.push(next);
            current = next;
        }
    }
}

type Links = (Option<String>, Vec<RoleOut>, String);

fn more(merged: usize) -> String {
    match merged {
        0 => String::new(),
        1 => " and 1 more entry".to_owned(),
        n => format!(" and {n} more entries"),
    }
}

fn link_one(draft: &Draft, targets: &Targets<'_>, issues: &mut Issues) -> Links {
    if draft.entity_type == EntityType::Country {
        let code = draft.code.as_deref().unwrap_or_default();
        return (
            None,
            Vec::new(),
            format!(
                "PETRARCH {code}, from {}{}",
                draft.origin,
                more(draft.merged)
            ),
        );
    }
    let codes: Vec<String> = draft.codes.iter().map(|c| format!("[{}]", c.raw)).collect();
    for code in &draft.codes {
        let first = &code.code[..3.min(code.code.len())];
        if is_country_code(first) && !targets.countries.contains(first) {
            issues.add(IssueKind::UnknownCountry, || {
                format!("{} in {}", code.code, draft.origin)
            });
        }
    }
    let mut note = format!("PETRARCH {}", codes.join(" "));
    if let Some(code) = &draft.code {
        let sectors: Vec<&str> = role_chunks(code)
            .into_iter()
            .filter_map(sector_or_religion)
            .collect();
        if !sectors.is_empty() && draft.codes.len() == 1 {
            let _ = write!(note, " ({})", sectors.join(", "));
        }
    }
    let _ = write!(note, ", from {}{}", draft.origin, more(draft.merged));
    let dated = draft.codes.iter().any(|c| c.when != When::Always);
    if !draft.is_person() && !dated {
        let code = draft.code.as_deref().unwrap_or_default();
        let affiliation = targets
            .owner(code, false, &draft.id)
            .or_else(|| (!is_armed(code)).then(|| targets.country(code)).flatten());
        return (affiliation, Vec::new(), note);
    }
    // Persons, and institutions with dated codes: the most recent code that points somewhere.
    let affiliation = by_recency(&draft.codes).into_iter().find_map(|c| {
        targets
            .owner(&c.code, draft.is_person(), &draft.id)
            .or_else(|| {
                (!is_armed(&c.code))
                    .then(|| targets.country(&c.code))
                    .flatten()
            })
    });
    let mut roles: Vec<RoleOut> = Vec::new();
    for code in &draft.codes {
        let Some(role) = role_of(code, targets, &draft.id) else {
            continue;
        };
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    // A default code restating a dated role ("elite" before and after office) says nothing.
    let dated_roles: Vec<(String, Option<String>)> = roles
        .iter()
        .filter(|r| r.from.is_some() || r.to.is_some())
        .map(|r| (r.title.clone(), r.of.clone()))
        .collect();
    roles.retain(|r| {
        r.from.is_some()
            || r.to.is_some()
            || !dated_roles.contains(&(r.title.clone(), r.of.clone()))
    });
    (affiliation, roles, note)
}

/// The role a code describes; a bare country code describes none (the affiliation says it).
fn role_of(code: &Code, targets: &Targets<'_>, id: &str) -> Option<RoleOut> {
    let chunks = chunks(&code.code);
    let country_first = is_country_code(chunks[0]);
    if country_first && chunks.len() == 1 {
        return None;
    }
    let names: Vec<&str> = role_chunks(&code.code)
        .into_iter()
        .filter_map(sector_or_religion)
        .fold(Vec::new(), |mut names, name| {
            if !names.contains(&name) {
                names.push(name);
            }
            names
        });
    let of = targets
        .owner(&code.code, true, id)
        .or_else(|| targets.country(&code.code));
    let mut title = if !names.is_empty() {
        names.join(", ")
    } else {
        match chunks[0] {
            "IGO" => "official".to_owned(),
            "NGO" | "NGM" | "IMG" => "member".to_owned(),
            "MNC" => "executive".to_owned(),
            _ => format!("CAMEO {}", code.code),
        }
    };
    if country_first && of.is_none() && !title.contains(&code.code) {
        let _ = write!(title, " ({})", chunks[0]);
    }
    let (from, to) = match code.when {
        When::Always => (None, None),
        When::From(d) => (Some(d), None),
        When::Until(d) => (None, Some(d)),
        When::Between(a, b) => (Some(a), Some(b)),
    };
    Some(RoleOut {
        title,
        of,
        from,
        to,
    })
}

// ---------------------------------------------------------------------------------------------
// Names

/// Lower-case words inside names: "Islamic Republic of Afghanistan", "Bashar al Assad".
const PARTICLES: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "by", "de", "del", "della", "der", "des",
    "di", "du", "da", "dos", "das", "la", "le", "les", "van", "von", "y", "e", "et", "al", "el",
    "ul", "ud", "ad", "bin", "ibn", "bint",
];

/// Acronyms common in news copy. In a name of several words a word in capitals must appear in
/// capitals in the text to match, so only words known or shaped as acronyms stay so.
const ACRONYMS: &[&str] = &[
    "ABC", "AFP", "AIDS", "AMISOM", "ANC", "AQAP", "AQIM", "ASEAN", "AU", "BBC", "CIA", "CNN",
    "DPRK", "DRC", "ECOWAS", "ELN", "ETA", "EU", "FARC", "FBI", "FSB", "HIV", "IAEA", "ICC", "ICJ",
    "ICRC", "IDF", "IGAD", "ILO", "IMF", "IOM", "IRA", "ISIL", "ISIS", "KGB", "KPA", "LTTE", "MDC",
    "MILF", "MNLF", "MONUC", "MSF", "NATO", "NGO", "NLD", "NPA", "NSA", "OAS", "OHCHR", "OAU",
    "OECD", "OIC", "OPEC", "OSCE", "PKK", "PLA", "PLO", "PRC", "ROK", "SADC", "SDF", "SPLA",
    "SPLM", "TV", "UAE", "UK", "UN", "UNDP", "UNESCO", "UNHCR", "UNICEF", "UNIFIL", "UNSC", "US",
    "USA", "USSR", "WFP", "WHO", "WTO", "YPG", "ZANU",
];

/// Vowel-less abbreviations that are written in title case.
const ABBREVIATIONS: &[&str] = &["MR", "MRS", "MS", "DR", "ST", "JR", "SR", "LTD", "MT", "FT"];

/// Consonant clusters English words start with.
const ONSETS: &[&str] = &[
    "STR", "SPR", "SPL", "SCR", "SHR", "THR", "SCH", "CHR", "PHR", "SCL",
];

/// Regnal numbers that stay in capitals after a person's name.
const ROMAN: &[&str] = &["II", "III", "IV", "VI", "VII", "VIII", "IX"];

/// The aliases one TABARI phrase yields: the phrase in display case, and for "X (ACRONYM)"
/// both "X" and "ACRONYM". Other qualifiers stay ("Congo (Brazzaville)"): they tell apart
/// names that are otherwise the same.
fn aliases_of(phrase: &str, person: bool) -> Vec<String> {
    let phrase = cut_open_parenthesis(phrase);
    match split_acronym(&phrase) {
        Some((outer, acronym)) => vec![display_phrase(&outer, person), acronym],
        None => vec![display_phrase(&phrase, person)],
    }
}

/// An actor's label: its phrase in display case, an acronym in parentheses kept in capitals.
fn label_of(phrase: &str, person: bool) -> String {
    let phrase = cut_open_parenthesis(phrase);
    match split_acronym(&phrase) {
        Some((outer, acronym)) => format!("{} ({acronym})", display_phrase(&outer, person)),
        None => display_phrase(&phrase, person),
    }
}

/// "X (ACRONYM)" as X and the acronym, when the acronym is X's initials.
fn split_acronym(phrase: &str) -> Option<(String, String)> {
    let (open, close) = (phrase.find('(')?, phrase.rfind(')')?);
    if open > close {
        return None;
    }
    let outer = format!("{} {}", &phrase[..open], &phrase[close + 1..]);
    let outer = outer.split_whitespace().collect::<Vec<_>>().join(" ");
    let inner = phrase[open + 1..close].trim();
    (!outer.is_empty() && is_initials_of(inner, &outer)).then(|| (outer, inner.to_owned()))
}

/// "Stanko Todorov (acting" loses its unclosed parenthesis.
fn cut_open_parenthesis(phrase: &str) -> String {
    match phrase.rfind('(') {
        Some(open) if !phrase[open..].contains(')') => phrase[..open].trim_end().to_owned(),
        _ => phrase.to_owned(),
    }
}

/// "CIRA" for "CONTINUITY IRISH REPUBLICAN ARMY", "OPCW" for "ORGANIZATION FOR THE
/// PROHIBITION OF CHEMICAL WEAPONS", with or without the small words.
fn is_initials_of(acronym: &str, phrase: &str) -> bool {
    if acronym.len() < 2 || !acronym.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let words: Vec<&str> = phrase.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let initials = |skip_particles: bool| -> String {
        words
            .iter()
            .filter(|w| !(skip_particles && PARTICLES.contains(&w.to_lowercase().as_str())))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    initials(false) == acronym || initials(true) == acronym
}

/// A phrase in the case people write it: TABARI writes everything in capitals.
fn display_phrase(phrase: &str, person: bool) -> String {
    let words: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
    let single = words.len() == 1;
    words
        .iter()
        .enumerate()
        .map(|(i, word)| display_word(word, i == 0, single, person))
        .collect::<Vec<_>>()
        .join(" ")
}

fn display_word(word: &str, first: bool, single: bool, person: bool) -> String {
    // Parentheses around a word are kept around its display form: "(DRC)", "(Brazzaville)".
    let core = word.trim_start_matches('(').trim_end_matches(')');
    if core.len() != word.len() && !core.is_empty() {
        let start = word.len() - word.trim_start_matches('(').len();
        let end = start + core.len();
        return format!(
            "{}{}{}",
            &word[..start],
            display_word(core, first, single, person),
            &word[end..]
        );
    }
    // "TKP/ML": each part on its own.
    if word.contains('/') {
        return word
            .split('/')
            .map(|part| display_word(part, first, single, person))
            .collect::<Vec<_>>()
            .join("/");
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let keep = word.chars().any(char::is_lowercase)
        || letters == 0
        || word.chars().any(|c| c.is_ascii_digit())
        || word.contains('&')
        || is_dotted_acronym(word)
        || (single && letters <= 3)
        || (!person && looks_like_acronym(word.trim_end_matches('.')))
        || (person && !first && ROMAN.contains(&word));
    if keep {
        return word.to_owned();
    }
    let lower = word.to_lowercase();
    if !first && PARTICLES.contains(&lower.as_str()) {
        return lower;
    }
    title_case(word)
}

/// "U.S.", "U.N", "D.C.": single letters between dots.
fn is_dotted_acronym(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').filter(|p| !p.is_empty()).collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1)
}

/// Known acronyms, and words no one could pronounce: no vowel ("KRG"), or a consonant run no
/// English word starts with ("DPKO"). Longer runs inside words are no sign: "RIGHTS",
/// "KAZAKHSTAN".
fn looks_like_acronym(word: &str) -> bool {
    if !word.bytes().all(|b| b.is_ascii_uppercase()) || word.is_empty() {
        return false;
    }
    if ACRONYMS.contains(&word) {
        return true;
    }
    if ABBREVIATIONS.contains(&word) {
        return false;
    }
    let vowel = |b: u8| b"AEIOUY".contains(&b);
    if word.len() >= 2 && !word.bytes().any(vowel) {
        return true;
    }
    let onset = word.bytes().take_while(|&b| !vowel(b)).count();
    onset >= 3 && !ONSETS.iter().any(|o| word.starts_with(o))
}

/// "AL-QAEDA" -> "Al-Qaeda", "MAZAR-I-SHARIF" -> "Mazar-i-Sharif", "O'BRIEN" -> "O'Brien",
/// "BAHA'I" -> "Baha'i".
fn title_case(word: &str) -> String {
    word.split('-')
        .enumerate()
        .map(|(i, part)| {
            if i > 0 && part.chars().filter(|c| c.is_alphabetic()).count() == 1 {
                part.to_lowercase()
            } else {
                title_case_part(part)
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn title_case_part(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut starts_part = true;
    let mut part_letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if starts_part {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            starts_part = false;
            part_letters += 1;
        } else {
            out.push(c);
            starts_part = matches!(c, '.' | '(') || (c == '\'' && part_letters <= 1);
            if starts_part {
                part_letters = 0;
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Writing

fn render(drafts: &[Draft], sources: &[&str]) -> Vec<(String, String)> {
    FILES
        .iter()
        .map(|(name, types, description)| {
            let mut actors: Vec<&Draft> = drafts
                .iter()
                .filter(|d| types.contains(&d.entity_type))
                .collect();
            actors.sort_by(|a, b| a.id.cmp(&b.id));
            let mut text = String::new();
            let _ = writeln!(
                text,
                "// Imported by `actorgraph import petrarch` from {}.",
                sources.join(", ")
            );
            let _ = writeln!(text, "// {description}");
            if actors.is_empty() {
                text.push_str("[]\n");
                return ((*name).to_owned(), text);
            }
            text.push_str("[\n");
            for actor in actors {
                render_actor(&mut text, actor);
            }
            text.push_str("]\n");
            ((*name).to_owned(), text)
        })
        .collect()
}

fn render_actor(out: &mut String, actor: &Draft) {
    let _ = writeln!(out, "    (");
    let _ = writeln!(out, "        id: {},", quote(&actor.id));
    let _ = writeln!(out, "        entity_type: {},", actor.entity_type.as_str());
    let _ = writeln!(out, "        label: {},", quote(&actor.label));
    let quoted: Vec<String> = actor.aliases.iter().map(|a| quote(a)).collect();
    let one_line = format!("        aliases: [{}],", quoted.join(", "));
    if one_line.chars().count() <= 100 {
        let _ = writeln!(out, "{one_line}");
    } else {
        let _ = writeln!(out, "        aliases: [");
        for alias in &quoted {
            let _ = writeln!(out, "            {alias},");
        }
        let _ = writeln!(out, "        ],");
    }
    if let Some(affiliation) = &actor.affiliation {
        let _ = writeln!(out, "        affiliation: {},", quote(affiliation));
    }
    if !actor.roles.is_empty() {
        let _ = writeln!(out, "        roles: [");
        for role in &actor.roles {
            let mut fields = vec![format!("title: {}", quote(&role.title))];
            if let Some(of) = &role.of {
                fields.push(format!("of: {}", quote(of)));
            }
            if let Some(from) = role.from {
                fields.push(format!("from: \"{from}\""));
            }
            if let Some(to) = role.to {
                fields.push(format!("to: \"{to}\""));
            }
            let _ = writeln!(out, "            ({}),", fields.join(", "));
        }
        let _ = writeln!(out, "        ],");
    }
    let _ = writeln!(out, "        note: {},", quote(&actor.note));
    let _ = writeln!(out, "    ),");
}

/// A RON string literal. Names have no control characters left; quotes and backslashes can
/// still occur.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// Reporting

fn type_name(entity_type: EntityType, count: usize) -> &'static str {
    let one = count == 1;
    match entity_type {
        EntityType::Country if one => "country",
        EntityType::Country => "countries",
        EntityType::Person if one => "person",
        EntityType::Person => "persons",
        EntityType::Organization if one => "organization",
        EntityType::Organization => "organizations",
        EntityType::ArmedGroup if one => "armed group",
        EntityType::ArmedGroup => "armed groups",
        EntityType::Party if one => "party",
        EntityType::Party => "parties",
        EntityType::Media => "media",
    }
}

impl ImportReport {
    /// Actors written, all types together.
    pub fn actor_count(&self) -> usize {
        self.actors.values().sum()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "read {} file(s), {} lines: {} entries, {} synonyms, {} comment and {} blank lines",
            self.files,
            self.lines,
            self.entries,
            self.synonyms,
            self.comment_lines,
            self.blank_lines
        )?;
        let by_type: Vec<String> = self
            .actors
            .iter()
            .map(|(t, n)| format!("{n} {}", type_name(*t, *n)))
            .collect();
        writeln!(
            f,
            "wrote {} actors ({}) with {} aliases",
            self.actor_count(),
            if by_type.is_empty() {
                "none".to_owned()
            } else {
                by_type.join(", ")
            },
            self.aliases
        )?;
        writeln!(
            f,
            "entries: {} merged into their country, {} into an earlier entry of the same name, type and country; {} without a code joined the next entry (as PETRARCH reads them); {} without a usable code skipped",
            self.merged_into_country, self.merged_same_name, self.joined_next, self.entries_skipped
        )?;
        writeln!(
            f,
            "aliases dropped: {} claimed first by another actor, {} unusable (empty, numeric, one letter); {} repeats within an actor written once",
            self.dropped_duplicates, self.dropped_unusable, self.repeats
        )?;
        if self.dropped_actors > 0 {
            writeln!(
                f,
                "actors dropped: {} (every alias claimed first by another actor)",
                self.dropped_actors
            )?;
        }
        for example in &self.duplicate_examples {
            writeln!(f, "  e.g. {example}")?;
        }
        for issue in &self.issues {
            writeln!(
                f,
                "{:>6} {} (e.g. {})",
                issue.count,
                issue.kind.describe(),
                issue.examples.join(", ")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DataSource, Gazetteer};

    /// Converts `text` as one file and checks that the result loads.
    fn convert(text: &str) -> (PetrarchImport, Gazetteer) {
        let import = convert_petrarch(&[("dir/test.actors.txt", text)]);
        let sources: Vec<DataSource<'_>> = import
            .files
            .iter()
            .map(|(path, text)| DataSource { path, text })
            .collect();
        let gazetteer = Gazetteer::from_sources(&sources)
            .unwrap_or_else(|e| panic!("{e}\n{}", all_text(&import)));
        (import, gazetteer)
    }

    fn all_text(import: &PetrarchImport) -> String {
        import.files.iter().map(|(_, t)| t.as_str()).collect()
    }

    fn issue(import: &PetrarchImport, kind: IssueKind) -> usize {
        import
            .report
            .issues
            .iter()
            .find(|i| i.kind == kind)
            .map_or(0, |i| i.count)
    }

    const SAMPLE: &str = "\
# A comment
<!-- an XML comment
   over two lines -->
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL_  # the capital
+ISLAMIC_REPUBLIC_OF_AFGHANISTAN

AFGHAN_NATIONAL_ARMY
+ANA
\t[AFGMIL]

HAMID_KARZAI_  # CountryInfo.txt
+PRESIDENT_KARZAI
\t[AFGELI 570101-011222]
\t[AFGGOV 011222-140929]
\t[AFGELI]

UNITED_NATIONS_ [IGOUNO]
+UN_
+U.N.
UNICEF [IGOUNOKID]
ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]
UNITED_STATES [USA]
+US
";

    #[test]
    fn maps_countries_persons_and_organizations() {
        let (import, gazetteer) = convert(SAMPLE);
        let afg = gazetteer.actor("AFG").expect("country AFG");
        assert_eq!(afg.entity_type, EntityType::Country);
        assert_eq!(afg.label, "Afghanistan");
        assert_eq!(
            afg.aliases,
            [
                "Afghanistan",
                "Afghan",
                "Kabul",
                "Islamic Republic of Afghanistan"
            ]
        );

        let army = gazetteer.actor("afghan-national-army").expect("army");
        assert_eq!(army.entity_type, EntityType::Organization);
        assert_eq!(army.affiliation.as_ref().unwrap().as_str(), "AFG");
        assert_eq!(army.aliases, ["Afghan National Army", "ANA"]);

        let karzai = gazetteer.actor("hamid-karzai").expect("person");
        assert_eq!(karzai.entity_type, EntityType::Person);
        assert_eq!(karzai.affiliation.as_ref().unwrap().as_str(), "AFG");
        // (title, of, from, to)
        type RoleRow<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let roles: Vec<RoleRow<'_>> = karzai
            .roles
            .iter()
            .map(|r| {
                (
                    r.title.as_str(),
                    r.of.as_ref().map(|o| o.as_str()),
                    r.from.as_deref(),
                    r.to.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            roles,
            [
                ("elite", Some("AFG"), Some("1957-01-01"), Some("2001-12-22")),
                (
                    "government",
                    Some("AFG"),
                    Some("2001-12-22"),
                    Some("2014-09-29")
                ),
            ]
        );

        // IGO codes: the code's group is the affiliation, people follow their latest code.
        let un = gazetteer.actor("united-nations").expect("UN");
        assert_eq!(un.aliases, ["United Nations", "UN", "U.N."]);
        assert_eq!(un.affiliation, None);
        let unicef = gazetteer.actor("unicef").expect("UNICEF");
        assert_eq!(
            unicef.affiliation.as_ref().unwrap().as_str(),
            "united-nations"
        );
        let veneman = gazetteer.actor("ann-veneman").expect("Veneman");
        assert_eq!(veneman.entity_type, EntityType::Person);
        assert_eq!(veneman.affiliation.as_ref().unwrap().as_str(), "unicef");
        assert_eq!(veneman.roles[0].title, "government");
        assert_eq!(veneman.roles[0].of.as_ref().unwrap().as_str(), "USA");
        assert_eq!(veneman.roles[1].title, "official");
        assert_eq!(veneman.roles[1].from.as_deref(), Some("2005-05-01"));

        let report = &import.report;
        assert_eq!(report.entries, 7);
        assert_eq!(report.synonyms, 8);
        assert_eq!(report.actors[&EntityType::Country], 2);
        assert_eq!(report.actors[&EntityType::Person], 2);
        assert_eq!(report.actors[&EntityType::Organization], 3);
        assert_eq!(report.comment_lines, 3);
        assert!(report.issues.is_empty(), "{report}");

        let found = gazetteer.analyze("Hamid Karzai met UN officials in Kabul.");
        let actors: Vec<&str> = found.mentions.iter().map(|m| m.actor.as_str()).collect();
        assert_eq!(actors, ["hamid-karzai", "united-nations", "AFG"]);
    }

    #[test]
    fn country_entries_merge_and_dated_country_codes_stay_countries() {
        let (import, gazetteer) = convert(
            "FRANCE_ [FRA]\n+FRENCH\nMAYOTTE_ [FRA]\n\
             IRAQ_\n+BAGHDAD\n\t[IRQ <20030320]\n\t[IRQOCC 20030320-20060520]\n\t[IRQ >20060520]\n\
             ZIMBABWE\n\t[RHO <790606]\n\t[ZWE]\n",
        );
        let fra = gazetteer.actor("FRA").unwrap();
        assert_eq!(fra.aliases, ["France", "French", "Mayotte"]);
        assert_eq!(gazetteer.actor("IRQ").unwrap().aliases, ["Iraq", "Baghdad"]);
        assert_eq!(gazetteer.actor("ZWE").unwrap().label, "Zimbabwe");
        assert_eq!(import.report.merged_into_country, 1);
        assert_eq!(gazetteer.actors().len(), 3);
    }

    #[test]
    fn the_defining_entry_names_the_country_and_repeated_entries_merge() {
        let (import, gazetteer) = convert(
            "LEIPZIG_\n+DRESDEN\n\t[DDR <19901003]\n\t[DEU >19901003]\nGERMANY_ [DEU]\n+GERMAN\n\
             DDR [DDR]\nSTANKO_TODOROV\n\t[DEUGOV 710101-810616]\n\
             STANKO_TODOROV (ACTING_\n\t[DEUELI 810616-890101]\n\
             BASHAR_AL_ASSAD_\n\t[DEUGOV >000717]\nBASHAR_AL-ASSAD\n+ASSAD_REGIME\n\t[DEUGOV]\n",
        );
        let deu = gazetteer.actor("DEU").unwrap();
        assert_eq!(deu.label, "Germany");
        assert_eq!(deu.aliases, ["Germany", "German", "Leipzig", "Dresden"]);
        let todorov = gazetteer.actor("stanko-todorov").unwrap();
        assert_eq!(todorov.roles.len(), 2);
        assert!(gazetteer.actor("stanko-todorov-2").is_none());
        assert_eq!(import.report.merged_same_name, 1);
        // A person and an undated entry of the same name are different actors; the first in
        // the dictionary keeps the name.
        let assad = gazetteer.actor("bashar-al-assad").unwrap();
        assert_eq!(assad.entity_type, EntityType::Person);
        assert_eq!(assad.aliases, ["Bashar al Assad"]);
        let regime = gazetteer.actor("bashar-al-assad-2").unwrap();
        assert_eq!(regime.entity_type, EntityType::Organization);
        assert_eq!(regime.aliases, ["Assad Regime"]);
        assert_eq!(import.report.dropped_duplicates, 1);
    }

    #[test]
    fn years_and_date_forms() {
        let (_, gazetteer) = convert(
            "USA [USA]\nJOHN_DOE\n\t[USAGOV 991231-300101]\n\t[USALEG < 310101]\n\
             \t[USAMIL 19500101 - 19600101]\n\t[USAJUD > 20150101]\n",
        );
        let doe = gazetteer.actor("john-doe").unwrap();
        let dates: Vec<(&str, Option<&str>, Option<&str>)> = doe
            .roles
            .iter()
            .map(|r| (r.title.as_str(), r.from.as_deref(), r.to.as_deref()))
            .collect();
        assert_eq!(
            dates,
            [
                ("government", Some("1999-12-31"), Some("2030-01-01")),
                ("legislature", None, Some("1931-01-01")),
                ("military", Some("1950-01-01"), Some("1960-01-01")),
                ("judiciary", Some("2015-01-01"), None),
            ]
        );
    }

    #[test]
    fn duplicate_aliases_stay_with_the_first_claimant() {
        let (import, gazetteer) = convert(
            "JORDAN [JOR]\n+AMMAN\nMICHAEL_JORDAN [USABUS]\n+JORDAN\nUSA [USA]\n\
             AMMAN_ [USABUS]\n",
        );
        assert_eq!(gazetteer.actor("JOR").unwrap().aliases, ["Jordan", "Amman"]);
        assert_eq!(
            gazetteer.actor("michael-jordan").unwrap().aliases,
            ["Michael Jordan"]
        );
        // "Amman" lost its only alias: not written.
        assert!(gazetteer.actor("amman").is_none());
        let report = &import.report;
        assert_eq!(report.dropped_duplicates, 2);
        assert_eq!(report.dropped_actors, 1);
        assert_eq!(report.duplicate_examples.len(), 2);
        assert!(
            report.duplicate_examples[0].contains("\"Jordan\""),
            "{report}"
        );
    }

    #[test]
    fn acronyms_and_title_case() {
        assert_eq!(
            display_phrase("VLADIMIR VLADIMIROVICH PUTIN", true),
            "Vladimir Vladimirovich Putin"
        );
        assert_eq!(display_phrase("KIM JONG UN", true), "Kim Jong Un");
        assert_eq!(display_phrase("GEORGE W. BUSH", true), "George W. Bush");
        assert_eq!(
            display_phrase("UN SECRETARY GENERAL", false),
            "UN Secretary General"
        );
        assert_eq!(display_phrase("UN", false), "UN");
        assert_eq!(display_phrase("KRG", false), "KRG");
        assert_eq!(display_phrase("UNHCR", false), "UNHCR");
        assert_eq!(display_phrase("U.S.", false), "U.S.");
        assert_eq!(display_phrase("KABUL", false), "Kabul");
        assert_eq!(display_phrase("KAZAKHSTAN", false), "Kazakhstan");
        assert_eq!(
            display_phrase("HUMAN RIGHTS WATCH", false),
            "Human Rights Watch"
        );
        assert_eq!(display_phrase("MAZAR-I-SHARIF", false), "Mazar-i-Sharif");
        assert_eq!(display_phrase("TKP/ML-TIKKO", false), "TKP/Ml-Tikko");
        assert_eq!(display_phrase("BASHAR AL-ASSAD", true), "Bashar Al-Assad");
        assert_eq!(display_phrase("OSAMA BIN LADEN", true), "Osama bin Laden");
        assert_eq!(
            display_phrase("BAHA'I INTERNATIONAL", false),
            "Baha'i International"
        );
        assert_eq!(display_phrase("CONGO (DRC)", false), "Congo (DRC)");
        assert_eq!(display_phrase("ERDOĞAN", true), "Erdoğan");
        assert_eq!(
            aliases_of("CONTINUITY IRISH REPUBLICAN ARMY (CIRA)", false),
            ["Continuity Irish Republican Army", "CIRA"]
        );
        assert_eq!(
            label_of("CONTINUITY IRISH REPUBLICAN ARMY (CIRA)", false),
            "Continuity Irish Republican Army (CIRA)"
        );
        assert_eq!(aliases_of("SAMOA (AMERICAN)", false), ["Samoa (American)"]);
        assert_eq!(
            aliases_of("STANKO TODOROV (ACTING", true),
            ["Stanko Todorov"]
        );
        assert_eq!(slug("The United Nations"), "united-nations");
        assert_eq!(slug("Manfred Wörner"), "manfred-worner");
        assert_eq!(slug("СССР"), "actor");
    }

    #[test]
    fn odd_lines_are_skipped_and_counted() {
        let text = "\
+ORPHAN
\t[XYZ]
<! -- an old-style comment -->
BOROMIR  [---]
LORIEN  [ELR/GAL]
DUDE [~GOV]
GONDOR [GON]
+MINAS_TIRITH [GON]
+7
+X
+GONDOR
\tOSGILIATH\t[OSG]
ROHAN  [ROH] trailing words
RIVENDELL
\t[ELF 9001-910101]
\t[ELF 910101-900101]
\t[ELF 19910101]
\tDUMMY
- ** PATTERN [010]
&SYNSET
NAME: VALUE
CAPTAIN_{PLURAL}_ [GON]
NO_CODE_AT_ALL
---STOP---
AFTER [AFT]
ANOTHER [AFT]
";
        let (import, gazetteer) = convert(text);
        for (kind, count) in [
            (IssueKind::OrphanSynonym, 1),
            (IssueKind::OrphanCode, 1),
            (IssueKind::NullCodeOnly, 1),
            (IssueKind::UnreadableCode, 1),
            (IssueKind::AgentCode, 1),
            (IssueKind::CodeOnSynonym, 1),
            (IssueKind::IndentedEntry, 2),
            (IssueKind::TrailingText, 1),
            (IssueKind::BadDate, 1),
            (IssueKind::ReversedDates, 1),
            (IssueKind::LoneDate, 1),
            (IssueKind::OtherDictionaryLine, 2),
            (IssueKind::NotAName, 1),
            (IssueKind::Braces, 1),
            (IssueKind::NoCodeAtEnd, 1),
            (IssueKind::AfterStop, 2),
        ] {
            assert_eq!(issue(&import, kind), count, "{kind:?}\n{}", import.report);
        }
        // Unusable synonyms and repeats: "7", "X", and "Gondor" again.
        assert_eq!(import.report.dropped_unusable, 2);
        assert_eq!(import.report.repeats, 1);
        // The indented "DUMMY" is an entry without codes: it takes the next entry's.
        assert_eq!(
            gazetteer.actor("GON").unwrap().aliases,
            ["Gondor", "Minas Tirith", "Dummy", "Captain"]
        );
        assert_eq!(gazetteer.actor("OSG").unwrap().aliases, ["Osgiliath"]);
        assert_eq!(import.report.joined_next, 1);
        assert!(gazetteer.actor("AFT").is_none());
        assert!(import.report.to_string().contains("lines after ---STOP---"));
    }

    #[test]
    fn entries_without_codes_join_the_next_entry_as_petrarch_reads_them() {
        let (import, gazetteer) = convert(
            "RUSSIA [RUS]\nLEONID_BREZHNEV\nSECRETARY_BREZHNEV\n+BREZHNEV\n\t[RUSGOV 641014-821110]\n\
             U.N._\n\n# Secretaries General\nUN_SECRETARY_GENERAL\n\t[IGOUNO]\n",
        );
        let brezhnev = gazetteer.actor("leonid-brezhnev").unwrap();
        assert_eq!(
            brezhnev.aliases,
            ["Leonid Brezhnev", "Secretary Brezhnev", "Brezhnev"]
        );
        assert_eq!(import.report.joined_next, 2);
        assert_eq!(import.report.entries, 5);
        // Joining across a blank line is PETRARCH's reading too, but flagged.
        assert_eq!(
            gazetteer.actor("u-n").unwrap().aliases,
            ["U.N.", "UN Secretary General"]
        );
        assert_eq!(issue(&import, IssueKind::JoinedAcrossBlank), 1);
    }

    #[test]
    fn armed_groups_parties_media_and_missing_countries() {
        let (import, gazetteer) = convert(
            "PALESTINE [PSE]\nHAMAS [PSEREBHMS]\nQASSAM_BRIGADES [PSEREBHMSMIL]\n\
             FATAH [PSEPTY]\nAFP [MED]\nSHEIKH_YASSIN\n\t[PSEREBHMS 19870101-20040322]\n\
             KGB [SUNSPY]\n",
        );
        let hamas = gazetteer.actor("hamas").unwrap();
        assert_eq!(hamas.entity_type, EntityType::ArmedGroup);
        assert_eq!(hamas.affiliation, None);
        let qassam = gazetteer.actor("qassam-brigades").unwrap();
        assert_eq!(qassam.affiliation.as_ref().unwrap().as_str(), "hamas");
        assert_eq!(
            gazetteer.actor("fatah").unwrap().entity_type,
            EntityType::Party
        );
        assert_eq!(
            gazetteer.actor("afp").unwrap().entity_type,
            EntityType::Media
        );
        let yassin = gazetteer.actor("sheikh-yassin").unwrap();
        assert_eq!(yassin.affiliation.as_ref().unwrap().as_str(), "hamas");
        assert_eq!(yassin.roles[0].title, "rebel");
        // No SUN country in this data: no affiliation, and the report says why.
        assert_eq!(gazetteer.actor("kgb").unwrap().affiliation, None);
        assert_eq!(issue(&import, IssueKind::UnknownCountry), 1);
    }

    #[test]
    fn latin1_names_and_control_characters() {
        let (import, gazetteer) = convert("GERMANY [DEU]\nMANFRED_W\u{d6}RNER_\t[DEUGOV 820101-880630]\nLIAMINE_Z\u{1a}ROUAL [DEUELI >900101]\n");
        assert_eq!(
            gazetteer.actor("manfred-worner").unwrap().label,
            "Manfred Wörner"
        );
        assert!(gazetteer.actor("liamine-zroual").is_some());
        assert_eq!(issue(&import, IssueKind::ControlCharacter), 1);
    }

    #[test]
    fn output_is_deterministic_and_every_file_is_written() {
        let a = convert_petrarch(&[("a.txt", SAMPLE)]);
        let b = convert_petrarch(&[("a.txt", SAMPLE)]);
        assert_eq!(a, b);
        let names: Vec<&str> = a.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "petrarch-countries.ron",
                "petrarch-persons.ron",
                "petrarch-organizations.ron",
                "petrarch-groups.ron",
                "petrarch-media.ron"
            ]
        );
        assert!(a.files[3].1.ends_with("[]\n"));
        let empty = convert_petrarch(&[]);
        assert_eq!(empty.report.actor_count(), 0);
    }
}
