//! (demo) The Account server card: the endpoint and the stream, where the center is kept, the
//! connection in the bell's words, and what waits for the server.

use yew::prelude::*;

use super::connection_state;
use crate::hooks::{use_connection, use_lang};
use crate::i18n::{ServerWord, Words};
use crate::notification::Link;
use crate::store::{use_notifications, Status};

#[component]
pub(super) fn ServerCard() -> Html {
    let lang = use_lang();
    let store = use_notifications();
    let connection = use_connection();
    // What waits for the server: the notifications and the changes, the count the bell gives.
    let (server, waiting) = {
        let model = store.model();
        (model.settings.server.clone(), model.waiting())
    };
    let synced = server.syncs();
    // With a token, the stream is the one beside the endpoint unless the page names another.
    let stream = server.stream.clone().or_else(|| {
        synced
            .then(|| server.sibling("stream"))
            .flatten()
            .and_then(|url| Link::parse(&url).ok())
    });
    let url_or = |link: &Option<Link>, none: &str| match link {
        Some(link) => html! { <code>{ link.as_str().to_owned() }</code> },
        None => html! { { none.to_owned() } },
    };
    html! {
        <section class="st-card" aria-labelledby="st-server">
            <h2 id="st-server">{ lang.server_card(ServerWord::AccountServer) }</h2>
            <dl>
                <dt>{ lang.server_card(ServerWord::Endpoint) }</dt>
                <dd data-field="endpoint">{ url_or(&server.endpoint, lang.server_card(ServerWord::EndpointNone)) }</dd>
                <dt>{ lang.server_card(ServerWord::LiveFeed) }</dt>
                <dd data-field="stream">{ url_or(&stream, lang.server_card(ServerWord::StreamNone)) }</dd>
                <dt>{ lang.server_card(ServerWord::YourCenter) }</dt>
                <dd data-field="sync">{ if synced {
                    lang.server_card(ServerWord::CenterOnServer)
                } else {
                    lang.server_card(ServerWord::CenterInBrowser)
                } }</dd>
                if server.delivers() {
                    <dt>{ lang.server_card(ServerWord::Connection) }</dt>
                    <dd data-field="connection" data-state={connection_state(connection)}>{ match connection {
                        Status::Clear => lang.server_card(ServerWord::Connected).to_owned(),
                        status => lang.connection(status, crate::notification::time::local_clock),
                    } }</dd>
                }
                <dt>{ lang.server_card(ServerWord::Outbox) }</dt>
                <dd data-field="outbox">{ lang.changes_waiting(waiting) }</dd>
            </dl>
        </section>
    }
}
