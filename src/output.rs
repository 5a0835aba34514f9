//! Writing results: to standard output, or atomically to a file (a temporary file in the same
//! folder, renamed over the target only once complete), so an interrupted run never leaves half a
//! file behind.

use std::{
    fs,
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
};

use crate::Failure;

/// Runs `write` against `path` (atomically) or standard output.
pub(crate) fn write_to(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let Some(path) = path else {
        let mut out = BufWriter::new(io::stdout().lock());
        write(&mut out)?;
        out.flush()?;
        return Ok(());
    };
    let temporary = temporary_path(path);
    let result = (|| -> io::Result<()> {
        let file = fs::File::create(&temporary)?;
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if let Err(error) = result {
        let _ = fs::remove_file(&temporary);
        return Err(Failure::Other(anyhow::anyhow!(
            "{}: cannot write: {error}",
            path.display()
        )));
    }
    Ok(())
}

/// Has `produce` write a temporary file next to `path` (by its path: another program may write
/// it), then renames it over `path`; on any failure the temporary file is removed and `path` is
/// left as it was.
pub(crate) fn replace_with(
    path: &Path,
    produce: impl FnOnce(&Path) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let temporary = temporary_path(path);
    let result = produce(&temporary).and_then(|()| {
        fs::rename(&temporary, path)
            .map_err(|e| Failure::Other(anyhow::anyhow!("{}: cannot write: {e}", path.display())))
    });
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
