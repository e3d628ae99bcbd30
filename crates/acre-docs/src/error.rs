//! The one error type of this crate.

/// What can go wrong while reading an import file or writing an export.
///
/// [`DocError::message_key`] gives the Fluent message key the UI shows.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum DocError {
    /// The uploaded file is larger than `limit` bytes.
    #[error("file is larger than {limit} bytes")]
    TooLarge { limit: usize },
    /// The file has more than `limit` data rows.
    #[error("file has more than {limit} rows")]
    TooManyRows { limit: usize },
    /// The bytes are not a readable CSV or XLSX file.
    #[error("unreadable file: {0}")]
    Unreadable(String),
    /// The file has no header row.
    #[error("file is empty (no header row)")]
    Empty,
    /// Writing an export failed.
    #[error("export failed: {0}")]
    Write(String),
}

impl DocError {
    /// The translation key of the user-facing message for this error.
    pub fn message_key(&self) -> &'static str {
        match self {
            DocError::TooLarge { .. } => "err-import-too-large",
            DocError::TooManyRows { .. } => "err-import-too-many-rows",
            DocError::Unreadable(_) => "err-import-unreadable",
            DocError::Empty => "err-import-empty",
            DocError::Write(_) => "err-export-failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_keys() {
        assert_eq!(
            DocError::TooLarge { limit: 1 }.message_key(),
            "err-import-too-large"
        );
        assert_eq!(
            DocError::TooManyRows { limit: 1 }.message_key(),
            "err-import-too-many-rows"
        );
        assert_eq!(
            DocError::Unreadable("x".into()).message_key(),
            "err-import-unreadable"
        );
        assert_eq!(DocError::Empty.message_key(), "err-import-empty");
        assert_eq!(
            DocError::Write("x".into()).message_key(),
            "err-export-failed"
        );
    }
}
