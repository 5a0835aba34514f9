//! Embeds the shipped gazetteer data (`data/gazetteer/*.ron`) and relation rules
//! (`data/relations.ron`) in the binary, so `actorgraph`
//! runs from any directory. Adding a data file needs no code change.

use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let data_dir = Path::new(&root).join("data").join("gazetteer");
    println!("cargo::rerun-if-changed={}", data_dir.display());
    let mut files: Vec<_> = fs::read_dir(&data_dir)
        .expect("data/gazetteer exists")
        .map(|entry| entry.expect("data/gazetteer is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    let mut code = String::from("/// Shipped gazetteer data: (path shown in errors, contents).\n");
    code.push_str("pub const SHIPPED_DATA: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let name = file.file_name().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    (\"data/gazetteer/{name}\", include_str!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let rules = Path::new(&root).join("data").join("relations.ron");
    println!("cargo::rerun-if-changed={}", rules.display());
    code.push_str(&format!(
        "/// Shipped relation rules.\npub const SHIPPED_RULES: (&str, &str) = (\"data/relations.ron\", include_str!({:?}));\n",
        rules.display().to_string()
    ));
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shipped_data.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
