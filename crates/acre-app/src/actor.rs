//! Who is acting: the signed-in user with their role, passed to every service.

use acre_domain::{Capability, Role};
use acre_store::users::User;

use crate::{AppError, error::Result};

/// The signed-in user on whose behalf a service runs.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user: User,
    pub role: Role,
    /// The CSRF token of the session (None for API-token requests).
    pub csrf_token: Option<String>,
    /// Whether customers are shared with the user right now. Without live
    /// shares the visibility predicate is the owner test alone, which an
    /// index answers in order; with them it also looks up the shares.
    /// `true` (the safe side) unless the session or token read said none
    /// (`acre_store::sessions::has_shares`).
    pub has_shares: bool,
}

impl Actor {
    pub fn new(user: User, csrf_token: Option<String>) -> Actor {
        // An unknown role string (from a newer version) grants nothing beyond a rep.
        let role = Role::from_key(&user.role).unwrap_or(Role::Rep);
        Actor {
            user,
            role,
            csrf_token,
            has_shares: true,
        }
    }
    pub fn id(&self) -> i64 {
        self.user.id
    }
    pub fn can(&self, cap: Capability) -> bool {
        self.role.can(cap)
    }
    /// Refuse with 403 unless the role has `cap`.
    pub fn require(&self, cap: Capability) -> Result<()> {
        if self.can(cap) {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }
}
