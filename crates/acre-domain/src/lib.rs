//! Pure types and rules of Acre. No I/O: everything here is unit-tested on its own.

pub mod account;
pub mod approval;
pub mod chinese;
pub mod dedupe;
pub mod grading;
pub mod money;
pub mod role;
pub mod search;
pub mod stages;

pub use account::{DisplayName, Password, PasswordError, Username, UsernameError};
pub use role::{Capability, Role, ScopeKind};
