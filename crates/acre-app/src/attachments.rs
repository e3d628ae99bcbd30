//! Files attached to any record, stored in the database so every server
//! instance sees them and a database backup includes them.

use acre_store::{Tx, Value, now_ms};
use sha2::{Digest, Sha256};

use crate::error::{AppError, ErrorCode, Result};
use crate::registry::{self, RecordType};
use crate::{Actor, App};

/// Largest file accepted.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// An attachment's description (its bytes are fetched separately).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Attachment {
    pub id: i64,
    pub resource: String,
    pub record_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: i64,
    pub created_by_name: Option<String>,
}

fn from_row(r: &acre_store::Row) -> Attachment {
    Attachment {
        id: r.i64("id"),
        resource: r.str("resource"),
        record_id: r.i64("record_id"),
        file_name: r.str("file_name"),
        content_type: r.str("content_type"),
        size_bytes: r.i64("size_bytes"),
        sha256: r.str("sha256"),
        created_at: r.i64("created_at"),
        created_by_name: r.opt_str("created_by_name"),
    }
}

const COLUMNS: &str = "a.id, a.resource, a.record_id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.created_at, u.display_name AS created_by_name";

/// A file name safe to store and to send back: no path, no control characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | ':' | '*' | '?'))
        .take(200)
        .collect();
    let t = cleaned.trim().trim_start_matches('.');
    if t.is_empty() {
        "file".to_string()
    } else {
        t.to_string()
    }
}

impl App {
    async fn attachment_owner(
        &self,
        actor: &Actor,
        resource: &str,
        record_id: i64,
    ) -> Result<(&'static RecordType, registry::Record)> {
        let rt = self.readable_type(actor, resource)?;
        let rec = self.get_record(actor, rt, record_id, false).await?;
        Ok((rt, rec))
    }

    /// Attach a file to a record the actor may edit.
    pub async fn add_attachment(
        &self,
        actor: &Actor,
        resource: &str,
        record_id: i64,
        file_name: &str,
        content_type: &str,
        data: &[u8],
    ) -> Result<i64> {
        let (rt, rec) = self.attachment_owner(actor, resource, record_id).await?;
        if !self.can_edit(actor, rt, &rec) {
            return Err(AppError::forbidden());
        }
        if data.is_empty() {
            return Err(AppError::field("file", "err-file-empty"));
        }
        if data.len() > MAX_ATTACHMENT_BYTES {
            return Err(AppError::field("file", "err-file-too-large"));
        }
        let name = clean_file_name(file_name);
        let ctype = if content_type.is_empty() || content_type.len() > 100 {
            "application/octet-stream"
        } else {
            content_type
        };
        let sha = hex::encode(Sha256::digest(data));
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO attachments (resource, record_id, file_name, content_type, size_bytes, sha256, created_at, created_by) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
                &[rt.key.into(), record_id.into(), name.as_str().into(), ctype.into(), (data.len() as i64).into(), sha.into(), now_ms().into(), actor.id().into()],
            )
            .await?;
        tx.execute(
            "INSERT INTO attachment_data (attachment_id, data) VALUES ($1,$2)",
            &[id.into(), Value::Bytes(Some(data.to_vec()))],
        )
        .await?;
        let change = acre_store::audit::Change {
            field: "attachment".into(),
            old: None,
            new: Some(name),
        };
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            rt.entity,
            record_id,
            "attached",
            &[change],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A record's attachments, newest first.
    pub async fn list_attachments(
        &self,
        actor: &Actor,
        resource: &str,
        record_id: i64,
    ) -> Result<Vec<Attachment>> {
        let (rt, _) = self.attachment_owner(actor, resource, record_id).await?;
        let rows = self
            .db
            .fetch_all(
                &format!("SELECT {COLUMNS} FROM attachments a LEFT JOIN users u ON u.id = a.created_by WHERE a.resource = $1 AND a.record_id = $2 ORDER BY a.id DESC"),
                &[rt.key.into(), record_id.into()],
            )
            .await?;
        Ok(rows.iter().map(from_row).collect())
    }

    async fn attachment(&self, id: i64) -> Result<Attachment> {
        let row = self
            .db
            .fetch_optional(&format!("SELECT {COLUMNS} FROM attachments a LEFT JOIN users u ON u.id = a.created_by WHERE a.id = $1"), &[id.into()])
            .await?
            .ok_or_else(AppError::not_found)?;
        Ok(from_row(&row))
    }

    /// An attachment and its bytes, if the actor may read its record.
    pub async fn download_attachment(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<(Attachment, Vec<u8>)> {
        let a = self.attachment(id).await?;
        self.attachment_owner(actor, &a.resource, a.record_id)
            .await?;
        let data = self
            .db
            .fetch_optional(
                "SELECT data FROM attachment_data WHERE attachment_id = $1",
                &[id.into()],
            )
            .await?
            .map(|r| r.bytes("data"))
            .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
        Ok((a, data))
    }

    /// Remove an attachment from a record the actor may edit.
    pub async fn delete_attachment(&self, actor: &Actor, id: i64) -> Result<Attachment> {
        let a = self.attachment(id).await?;
        let (rt, rec) = self
            .attachment_owner(actor, &a.resource, a.record_id)
            .await?;
        if !self.can_edit(actor, rt, &rec) {
            return Err(AppError::forbidden());
        }
        let mut tx = self.db.begin().await?;
        tx.execute("DELETE FROM attachments WHERE id = $1", &[id.into()])
            .await?;
        let change = acre_store::audit::Change {
            field: "attachment".into(),
            old: Some(a.file_name.clone()),
            new: None,
        };
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            rt.entity,
            a.record_id,
            "detached",
            &[change],
        )
        .await?;
        tx.commit().await?;
        Ok(a)
    }
}

/// Drop the attachments of a purged record.
pub(crate) async fn purge_for(tx: &mut Tx, resource: &str, record_id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM attachments WHERE resource = $1 AND record_id = $2",
        &[resource.into(), record_id.into()],
    )
    .await?;
    Ok(())
}
