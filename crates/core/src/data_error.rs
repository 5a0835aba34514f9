//! Errors in data files (gazetteer, relation rules), located at `path:line:col` and rendered with the source line.

use std::fmt;

/// One problem in one data file.
///
/// Syntax errors (from RON or from an unknown field) and semantic problems (a duplicate id, an
/// alias claimed by two actors, an affiliation to an unknown id, an empty alias) share this type,
/// so a user sees every problem in the same form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    pub path: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The id of the entry the problem is in, when it is about one entry.
    pub entry: Option<String>,
    pub message: String,
    /// The text of `line`, for display under the message.
    pub source_line: String,
}

impl DataError {
    pub fn at(
        path: &str,
        source: &str,
        line: usize,
        column: usize,
        entry: Option<&str>,
        message: String,
    ) -> DataError {
        let source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim_end()
            .to_owned();
        DataError {
            path: path.to_owned(),
            line,
            column,
            entry: entry.map(str::to_owned),
            message,
            source_line,
        }
    }

    /// Locates a byte offset of `source` as a 1-based line and character column.
    pub fn at_offset(
        path: &str,
        source: &str,
        offset: usize,
        entry: Option<&str>,
        message: String,
    ) -> DataError {
        let before = &source[..offset.min(source.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        DataError::at(path, source, line, column, entry, message)
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path, self.line, self.column)?;
        if let Some(entry) = &self.entry {
            write!(f, "in entry \"{entry}\": ")?;
        }
        writeln!(f, "{}", self.message)?;
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{number} | {}", self.source_line)?;
        // Keep tabs so the caret lines up under the same characters.
        let pad: String = self
            .source_line
            .chars()
            .take(self.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{gutter} | {pad}^")
    }
}

impl std::error::Error for DataError {}

/// Every problem found in a set of data files, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataErrors(pub Vec<DataError>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.0 {
            writeln!(f, "error: {error}")?;
            writeln!(f)?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} in data files",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for DataErrors {}
