//! One table of error codes (stable snake_case code, HTTP status, message key).
//! Every service error is one of these; the web layer translates the key.

use std::collections::BTreeMap;

use acre_store::StoreError;

/// A stable, documented error code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    BadRequest,
    Unauthenticated,
    InvalidCredentials,
    CsrfFailed,
    Forbidden,
    NotFound,
    StaleVersion,
    InUse,
    /// The customer exists already (CU17); the message names its owner.
    DuplicateCustomer,
    /// A rule's limit stops the action (daily claims, holding cap…); the message says which.
    LimitReached,
    /// A business rule forbids it (a stage that may not be skipped, a quote
    /// before the exchange, a record held by a pending approval).
    RuleRefused,
    ValidationFailed,
    TooManyRequests,
    Unavailable,
    Internal,
}

impl ErrorCode {
    /// Every code, for the documented table.
    pub const ALL: [ErrorCode; 15] = [
        ErrorCode::BadRequest,
        ErrorCode::Unauthenticated,
        ErrorCode::InvalidCredentials,
        ErrorCode::CsrfFailed,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::StaleVersion,
        ErrorCode::InUse,
        ErrorCode::DuplicateCustomer,
        ErrorCode::LimitReached,
        ErrorCode::RuleRefused,
        ErrorCode::ValidationFailed,
        ErrorCode::TooManyRequests,
        ErrorCode::Unavailable,
        ErrorCode::Internal,
    ];

    /// `(code, HTTP status, message key)`.
    pub fn spec(self) -> (&'static str, u16, &'static str) {
        match self {
            ErrorCode::BadRequest => ("bad_request", 400, "err-bad-request"),
            ErrorCode::Unauthenticated => ("unauthenticated", 401, "err-unauthenticated"),
            ErrorCode::InvalidCredentials => {
                ("invalid_credentials", 401, "err-invalid-credentials")
            }
            ErrorCode::CsrfFailed => ("csrf_failed", 403, "err-csrf"),
            ErrorCode::Forbidden => ("forbidden", 403, "err-forbidden"),
            ErrorCode::NotFound => ("not_found", 404, "err-not-found"),
            ErrorCode::StaleVersion => ("stale_version", 409, "err-stale"),
            ErrorCode::InUse => ("in_use", 409, "err-in-use"),
            ErrorCode::DuplicateCustomer => ("duplicate_customer", 409, "err-duplicate-customer"),
            ErrorCode::LimitReached => ("limit_reached", 409, "err-limit-reached"),
            ErrorCode::RuleRefused => ("rule_refused", 409, "err-rule-refused"),
            ErrorCode::ValidationFailed => ("validation_failed", 422, "err-validation"),
            ErrorCode::TooManyRequests => ("too_many_requests", 429, "err-throttled"),
            ErrorCode::Unavailable => ("unavailable", 503, "err-unavailable"),
            ErrorCode::Internal => ("internal", 500, "err-internal"),
        }
    }
    pub fn code(self) -> &'static str {
        self.spec().0
    }
    pub fn status(self) -> u16 {
        self.spec().1
    }
    pub fn message_key(self) -> &'static str {
        self.spec().2
    }
}

/// Per-field message keys, in field order of the form.
pub type FieldErrors = BTreeMap<String, String>;

/// A service error: a code, optional per-field messages, optional detail key.
#[derive(Debug)]
pub struct AppError {
    pub code: ErrorCode,
    pub fields: FieldErrors,
    /// A more specific message key than the code's own, e.g. why a stage skip is refused.
    pub message_key: Option<&'static str>,
    /// Named values the message needs, e.g. who owns a duplicate.
    pub args: Vec<(&'static str, String)>,
    pub source: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode) -> AppError {
        AppError {
            code,
            fields: FieldErrors::new(),
            message_key: None,
            args: Vec::new(),
            source: None,
        }
    }
    pub fn with_message(mut self, key: &'static str) -> AppError {
        self.message_key = Some(key);
        self
    }
    pub fn forbidden() -> AppError {
        AppError::new(ErrorCode::Forbidden)
    }
    pub fn not_found() -> AppError {
        AppError::new(ErrorCode::NotFound)
    }
    pub fn stale() -> AppError {
        AppError::new(ErrorCode::StaleVersion)
    }
    /// Validation failure from collected field errors.
    pub fn fields(fields: FieldErrors) -> AppError {
        AppError {
            fields,
            ..AppError::new(ErrorCode::ValidationFailed)
        }
    }
    /// One field's error.
    pub fn field(field: &str, key: &str) -> AppError {
        let mut f = FieldErrors::new();
        f.insert(field.to_string(), key.to_string());
        AppError::fields(f)
    }
    /// The message in a language, with its named values.
    pub fn message(&self, locale: acre_i18n::Locale) -> String {
        if self.args.is_empty() {
            locale.t(self.key())
        } else {
            locale.t_args(self.key(), &self.args)
        }
    }

    /// The key of the message to show.
    pub fn key(&self) -> &'static str {
        self.message_key.unwrap_or(self.code.message_key())
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.code.code())?;
        if let Some(s) = &self.source {
            write!(f, ": {s}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AppError {}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            // A unique index names its column: the field gets the message.
            StoreError::Unique { column, .. } if !column.is_empty() => {
                AppError::field(&column, "err-taken")
            }
            StoreError::ForeignKey => AppError::new(ErrorCode::InUse),
            e if e.is_unavailable() => AppError {
                source: Some(e.to_string()),
                ..AppError::new(ErrorCode::Unavailable)
            },
            e => AppError {
                source: Some(e.to_string()),
                ..AppError::new(ErrorCode::Internal)
            },
        }
    }
}

/// Result of a service call.
pub type Result<T> = std::result::Result<T, AppError>;
