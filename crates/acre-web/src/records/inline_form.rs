//! A record's form inside its parent's related card (htmx): a new record
//! above the card's table, an edited one in place of its row. The link to
//! the parent is fixed; everything else is the full form's (`form.rs`).

use acre_app::registry::RecordType;
use acre_app::{Actor, App};
use askama::Template;

use super::form::{FormSection, FormState, build};
use super::related::Parent;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::tr::Tr;

/// A form inside the parent's related card (`related_partial.html`).
#[derive(Template)]
#[template(path = "record/inline_form_partial.html")]
struct InlineForm {
    t: Tr,
    csrf: String,
    res: &'static str,
    /// Prefix of the widgets' ids: one page may hold several forms.
    p: String,
    id: i64,
    heading: String,
    action: String,
    version: i64,
    sections: Vec<FormSection>,
    form_error: String,
    offer_anyway: bool,
    /// `_parent`, the fixed link field and its value.
    parent: String,
    via: &'static str,
    parent_id: i64,
    /// The card (htmx) and the parent's page (without).
    cancel: String,
    back: String,
    /// An edit takes its row's place, across this many columns.
    row: Option<usize>,
}

/// Where an inline form sits: in `parent`'s card; an edit in its row.
pub(super) struct Inline {
    pub parent: Parent,
    row: Option<usize>,
}

impl Inline {
    /// The inline form a request asks for with `_parent` (htmx only).
    pub(super) async fn of(
        app: &App,
        ctx: &Ctx,
        actor: &Actor,
        rt: &'static RecordType,
        raw: Option<&str>,
        editing: bool,
    ) -> Result<Option<Inline>, WebError> {
        let Some(parent) = super::related::parent(app, ctx, actor, rt, raw).await? else {
            return Ok(None);
        };
        // The card's columns and its actions column.
        let row = editing.then(|| app.list_fields(rt, &Default::default()).len() + 1);
        Ok(Some(Inline { parent, row }))
    }

    /// The form in its place, showing `s`.
    pub(super) fn render(
        self,
        ctx: &Ctx,
        actor: &Actor,
        rt: &'static RecordType,
        (heading, action): (String, String),
        s: FormState,
    ) -> String {
        let Inline { parent, row } = self;
        let via = parent.rel.via;
        InlineForm {
            t: Tr(ctx.locale),
            csrf: actor.csrf_token.clone().unwrap_or_default(),
            res: rt.key,
            p: format!(
                "{}-{}-",
                rt.key,
                s.id.map_or("new".into(), |id| id.to_string())
            ),
            id: s.id.unwrap_or(0),
            heading,
            action,
            version: s.version,
            sections: build(rt, ctx.locale, (&s.values, &s.errors), via),
            form_error: s.form_error,
            offer_anyway: s.offer_anyway,
            parent: parent.key(),
            via,
            parent_id: parent.rec.id,
            cancel: parent.card_url(),
            back: format!("/r/{}/{}", parent.rt.key, parent.rec.id),
            row,
        }
        .render()
        .unwrap_or_default()
    }
}

/// The `_parent` of posted form pairs.
pub(super) fn parent_field(pairs: &[(String, String)]) -> Option<&str> {
    pairs
        .iter()
        .find(|(k, _)| k == "_parent")
        .map(|(_, v)| v.as_str())
}
