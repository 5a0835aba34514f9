//! `actorgraph import petrarch FILE... -o DIR`: PETRARCH/TABARI actor dictionaries to gazetteer
//! data. The conversion is `actorgraph_gazetteer::convert_petrarch`; this is the reading, the
//! writing and the check that the written folder loads.

use std::{
    fs,
    path::{Path, PathBuf},
    time::Instant,
};

use actorgraph_gazetteer::convert_petrarch;

use crate::{data, output, Failure};

/// A dictionary read for conversion: its path as shown, and its text.
struct Dictionary {
    shown: String,
    text: String,
}

pub(crate) fn petrarch(files: &[PathBuf], dir: &Path) -> Result<(), Failure> {
    let started = Instant::now();
    let mut problems = Vec::new();
    let mut dictionaries = Vec::new();
    for path in files {
        match read(path) {
            Ok(dictionary) => dictionaries.push(dictionary),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::UsageOrData(problems.join("\n")));
    }
    let sources: Vec<(&str, &str)> = dictionaries
        .iter()
        .map(|d| (d.shown.as_str(), d.text.as_str()))
        .collect();
    let import = convert_petrarch(&sources);

    fs::create_dir_all(dir).map_err(|e| {
        Failure::UsageOrData(format!(
            "actorgraph: error: {}: cannot create the output folder: {e}",
            dir.display()
        ))
    })?;
    let others = other_data_files(dir, &import.files);
    for (name, text) in &import.files {
        output::write_to(Some(&dir.join(name)), |out| out.write_all(text.as_bytes()))?;
    }
    eprint!("{}", import.report);
    if !others.is_empty() {
        eprintln!(
            "actorgraph: warning: {} also holds {}: they load together with the import",
            dir.display(),
            others.join(", ")
        );
    }

    // The converter promises data that loads; the folder may hold other files too. Either way
    // a folder that does not load must not pass for a finished import.
    let gazetteer = data::load(Some(dir)).map_err(|failure| match failure {
        Failure::UsageOrData(errors) => Failure::UsageOrData(format!(
            "{errors}\nactorgraph: error: the imported data in {} does not load",
            dir.display()
        )),
        other => other,
    })?;
    eprintln!(
        "actorgraph: imported {} actors into {} ({} actors load from it) in {:.2} s",
        import.report.actor_count(),
        dir.display(),
        gazetteer.actors().len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Reads a dictionary. TABARI-era files are often Latin-1: text that is not UTF-8 is read as
/// Latin-1, with a warning, rather than refused.
fn read(path: &Path) -> Result<Dictionary, String> {
    let shown = path.display().to_string();
    let bytes =
        fs::read(path).map_err(|e| format!("actorgraph: error: {shown}: cannot read: {e}"))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            eprintln!(
                "actorgraph: warning: {shown}: not valid UTF-8 (at byte {}); read as Latin-1",
                error.utf8_error().valid_up_to()
            );
            error.into_bytes().iter().map(|&b| char::from(b)).collect()
        }
    };
    Ok(Dictionary { shown, text })
}

/// The `.ron` files in `dir` (not below it) that this import does not write.
fn other_data_files(dir: &Path, written: &[(String, String)]) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut others: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron") && !written.iter().any(|(w, _)| w == name))
        .collect();
    others.sort();
    others
}
