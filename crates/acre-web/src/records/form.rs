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
    /// "text", "textarea", "number", "date", "datetime", "select", "multi",
    /// "ref", "bool", "tel", "email", "url".
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
type Values = (Input, Input);

fn build(
    rt: &'static RecordType,
    locale: acre_i18n::Locale,
    values: &Values,
    errors: &FieldErrors,
) -> Vec<FormSection> {
    rt.sections
        .iter()
        .map(|s| FormSection {
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
                .filter(|f| f.section == *s && !f.derived)
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
                            Kind::Enum => "select",
                            Kind::MultiEnum => "multi",
                            Kind::Link | Kind::User => "ref",
                            Kind::Bool => "bool",
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
                        options: option_labels(rt, f.key, f.options, locale, &selected),
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

struct FormState {
    /// A duplicate was refused and the actor may register it anyway.
    offer_anyway: bool,
    id: Option<i64>,
    version: i64,
    values: Values,
    errors: FieldErrors,
    form_error: String,
}

fn render(ctx: &Ctx, actor: &acre_app::Actor, rt: &'static RecordType, s: FormState) -> String {
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
    FormPage {
        layout: Layout::new(ctx, actor, rt.module, &format!("/r/{}", rt.key)),
        res: rt.key,
        name: t(&rt.name_key()),
        heading,
        action: s
            .id
            .map(|id| format!("/r/{}/{id}", rt.key))
            .unwrap_or_else(|| format!("/r/{}", rt.key)),
        cancel: s
            .id
            .map(|id| format!("/r/{}/{id}", rt.key))
            .unwrap_or_else(|| format!("/r/{}", rt.key)),
        version: s.version,
        sections: build(rt, ctx.locale, &s.values, &s.errors),
        form_error: s.form_error,
        offer_anyway: s.offer_anyway,
    }
    .render()
    .unwrap_or_default()
}

/// A new record's form, prefilled from the query string (`?customer_id=7`
/// from a customer's page adds a contact to it).
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
    let s = FormState {
        offer_anyway: false,
        id: None,
        version: 0,
        values,
        errors: FieldErrors::new(),
        form_error: String::new(),
    };
    Ok(Html(render(&ctx, actor, rt, s)).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
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
    let s = FormState {
        offer_anyway: false,
        id: Some(id),
        version: rec.version,
        values,
        errors: FieldErrors::new(),
        form_error: String::new(),
    };
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

async fn refused(
    ctx: &Ctx,
    actor: &acre_app::Actor,
    rt: &'static RecordType,
    id: Option<i64>,
    version: i64,
    values: Values,
    e: AppError,
) -> Result<Response, WebError> {
    if e.fields.is_empty() && e.code != ErrorCode::StaleVersion {
        return Err(ctx.err(e));
    }
    let status = StatusCode::from_u16(e.code.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    let offer_anyway = id.is_none()
        && e.code == ErrorCode::DuplicateCustomer
        && actor.can(acre_domain::Capability::AllocateCustomers);
    let s = FormState {
        id,
        version,
        values,
        form_error: e.message(ctx.locale),
        errors: e.fields,
        offer_anyway,
    };
    Ok((status, Html(render(ctx, actor, rt, s))).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let (values, _) = collect(rt, &pairs);
    match state.app.create_record(actor, rt, &values.0).await {
        Ok((id, _)) => {
            Ok(Redirect::to(&format!("/r/{}/{id}?done=flash-saved", rt.key)).into_response())
        }
        Err(e) => refused(&ctx, actor, rt, None, 0, values, e).await,
    }
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let (values, version) = collect(rt, &pairs);
    match state
        .app
        .update_record(actor, rt, id, version, &values.0)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/r/{}/{id}?done=flash-saved", rt.key)).into_response()),
        Err(e) => refused(&ctx, actor, rt, Some(id), version, values, e).await,
    }
}
