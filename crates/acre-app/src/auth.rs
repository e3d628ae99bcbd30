//! Logging in and out, sessions, API tokens, throttling, one-time setup links.

use std::sync::OnceLock;

use acre_domain::Password;
use acre_store::{login_attempts, now_ms, sessions, setup_tokens, tokens, users};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{AppError, ErrorCode, Result};
use crate::secret::{constant_eq, hash, random_hex};
use crate::{Actor, App};

/// Failures of one account name within the window before it is throttled.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failures from one client address within the window before it is throttled.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;
/// The throttling window.
pub const THROTTLE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Refresh a session's last-seen time at most this often (saves a write per request).
const TOUCH_EVERY_MS: i64 = 60 * 1000;

/// Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hash a password off the async runtime (it takes tens of milliseconds by design).
pub async fn hash_password(password: &str) -> Result<String> {
    let pw = password.to_string();
    tokio::task::spawn_blocking(move || {
        argon2()
            .hash_password(pw.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError {
                source: Some(e.to_string()),
                ..AppError::new(ErrorCode::Internal)
            })
    })
    .await
    .map_err(|e| AppError {
        source: Some(e.to_string()),
        ..AppError::new(ErrorCode::Internal)
    })?
}

/// Check a password against a stored hash, off the async runtime.
pub async fn verify_password(password: &str, stored: &str) -> bool {
    let (pw, stored) = (password.to_string(), stored.to_string());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|h| argon2().verify_password(pw.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so an unknown
/// name costs the same time as a wrong password (no user enumeration).
async fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return h;
    }
    let h = hash_password("not-a-real-account-password")
        .await
        .unwrap_or_default();
    DUMMY.get_or_init(|| h)
}

/// A new session: the cookie value (shown once) and its CSRF token.
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub actor: Actor,
}

/// Where a request comes from, for throttling and the session list.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub ip: String,
    pub user_agent: Option<String>,
}

impl App {
    /// Log in with username and password. Unknown names and wrong passwords
    /// answer the same, after the same work; too many failures answer 429.
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        client: &Client,
    ) -> Result<NewSession> {
        let name = username.trim().to_lowercase();
        let now = now_ms();
        let (by_user, by_ip) =
            login_attempts::recent(&self.db, &name, &client.ip, now - THROTTLE_WINDOW_MS).await?;
        if by_user >= MAX_FAILURES_PER_ACCOUNT || by_ip >= MAX_FAILURES_PER_ADDRESS {
            return Err(AppError::new(ErrorCode::TooManyRequests));
        }
        let found = users::credentials(&self.db, &name).await?;
        let stored = match &found {
            Some((_, h)) => h.clone(),
            None => dummy_hash().await.to_string(),
        };
        let ok = verify_password(password, &stored).await;
        let user = match found {
            Some((u, _)) if ok && u.active => u,
            _ => {
                login_attempts::record_failure(&self.db, &name, &client.ip, now).await?;
                return Err(AppError::new(ErrorCode::InvalidCredentials));
            }
        };
        login_attempts::clear(&self.db, &name).await?;
        self.start_session(user, client).await
    }

    /// Open a fresh session (always a new id: no fixation).
    pub async fn start_session(&self, user: users::User, client: &Client) -> Result<NewSession> {
        let token = random_hex(32);
        let csrf = random_hex(32);
        let now = now_ms();
        sessions::insert(
            &self.db,
            &sessions::NewSession {
                id_hash: &hash(&token),
                user_id: user.id,
                csrf_token: &csrf,
                now,
                expires_at: now + self.settings.session_max_ms,
                ip: Some(&client.ip),
                user_agent: client.user_agent.as_deref(),
            },
        )
        .await?;
        Ok(NewSession {
            token,
            csrf_token: csrf.clone(),
            actor: Actor::new(user, Some(csrf)),
        })
    }

    /// The actor behind a session cookie, if the session is alive and the
    /// user still active. Ends sessions past their idle or absolute limit.
    pub async fn session_actor(&self, token: &str) -> Result<Option<Actor>> {
        let id_hash = hash(token);
        let now = now_ms();
        let Some(s) = sessions::load(&self.db, &id_hash, now).await? else {
            return Ok(None);
        };
        if s.expires_at <= now
            || s.last_seen_at + self.settings.session_idle_ms <= now
            || !s.user.active
        {
            sessions::delete(&self.db, &id_hash).await?;
            return Ok(None);
        }
        if now - s.last_seen_at > TOUCH_EVERY_MS {
            sessions::touch(&self.db, &id_hash, now).await?;
        }
        let mut actor = Actor::new(s.user, Some(s.csrf_token));
        actor.has_shares = s.has_shares;
        Ok(Some(actor))
    }

    /// End a session on the server.
    pub async fn logout(&self, token: &str) -> Result<()> {
        sessions::delete(&self.db, &hash(token)).await?;
        Ok(())
    }

    /// Whether `presented` is the session's CSRF token.
    pub fn csrf_ok(actor: &Actor, presented: Option<&str>) -> bool {
        match (&actor.csrf_token, presented) {
            (Some(expected), Some(p)) => constant_eq(expected, p),
            // Bearer-token requests carry no ambient credentials: nothing to forge.
            (None, _) => true,
            _ => false,
        }
    }

    /// Change one's own password: the current one is required, every other
    /// session of the user ends, the current one stays.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        confirm: &str,
        keep_session: Option<&str>,
    ) -> Result<()> {
        let stored = users::password_hash(&self.db, actor.id())
            .await?
            .unwrap_or_default();
        if !verify_password(current, &stored).await {
            return Err(AppError::field("current_password", "err-current-password"));
        }
        if new != confirm {
            return Err(AppError::field("confirm_password", "err-password-mismatch"));
        }
        let pw = Password::new(new, &actor.user.username)
            .map_err(|e| AppError::field("new_password", e.message_key()))?;
        let h = hash_password(pw.expose()).await?;
        let mut tx = self.db.begin().await?;
        users::set_password(&mut tx, actor.id(), &h, actor.id()).await?;
        let keep = keep_session.map(hash);
        sessions::delete_for_user(&mut tx, actor.id(), keep.as_deref()).await?;
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            "user",
            actor.id(),
            "password_changed",
            &[],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Create a personal API token; the token text is returned once.
    pub async fn create_token(&self, actor: &Actor, name: &str) -> Result<(i64, String)> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 60 {
            return Err(AppError::field("name", "err-required"));
        }
        let token = format!("acre_{}", random_hex(24));
        let prefix: String = token.chars().take(12).collect();
        let id = tokens::insert(&self.db, actor.id(), name, &hash(&token), &prefix).await?;
        Ok((id, token))
    }

    pub async fn list_tokens(&self, actor: &Actor) -> Result<Vec<tokens::ApiToken>> {
        Ok(tokens::for_user(&self.db, actor.id()).await?)
    }

    /// Revoke one of one's own tokens (404 for anyone else's).
    pub async fn revoke_token(&self, actor: &Actor, id: i64) -> Result<()> {
        if tokens::revoke(&self.db, actor.id(), id).await? {
            Ok(())
        } else {
            Err(AppError::not_found())
        }
    }

    /// The actor behind a Bearer token, if live and the user active.
    pub async fn token_actor(&self, token: &str) -> Result<Option<Actor>> {
        let now = now_ms();
        let Some(t) = tokens::authenticate(&self.db, &hash(token), now).await? else {
            return Ok(None);
        };
        if !t.user.active {
            return Ok(None);
        }
        if t.last_used_at.is_none_or(|at| now - at > TOUCH_EVERY_MS) {
            tokens::touch(&self.db, t.token_id, now).await?;
        }
        let mut actor = Actor::new(t.user, None);
        actor.has_shares = t.has_shares;
        Ok(Some(actor))
    }

    /// A one-time link for creating the first administrator; `None` once any
    /// user exists.
    pub async fn issue_setup_token(&self) -> Result<Option<String>> {
        if users::count(&self.db).await? > 0 {
            return Ok(None);
        }
        let token = random_hex(24);
        setup_tokens::insert(&self.db, &hash(&token), now_ms() + 24 * 3600 * 1000).await?;
        Ok(Some(token))
    }

    pub async fn setup_token_valid(&self, token: &str) -> Result<bool> {
        Ok(users::count(&self.db).await? == 0
            && setup_tokens::exists(&self.db, &hash(token), now_ms()).await?)
    }

    /// Housekeeping: drop expired sessions and old login failures.
    pub async fn purge_expired(&self) -> Result<()> {
        let now = now_ms();
        sessions::purge_expired(&self.db, now, now - self.settings.session_idle_ms).await?;
        login_attempts::purge_before(&self.db, now - THROTTLE_WINDOW_MS).await?;
        Ok(())
    }
}
