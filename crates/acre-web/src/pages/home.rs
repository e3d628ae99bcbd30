//! The home page: who I am, what my role may do, the people in my data scope.

use acre_domain::Role;
use acre_store::users::User;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::pages::Layout;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    department: String,
    supervisor: String,
    scope: String,
    capabilities: Vec<(String, bool)>,
    team: Vec<User>,
    team_total: i64,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Response, crate::error::WebError> {
    let actor = ctx.actor()?;
    let app = &state.app;
    let layout = Layout::new(&ctx, actor, "home", "/");
    let t = layout.t;
    let tree = app.department_tree().await.web(&ctx)?;
    let department = actor
        .user
        .department_id
        .and_then(|d| tree.iter().find(|n| n.dept.id == d))
        .map(|n| n.path.clone())
        .unwrap_or_else(|| "—".into());
    let supervisor = app
        .supervisor_of(&actor.user)
        .await
        .web(&ctx)?
        .map(|u| u.display_name)
        .unwrap_or_else(|| "—".into());
    let (team, team_total) = app.team(actor, None, 12, 0).await.web(&ctx)?;
    let capabilities = Role::CAPABILITIES
        .iter()
        .map(|c| (t.get(&format!("cap-{}", c.key())), actor.can(*c)))
        .collect();
    let page = HomePage {
        scope: t.get(&format!("scope-{}", actor.role.scope().key())),
        layout,
        department,
        supervisor,
        capabilities,
        team,
        team_total,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}
