//! `/dev/mail` (with `--dev-mail` and no SMTP server): every email the server kept, newest first,
//! with its headers and its HTML part as the person's mail reader would show it. For development:
//! it lists everyone's mail.

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::error::HttpError;
use super::ApiContext;
use amocrm_notify_protocol::entities::escape_html as escape;
use amocrm_notify_protocol::http_api::ErrorBody;

pub(super) fn router() -> OpenApiRouter<ApiContext> {
    OpenApiRouter::new().routes(routes!(page))
}

/// For development: every email the server kept (with `--dev-mail` and no SMTP server), newest
/// first. Everyone's mail: never on a server people use.
#[utoipa::path(get, path = "/dev/mail", operation_id = "dev_mail",
    summary = "Kept mail (development)", tag = "operators",
    responses(
        (status = 200, description = "The page.", content_type = "text/html", body = String),
        (status = 404, description = "The server was not started with `--dev-mail` (`not_found`).", body = ErrorBody),
    ))]
async fn page(State(ctx): State<ApiContext>) -> Result<Response, HttpError> {
    if !ctx.features.dev_mail {
        return Err(HttpError::NotFound("this endpoint".into()));
    }
    let mail = ctx.db.kept_mail(200).await?;
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kept mail · amocrm-notify</title>\
         <style>body{margin:0;padding:24px;font:14px/1.5 system-ui,sans-serif;background:#eef1f5;color:#1c2434}\
         h1{font-size:22px;margin:0 0 4px}p.lead{margin:0 0 20px;color:#4a5363}\
         article{background:#fff;border:1px solid #d5dbe4;border-radius:10px;margin:0 0 20px;overflow:hidden}\
         dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;padding:12px 16px;border-bottom:1px solid #e3e7ee}\
         dt{color:#4a5363}dd{margin:0;overflow-wrap:anywhere}iframe{display:block;width:100%;height:420px;border:0}\
         details{padding:8px 16px;border-top:1px solid #e3e7ee}pre{white-space:pre-wrap;font-size:12px}</style></head><body>\
         <h1>Kept mail</h1><p class=\"lead\">No SMTP server is configured, so the server keeps each email here, newest first, \
         rendered as its person would see it.</p>",
    );
    if mail.is_empty() {
        html.push_str("<p>No mail yet.</p>");
    }
    for m in mail {
        html.push_str(&format!(
            "<article data-message-id=\"{id}\"><dl><dt>To</dt><dd>{to}</dd><dt>Subject</dt><dd class=\"subject\">{subject}</dd>\
             <dt>Message-ID</dt><dd>{id}</dd></dl>\
             <iframe sandbox title=\"{subject}\" srcdoc=\"{body}\"></iframe>\
             <details><summary>The whole message</summary><pre>{raw}</pre></details></article>",
            id = escape(&m.message_id),
            to = escape(&m.recipient),
            subject = escape(&m.subject),
            body = escape(&m.html),
            raw = escape(&m.raw),
        ));
    }
    html.push_str("</body></html>");
    // The emails' HTML is rendered in sandboxed frames: no script runs, whatever they hold.
    Ok((
        [(
            axum::http::header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; frame-src 'self'",
        )],
        Html(html),
    )
        .into_response())
}
