//! The OpenAPI 3.1 document, built from one table of the routes we serve. A
//! test calls every route in this table on the running router, so the document
//! cannot list something the server does not do.

use axum::Json;
use serde_json::{Value, json};

/// One operation: method, path, tag, summary, request schema, success status.
pub struct ApiRoute {
    pub method: &'static str,
    pub path: &'static str,
    pub tag: &'static str,
    pub summary: &'static str,
    pub body: Option<&'static str>,
    pub status: u16,
    /// Whether the call works without signing in.
    pub public: bool,
}

const fn r(
    method: &'static str,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    body: Option<&'static str>,
    status: u16,
) -> ApiRoute {
    ApiRoute {
        method,
        path,
        tag,
        summary,
        body,
        status,
        public: false,
    }
}

/// Every API operation.
pub const API_ROUTES: &[ApiRoute] = &[
    ApiRoute {
        public: true,
        ..r(
            "post",
            "/api/v1/auth/login",
            "auth",
            "Sign in; sets the session cookie and returns the CSRF token",
            Some("Login"),
            200,
        )
    },
    r(
        "post",
        "/api/v1/auth/logout",
        "auth",
        "End the current session",
        None,
        204,
    ),
    r(
        "get",
        "/api/v1/me",
        "me",
        "The signed-in user, scope and capabilities",
        None,
        200,
    ),
    r(
        "patch",
        "/api/v1/me",
        "me",
        "Change own preferences (locale)",
        Some("MePatch"),
        204,
    ),
    r(
        "post",
        "/api/v1/me/password",
        "me",
        "Change own password (other sessions end)",
        Some("PasswordChange"),
        204,
    ),
    r(
        "get",
        "/api/v1/me/team",
        "me",
        "Users within my data scope",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/me/tokens",
        "me",
        "My personal API tokens",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/me/tokens",
        "me",
        "Create a personal API token (shown once)",
        Some("TokenCreate"),
        201,
    ),
    r(
        "delete",
        "/api/v1/me/tokens/{id}",
        "me",
        "Revoke a personal API token",
        None,
        204,
    ),
    r(
        "get",
        "/api/v1/users",
        "users",
        "List users (administrators)",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/users",
        "users",
        "Create a user (administrators)",
        Some("UserInput"),
        201,
    ),
    r(
        "get",
        "/api/v1/users/{id}",
        "users",
        "One user (administrators, or oneself)",
        None,
        200,
    ),
    r(
        "patch",
        "/api/v1/users/{id}",
        "users",
        "Change a user; `version` required (409 when stale)",
        Some("UserPatch"),
        200,
    ),
    r(
        "post",
        "/api/v1/users/{id}/password",
        "users",
        "Reset a user's password; their sessions end",
        Some("PasswordReset"),
        204,
    ),
    r(
        "get",
        "/api/v1/departments",
        "departments",
        "The department tree",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/departments",
        "departments",
        "Create a department (administrators)",
        Some("DepartmentInput"),
        201,
    ),
    r(
        "get",
        "/api/v1/departments/{id}",
        "departments",
        "One department",
        None,
        200,
    ),
    r(
        "patch",
        "/api/v1/departments/{id}",
        "departments",
        "Change a department; `version` required",
        Some("DepartmentPatch"),
        200,
    ),
    r(
        "delete",
        "/api/v1/departments/{id}",
        "departments",
        "Delete an empty department; `?version=` required",
        None,
        204,
    ),
    ApiRoute {
        public: true,
        ..r(
            "get",
            "/api/v1/openapi.json",
            "meta",
            "This document",
            None,
            200,
        )
    },
];

fn schemas() -> Value {
    let user_fields = json!({
        "username": {"type": "string", "pattern": "^[a-z0-9._-]{2,32}$"},
        "display_name": {"type": "string", "maxLength": 50},
        "role": {"type": "string", "enum": acre_domain::Role::ALL.iter().map(|r| r.key()).collect::<Vec<_>>()},
        "department_id": {"type": ["integer", "null"]},
        "superior_id": {"type": ["integer", "null"]},
        "active": {"type": "boolean"},
        "locale": {"type": "string", "enum": ["zh-CN", "zh-TW", "en"]},
        "email": {"type": ["string", "null"]},
        "phone": {"type": ["string", "null"]}
    });
    let mut user_input = user_fields.clone();
    user_input["password"] = json!({"type": "string", "minLength": 8, "maxLength": 256});
    let mut user_patch = user_fields.clone();
    user_patch["version"] = json!({"type": "integer"});
    let dept = json!({
        "name": {"type": "string", "maxLength": 50},
        "parent_id": {"type": ["integer", "null"]},
        "head_user_id": {"type": ["integer", "null"]},
        "sort_order": {"type": "integer"}
    });
    let mut dept_patch = dept.clone();
    dept_patch["version"] = json!({"type": "integer"});
    json!({
        "Login": {"type": "object", "required": ["username", "password"], "properties": {"username": {"type": "string"}, "password": {"type": "string"}}},
        "MePatch": {"type": "object", "properties": {"locale": {"type": "string", "enum": ["zh-CN", "zh-TW", "en"]}}},
        "PasswordChange": {"type": "object", "required": ["current_password", "new_password"], "properties": {"current_password": {"type": "string"}, "new_password": {"type": "string"}}},
        "PasswordReset": {"type": "object", "required": ["password"], "properties": {"password": {"type": "string"}}},
        "TokenCreate": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 60}}},
        "UserInput": {"type": "object", "required": ["username", "display_name", "role", "password"], "properties": user_input},
        "UserPatch": {"type": "object", "required": ["version"], "properties": user_patch},
        "DepartmentInput": {"type": "object", "required": ["name"], "properties": dept},
        "DepartmentPatch": {"type": "object", "required": ["version"], "properties": dept_patch},
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message", "fields"], "properties": {
            "code": {"type": "string", "enum": acre_app::ErrorCode::ALL.iter().map(|c| c.code()).collect::<Vec<_>>()},
            "message": {"type": "string"},
            "fields": {"type": "object", "additionalProperties": {"type": "string"}}
        }}}}
    })
}

/// The document served at `/api/v1/openapi.json`.
pub fn openapi_document() -> Value {
    let mut paths = serde_json::Map::new();
    for route in API_ROUTES {
        let mut op = json!({
            "tags": [route.tag],
            "summary": route.summary,
            "operationId": format!("{}_{}", route.method, route.path.trim_start_matches("/api/v1/").replace(['/', '{', '}', '.'], "_")),
            "responses": {
                route.status.to_string(): {"description": "success"},
                "default": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        });
        if let Some(b) = route.body {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{b}")}}}});
        }
        if route.path.contains("{id}") {
            op["parameters"] = json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]);
        }
        if route.public {
            op["security"] = json!([]);
        }
        let entry = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        entry[route.method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Acre API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Cookie sessions send the CSRF token from login as `X-CSRF-Token` on every state-changing request; Bearer tokens need none. Lists take `q`, `limit` (≤200) and `offset` and answer `{items,total,limit,offset}`."},
        "servers": [{"url": "/"}],
        "security": [{"session": []}, {"bearer": []}],
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "acre_session"},
                "bearer": {"type": "http", "scheme": "bearer"}
            },
            "schemas": schemas()
        },
        "paths": paths
    })
}

pub async fn serve() -> Json<Value> {
    Json(openapi_document())
}
