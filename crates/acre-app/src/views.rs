//! Per-user list settings: saved views (personal or shared) and print setup.

use acre_store::now_ms;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Result};
use crate::{Actor, App};

/// A saved list view: a name and the list's query string (filters, sort, columns).
#[derive(Clone, Debug, Serialize)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    pub query: String,
    pub shared: bool,
    pub mine: bool,
    pub owner_name: String,
}

/// Page and print setup (OPS1, OPS2), remembered per user per list or record page.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct PrintSettings {
    /// `A4`, `A3` or `Letter`.
    pub paper: String,
    /// `portrait` or `landscape`.
    pub orientation: String,
    /// Page margin in millimetres.
    pub margin_mm: u32,
    pub title: String,
    pub header: String,
    pub footer: String,
    pub page_numbers: bool,
    pub repeat_header: bool,
    /// Columns in order (lists); empty means the list's current columns.
    pub columns: Vec<String>,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            paper: "A4".into(),
            orientation: "portrait".into(),
            margin_mm: 15,
            title: String::new(),
            header: String::new(),
            footer: String::new(),
            page_numbers: true,
            repeat_header: true,
            columns: Vec::new(),
        }
    }
}

impl PrintSettings {
    /// Clamp to what we support.
    pub fn sanitised(mut self) -> PrintSettings {
        if !["A4", "A3", "Letter"].contains(&self.paper.as_str()) {
            self.paper = "A4".into();
        }
        if self.orientation != "landscape" {
            self.orientation = "portrait".into();
        }
        self.margin_mm = self.margin_mm.clamp(0, 50);
        for s in [&mut self.title, &mut self.header, &mut self.footer] {
            *s = s.chars().take(200).collect();
        }
        self
    }
}

impl App {
    /// The actor's own views and everyone's shared views of a list.
    pub async fn list_views(&self, actor: &Actor, resource: &str) -> Result<Vec<SavedView>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT v.id, v.name, v.query, v.shared, v.user_id, u.display_name FROM saved_views v JOIN users u ON u.id = v.user_id \
                 WHERE v.resource = $1 AND (v.user_id = $2 OR v.shared = TRUE) ORDER BY v.name",
                &[resource.into(), actor.id().into()],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| SavedView {
                id: r.i64("id"),
                name: r.str("name"),
                query: r.str("query"),
                shared: r.bool("shared"),
                mine: r.i64("user_id") == actor.id(),
                owner_name: r.str("display_name"),
            })
            .collect())
    }

    /// Save the current list query under a name.
    pub async fn save_view(
        &self,
        actor: &Actor,
        resource: &str,
        name: &str,
        query: &str,
        shared: bool,
    ) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 60 {
            return Err(AppError::field("name", "err-name-required"));
        }
        let query: String = query.trim_start_matches('?').chars().take(2000).collect();
        let row = self
            .db
            .fetch_optional(
                "INSERT INTO saved_views (user_id, resource, name, query, shared, created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
                &[actor.id().into(), resource.into(), name.into(), query.into(), shared.into(), now_ms().into()],
            )
            .await?;
        Ok(row.map(|r| r.i64("id")).unwrap_or_default())
    }

    /// Delete one of one's own views.
    pub async fn delete_view(&self, actor: &Actor, id: i64) -> Result<()> {
        let n = self
            .db
            .execute(
                "DELETE FROM saved_views WHERE id = $1 AND user_id = $2",
                &[id.into(), actor.id().into()],
            )
            .await?;
        if n == 1 {
            Ok(())
        } else {
            Err(AppError::not_found())
        }
    }

    /// The actor's print setup of a list (`scope` = `list`) or record page (`record`).
    pub async fn print_settings(
        &self,
        actor: &Actor,
        resource: &str,
        scope: &str,
    ) -> Result<PrintSettings> {
        let row = self
            .db
            .fetch_optional(
                "SELECT settings FROM print_settings WHERE user_id = $1 AND resource = $2 AND scope = $3",
                &[actor.id().into(), resource.into(), scope.into()],
            )
            .await?;
        Ok(row
            .and_then(|r| serde_json::from_str(&r.str("settings")).ok())
            .unwrap_or_default())
    }

    pub async fn save_print_settings(
        &self,
        actor: &Actor,
        resource: &str,
        scope: &str,
        s: PrintSettings,
    ) -> Result<PrintSettings> {
        let s = s.sanitised();
        let json = serde_json::to_string(&s).unwrap_or_default();
        let args = [
            actor.id().into(),
            resource.into(),
            scope.into(),
            json.into(),
            now_ms().into(),
        ];
        let n = self
            .db
            .execute("UPDATE print_settings SET settings = $4, updated_at = $5 WHERE user_id = $1 AND resource = $2 AND scope = $3", &args)
            .await?;
        if n == 0 {
            self.db
                .execute("INSERT INTO print_settings (user_id, resource, scope, settings, updated_at) VALUES ($1,$2,$3,$4,$5)", &args)
                .await?;
        }
        Ok(s)
    }
}
