//! Create and edit forms (OPS5): one widget per field kind, server-side
//! validation with a translated message per field, optimistic locking.

use acre_app::registry::export::label;
use acre_app::registry::value::to_input;
use acre_app::registry::{Input, Kind, RecordType};
use acre_app::{AppError, ErrorCode, FieldErrors};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::inline_form::{self, Inline};
use super::list::option_labels;
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::pages::Layout;
use crate::state::AppState;

/// One form control.
pub struct Widget {
    pub key: String,
    pub label: String,
    /// "text", "textarea", "number", "date", "datetime", "select" (also
    /// yes/no), "multi", "ref", "tel", "email", "url".
    pub widget: &'static str,
    pub value: String,
    /// Title of a linked record (ref widgets).
    pub title: String,
    /// Typeahead endpoint (ref widgets).
    pub pick: String,
    pub options: Vec<(String, String, bool)>,
    pub required: bool,
    pub error: String,
    pub max: u32,
}

pub struct FormSection {
    pub heading: String,
    pub widgets: Vec<Widget>,
    /// The kind field and the kinds this section shows for ("" when always).
    pub variant_field: String,
    pub variant_options: String,
    /// Hidden for the current kind.
    pub hidden: bool,
    /// One of its fields was refused (an inline form opens it).
    pub has_error: bool,
}

#[derive(Template)]
#[template(path = "record/form.html")]
struct FormPage {
    layout: Layout,
    res: &'static str,
    name: String,
    heading: String,
    action: String,
    cancel: String,
    version: i64,
    sections: Vec<FormSection>,
    form_error: String,
    offer_anyway: bool,
}

/// Current values as typed text, and the titles of linked records.
pub(super) type Values = (Input, Input);

/// The form's sections and widgets, without the `fixed` field (an inline
/// form's parent link).
pub(super) fn build(
    rt: &'static RecordType,
    locale: acre_i18n::Locale,
    (values, errors): (&Values, &FieldErrors),
    fixed: &str,
) -> Vec<FormSection> {
    rt.sections
        .iter()
        .map(|s| FormSection {
            has_error: rt
                .fields
                .iter()
                .any(|f| f.section == *s && errors.contains_key(f.key)),
            variant_field: rt.variants.map(|v| v.field.to_string()).unwrap_or_default(),
            variant_options: rt
                .variants
                .map(|v| v.options_showing(s).join(" "))
                .unwrap_or_default(),
            hidden: rt.variants.is_some_and(|v| {
                !v.shows(
                    values
                        .0
                        .get(v.field)
                        .map(String::as_str)
                        .filter(|x| !x.is_empty()),
                    s,
                )
            }),
            heading: locale.t(&rt.section_key(s)),
            widgets: rt
                .fields
                .iter()
                .filter(|f| f.section == *s && !f.derived && f.key != fixed)
                .map(|f| {
                    let value = values.0.get(f.key).cloned().unwrap_or_default();
                    let selected: Vec<String> = value.split(',').map(str::to_string).collect();
                    Widget {
                        key: f.key.to_string(),
                        label: label(rt, f, locale),
                        widget: match f.kind {
                            Kind::LongText => "textarea",
                            Kind::Integer | Kind::Decimal | Kind::Money | Kind::Percent => "number",
                            Kind::Date => "date",
                            Kind::DateTime => "datetime",
                            Kind::Enum | Kind::Bool => "select",
                            Kind::MultiEnum => "multi",
                            Kind::Link | Kind::User => "ref",
                            Kind::Phone => "tel",
                            Kind::Email => "email",
                            Kind::Url => "url",
                            Kind::File => "file",
                            Kind::Text => "text",
                        },
                        title: values.1.get(f.key).cloned().unwrap_or_default(),
                        pick: match f.kind {
                            Kind::Link => {
                                f.link.map(|l| format!("/r/{l}/pick")).unwrap_or_default()
                            }
                            Kind::User => "/people/pick".into(),
                            _ => String::new(),
                        },
                        options: match f.kind {
                            Kind::Bool => yes_no(locale, &value),
                            _ => option_labels(rt, f.key, f.options, locale, &selected),
                        },
                        required: f.required,
                        error: errors.get(f.key).map(|k| locale.t(k)).unwrap_or_default(),
                        max: f.max_len,
                        value,
                    }
                })
                .collect(),
        })
        .collect()
}

/// A yes/no field's choices.
fn yes_no(locale: acre_i18n::Locale, value: &str) -> Vec<(String, String, bool)> {
    [("true", "value-yes"), ("false", "value-no")]
        .into_iter()
        .map(|(v, k)| (v.to_string(), locale.t(k), value == v))
        .collect()
}

pub(super) struct FormState {
    /// A duplicate was refused and the actor may register it anyway.
    pub offer_anyway: bool,
    pub id: Option<i64>,
    pub version: i64,
    pub values: Values,
    pub errors: FieldErrors,
    pub form_error: String,
    inline: Option<Inline>,
}

impl FormState {
    fn new(id: Option<i64>, version: i64, values: Values, inline: Option<Inline>) -> FormState {
        FormState {
            offer_anyway: false,
            id,
            version,
            values,
            errors: FieldErrors::new(),
            form_error: String::new(),
            inline,
        }
    }
}

fn render(ctx: &Ctx, actor: &acre_app::Actor, rt: &'static RecordType, mut s: FormState) -> String {
    let t = |k: &str| ctx.locale.t(k);
    let one = t(&format!("{}-one", rt.entity));
    let heading = match s.id {
        Some(_) => format!(
            "{} · {}",
            ctx.locale
                .t_args("record-edit-one", &[("one", one.clone())]),
            s.values.0.get(rt.title).cloned().unwrap_or_default()
        ),
        None => ctx.locale.t_args("record-new-one", &[("one", one.clone())]),
    };
    let record_page =
        s.id.map(|id| format!("/r/{}/{id}", rt.key))
            .unwrap_or_else(|| format!("/r/{}", rt.key));
    if let Some(inline) = s.inline.take() {
        return inline.render(ctx, actor, rt, (heading, record_page), s);
    }
    FormPage {
        layout: Layout::new(ctx, actor, rt.module, &format!("/r/{}", rt.key)),
        res: rt.key,
        name: t(&rt.name_key()),
        heading,
        action: record_page.clone(),
        cancel: record_page,
        version: s.version,
        sections: build(rt, ctx.locale, (&s.values, &s.errors), ""),
        form_error: s.form_error,
        offer_anyway: s.offer_anyway,
    }
    .render()
    .unwrap_or_default()
}

/// A new record's form, prefilled from the query string (`?customer_id=7`
/// from a customer's page adds a contact to it); inline in the parent's card
/// when an htmx request names it (`_parent=customers:7`).
pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: super::Qs,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    if !rt.access.can_create(actor) {
        return Err(ctx.err(AppError::forbidden()));
    }
    let mut values: Values = Default::default();
    for f in rt.fields.iter().filter(|f| f.typed()) {
        let Some(v) = qs.get(f.key).filter(|v| !v.is_empty()) else {
            continue;
        };
        values.0.insert(f.key.to_string(), v.to_string());
        // A linked record shows its title, if the actor may see it.
        if let (Some(target), Ok(id)) = (f.link.and_then(acre_app::registry::find), v.parse())
            && let Ok(rec) = state.app.get_record(actor, target, id, false).await
        {
            values.1.insert(f.key.to_string(), rec.title(target));
        }
    }
    let inline = Inline::of(&state.app, &ctx, actor, rt, qs.get("_parent"), false).await?;
    let s = FormState::new(None, 0, values, inline);
    Ok(Html(render(&ctx, actor, rt, s)).into_response())
}

/// A record's edit form; inline in place of its row in the parent's card
/// when an htmx request names it (`_parent=customers:7`).
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    qs: super::Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let app = &state.app;
    let rt = app.readable_type(actor, &res).web(&ctx)?;
    let rec = app.get_record(actor, rt, id, false).await.web(&ctx)?;
    if !app.can_edit(actor, rt, &rec) {
        return Err(ctx.err(AppError::forbidden()));
    }
    let mut values: Values = Default::default();
    for (f, v, title) in &rec.values {
        values.0.insert(f.key.to_string(), to_input(f, v));
        if let Some(t) = title {
            values.1.insert(f.key.to_string(), t.clone());
        }
    }
    let inline = Inline::of(app, &ctx, actor, rt, qs.get("_parent"), true).await?;
    let s = FormState::new(Some(id), rec.version, values, inline);
    Ok(Html(render(&ctx, actor, rt, s)).into_response())
}

/// Form pairs into field input: repeated keys (multi-enum checkboxes) join
/// with commas; `__title` companions of pickers are kept apart.
fn collect(rt: &RecordType, pairs: &[(String, String)]) -> (Values, i64) {
    let mut input = Input::new();
    let mut titles = Input::new();
    let mut version = 0;
    for (k, v) in pairs {
        if k == "version" {
            version = v.parse().unwrap_or(0);
        } else if k == acre_app::registry::service::REGISTER_ANYWAY {
            input.insert(k.clone(), v.clone());
        } else if let Some(key) = k.strip_suffix("__title") {
            titles.insert(key.to_string(), v.clone());
        } else if let Some(f) = rt.field(k) {
            let e = input.entry(f.key.to_string()).or_default();
            if f.kind == Kind::MultiEnum && !e.is_empty() {
                e.push(',');
            }
            e.push_str(v);
        }
    }
    // Unticked multi-choice fields send nothing: they mean "none".
    for f in rt.fields.iter().filter(|f| f.kind == Kind::MultiEnum) {
        input.entry(f.key.to_string()).or_default();
    }
    ((input, titles), version)
}

/// The form again with the service's reasons: per field, or a conflict.
fn refused(
    ctx: &Ctx,
    actor: &acre_app::Actor,
    rt: &'static RecordType,
    mut s: FormState,
    e: AppError,
) -> Result<Response, WebError> {
    if e.fields.is_empty() && e.code != ErrorCode::StaleVersion {
        return Err(ctx.err(e));
    }
    let status = StatusCode::from_u16(e.code.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    s.offer_anyway = s.id.is_none()
        && e.code == ErrorCode::DuplicateCustomer
        && actor.can(acre_domain::Capability::AllocateCustomers);
    s.form_error = e.message(ctx.locale);
    s.errors = e.fields;
    Ok((status, Html(render(ctx, actor, rt, s))).into_response())
}

/// After a save: the parent's card refreshed in place, or the record's page.
async fn saved(
    state: &AppState,
    ctx: &Ctx,
    actor: &acre_app::Actor,
    (rt, id): (&RecordType, i64),
    inline: Option<Inline>,
) -> Result<Response, WebError> {
    match inline {
        Some(i) => super::related::refreshed(&state.app, ctx, actor, &i.parent).await,
        None => Ok(Redirect::to(&format!("/r/{}/{id}?done=flash-saved", rt.key)).into_response()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let inline = Inline::of(
        &state.app,
        &ctx,
        actor,
        rt,
        inline_form::parent_field(&pairs),
        false,
    )
    .await?;
    let (mut values, _) = collect(rt, &pairs);
    // Added from its parent's card: the link to the parent is fixed.
    if let Some(i) = &inline {
        values
            .0
            .insert(i.parent.rel.via.to_string(), i.parent.rec.id.to_string());
    }
    match state.app.create_record(actor, rt, &values.0).await {
        Ok((id, _)) => saved(&state, &ctx, actor, (rt, id), inline).await,
        Err(e) => refused(&ctx, actor, rt, FormState::new(None, 0, values, inline), e),
    }
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let inline = Inline::of(
        &state.app,
        &ctx,
        actor,
        rt,
        inline_form::parent_field(&pairs),
        true,
    )
    .await?;
    let (values, version) = collect(rt, &pairs);
    match state
        .app
        .update_record(actor, rt, id, version, &values.0)
        .await
    {
        Ok(_) => saved(&state, &ctx, actor, (rt, id), inline).await,
        Err(e) => {
            let s = FormState::new(Some(id), version, values, inline);
            refused(&ctx, actor, rt, s, e)
        }
    }
}
