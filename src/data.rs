//! Loading gazetteer data: the shipped files embedded at build time, or a user's folder.

use std::{fs, path::Path};

use actorgraph_core::EntityType;
use actorgraph_gazetteer::{DataSource, Gazetteer};
use actorgraph_relations::RelationRules;

use crate::Failure;

include!(concat!(env!("OUT_DIR"), "/shipped_data.rs"));

/// The gazetteer from `dir`, or the shipped one. Broken data is a [`Failure::UsageOrData`] that
/// carries every problem, rendered.
pub(crate) fn load(dir: Option<&Path>) -> Result<Gazetteer, Failure> {
    let files = match dir {
        Some(dir) => read_dir(dir)?,
        None => SHIPPED_DATA
            .iter()
            .map(|&(path, text)| (path.to_owned(), text.to_owned()))
            .collect(),
    };
    let sources: Vec<DataSource<'_>> = files
        .iter()
        .map(|(path, text)| DataSource { path, text })
        .collect();
    Gazetteer::from_sources(&sources).map_err(|errors| Failure::UsageOrData(errors.to_string()))
}

/// The relation rules from `file`, or the shipped ones.
pub(crate) fn load_rules(file: Option<&Path>) -> Result<RelationRules, Failure> {
    let (path, text) = match file {
        Some(file) => {
            let shown = file.display().to_string();
            let text = fs::read_to_string(file).map_err(|e| {
                Failure::UsageOrData(format!(
                    "actorgraph: error: {shown}: cannot read rules: {e}"
                ))
            })?;
            (shown, text)
        }
        None => (SHIPPED_RULES.0.to_owned(), SHIPPED_RULES.1.to_owned()),
    };
    RelationRules::from_ron(&path, &text).map_err(|errors| Failure::UsageOrData(errors.to_string()))
}

/// `actorgraph check-data [DIR]`.
pub(crate) fn check(dir: Option<&Path>, rules: Option<&Path>) -> Result<(), Failure> {
    let gazetteer = load(dir)?;
    load_rules(rules)?;
    let count = |t: EntityType| {
        gazetteer
            .actors()
            .iter()
            .filter(|a| a.entity_type == t)
            .count()
    };
    let where_from = dir.map_or("built-in data".to_owned(), |d| d.display().to_string());
    println!(
        "ok: {where_from}: {} actors ({} countries, {} persons, {} organizations, {} armed groups, {} parties, {} media), {} patterns",
        gazetteer.actors().len(),
        count(EntityType::Country),
        count(EntityType::Person),
        count(EntityType::Organization),
        count(EntityType::ArmedGroup),
        count(EntityType::Party),
        count(EntityType::Media),
        gazetteer.pattern_count(),
    );
    Ok(())
}

/// Reads every `*.ron` file under `dir`, recursively, in sorted order.
fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, Failure> {
    let mut paths = Vec::new();
    collect_ron_files(dir, &mut paths)?;
    paths.sort();
    if paths.is_empty() {
        return Err(Failure::UsageOrData(format!(
            "actorgraph: error: {}: no .ron data files in this folder",
            dir.display()
        )));
    }
    paths
        .into_iter()
        .map(|path| {
            let shown = path.display().to_string();
            let bytes = fs::read(&path).map_err(|e| {
                Failure::UsageOrData(format!("actorgraph: error: {shown}: cannot read: {e}"))
            })?;
            let text = String::from_utf8(bytes).map_err(|e| {
                Failure::UsageOrData(format!(
                    "actorgraph: error: {shown}: not valid UTF-8 (at byte {})",
                    e.utf8_error().valid_up_to()
                ))
            })?;
            Ok((shown, text))
        })
        .collect()
}

fn collect_ron_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), Failure> {
    let entries = fs::read_dir(dir).map_err(|e| {
        Failure::UsageOrData(format!(
            "actorgraph: error: {}: cannot read data folder: {e}",
            dir.display()
        ))
    })?;
    for entry in entries {
        let path = entry.map_err(|e| Failure::Other(e.into()))?.path();
        // Symlinked folders are not followed, so a link loop cannot trap the walk.
        let file_type = fs::symlink_metadata(&path).map_err(|e| Failure::Other(e.into()))?;
        if file_type.is_dir() {
            collect_ron_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
    Ok(())
}
