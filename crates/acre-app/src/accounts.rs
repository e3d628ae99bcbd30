//! Managing user accounts (administrators) and one's own settings.

use acre_domain::{Capability, DisplayName, Password, Role, Username};
use acre_store::audit::{self, Change};
use acre_store::users::{self, User, UserFields};
use acre_store::{departments, sessions};
use serde::Deserialize;

use crate::auth::hash_password;
use crate::error::{AppError, FieldErrors, Result};
use crate::{Actor, App};

/// An account as typed into the form or sent to the API.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
pub struct UserInput {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub department_id: Option<i64>,
    #[serde(default)]
    pub superior_id: Option<i64>,
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default)]
    pub locale: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Only when creating: the initial password.
    #[serde(default, skip_serializing)]
    pub password: Option<String>,
}

fn yes() -> bool {
    true
}

impl UserInput {
    /// The current values of an account, to apply a partial change on.
    pub fn from_user(u: &User) -> UserInput {
        UserInput {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role.clone(),
            department_id: u.department_id,
            superior_id: u.superior_id,
            active: u.active,
            locale: u.locale.clone(),
            email: u.email.clone(),
            phone: u.phone.clone(),
            password: None,
        }
    }
}

const LOCALES: [&str; 3] = ["zh-CN", "zh-TW", "en"];

fn audit_fields(f: &UserFields) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("username", Some(f.username.clone())),
        ("display_name", Some(f.display_name.clone())),
        ("role", Some(f.role.clone())),
        ("department_id", f.department_id.map(|v| v.to_string())),
        ("superior_id", f.superior_id.map(|v| v.to_string())),
        ("active", Some(f.active.to_string())),
        ("locale", Some(f.locale.clone())),
        ("email", f.email.clone()),
        ("phone", f.phone.clone()),
    ]
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl App {
    /// Check every field at once; nothing is saved when anything is wrong.
    async fn validate_user(
        &self,
        tx: &mut acre_store::Tx,
        id: Option<i64>,
        input: &UserInput,
    ) -> Result<(UserFields, Option<Password>)> {
        let mut errs = FieldErrors::new();
        let username = Username::parse(&input.username)
            .map_err(|e| errs.insert("username".into(), e.message_key().into()))
            .ok();
        let name = DisplayName::parse(&input.display_name);
        if name.is_none() {
            errs.insert("display_name".into(), "err-name-required".into());
        }
        if Role::from_key(&input.role).is_none() {
            errs.insert("role".into(), "err-role".into());
        }
        let locale = if input.locale.is_empty() {
            "zh-CN"
        } else {
            input.locale.as_str()
        };
        if !LOCALES.contains(&locale) {
            errs.insert("locale".into(), "err-locale".into());
        }
        if let Some(d) = input.department_id
            && departments::all_tx(tx).await?.iter().all(|x| x.id != d)
        {
            errs.insert("department_id".into(), "err-no-such-department".into());
        }
        if let Some(s) = input.superior_id {
            if Some(s) == id {
                errs.insert("superior_id".into(), "err-superior-self".into());
            } else if users::by_id_tx(tx, s).await?.is_none() {
                errs.insert("superior_id".into(), "err-no-such-user".into());
            } else if let Some(me) = id
                && self.reports_to(tx, s, me).await?
            {
                errs.insert("superior_id".into(), "err-superior-cycle".into());
            }
        }
        let email = non_empty(&input.email);
        if let Some(e) = &email
            && (e.len() > 254 || !e.contains('@') || e.starts_with('@') || e.ends_with('@'))
        {
            errs.insert("email".into(), "err-email".into());
        }
        let phone = non_empty(&input.phone);
        if let Some(p) = &phone
            && (p.len() > 30 || !p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)))
        {
            errs.insert("phone".into(), "err-phone".into());
        }
        let password = match (&input.password, id) {
            (Some(pw), None) => Password::new(pw, input.username.trim())
                .map_err(|e| errs.insert("password".into(), e.message_key().into()))
                .ok(),
            (None, None) => {
                errs.insert("password".into(), "err-password-short".into());
                None
            }
            _ => None,
        };
        if !errs.is_empty() {
            return Err(AppError::fields(errs));
        }
        Ok((
            UserFields {
                username: username.map(Username::into_string).unwrap_or_default(),
                display_name: name.map(DisplayName::into_string).unwrap_or_default(),
                role: input.role.clone(),
                department_id: input.department_id,
                superior_id: input.superior_id,
                active: input.active,
                locale: locale.to_string(),
                email,
                phone,
            },
            password,
        ))
    }

    /// Whether `user` reports (directly or not) to `boss`.
    async fn reports_to(&self, tx: &mut acre_store::Tx, user: i64, boss: i64) -> Result<bool> {
        let mut cur = Some(user);
        for _ in 0..64 {
            let Some(id) = cur else { return Ok(false) };
            if id == boss {
                return Ok(true);
            }
            cur = users::by_id_tx(tx, id).await?.and_then(|u| u.superior_id);
        }
        Ok(false)
    }

    /// All accounts, a page at a time (administrators).
    pub async fn list_users(
        &self,
        actor: &Actor,
        q: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<User>, i64)> {
        actor.require(Capability::AdministerAccounts)?;
        Ok(users::list(
            &self.db,
            ("1=1", vec![]),
            q,
            limit.clamp(1, 200),
            offset.max(0),
        )
        .await?)
    }

    pub async fn get_user(&self, actor: &Actor, id: i64) -> Result<User> {
        if actor.id() != id {
            actor.require(Capability::AdministerAccounts)?;
        }
        users::by_id(&self.db, id)
            .await?
            .ok_or_else(AppError::not_found)
    }

    /// Create an account. Returns `(id, version)`.
    pub async fn create_user(
        &self,
        actor: Option<&Actor>,
        input: &UserInput,
    ) -> Result<(i64, i64)> {
        if let Some(a) = actor {
            a.require(Capability::AdministerAccounts)?;
        }
        let mut tx = self.db.begin().await?;
        let id = self
            .insert_user(&mut tx, actor.map(Actor::id), input)
            .await?;
        tx.commit().await?;
        Ok((id, 1))
    }

    async fn insert_user(
        &self,
        tx: &mut acre_store::Tx,
        by: Option<i64>,
        input: &UserInput,
    ) -> Result<i64> {
        let (fields, password) = self.validate_user(tx, None, input).await?;
        let hash =
            hash_password(password.as_ref().map(Password::expose).unwrap_or_default()).await?;
        let id = users::insert(tx, &fields, &hash, by).await?;
        let blank: Vec<_> = audit_fields(&fields)
            .iter()
            .map(|(k, _)| (*k, None))
            .collect();
        let changes: Vec<Change> = audit::diff(&blank, &audit_fields(&fields));
        audit::record(tx, by, "user", id, "created", &changes).await?;
        Ok(id)
    }

    /// Create the first administrator through a one-time setup link.
    pub async fn create_first_admin(&self, token: &str, input: &UserInput) -> Result<User> {
        let mut tx = self.db.begin().await?;
        if users::count_tx(&mut tx).await? > 0
            || !acre_store::setup_tokens::consume(
                &mut tx,
                &crate::secret::hash(token),
                acre_store::now_ms(),
            )
            .await?
        {
            return Err(AppError::not_found());
        }
        let input = UserInput {
            role: Role::Admin.key().into(),
            active: true,
            ..input.clone()
        };
        let id = self.insert_user(&mut tx, None, &input).await?;
        tx.commit().await?;
        users::by_id(&self.db, id)
            .await?
            .ok_or_else(AppError::not_found)
    }

    /// Display names of the given users, in one query.
    pub async fn user_names(&self, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
        Ok(users::names(&self.db, ids).await?)
    }

    /// Edit an account when `version` is current. Disabling it ends its sessions.
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        input: &UserInput,
    ) -> Result<i64> {
        actor.require(Capability::AdministerAccounts)?;
        let mut tx = self.db.begin().await?;
        let old = users::by_id_tx(&mut tx, id)
            .await?
            .ok_or_else(AppError::not_found)?;
        let (fields, _) = self.validate_user(&mut tx, Some(id), input).await?;
        if id == actor.id() && (!fields.active || fields.role != old.role) {
            // An administrator cannot lock themselves out.
            return Err(AppError::field(
                if fields.active { "role" } else { "active" },
                "err-self-lockout",
            ));
        }
        if !users::update(&mut tx, id, version, &fields, actor.id()).await? {
            return Err(AppError::stale());
        }
        if !fields.active {
            sessions::delete_for_user(&mut tx, id, None).await?;
        }
        let before = user_fields(&old);
        let changes = audit::diff(&audit_fields(&before), &audit_fields(&fields));
        audit::record(&mut tx, Some(actor.id()), "user", id, "updated", &changes).await?;
        tx.commit().await?;
        Ok(version + 1)
    }

    /// Set a new password for someone (administrators); all their sessions end.
    pub async fn reset_password(&self, actor: &Actor, id: i64, new: &str) -> Result<()> {
        actor.require(Capability::AdministerAccounts)?;
        let user = users::by_id(&self.db, id)
            .await?
            .ok_or_else(AppError::not_found)?;
        let pw = Password::new(new, &user.username)
            .map_err(|e| AppError::field("password", e.message_key()))?;
        let hash = hash_password(pw.expose()).await?;
        let mut tx = self.db.begin().await?;
        users::set_password(&mut tx, id, &hash, actor.id()).await?;
        sessions::delete_for_user(&mut tx, id, None).await?;
        audit::record(&mut tx, Some(actor.id()), "user", id, "password_reset", &[]).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Save one's own interface language.
    pub async fn set_own_locale(&self, actor: &Actor, locale: &str) -> Result<()> {
        if !LOCALES.contains(&locale) {
            return Err(AppError::field("locale", "err-locale"));
        }
        users::set_locale(&self.db, actor.id(), locale).await?;
        Ok(())
    }

    /// Active users matching `q`, for pickers (server-side typeahead).
    pub async fn pick_users(&self, _actor: &Actor, q: &str) -> Result<Vec<User>> {
        Ok(users::pick(&self.db, q.trim(), 20).await?)
    }

    /// Change history of an account (administrators, or the user themselves).
    pub async fn user_history(&self, actor: &Actor, id: i64) -> Result<Vec<audit::Entry>> {
        if actor.id() != id {
            actor.require(Capability::AdministerAccounts)?;
        }
        Ok(audit::history(&self.db, "user", id, 100).await?)
    }
}

/// The stored values of an account as fields, to diff an edit against.
fn user_fields(u: &User) -> UserFields {
    UserFields {
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.clone(),
        department_id: u.department_id,
        superior_id: u.superior_id,
        active: u.active,
        locale: u.locale.clone(),
        email: u.email.clone(),
        phone: u.phone.clone(),
    }
}
