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
        "/api/v1/search",
        "customers",
        "Customers and contacts the caller may see matching `q` (name, Traditional or Simplified, pinyin or initials, phone in any format); `limit` per type",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/customers/{id}/shares",
        "customers",
        "Colleagues a customer is shared with",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/customers/{id}/shares",
        "customers",
        "Share a customer (user_id, can_write, expires YYYY-MM-DD)",
        Some("ShareInput"),
        204,
    ),
    r(
        "delete",
        "/api/v1/customers/{id}/shares/{user}",
        "customers",
        "Stop sharing a customer with a colleague",
        None,
        204,
    ),
    r(
        "post",
        "/api/v1/customers/{id}/grading",
        "customers",
        "Grade a customer from the questionnaire; answers the proposed grade, close window and flag (CU11)",
        Some("GradingInput"),
        201,
    ),
    r(
        "get",
        "/api/v1/customers/{id}/grading",
        "customers",
        "A customer's grading history, newest first",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/customers/{id}/grading/category",
        "customers",
        "Set the category (and key-account flag) the key-account criteria suggest (CU14), as an edit of `version`",
        Some("VersionOnly"),
        200,
    ),
    r(
        "get",
        "/api/v1/grading/flagged",
        "customers",
        "Customers in the caller's scope whose latest grading contradicts its answers (`limit`, `offset`)",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/customers/{id}/ownership",
        "customers",
        "A customer's owners over time: registered, reclaimed, assigned, transferred, claimed, released",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/customer-moves/preview",
        "customers",
        "How many customers a move would take now, by current owner (nothing changes)",
        Some("MoveInput"),
        200,
    ),
    r(
        "post",
        "/api/v1/customer-moves",
        "customers",
        "Reclaim to the pool, assign, transfer, claim or release customers by filter or ids, in one transaction; `expected` guards against changes since the preview (409); claim limits answer 409 `limit_reached`",
        Some("MoveInput"),
        200,
    ),
    r(
        "get",
        "/api/v1/territories",
        "customers",
        "Territories: one's own, or the team's for those who allocate (size, target, 30-day changes)",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/territories/{user}/changes",
        "customers",
        "A territory's changes with their reasons, newest first",
        None,
        200,
    ),
    r(
        "put",
        "/api/v1/territories/{user}/target",
        "customers",
        "Set a team member's target list size (null: none)",
        Some("TerritoryTarget"),
        204,
    ),
    r(
        "get",
        "/api/v1/pool/rules",
        "customers",
        "The pool's rules: daily claim limit, former-owner cooldown, holding cap, idle days per grade",
        None,
        200,
    ),
    r(
        "put",
        "/api/v1/pool/rules",
        "customers",
        "Change the pool's rules (those who allocate customers)",
        Some("PoolRules"),
        204,
    ),
    r(
        "post",
        "/api/v1/opportunities/{id}/stage",
        "pipeline",
        "Move an opportunity to a stage under the skip rules (SP5): 200 `{result: done, version}`; 202 `{result: requested, approval_id}` when the supervisor must approve (NO*); 409 `rule_refused` when forbidden (NO), closed or a skip is pending",
        Some("StageMove"),
        200,
    ),
    r(
        "post",
        "/api/v1/opportunities/{id}/close",
        "pipeline",
        "Close an opportunity as won or lost with a reason (SP16)",
        Some("CloseInput"),
        200,
    ),
    r(
        "get",
        "/api/v1/opportunities/{id}/stages",
        "pipeline",
        "An opportunity's stays at each stage with dates and days spent",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/opportunities/{id}/decision-map",
        "pipeline",
        "The decision map: people with role, influence, support and quadrant; warnings (SP3)",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/contracts/{id}/submit",
        "pipeline",
        "Send a draft contract for approval (202 `{approval_id}`)",
        Some("VersionOnly"),
        202,
    ),
    r(
        "post",
        "/api/v1/contracts/{id}/status",
        "pipeline",
        "Move a contract: `signed` (once approved), `executing`, `completed`, `terminated`; 409 `rule_refused` otherwise",
        Some("ContractStatus"),
        200,
    ),
    r(
        "get",
        "/api/v1/contracts/{id}/contract.docx",
        "pipeline",
        "The contract generated from its template as a .docx (placeholders filled, the quote's lines as a table)",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/pipeline/collection",
        "pipeline",
        "Collection per owner and department over signed, executing and completed contracts in sight",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/quotes/{id}/submit",
        "pipeline",
        "Send a draft quote for approval (202 `{approval_id}`); 409 `rule_refused` when it has no lines or is not a draft",
        Some("VersionOnly"),
        202,
    ),
    r(
        "post",
        "/api/v1/quotes/{id}/sent",
        "pipeline",
        "Mark an approved quote as sent; 409 `rule_refused` before approval",
        Some("VersionOnly"),
        200,
    ),
    r(
        "post",
        "/api/v1/quotes/{id}/revise",
        "pipeline",
        "Revise an approved, sent or rejected quote: it is kept as `superseded` and a new draft copies its terms and lines as the next revision; 201 `{id}`; 409 `rule_refused` from other statuses",
        Some("VersionOnly"),
        201,
    ),
    r(
        "get",
        "/api/v1/quotes/{id}/quote.docx",
        "pipeline",
        "The quote sheet as Word: our letterhead, the customer, number and dates, the lines, totals with tax, the total in capitals, the terms",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/pipeline/board",
        "pipeline",
        "The kanban: each stage's first page of open opportunities (`grade`, `owner_id` narrow it) with a count capped at `count_up_to`; `stage` and `page` give one column's page",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/pipeline/forecast",
        "pipeline",
        "The forecast list: open A and B opportunities by close month from `from` (YYYY-MM), and the find / nurture / close split",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/stage-rules",
        "pipeline",
        "The stage skip rules: `{stage: ok | supervisor | no}`",
        None,
        200,
    ),
    r(
        "put",
        "/api/v1/stage-rules",
        "pipeline",
        "Change stage skip rules (administrators)",
        Some("StageRules"),
        200,
    ),
    r(
        "get",
        "/api/v1/approval-flows/{kind}",
        "approvals",
        "The configured chain of a request kind (`stage_skip`, `quote`, `contract`)",
        None,
        200,
    ),
    r(
        "put",
        "/api/v1/approval-flows/{kind}",
        "approvals",
        "Replace a kind's chain (administrators): steps of `superior`, `department_head`, `role` (with `role`), `user` (with `user_id`), each optionally from `min_amount` (fen) or with a `flag`",
        Some("FlowInput"),
        200,
    ),
    r(
        "get",
        "/api/v1/approvals",
        "approvals",
        "Approval requests: `box=todo` (waiting for the caller, default) or `box=mine` (the caller's own); `limit`, `offset`",
        None,
        200,
    ),
    r(
        "get",
        "/api/v1/approvals/{id}",
        "approvals",
        "One request with its steps and history",
        None,
        200,
    ),
    r(
        "post",
        "/api/v1/approvals/{id}/decision",
        "approvals",
        "Approve, reject or return the current step (reject and return need a comment); never one's own request",
        Some("DecisionInput"),
        200,
    ),
    r(
        "post",
        "/api/v1/approvals/{id}/withdraw",
        "approvals",
        "The requester withdraws a pending or returned request",
        Some("VersionOnly"),
        200,
    ),
    r(
        "post",
        "/api/v1/approvals/{id}/resubmit",
        "approvals",
        "The requester resubmits a returned request",
        Some("VersionComment"),
        200,
    ),
    r(
        "get",
        "/api/v1/notifications",
        "approvals",
        "The caller's newest notifications and the unread count",
        None,
        200,
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
        "ShareInput": {"type": "object", "required": ["user_id"], "properties": {"user_id": {"type": "integer"}, "can_write": {"type": "boolean"}, "expires": {"type": ["string", "null"], "format": "date"}}},
        "MoveInput": {"type": "object", "required": ["action"], "properties": {
            "action": {"type": "string", "enum": ["reclaim", "assign", "transfer", "claim", "release"]},
            "filter": {"type": "object", "description": "Customer list filters, e.g. {\"f.grade\": \"A,B\", \"f.owner_id\": \"12\"}; used when `ids` is empty", "additionalProperties": {"type": "string"}},
            "ids": {"type": "array", "items": {"type": "integer"}, "maxItems": 1000},
            "to_user": {"type": ["integer", "null"], "description": "Required for assign and transfer"},
            "reason": {"type": ["string", "null"], "enum": acre_app::allocation::REASONS.iter().map(|r| Some(*r)).chain([None]).collect::<Vec<_>>()},
            "note": {"type": ["string", "null"], "maxLength": 500},
            "expected": {"type": ["integer", "null"]}
        }},
        "PoolRules": {"type": "object", "properties": {
            "daily_claim_limit": {"type": ["integer", "null"]},
            "cooldown_days": {"type": ["integer", "null"]},
            "holding_cap": {"type": ["integer", "null"]},
            "idle_days": {"type": "array", "description": "Grades A, B, C, D, none", "items": {"type": ["integer", "null"]}, "minItems": 5, "maxItems": 5},
            "warn_days": {"type": "integer"}
        }},
        "GradingInput": {"type": "object", "required": ["computerised", "objective_need", "subjective_need", "resolve", "selection_started"], "properties": {
            "computerised": {"type": "boolean", "description": "false: the not-yet-computerised table (asks feasibility_started); true: the computerised one (asks dissatisfaction)"},
            "objective_need": {"type": "boolean"},
            "subjective_need": {"type": "boolean"},
            "resolve": {"type": "string", "enum": ["high", "mid", "low", "none"]},
            "dissatisfaction": {"type": "string", "enum": ["high", "mid", "low", "none"], "description": "computerised only"},
            "feasibility_started": {"type": "boolean", "description": "not computerised only"},
            "selection_started": {"type": "boolean"},
            "industry_position": {"type": "string", "enum": ["leader", "major", "follower"], "description": "for the key-account check (CU14)"},
            "chosen_grade": {"type": "string", "enum": ["A", "B", "C", "D"], "description": "the rep's grade; the proposal when absent; flagged when the answers contradict it"},
            "note": {"type": "string", "maxLength": 500}
        }},
        "StageMove": {"type": "object", "required": ["version", "stage"], "properties": {
            "version": {"type": "integer"},
            "stage": {"type": "string", "enum": acre_domain::stages::Stage::KEYS},
            "note": {"type": "string"}}},
        "CloseInput": {"type": "object", "required": ["version", "outcome", "reason"], "properties": {
            "version": {"type": "integer"},
            "outcome": {"type": "string", "enum": ["won", "lost"]},
            "reason": {"type": "string"}}},
        "StageRules": {"type": "object", "additionalProperties": {"type": "string", "enum": ["ok", "supervisor", "no"]}},
        "DecisionInput": {"type": "object", "required": ["version", "decision"], "properties": {
            "version": {"type": "integer"},
            "decision": {"type": "string", "enum": ["approve", "reject", "return"]},
            "comment": {"type": "string"}}},
        "ContractStatus": {"type": "object", "required": ["version", "status"], "properties": {
            "version": {"type": "integer"},
            "status": {"type": "string", "enum": ["signed", "executing", "completed", "terminated"]}}},
        "FlowInput": {"type": "object", "required": ["steps"], "properties": {"steps": {"type": "array", "items": {"type": "object", "required": ["approver"], "properties": {
            "approver": {"type": "string", "enum": ["superior", "department_head", "role", "user"]},
            "role": {"type": "string"}, "user_id": {"type": "integer"},
            "min_amount": {"type": "integer"}, "flag": {"type": "string"}}}}}},
        "VersionComment": {"type": "object", "required": ["version"], "properties": {"version": {"type": "integer"}, "comment": {"type": "string"}}},
        "VersionOnly": {"type": "object", "required": ["version"], "properties": {"version": {"type": "integer"}}},
        "TerritoryTarget": {"type": "object", "properties": {"target_size": {"type": ["integer", "null"], "minimum": 0}}},
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

/// JSON schema of one field kind, as the API reads and writes it.
fn field_schema(f: &acre_app::registry::Field) -> Value {
    use acre_app::registry::Kind;
    let mut s = match f.kind {
        Kind::Integer | Kind::Link | Kind::User => json!({"type": "integer"}),
        Kind::File => {
            json!({"type": ["integer", "null"], "readOnly": true, "description": "id of the attachment holding the document; set with POST /r/{resource}/{id}/files/{field}; file name in `{key}_title`"})
        }
        Kind::DateTime => {
            json!({"type": "integer", "description": "milliseconds since the epoch; accepts \"YYYY-MM-DD HH:MM\" (China Standard Time) on input"})
        }
        Kind::Decimal | Kind::Percent => json!({"type": "number"}),
        Kind::Money => {
            json!({"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]{1,2})?$", "description": "yuan with up to two decimals"})
        }
        Kind::Date => json!({"type": "string", "format": "date"}),
        Kind::Enum => json!({"type": "string", "enum": f.options}),
        Kind::MultiEnum => json!({"type": "array", "items": {"type": "string", "enum": f.options}}),
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Email => json!({"type": "string", "format": "email"}),
        Kind::Url => json!({"type": "string", "format": "uri"}),
        _ => json!({"type": "string", "maxLength": f.max_len}),
    };
    if let Some(target) = f.link {
        s["description"] = json!(format!("id of a record of /api/v1/{target}"));
    }
    if f.derived {
        s["readOnly"] = json!(true);
    }
    s
}

/// Paths and schemas of every registered record type.
fn registry_routes(
    paths: &mut serde_json::Map<String, Value>,
    schemas: &mut serde_json::Map<String, Value>,
) {
    for rt in acre_app::registry::all() {
        let name = rt.entity.to_string();
        let props: serde_json::Map<String, Value> = rt
            .fields
            .iter()
            .map(|f| (f.key.to_string(), field_schema(f)))
            .collect();
        let required: Vec<&str> = rt
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key)
            .collect();
        let mut create = props.clone();
        if !rt.duplicates.is_empty() {
            create.insert(
                acre_app::registry::service::REGISTER_ANYWAY.into(),
                json!({"type": "boolean", "writeOnly": true, "description": "save despite a duplicate (409 `duplicate_customer`); managers only, 403 for others"}),
            );
        }
        schemas.insert(
            name.clone(),
            json!({"type": "object", "required": required, "properties": create}),
        );
        let mut patch = props.clone();
        patch.insert("version".into(), json!({"type": "integer"}));
        schemas.insert(
            format!("{name}_patch"),
            json!({"type": "object", "required": ["version"], "properties": patch}),
        );
        let base = format!("/api/v1/{}", rt.key);
        let op = |id: &str, summary: String, body: Option<String>, status: u16| {
            let mut o = json!({
                "tags": [rt.key], "summary": summary, "operationId": format!("{id}_{}", rt.entity),
                "responses": {status.to_string(): {"description": "success"}, "default": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}
            });
            if let Some(b) = body {
                o["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{b}")}}}});
            }
            o
        };
        let id_param =
            json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]);
        let list_params = json!([
            {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "search in the searchable fields"},
            {"name": "sort", "in": "query", "schema": {"type": "string"}, "description": "field key, `-key` for descending"},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 200}},
            {"name": "offset", "in": "query", "schema": {"type": "integer"}},
            {"name": "cols", "in": "query", "schema": {"type": "string"}, "description": "comma-separated field keys to return"},
            {"name": "trash", "in": "query", "schema": {"type": "boolean"}},
            {"name": "pool", "in": "query", "schema": {"type": "boolean"}, "description": "customers: the unassigned pool instead of owned customers"},
            {"name": "f.{key}", "in": "query", "schema": {"type": "string"}, "description": "filter: text contains; enum in (comma-separated); `f.{key}.min` / `.max` for numbers and dates; `f.{key}.empty=1|0`"}
        ]);
        let mut list = op("list", format!("List {}", rt.key), None, 200);
        list["parameters"] = list_params.clone();
        paths.insert(base.clone(), json!({"get": list, "post": op("create", format!("Create a {}", rt.entity), Some(name.clone()), 201)}));
        let mut one = json!({
            "get": op("get", format!("One {}", rt.entity), None, 200),
            "patch": op("update", format!("Change a {}; `version` required (409 when stale)", rt.entity), Some(format!("{name}_patch")), 200),
            "delete": op("delete", format!("Move a {} to the trash (`?version=` optional)", rt.entity), None, 204),
        });
        for m in ["get", "patch", "delete"] {
            one[m]["parameters"] = id_param.clone();
        }
        paths.insert(format!("{base}/{{id}}"), one);
        let mut restore = op(
            "restore",
            format!("Restore a {} from the trash", rt.entity),
            None,
            204,
        );
        restore["parameters"] = id_param.clone();
        paths.insert(format!("{base}/{{id}}/restore"), json!({"post": restore}));
        let mut history = op(
            "history",
            format!("Change history of a {}", rt.entity),
            None,
            200,
        );
        history["parameters"] = id_param.clone();
        paths.insert(format!("{base}/{{id}}/history"), json!({"get": history}));
        for f in rt
            .fields
            .iter()
            .filter(|f| f.kind == acre_app::registry::Kind::File)
        {
            let mut up = op(
                &format!("upload_{}", f.key),
                format!(
                    "Upload the {} of a {} (multipart, part `file`)",
                    f.key, rt.entity
                ),
                None,
                200,
            );
            up["parameters"] = id_param.clone();
            up["requestBody"] = json!({"required": true, "content": {"multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}});
            paths.insert(
                format!("{base}/{{id}}/files/{}", f.key),
                json!({"post": up}),
            );
        }
        paths.insert(
            format!("{base}/schema"),
            json!({"get": op("schema", format!("Fields of {} with labels", rt.key), None, 200)}),
        );
        for ext in ["xlsx", "docx"] {
            let mut e = op(
                &format!("export_{ext}"),
                format!("Export the filtered {} list as .{ext}", rt.key),
                None,
                200,
            );
            e["parameters"] = list_params.clone();
            paths.insert(format!("{base}/export.{ext}"), json!({"get": e}));
        }
    }
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
        if route.path.contains("{user}")
            && let Some(p) = op["parameters"].as_array_mut()
        {
            p.push(json!({"name": "user", "in": "path", "required": true, "schema": {"type": "integer"}}));
        }
        if route.path == "/api/v1/search" {
            op["parameters"] = json!([
                {"name": "q", "in": "query", "required": true, "schema": {"type": "string"}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 200}, "description": "per type, default 20"}
            ]);
        }
        if route.public {
            op["security"] = json!([]);
        }
        let entry = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        entry[route.method] = op;
    }
    let mut schemas = match schemas() {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    registry_routes(&mut paths, &mut schemas);
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Acre API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Cookie sessions send the CSRF token from login as `X-CSRF-Token` on every state-changing request; Bearer tokens need none. Lists take `q`, `limit` (≤200) and `offset` and answer `{items,total,limit,offset}`; record lists add `total_exact`, false when more matched than `total` (searches count up to 2,000, other lists up to 100,000)."},
        "servers": [{"url": "/"}],
        "security": [{"session": []}, {"bearer": []}],
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "acre_session"},
                "bearer": {"type": "http", "scheme": "bearer"}
            },
            "schemas": schemas
        },
        "paths": paths
    })
}

pub async fn serve() -> Json<Value> {
    Json(openapi_document())
}
