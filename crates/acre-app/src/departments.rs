//! Managing the department tree (administrators).

use acre_domain::{Capability, DisplayName};
use acre_store::audit::{self, Change};
use acre_store::departments::{self, DepartmentFields};
use acre_store::users;
use serde::Deserialize;

use crate::error::{AppError, ErrorCode, FieldErrors, Result};
use crate::org::{self, DeptNode};
use crate::{Actor, App};

/// A department as typed into the form or sent to the API.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DepartmentInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub head_user_id: Option<i64>,
    #[serde(default)]
    pub sort_order: Option<i64>,
}

fn fields_for_audit(f: &DepartmentFields) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(f.name.clone())),
        ("parent_id", f.parent_id.map(|v| v.to_string())),
        ("head_user_id", f.head_user_id.map(|v| v.to_string())),
        ("sort_order", Some(f.sort_order.to_string())),
    ]
}

impl App {
    /// The whole tree, depth-first. Readable by every signed-in user (it is
    /// the organisation chart), edited by administrators only.
    pub async fn department_tree(&self) -> Result<Vec<DeptNode>> {
        Ok(org::tree(&departments::all(&self.db).await?))
    }

    async fn validate_department(
        &self,
        tx: &mut acre_store::Tx,
        id: Option<i64>,
        input: &DepartmentInput,
    ) -> Result<DepartmentFields> {
        let mut errs = FieldErrors::new();
        let name = DisplayName::parse(&input.name);
        if name.is_none() {
            errs.insert("name".into(), "err-name-required".into());
        }
        let all = departments::all_tx(tx).await?;
        if let Some(p) = input.parent_id {
            if !all.iter().any(|d| d.id == p) {
                errs.insert("parent_id".into(), "err-no-such-department".into());
            } else if let Some(id) = id
                && org::is_in_subtree(&all, id, p)
            {
                errs.insert("parent_id".into(), "err-department-cycle".into());
            }
        }
        if let Some(h) = input.head_user_id
            && users::by_id_tx(tx, h).await?.is_none()
        {
            errs.insert("head_user_id".into(), "err-no-such-user".into());
        }
        if !errs.is_empty() {
            return Err(AppError::fields(errs));
        }
        Ok(DepartmentFields {
            name: name.map(DisplayName::into_string).unwrap_or_default(),
            parent_id: input.parent_id,
            head_user_id: input.head_user_id,
            sort_order: input.sort_order.unwrap_or(0),
        })
    }

    pub async fn create_department(
        &self,
        actor: &Actor,
        input: &DepartmentInput,
    ) -> Result<(i64, i64)> {
        actor.require(Capability::AdministerAccounts)?;
        let mut tx = self.db.begin().await?;
        let f = self.validate_department(&mut tx, None, input).await?;
        let id = departments::insert(&mut tx, &f, Some(actor.id())).await?;
        let blank: Vec<_> = fields_for_audit(&f)
            .iter()
            .map(|(k, _)| (*k, None))
            .collect();
        let changes = audit::diff(&blank, &fields_for_audit(&f));
        audit::record(
            &mut tx,
            Some(actor.id()),
            "department",
            id,
            "created",
            &changes,
        )
        .await?;
        tx.commit().await?;
        Ok((id, 1))
    }

    /// Edit a department when `version` is current (409 otherwise).
    pub async fn update_department(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        input: &DepartmentInput,
    ) -> Result<i64> {
        actor.require(Capability::AdministerAccounts)?;
        let mut tx = self.db.begin().await?;
        let old = departments::by_id_tx(&mut tx, id)
            .await?
            .ok_or_else(AppError::not_found)?;
        let f = self.validate_department(&mut tx, Some(id), input).await?;
        if !departments::update(&mut tx, id, version, &f, actor.id()).await? {
            return Err(AppError::stale());
        }
        let before = DepartmentFields {
            name: old.name,
            parent_id: old.parent_id,
            head_user_id: old.head_user_id,
            sort_order: old.sort_order,
        };
        let changes: Vec<Change> = audit::diff(&fields_for_audit(&before), &fields_for_audit(&f));
        audit::record(
            &mut tx,
            Some(actor.id()),
            "department",
            id,
            "updated",
            &changes,
        )
        .await?;
        tx.commit().await?;
        Ok(version + 1)
    }

    /// Delete an empty department (no members, no sub-departments).
    pub async fn delete_department(&self, actor: &Actor, id: i64, version: i64) -> Result<()> {
        actor.require(Capability::AdministerAccounts)?;
        let mut tx = self.db.begin().await?;
        departments::by_id_tx(&mut tx, id)
            .await?
            .ok_or_else(AppError::not_found)?;
        let (members, children) = departments::usage(&mut tx, id).await?;
        if members > 0 || children > 0 {
            return Err(AppError::new(ErrorCode::InUse).with_message("err-department-in-use"));
        }
        if !departments::delete(&mut tx, id, version).await? {
            return Err(AppError::stale());
        }
        audit::record(&mut tx, Some(actor.id()), "department", id, "deleted", &[]).await?;
        tx.commit().await?;
        Ok(())
    }
}
