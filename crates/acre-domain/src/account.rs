//! Values that make up an account, parsed once at the edge ("parse, don't validate").

use std::collections::HashSet;
use std::sync::OnceLock;

use thiserror::Error;

/// A login name: 2–32 characters of `a-z 0-9 . _ -`, stored lower-case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Username(String);

/// Why a username was refused; each maps to a translated field message.
#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
pub enum UsernameError {
    #[error("username length")]
    Length,
    #[error("username characters")]
    Characters,
}

impl UsernameError {
    /// Locale key of the message shown under the field.
    pub fn message_key(self) -> &'static str {
        match self {
            UsernameError::Length => "err-username-length",
            UsernameError::Characters => "err-username-chars",
        }
    }
}

impl Username {
    pub fn parse(raw: &str) -> Result<Self, UsernameError> {
        let s = raw.trim().to_lowercase();
        let n = s.chars().count();
        if !(2..=32).contains(&n) {
            return Err(UsernameError::Length);
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        {
            return Err(UsernameError::Characters);
        }
        Ok(Username(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// A person's or department's display name: 1–50 characters after trimming.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// `None` when empty or longer than 50 characters.
    pub fn parse(raw: &str) -> Option<Self> {
        let s = raw.trim();
        let n = s.chars().count();
        ((1..=50).contains(&n) && !s.chars().any(char::is_control))
            .then(|| DisplayName(s.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// A new password that passed the policy (ASVS 5.0 §6.2): at least 8 characters,
/// at most 256 so passphrases are accepted as typed, not one of the commonly used
/// passwords, and not the username. No composition rules, no truncation.
pub struct Password(String);

/// Why a new password was refused.
#[derive(Debug, Error, PartialEq, Eq, Clone, Copy)]
pub enum PasswordError {
    #[error("password too short")]
    TooShort,
    #[error("password too long")]
    TooLong,
    #[error("password too common")]
    Common,
    #[error("password equals username")]
    SameAsUsername,
}

impl PasswordError {
    /// Locale key of the message shown under the field.
    pub fn message_key(self) -> &'static str {
        match self {
            PasswordError::TooShort => "err-password-short",
            PasswordError::TooLong => "err-password-long",
            PasswordError::Common => "err-password-common",
            PasswordError::SameAsUsername => "err-password-username",
        }
    }
}

/// Minimum length in characters.
pub const PASSWORD_MIN: usize = 8;
/// Maximum length in characters (long passphrases fit easily).
pub const PASSWORD_MAX: usize = 256;

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/common-passwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

impl Password {
    /// Check a new password against the policy. `username` is the account's own.
    pub fn new(raw: &str, username: &str) -> Result<Self, PasswordError> {
        let n = raw.chars().count();
        if n < PASSWORD_MIN {
            return Err(PasswordError::TooShort);
        }
        if n > PASSWORD_MAX {
            return Err(PasswordError::TooLong);
        }
        let lower = raw.to_lowercase();
        if common_passwords().contains(lower.as_str()) {
            return Err(PasswordError::Common);
        }
        if !username.is_empty() && lower == username.to_lowercase() {
            return Err(PasswordError::SameAsUsername);
        }
        Ok(Password(raw.to_string()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lowercased_and_checked() {
        assert_eq!(Username::parse(" Rep1 ").unwrap().as_str(), "rep1");
        assert_eq!(Username::parse("a"), Err(UsernameError::Length));
        assert_eq!(Username::parse("张三"), Err(UsernameError::Characters));
        assert_eq!(Username::parse("a b"), Err(UsernameError::Characters));
    }

    #[test]
    fn password_policy() {
        assert_eq!(
            Password::new("short", "u").err(),
            Some(PasswordError::TooShort)
        );
        assert_eq!(
            Password::new("password", "u").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            Password::new("PassWord", "u").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            Password::new("1qaz2wsx", "u").err(),
            Some(PasswordError::Common)
        );
        assert_eq!(
            Password::new("manager1", "manager1").err(),
            Some(PasswordError::SameAsUsername)
        );
        assert!(Password::new("demo-pass-2026", "rep1").is_ok());
        // Chinese passphrases count characters, not bytes.
        assert!(Password::new("一亩田里种好庄稼", "rep1").is_ok());
        let long = "correct horse battery staple ".repeat(4);
        assert!(long.chars().count() >= 64);
        assert_eq!(Password::new(&long, "u").unwrap().expose(), long);
        assert_eq!(
            Password::new(&"x".repeat(257), "u").err(),
            Some(PasswordError::TooLong)
        );
    }

    #[test]
    fn display_names() {
        assert_eq!(DisplayName::parse("  张三 ").unwrap().as_str(), "张三");
        assert!(DisplayName::parse("   ").is_none());
        assert!(DisplayName::parse(&"字".repeat(51)).is_none());
    }
}
