//! (demo) The Account server card: the endpoint and the stream, where the center is kept, the
//! connection in the bell's words, and what waits for the server.

use yew::prelude::*;

use super::connection_state;
use crate::hooks::{use_connection, use_lang};
use crate::i18n::{ru_plural, Lang};
use crate::notification::Link;
use crate::store::{use_notifications, Status};

#[component]
pub(super) fn ServerCard() -> Html {
    let lang = use_lang();
    let t = |en, ru| lang.pick(en, ru);
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
            <h2 id="st-server">{ t("Account server", "Сервер аккаунта") }</h2>
            <dl>
                <dt>{ t("Endpoint", "Адрес") }</dt>
                <dd data-field="endpoint">{ url_or(&server.endpoint, t("Not configured: notifications stay in this browser.",
                                                                      "Не настроен: уведомления остаются в этом браузере.")) }</dd>
                <dt>{ t("Live feed", "Поток") }</dt>
                <dd data-field="stream">{ url_or(&stream, t("Not configured.", "Не настроен.")) }</dd>
                <dt>{ t("Your center", "Ваш центр") }</dt>
                <dd data-field="sync">{ if synced {
                    t("Kept on the server: the same history, read state and choices on every device you sign in on.",
                      "Хранится на сервере: одна история, прочитанное и настройки на всех ваших устройствах.")
                } else {
                    t("Kept in this browser (the page gives no token for the server).",
                      "Хранится в этом браузере (страница не передала токен для сервера).")
                } }</dd>
                if server.delivers() {
                    <dt>{ t("Connection", "Соединение") }</dt>
                    <dd data-field="connection" data-state={connection_state(connection)}>{ match connection {
                        Status::Clear => t("Connected.", "Подключено.").to_owned(),
                        status => lang.connection(status, crate::notification::time::local_clock),
                    } }</dd>
                }
                <dt>{ t("Outbox", "Исходящие") }</dt>
                <dd data-field="outbox">{ match (lang, waiting) {
                    (_, 0) => t("Nothing waiting.", "Ничего не ждёт отправки.").to_owned(),
                    (Lang::En, 1) => "1 change waiting for the server.".to_owned(),
                    (Lang::En, n) => format!("{n} changes waiting for the server."),
                    (Lang::Ru, n) => format!("{n} {} отправки на сервер.", ru_plural(n, "изменение ждёт", "изменения ждут", "изменений ждут")),
                } }</dd>
            </dl>
        </section>
    }
}
