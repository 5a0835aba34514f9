//! The shipped gazetteer and rules, loaded once per fuzzing process.

use std::{fs, path::Path, sync::OnceLock};

use actorgraph_gazetteer::{DataSource, Gazetteer};
use actorgraph_relations::RelationRules;

pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/gazetteer");
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        let texts: Vec<(String, String)> = files
            .iter()
            .map(|p| (p.display().to_string(), fs::read_to_string(p).unwrap()))
            .collect();
        let sources: Vec<DataSource<'_>> = texts
            .iter()
            .map(|(path, text)| DataSource { path, text })
            .collect();
        Gazetteer::from_sources(&sources).expect("the shipped data loads")
    })
}

#[allow(dead_code, reason = "not every target reads relations")]
pub fn rules() -> &'static RelationRules {
    static RULES: OnceLock<RelationRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/relations.ron");
        let text = fs::read_to_string(&path).unwrap();
        RelationRules::from_ron(&path.display().to_string(), &text).expect("the rules load")
    })
}
