//! The API's OpenAPI 3.1 document, built from the routes themselves (each handler's
//! `#[utoipa::path]`) and the protocol crate's types, so it cannot drift from the code: what every
//! operation shares (the error answers, the schemes that prove who calls) is added here once, with
//! the links between operations that clients and test tools follow. Served at
//! `GET /v1/openapi.json`; `scripts/openapi` writes it to `docs/openapi.json`.

use std::sync::OnceLock;

use amocrm_notify_protocol::http_api::{ErrorBody, ErrorCode};
use axum::http::header;
use axum::response::IntoResponse;
use serde_json::{json, Value};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, ObjectBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder, Type,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiContext;

/// What the document says of itself; the paths come from the routes.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "amocrm-notify: the account's server",
        version = "v1",
        description = "One history, read state and preferences per person, on every device; email and \
Web Push for `add_error` and `add_call`.\n\n\
**Who calls.** A person's requests carry a token the account's backend signs for them: an HS256 JWT \
with `acc` (the account), `sub` (the person) and `exp`, sent as `Authorization: Bearer`. The admin \
endpoints take the server's admin token instead.\n\n\
**Errors.** Every error is `{\"error\": {\"code\", \"message\", \"field\"}}`: a stable `code`, a \
message led by the endpoint that names the field, and the field's dotted path for `invalid` and \
`conflict`. An error answered before the body was read says `Connection: close`.\n\n\
**Limits.** A token bucket per person and process answers `429` with `Retry-After` (seconds). Headers, \
then the whole body, must arrive within 10 s (`408`); bodies are at most 4 MB (`413`).",
        license(name = "MIT"),
    ),
    components(schemas(ErrorBody, ErrorCode)),
    tags(
        (name = "notifications", description = "The person's center: accept, list, read, remove."),
        (name = "preferences", description = "Where a person's errors and calls go beyond the interface."),
        (name = "stream", description = "Every change, live, as Server-Sent Events."),
        (name = "push", description = "Web Push subscriptions of the person's devices."),
        (name = "admin", description = "For operators, with the server's admin token."),
        (name = "operators", description = "Health, metrics, and the development mail page."),
    ),
)]
struct Base;

/// The routes of this module: the document itself.
pub(super) fn router() -> OpenApiRouter<ApiContext> {
    OpenApiRouter::new().routes(routes!(serve))
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", operation_id = "openapi", summary = "This document",
    tag = "operators",
    responses((status = 200, description = "The API's OpenAPI 3.1 document.", body = Object)))]
async fn serve() -> impl IntoResponse {
    static TEXT: OnceLock<String> = OnceLock::new();
    (
        [(header::CONTENT_TYPE, "application/json")],
        TEXT.get_or_init(|| json_text(super::document())).as_str(),
    )
}

/// The base every route's operations are merged into.
pub(super) fn base() -> OpenApi {
    <Base as utoipa::OpenApi>::openapi()
}

/// The document as `docs/openapi.json` holds it, with its links: pretty, with a final newline.
pub(crate) fn json_text(document: OpenApi) -> String {
    let mut value = serde_json::to_value(document).expect("the document always serializes");
    add_links(&mut value);
    describe_stream(&mut value);
    let mut text = serde_json::to_string_pretty(&value).expect("a value always serializes");
    text.push('\n');
    text
}

/// Adds what every operation shares: the security schemes and the error answers each can give.
pub(super) fn finish(mut document: OpenApi) -> OpenApi {
    let components = document.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "person",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .description(Some(
                    "The person's token: an HS256 JWT the account's backend signs with the account's \
                     secret, with `acc`, `sub` and `exp`. A token past its `exp` gets `token_expired`.",
                ))
                .build(),
        ),
    );
    components.add_security_scheme(
        "admin",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "The server's admin token (`--admin-token`); without one the admin endpoints \
                     answer 401.",
                ))
                .build(),
        ),
    );
    for item in document.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            add_errors(operation);
        }
    }
    document
}

/// The errors an operation can answer besides its own: from its token, its body, its query, and
/// the server itself.
fn add_errors(operation: &mut Operation) {
    let scheme = operation.security.iter().flatten().find_map(|requirement| {
        let value = serde_json::to_value(requirement).ok()?;
        value.as_object()?.keys().next().cloned()
    });
    let has_query = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p.parameter_in, ParameterIn::Query | ParameterIn::Header));
    let has_body = operation.request_body.is_some();
    let mut add = |status: &str, response: Response| {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert(RefOr::T(response));
    };
    match scheme.as_deref() {
        Some("person") => {
            add(
                "401",
                error(
                    "No valid token (`unauthorized`), or one past its `exp` (`token_expired`: renew it \
                     and send the request again).",
                )
                .header(
                    "WWW-Authenticate",
                    HeaderBuilder::new()
                        .schema(string())
                        .description(Some(
                            "`Bearer`, with `error=\"invalid_token\"` for an expired token.",
                        ))
                        .build(),
                )
                .build(),
            );
            add(
                "429",
                error(
                    "Over the person's rate (`rate_limited`), or, for the stream, too many open \
                     streams.",
                )
                .header(
                    "Retry-After",
                    HeaderBuilder::new()
                        .schema(RefOr::T(
                            ObjectBuilder::new()
                                .schema_type(Type::Integer)
                                .minimum(Some(1))
                                .build()
                                .into(),
                        ))
                        .description(Some("Seconds to wait before trying again."))
                        .build(),
                )
                .build(),
            );
        }
        Some(_) => add(
            "401",
            error("No admin token, or not the server's (`unauthorized`).").build(),
        ),
        None => {}
    }
    if has_body {
        add(
            "408",
            error("The body did not arrive whole within the read timeout (`timeout`).").build(),
        );
        add(
            "413",
            error("The body is over the limit (`too_large`).").build(),
        );
        add(
            "415",
            error("The body is not `application/json` (`unsupported_media_type`).").build(),
        );
    }
    if has_body || has_query {
        add(
            "422",
            error("The body, query or header is not what the endpoint takes (`invalid`); `field` names where.")
                .build(),
        );
    }
    add(
        "500",
        error("An internal error (`internal`), logged; the message says no more.").build(),
    );
}

/// The links a client (or a test tool) follows from an operation's answer to the next, by
/// operation id and status. Written as JSON: utoipa 5.5's `Link` serializes its fields in
/// snake_case (`operation_id`), which OpenAPI does not read.
fn links() -> Value {
    json!({
        "post_notification": { "201": {
            "remove": {
                "operationId": "remove_notification",
                "parameters": { "id": "$response.body#/id" },
                "description": "Remove the notification just stored.",
            },
            "mark_read": {
                "operationId": "mark_read",
                "requestBody": { "ids": ["$response.body#/id"], "read": true },
                "description": "Mark it read.",
            },
            "mark_unread": {
                "operationId": "mark_read",
                "requestBody": { "ids": ["$response.body#/id"], "read": false },
                "description": "Mark it unread.",
            },
            "history": {
                "operationId": "list_notifications",
                "description": "Read the history that now holds it.",
            },
        }},
        "list_notifications": { "200": {
            "next_page": {
                "operationId": "list_notifications",
                "parameters": { "before": "$response.body#/next" },
                "description": "The next page, when `next` is there.",
            },
        }},
        "get_preferences": { "200": {
            "replace": {
                "operationId": "put_preferences",
                "requestBody": "$response.body",
                "description": "Write the preferences back as they were read.",
            },
        }},
        "put_preferences": { "200": {
            "read_back": {
                "operationId": "get_preferences",
                "description": "Read them back: the same preferences.",
            },
        }},
    })
}

/// Describes each message of the stream as OpenAPI 3.2 reads an event stream (and schemathesis
/// checks it): an object of the SSE fields, whose `data` is the JSON of the `Event` of the `type`
/// that the `event` field names, one branch per name, the names read from `Event` itself.
fn describe_stream(document: &mut Value) {
    let names: Vec<Value> = document
        .pointer("/components/schemas/Event/oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|branch| branch.pointer("/properties/type/enum/0").cloned())
        .collect();
    let branches: Vec<Value> = names
        .iter()
        .map(|name| {
            json!({
                "properties": {
                    "event": { "const": name },
                    "data": { "contentSchema": { "allOf": [
                        { "$ref": "#/components/schemas/Event" },
                        { "properties": { "type": { "const": name } } },
                    ]}},
                },
            })
        })
        .collect();
    let message = json!({
        "title": "StreamMessage",
        "description": "One message of the stream: its SSE fields. `data` is one `Event` as JSON, whose \
            `type` is the message's `event`. Comments (`: open`, and the heartbeats) carry no message.",
        "type": "object",
        "required": ["id", "event", "data"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": "^[0-9]+$",
                "description": "The event's number, which only grows for the person: send it back as `Last-Event-ID`.",
            },
            "event": { "type": "string", "enum": names },
            "data": {
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": { "$ref": "#/components/schemas/Event" },
            },
        },
        "oneOf": branches,
    });
    if let Some(content) =
        document.pointer_mut("/paths/~1v1~1stream/get/responses/200/content/text~1event-stream")
    {
        content["schema"] = message;
    }
}

/// Puts [`links`] into the document's operations.
fn add_links(document: &mut Value) {
    let links = links();
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for operation in paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
    {
        let Some(by_status) = operation
            .get("operationId")
            .and_then(Value::as_str)
            .and_then(|id| links.get(id))
            .and_then(Value::as_object)
        else {
            continue;
        };
        for (status, named) in by_status {
            if let Some(response) = operation.pointer_mut(&format!("/responses/{status}")) {
                response["links"] = named.clone();
            }
        }
    }
}

fn error(description: &str) -> ResponseBuilder {
    ResponseBuilder::new().description(description).content(
        "application/json",
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("ErrorBody")))
            .build(),
    )
}

fn string() -> RefOr<utoipa::openapi::schema::Schema> {
    RefOr::T(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .build()
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::json_text;

    /// `docs/openapi.json` is what the code generates: a backend that generates its client from the
    /// committed file gets the API the server really has.
    #[test]
    fn the_committed_document_is_the_generated_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        let generated = json_text(crate::http::document());
        if committed != generated {
            let line = committed
                .lines()
                .zip(generated.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
            panic!(
                "docs/openapi.json differs from the document the code generates, first at line {}:\n  \
                 committed: {}\n  generated: {}\nRun scripts/openapi to write it anew.",
                line + 1,
                committed.lines().nth(line).unwrap_or("(the end)"),
                generated.lines().nth(line).unwrap_or("(the end)"),
            );
        }
    }

    /// `docs/api.html`, the page people read, renders this same document.
    #[test]
    fn the_page_renders_the_committed_document() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/");
        let page = std::fs::read_to_string(format!("{dir}api.html")).unwrap_or_default();
        let embedded = page
            .split_once(r#"<script id="openapi" type="application/json">"#)
            .and_then(|(_, rest)| rest.split_once("</script>"))
            .map(|(json, _)| json)
            .expect(
                "docs/api.html embeds the document in <script id=\"openapi\">; run scripts/openapi",
            );
        let embedded: serde_json::Value =
            serde_json::from_str(embedded).expect("the embedded document is JSON");
        let committed: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{dir}openapi.json")).unwrap_or_default(),
        )
        .expect("docs/openapi.json is JSON");
        assert!(
            embedded == committed,
            "docs/api.html renders another document than docs/openapi.json; run scripts/openapi"
        );
    }
}
