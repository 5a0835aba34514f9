//! Loading gazetteer data: RON parsing, then a semantic pass that reports every problem at once.

use std::collections::{BTreeMap, HashMap};

use actorgraph_core::{
    actor::{is_country_code, is_slug},
    ActorId, EntityType,
};
use ron::extensions::Extensions;

use actorgraph_core::{DataError, DataErrors};

use crate::{
    file::{ActorEntry, AgentNounsFile, NonActorsFile},
    normalize::{is_case_sensitive, normalize_alias},
    Actor, Role,
};

/// One data file: the path to show in errors and its text. The caller does the reading, so the
/// shipped data can come from the binary and a user's from disk.
#[derive(Clone, Copy, Debug)]
pub struct DataSource<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// An entry with where it came from, between parsing and validation.
struct Located {
    entry: ActorEntry,
    source: usize,
    /// Byte offset of the entry's id string in its file, for error positions.
    offset: usize,
}

/// The file that holds agent nouns; every other `.ron` file but [`NON_ACTORS_FILE`] holds actors.
pub const AGENT_NOUNS_FILE: &str = "agent-nouns.ron";
/// The file that holds non-actor phrases.
pub const NON_ACTORS_FILE: &str = "non-actors.ron";

/// Everything the data files hold, validated.
#[derive(Debug, Default)]
pub(crate) struct LoadedData {
    /// Sorted by id.
    pub actors: Vec<Actor>,
    /// (sector, noun phrase), in file order.
    pub agent_nouns: Vec<(String, String)>,
    pub non_actors: Vec<String>,
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Parses and validates all sources.
pub(crate) fn load_data(sources: &[DataSource<'_>]) -> Result<LoadedData, DataErrors> {
    let mut errors = Vec::new();
    let mut located = Vec::new();
    let mut data = LoadedData::default();
    for (index, source) in sources.iter().enumerate() {
        match file_name(source.path) {
            AGENT_NOUNS_FILE => {
                match parse::<AgentNounsFile>(source) {
                    Ok(file) => {
                        for (sector, nouns) in file.sectors {
                            for noun in nouns {
                                if normalize_alias(&noun).is_empty() {
                                    errors.push(empty_phrase(source, &noun));
                                }
                                data.agent_nouns.push((sector.clone(), noun));
                            }
                        }
                    }
                    Err(error) => errors.push(error),
                }
                continue;
            }
            NON_ACTORS_FILE => {
                match parse::<NonActorsFile>(source) {
                    Ok(file) => {
                        for phrase in file.phrases {
                            if normalize_alias(&phrase).is_empty() {
                                errors.push(empty_phrase(source, &phrase));
                            }
                            data.non_actors.push(phrase);
                        }
                    }
                    Err(error) => errors.push(error),
                }
                continue;
            }
            _ => {}
        }
        match parse::<Vec<ActorEntry>>(source) {
            Ok(entries) => {
                let mut cursor = 0;
                for entry in entries {
                    let offset = find_quoted(source.text, &entry.id, cursor).unwrap_or(cursor);
                    cursor = offset + 1;
                    located.push(Located {
                        entry,
                        source: index,
                        offset,
                    });
                }
            }
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(DataErrors(errors));
    }
    data.actors = validate_actors(sources, located)?;
    Ok(data)
}

fn empty_phrase(source: &DataSource<'_>, phrase: &str) -> DataError {
    let offset = find_quoted(source.text, phrase, 0).unwrap_or(0);
    DataError::at_offset(
        source.path,
        source.text,
        offset,
        None,
        format!("empty phrase \"{phrase}\": it has no letters or digits"),
    )
}

fn validate_actors(
    sources: &[DataSource<'_>],
    located: Vec<Located>,
) -> Result<Vec<Actor>, DataErrors> {
    let mut validator = Validator {
        sources,
        errors: Vec::new(),
    };
    validator.check(&located);
    if !validator.errors.is_empty() {
        let file_order = |path: &str| sources.iter().position(|s| s.path == path);
        validator
            .errors
            .sort_by_key(|e| (file_order(&e.path), e.line, e.column));
        return Err(DataErrors(validator.errors));
    }
    Ok(build_actors(located))
}

fn parse<T: serde::de::DeserializeOwned>(source: &DataSource<'_>) -> Result<T, DataError> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    options.from_str(source.text).map_err(|error| {
        DataError::at(
            source.path,
            source.text,
            error.span.start.line,
            error.span.start.col,
            None,
            error.code.to_string(),
        )
    })
}

/// Finds `"needle"` (quoted, as RON writes strings) at or after `from`.
fn find_quoted(text: &str, needle: &str, from: usize) -> Option<usize> {
    let quoted = format!("\"{needle}\"");
    text.get(from..)?.find(&quoted).map(|i| from + i)
}

struct Validator<'a> {
    sources: &'a [DataSource<'a>],
    errors: Vec<DataError>,
}

/// Which list of an entry an alias comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AliasList {
    Aliases,
    Demonyms,
    Metonyms,
    Surnames,
}

impl Validator<'_> {
    fn report(&mut self, item: &Located, offset: usize, message: String) {
        let source = &self.sources[item.source];
        self.errors.push(DataError::at_offset(
            source.path,
            source.text,
            offset,
            Some(&item.entry.id),
            message,
        ));
    }

    /// Offset of `needle` quoted inside the entry, falling back to the entry's id.
    fn offset_of(&self, item: &Located, needle: &str) -> usize {
        find_quoted(self.sources[item.source].text, needle, item.offset).unwrap_or(item.offset)
    }

    fn location(&self, item: &Located) -> String {
        let source = &self.sources[item.source];
        let e = DataError::at_offset(source.path, source.text, item.offset, None, String::new());
        format!("{}:{}:{}", e.path, e.line, e.column)
    }

    fn check(&mut self, located: &[Located]) {
        let mut ids: HashMap<&str, &Located> = HashMap::new();
        for item in located {
            let entry = &item.entry;
            match ids.get(entry.id.as_str()) {
                Some(first) => {
                    let message = format!(
                        "duplicate id \"{}\", first defined at {}",
                        entry.id,
                        self.location(first)
                    );
                    self.report(item, item.offset, message);
                }
                None => {
                    ids.insert(&entry.id, item);
                }
            }
            self.check_id_shape(item);
            if entry.label.trim().is_empty() {
                self.report(item, item.offset, "empty label".to_owned());
            }
            if entry.aliases.is_empty()
                && entry.demonyms.is_empty()
                && entry.metonyms.is_empty()
                && entry.surnames.is_empty()
            {
                self.report(
                    item,
                    item.offset,
                    "no aliases: the actor could never be found in text".to_owned(),
                );
            }
            for alias in &entry.ambiguous {
                let known = entry
                    .aliases
                    .iter()
                    .chain(&entry.demonyms)
                    .chain(&entry.metonyms)
                    .chain(&entry.surnames)
                    .any(|a| a == alias);
                if !known {
                    let offset = self.offset_of(item, alias);
                    self.report(
                        item,
                        offset,
                        format!("ambiguous alias \"{alias}\" is not one of this actor's aliases"),
                    );
                }
            }
            for role in &entry.roles {
                for date in [&role.from, &role.to].into_iter().flatten() {
                    if !is_partial_date(date) {
                        let offset = self.offset_of(item, date);
                        self.report(
                            item,
                            offset,
                            format!("date \"{date}\" is not YYYY, YYYY-MM or YYYY-MM-DD"),
                        );
                    }
                }
                if let (Some(from), Some(to)) = (&role.from, &role.to) {
                    if is_partial_date(from) && is_partial_date(to) && from > to {
                        let offset = self.offset_of(item, to);
                        self.report(
                            item,
                            offset,
                            format!(
                                "role \"{}\" ends ({to}) before it starts ({from})",
                                role.title
                            ),
                        );
                    }
                }
            }
        }
        for item in located {
            let entry = &item.entry;
            let references = entry
                .affiliation
                .iter()
                .map(|id| (id, "affiliation"))
                .chain(
                    entry
                        .roles
                        .iter()
                        .filter_map(|r| r.of.as_ref().map(|id| (id, "role"))),
                );
            for (target, what) in references {
                if !ids.contains_key(target.as_str()) {
                    let offset = self.offset_of(item, target);
                    self.report(
                        item,
                        offset,
                        format!("{what} \"{target}\" is not the id of any actor"),
                    );
                } else if target == &entry.id {
                    let offset = self.offset_of(item, target);
                    self.report(item, offset, format!("{what} points at the actor itself"));
                }
            }
        }
        self.check_affiliation_cycles(located, &ids);
        self.check_aliases(located);
    }

    fn check_id_shape(&mut self, item: &Located) {
        let entry = &item.entry;
        let ok = match entry.entity_type {
            EntityType::Country => is_country_code(&entry.id),
            _ => is_slug(&entry.id),
        };
        if !ok {
            let expected = match entry.entity_type {
                EntityType::Country => "an ISO 3166-1 alpha-3 code in capitals, like \"IRN\"",
                _ => "a kebab-case ASCII slug, like \"levan-dzhagaryan\"",
            };
            self.report(
                item,
                item.offset,
                format!("id \"{}\" is not {expected}", entry.id),
            );
        }
    }

    fn check_affiliation_cycles(&mut self, located: &[Located], ids: &HashMap<&str, &Located>) {
        for item in located {
            let mut seen = vec![item.entry.id.as_str()];
            let mut current = item.entry.affiliation.as_deref();
            while let Some(next) = current {
                if seen.contains(&next) {
                    if next == item.entry.id && seen.len() > 1 {
                        let message =
                            format!("affiliations form a cycle: {} -> {next}", seen.join(" -> "));
                        self.report(item, item.offset, message);
                    }
                    break;
                }
                seen.push(next);
                current = ids.get(next).and_then(|n| n.entry.affiliation.as_deref());
            }
        }
    }

    fn check_aliases(&mut self, located: &[Located]) {
        // Normalized alias -> (index of the first actor that claimed it, its list).
        let mut claims: HashMap<String, (usize, AliasList, String)> = HashMap::new();
        for (index, item) in located.iter().enumerate() {
            let entry = &item.entry;
            let lists = [
                (AliasList::Aliases, &entry.aliases),
                (AliasList::Demonyms, &entry.demonyms),
                (AliasList::Metonyms, &entry.metonyms),
                (AliasList::Surnames, &entry.surnames),
            ];
            for (list, aliases) in lists {
                for alias in aliases {
                    let normalized = normalize_alias(alias);
                    if normalized.is_empty() {
                        let offset = self.offset_of(item, alias);
                        self.report(
                            item,
                            offset,
                            format!("empty alias \"{alias}\": it has no letters or digits"),
                        );
                        continue;
                    }
                    // An alias that is not an acronym also matches in capitals ("IRAN"), so
                    // that form is claimed too.
                    let mut keys = vec![normalized.clone()];
                    if !is_case_sensitive(&normalized) {
                        keys.push(normalize_alias(&alias.to_uppercase()));
                    }
                    for key in keys {
                        match claims.get(&key) {
                            None => {
                                claims.insert(key, (index, list, alias.clone()));
                            }
                            Some((first, first_list, first_alias)) => {
                                // Surnames may be shared, and so may aliases both actors mark
                                // ambiguous: context picks the actor.
                                let shared_surname = list == AliasList::Surnames
                                    && *first_list == AliasList::Surnames;
                                let first_item = &located[*first];
                                let both_ambiguous = entry.ambiguous.contains(alias)
                                    && first_item.entry.ambiguous.contains(first_alias);
                                if *first == index || shared_surname || both_ambiguous {
                                    continue;
                                }
                                let message = format!(
                                    "alias \"{alias}\" is also claimed by \"{}\" (as \"{first_alias}\", at {})",
                                    first_item.entry.id,
                                    self.location(first_item)
                                );
                                let offset = self.offset_of(item, alias);
                                self.report(item, offset, message);
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible month and day numbers.
fn is_partial_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        s.len() == len
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| range.contains(&n))
    };
    match parts.as_slice() {
        [y] => number(y, 4, 0..=9999),
        [y, m] => number(y, 4, 0..=9999) && number(m, 2, 1..=12),
        [y, m, d] => number(y, 4, 0..=9999) && number(m, 2, 1..=12) && number(d, 2, 1..=31),
        _ => false,
    }
}

fn build_actors(located: Vec<Located>) -> Vec<Actor> {
    let affiliation_of: BTreeMap<String, (EntityType, Option<String>)> = located
        .iter()
        .map(|l| {
            (
                l.entry.id.clone(),
                (l.entry.entity_type, l.entry.affiliation.clone()),
            )
        })
        .collect();
    let country_of = |id: &str| -> Option<ActorId> {
        // Follow affiliations to the first country; validation has ruled out cycles.
        let mut current = id;
        for _ in 0..=affiliation_of.len() {
            let (entity_type, affiliation) = affiliation_of.get(current)?;
            if *entity_type == EntityType::Country {
                return Some(ActorId::new(current));
            }
            current = affiliation.as_deref()?;
        }
        None
    };
    let mut actors: Vec<Actor> = located
        .into_iter()
        .map(|l| {
            let e = l.entry;
            let country = country_of(&e.id);
            let mut aliases: Vec<String> = Vec::new();
            for alias in e
                .aliases
                .iter()
                .chain(&e.demonyms)
                .chain(&e.metonyms)
                .chain(&e.surnames)
            {
                if !aliases.contains(alias) {
                    aliases.push(alias.clone());
                }
            }
            Actor {
                id: ActorId::new(&e.id),
                entity_type: e.entity_type,
                label: e.label,
                affiliation: e.affiliation.as_deref().map(ActorId::new),
                country,
                roles: e
                    .roles
                    .into_iter()
                    .map(|r| Role {
                        title: r.title,
                        of: r.of.as_deref().map(ActorId::new),
                        from: r.from,
                        to: r.to,
                    })
                    .collect(),
                aliases,
                ambiguous: e.ambiguous,
                names: e.aliases,
                demonyms: e.demonyms,
                metonyms: e.metonyms,
                surnames: e.surnames,
            }
        })
        .collect();
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    actors
}

#[cfg(test)]
mod tests {
    use super::is_partial_date;

    #[test]
    fn partial_dates() {
        for ok in ["2018", "2018-07", "2018-07-10"] {
            assert!(is_partial_date(ok), "{ok}");
        }
        for bad in ["18", "2018-7", "2018-13", "2018-07-32", "July 2018", ""] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }
}
