//! The interface's languages: English and Russian (the vendor's two main ones), chosen from the
//! page's `lang`, else the browser's languages. Pure Rust: every string the notification UI shows
//! and the plural rules for counts and relative times.

use crate::notification::time::{self, Span, Unit};
use crate::notification::{EntityKind, Kind};
use crate::store::{DeliveryChannel, Filter, PushRefusal, Status};
use amocrm_notify_protocol::channel::{self, ChannelStatus, DeliveryState};
use amocrm_notify_protocol::words::{self, Word};

pub use amocrm_notify_protocol::http_api::Language;

/// The language of the page's `lang` when it is English or Russian, else of the first of the
/// browser's languages that is, else English.
pub fn detect(page_lang: Option<&str>, browser_langs: &[String]) -> Language {
    page_lang
        .into_iter()
        .chain(browser_langs.iter().map(String::as_str))
        .find_map(Language::from_tag)
        .unwrap_or_default()
}

/// The language from the document and `navigator.languages`.
pub fn from_browser() -> Language {
    let (page, person) = crate::browser::languages();
    detect(page.as_deref(), &person)
}

/// Every string the notification UI shows, in a [`Language`]: `lang.label(Label::MarkAllRead)`.
pub trait Words: Copy {
    /// A fixed word or phrase of the center, the pop-ups or the call cards.
    fn label(self, label: Label) -> &'static str;

    // ----- the center -----

    /// The bell's accessible name.
    fn bell_label(self, unread: usize) -> String;

    /// "12 unread" beside the title (`count` already formatted).
    fn unread_count(self, unread: usize, count: &str) -> String;

    /// The word after the unread count: "unread"; short in Russian, to fit beside the title ("3 новых").
    /// `shown` is the count as shown: after "99+" the word agrees with many ("99+ новых"), not
    /// with the exact number ("241 новое").
    fn unread_word(self, shown: usize) -> &'static str;

    fn filter(self, filter: Filter) -> &'static str;

    fn empty(self, filter: Filter, center_empty: bool) -> &'static str;

    /// A word of the API inspector.
    fn inspector(self, word: InspectorWord) -> &'static str;

    /// (demo) The CRM frame's own words: its navigation, menu and search.
    fn shell(self, word: ShellWord) -> &'static str;

    /// The inspector's count: "1 call", "5 calls"; "1 вызов", "3 вызова", "5 вызовов".
    fn calls(self, n: usize) -> String;

    /// "15 of 200" under the list.
    fn shown_of(self, shown: usize, total: usize) -> String;

    /// Where this browser stands with the account's server, for the center's status line and the
    /// bell: "Offline: 3 changes will sync", "Reconnecting…", "Signed out: sign in again",
    /// "Showing history saved at 10:42". `clock` is the local time of day of a time (ms).
    fn connection(self, status: Status, clock: impl Fn(f64) -> String) -> String;

    /// Where the server sent an entry: "emailed 10:42 · sent to 2 devices", or a failure with
    /// its reason; `clock` is the local time of day of each status.
    fn sent_summary(self, sent: &[ChannelStatus], clock: impl Fn(f64) -> String) -> Option<String>;

    /// The header of a notification that has none.
    fn untitled(self, kind: Kind) -> &'static str;

    // ----- pop-ups and calls -----

    fn repeated(self, count: u32) -> String;

    /// "+N more": a button that shows the pop-ups waiting for room.
    fn more_waiting(self, n: usize) -> String;

    fn entity(self, kind: EntityKind) -> &'static str;

    // ----- times -----

    /// "just now", "5 min ago", "in 3 h", "yesterday", "4 days ago" ([`crate::notification::time`]
    /// shows the date beyond a week).
    fn relative(self, span: Span) -> String;

    // ----- dates and times, told -----

    /// "just now", "5 min ago", "3 h ago" (the same calendar day), "yesterday", "4 days ago"
    /// (calendar days, as the center's day headings count them), then the date; the same forwards
    /// ("in 5 min") for dates still to come; in the time zone `offset_min` minutes west of UTC.
    fn relative_time(self, date_ms: f64, now_ms: f64, offset_min: f64) -> String;

    /// A center entry's time under its day heading: relative today ("5 min ago"), else the time
    /// of day ("10:42"), since the heading already names the day.
    fn entry_time(self, date_ms: f64, now_ms: f64, offset_min: f64) -> String;

    /// The center's day headings: "Today", "Yesterday", else "12 Aug 2018" (all in local time).
    fn day_label(self, date_ms: f64, now_ms: f64, offset_min: f64) -> String;

    /// "12 Aug 2018" for the day `date_ms` falls on in UTC.
    fn calendar_date_of(self, date_ms: f64) -> String;

    /// "12 Aug 2018", "12 авг. 2018".
    fn calendar_date(self, year: i64, month: u32, day: u32) -> String;

    // ----- settings -----

    /// A delivery channel's name.
    fn channel(self, channel: DeliveryChannel) -> &'static str;

    /// The appearance card's words.
    fn appearance(self, word: AppearanceWord) -> &'static str;

    /// The delivery channels' card: its head and the switches kept in this browser.
    fn channels(self, word: ChannelWord) -> &'static str;

    /// The account server's card.
    fn server_card(self, word: ServerWord) -> &'static str;

    /// The choices kept on the server: email and mobile push.
    fn preferences(self, word: PreferenceWord) -> &'static str;

    /// The changes waiting for the server ("3 changes waiting for the server.").
    fn changes_waiting(self, n: usize) -> String;

    /// A digest's period: "per 15 minutes".
    fn digest_every(self, minutes: u32) -> String;

    /// How long an entry may stay unread before it is emailed: "15 minutes".
    fn unread_within(self, minutes: u32) -> String;

    /// The button that takes this device's time zone for the emails.
    fn device_zone(self, zone: &str) -> String;

    /// Why this device could not subscribe to push, and what to do.
    fn push_refusal(self, refusal: &PushRefusal) -> String;
}

impl Words for Language {
    fn label(self, label: Label) -> &'static str {
        use Label::*;
        match label {
            Notifications => self.pick("Notifications", "Уведомления"),
            NotificationCenter => self.pick("Notification center", "Центр уведомлений"),
            MarkAllRead => self.pick("Mark all as read", "Прочитать все"),
            ClearRead => self.pick("Clear read", "Удалить прочитанные"),
            NotificationSettings => Word::NotificationSettings.in_language(self),
            Show => self.pick("Show", "Показать"),
            NewestFirst => self.pick("Notifications, newest first", "Уведомления, сначала новые"),
            ReadInFull => self.pick("Read in full", "Читать полностью"),
            BackToList => self.pick("All notifications", "Все уведомления"),
            Open => Word::Open.in_language(self),
            Remove => self.pick("Remove", "Удалить"),
            UnreadMarker => self.pick(", unread", ", не прочитано"),
            SignIn => self.pick("Sign in", "Войти"),
            NotDelivered => self.pick("not delivered yet", "ещё не доставлено"),
            Dismiss => self.pick("Dismiss notification", "Закрыть уведомление"),
            RecordingFailed => self.pick(
                "The recording could not be played.",
                "Запись не удалось воспроизвести.",
            ),
            OpenRecording => self.pick("Open it", "Открыть"),
            DismissAll => self.pick("Dismiss all", "Закрыть все"),
            ShowFewer => self.pick("Show fewer", "Свернуть"),
            From => Word::From.in_language(self),
            To => Word::To.in_language(self),
            Duration => Word::Duration.in_language(self),
            PlayRecording => self.pick("Play recording", "Прослушать запись"),
            CallRecording => self.pick("Call recording", "Запись звонка"),
            Today => self.pick("Today", "Сегодня"),
            Yesterday => self.pick("Yesterday", "Вчера"),
            MarkUnread => self.pick("Mark as unread", "Отметить непрочитанным"),
            MarkRead => self.pick("Mark as read", "Отметить прочитанным"),
            ShowLess => self.pick("Show less", "Свернуть"),
            ShowAll => self.pick("Show all", "Показать всё"),
        }
    }

    fn bell_label(self, unread: usize) -> String {
        match (self, unread) {
            (_, 0) => self.label(Label::Notifications).to_owned(),
            (Language::En, n) => format!("Notifications, {n} unread"),
            (Language::Ru, n) => format!(
                "Уведомления, {n} {}",
                ru_plural(n, "непрочитанное", "непрочитанных", "непрочитанных")
            ),
        }
    }

    fn unread_count(self, unread: usize, count: &str) -> String {
        format!("{count} {}", self.unread_word(unread))
    }

    fn unread_word(self, shown: usize) -> &'static str {
        match self {
            Language::En => "unread",
            Language::Ru => ru_plural(shown, "новое", "новых", "новых"),
        }
    }

    fn filter(self, filter: Filter) -> &'static str {
        match filter {
            Filter::All => self.pick("All", "Все"),
            Filter::Unread => self.pick("Unread", "Новые"),
            Filter::Errors => self.pick("Errors", "Ошибки"),
            Filter::Calls => self.pick("Calls", "Звонки"),
        }
    }

    fn empty(self, filter: Filter, center_empty: bool) -> &'static str {
        if center_empty {
            return self.pick(
                "No notifications yet. Errors and calls from widgets appear here.",
                "Уведомлений пока нет. Здесь появятся ошибки и звонки от виджетов.",
            );
        }
        match filter {
            Filter::Unread => self.pick("Nothing unread.", "Непрочитанных нет."),
            Filter::Errors => self.pick("No errors.", "Ошибок нет."),
            Filter::Calls => self.pick("No calls.", "Звонков нет."),
            Filter::All => self.pick("No notifications.", "Уведомлений нет."),
        }
    }

    fn inspector(self, word: InspectorWord) -> &'static str {
        use InspectorWord::*;
        match word {
            Title => self.pick("API inspector", "Инспектор API"),
            Show => self.pick("Show the API inspector", "Показать инспектор API"),
            Collapse => self.pick("Collapse the API inspector", "Свернуть инспектор API"),
            CollapseShort => self.pick("Collapse", "Свернуть"),
            CopyAll => self.pick("Copy all as JSON", "Копировать всё в JSON"),
            CopyOne => self.pick("Copy JSON", "Копировать JSON"),
            Copied => self.pick("Copied", "Скопировано"),
            Clear => self.pick("Clear", "Очистить"),
            Empty => self.pick(
                "No calls yet. Calls to AMOCRM.notifications and APP.notifications appear here, newest first.",
                "Вызовов пока нет. Вызовы AMOCRM.notifications и APP.notifications появятся здесь, новые сверху.",
            ),
            Callbacks => self.pick("callbacks", "колбэки"),
            NoCallbacks => self.pick("none", "нет"),
            Payload => self.pick("payload", "параметры"),
        }
    }

    fn shell(self, word: ShellWord) -> &'static str {
        use ShellWord::*;
        match word {
            Main => self.pick("Main", "Главное"),
            Dashboard => self.pick("Dashboard", "Рабочий стол"),
            Leads => self.pick("Leads", "Сделки"),
            Contacts => self.pick("Contacts", "Контакты"),
            Companies => self.pick("Companies", "Компании"),
            Settings => self.pick("Settings", "Настройки"),
            Menu => self.pick("Menu", "Меню"),
            Search => self.pick("Search", "Поиск"),
            SearchHint => self.pick(
                "Search leads, contacts, companies",
                "Поиск сделок, контактов, компаний",
            ),
        }
    }

    fn calls(self, n: usize) -> String {
        match self {
            Language::En if n == 1 => "1 call".to_owned(),
            Language::En => format!("{n} calls"),
            Language::Ru => ru_counted(n, "вызов", "вызова", "вызовов"),
        }
    }

    fn shown_of(self, shown: usize, total: usize) -> String {
        match self {
            Language::En => format!("{shown} of {total}"),
            Language::Ru => format!("{shown} из {total}"),
        }
    }

    fn connection(self, status: Status, clock: impl Fn(f64) -> String) -> String {
        let will_sync = |waiting: usize| match (self, waiting) {
            (_, 0) => String::new(),
            (Language::En, 1) => "1 change will sync".into(),
            (Language::En, n) => format!("{n} changes will sync"),
            (Language::Ru, n) => format!(
                "{n} {} после подключения",
                ru_plural(
                    n,
                    "изменение сохранится",
                    "изменения сохранятся",
                    "изменений сохранятся"
                )
            ),
        };
        let with = |head: &str, waiting: usize, sep: &str| match will_sync(waiting) {
            tail if tail.is_empty() => head.to_owned(),
            tail => format!("{head}{sep}{tail}"),
        };
        match status {
            Status::Clear => String::new(),
            Status::Offline { waiting } => with(self.pick("Offline", "Нет сети"), waiting, ": "),
            Status::Reconnecting { waiting } => {
                with(self.pick("Reconnecting…", "Переподключение…"), waiting, " ")
            }
            Status::Saved { at_ms, waiting } => with(
                &format!(
                    "{} {}",
                    self.pick(
                        "Showing history saved at",
                        "Показана история, сохранённая в"
                    ),
                    clock(at_ms)
                ),
                waiting,
                "; ",
            ),
            Status::SignedOut { .. } => self
                .pick(
                    "Signed out: sign in again",
                    "Вы не вошли в систему: войдите снова",
                )
                .to_owned(),
        }
    }

    fn sent_summary(self, sent: &[ChannelStatus], clock: impl Fn(f64) -> String) -> Option<String> {
        let parts: Vec<String> = sent
            .iter()
            .map(|status| match (status.channel, status.state, self) {
                (channel::Channel::Email, DeliveryState::Sent, Language::En) => {
                    format!("emailed {}", clock(status.at))
                }
                (channel::Channel::Email, DeliveryState::Sent, Language::Ru) => {
                    format!("отправлено письмом {}", clock(status.at))
                }
                (channel::Channel::Push, DeliveryState::Sent, Language::En) => match status.devices
                {
                    1 => "sent to 1 device".to_owned(),
                    n => format!("sent to {n} devices"),
                },
                (channel::Channel::Push, DeliveryState::Sent, Language::Ru) => format!(
                    "отправлено на {} {}",
                    status.devices,
                    ru_plural(
                        status.devices as usize,
                        "устройство",
                        "устройства",
                        "устройств"
                    )
                ),
                (_, DeliveryState::Skipped, Language::En) => {
                    "read in the app, not emailed".to_owned()
                }
                (_, DeliveryState::Skipped, Language::Ru) => {
                    "прочитано, письмо не отправлено".to_owned()
                }
                (channel, DeliveryState::Failed, lang) => {
                    let what = match (channel, lang) {
                        (channel::Channel::Email, Language::En) => "email failed",
                        (channel::Channel::Email, Language::Ru) => "письмо не доставлено",
                        (channel::Channel::Push, Language::En) => "push failed",
                        (channel::Channel::Push, Language::Ru) => "push не доставлен",
                    };
                    match &status.error {
                        Some(error) => format!("{what}: {error}"),
                        None => what.to_owned(),
                    }
                }
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    fn untitled(self, kind: Kind) -> &'static str {
        match kind {
            Kind::Call => self.pick("Incoming call", "Входящий звонок"),
            _ => Word::Error.in_language(self),
        }
    }

    fn repeated(self, count: u32) -> String {
        match self {
            Language::En => format!("repeated {count} times"),
            Language::Ru => format!(
                "повторено {}",
                ru_counted(count as usize, "раз", "раза", "раз")
            ),
        }
    }

    fn more_waiting(self, n: usize) -> String {
        match self {
            Language::En => format!("+{n} more"),
            Language::Ru => format!("ещё {n}"),
        }
    }

    fn entity(self, kind: EntityKind) -> &'static str {
        words::entity_label(kind, self)
    }

    fn relative(self, span: Span) -> String {
        let Span {
            unit,
            amount,
            ahead,
        } = span;
        match (self, unit) {
            (Language::En, Unit::Now) => "just now".into(),
            (Language::Ru, Unit::Now) => "только что".into(),
            (Language::En, Unit::Day) if amount == 1 => {
                (if ahead { "tomorrow" } else { "yesterday" }).into()
            }
            (Language::Ru, Unit::Day) if amount == 1 => {
                (if ahead { "завтра" } else { "вчера" }).into()
            }
            (Language::En, unit) => {
                let words = match unit {
                    Unit::Minute => format!("{amount} min"),
                    Unit::Hour => format!("{amount} h"),
                    _ => format!("{amount} days"),
                };
                if ahead {
                    format!("in {words}")
                } else {
                    format!("{words} ago")
                }
            }
            (Language::Ru, unit) => {
                let words = match unit {
                    Unit::Minute => format!("{amount} мин"),
                    Unit::Hour => format!("{amount} ч"),
                    _ => ru_counted(amount as usize, "день", "дня", "дней"),
                };
                if ahead {
                    format!("через {words}")
                } else {
                    format!("{words} назад")
                }
            }
        }
    }

    fn relative_time(self, date_ms: f64, now_ms: f64, offset_min: f64) -> String {
        match time::span(date_ms, now_ms, offset_min) {
            Some(span) => self.relative(span),
            None => self.calendar_date_of(date_ms - offset_min * time::MINUTE),
        }
    }

    fn entry_time(self, date_ms: f64, now_ms: f64, offset_min: f64) -> String {
        if time::local_day(date_ms, offset_min) == time::local_day(now_ms, offset_min) {
            self.relative_time(date_ms, now_ms, offset_min)
        } else {
            time::clock(date_ms, offset_min)
        }
    }

    fn day_label(self, date_ms: f64, now_ms: f64, offset_min: f64) -> String {
        let day = time::local_day(date_ms, offset_min);
        match time::local_day(now_ms, offset_min) - day {
            0 => self.label(Label::Today).into(),
            1 => self.label(Label::Yesterday).into(),
            _ => self.calendar_date_of(date_ms - offset_min * time::MINUTE),
        }
    }

    fn calendar_date_of(self, date_ms: f64) -> String {
        let (year, month, day) = time::civil_from_days((date_ms / time::DAY).floor() as i64);
        self.calendar_date(year, month, day)
    }

    fn calendar_date(self, year: i64, month: u32, day: u32) -> String {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const RU: [&str; 12] = [
            "янв.",
            "февр.",
            "марта",
            "апр.",
            "мая",
            "июня",
            "июля",
            "авг.",
            "сент.",
            "окт.",
            "нояб.",
            "дек.",
        ];
        let months = match self {
            Language::En => EN,
            Language::Ru => RU,
        };
        format!("{day} {} {year}", months[(month - 1) as usize])
    }

    fn channel(self, channel: DeliveryChannel) -> &'static str {
        match channel {
            DeliveryChannel::Interface => self.pick("Interface", "Интерфейс"),
            DeliveryChannel::Browser => self.pick("Browser notifications", "Уведомления браузера"),
            DeliveryChannel::Email => self.pick("Email", "Эл. почта"),
            DeliveryChannel::Push => self.pick("Mobile push", "Мобильные push"),
        }
    }

    fn appearance(self, word: AppearanceWord) -> &'static str {
        use AppearanceWord::*;
        match word {
            Appearance => self.pick("Appearance", "Оформление"),
            EmailsInRussianElsewhere => self.pick(
                "Your emails are in Russian, as chosen on another device.",
                "Ваши письма приходят на английском: так выбрано на другом устройстве.",
            ),
            Language => self.pick("Language", "Язык"),
            LanguageDesc => self.pick(
                "Of the notification center, this site and, with the account's server, your emails.",
                "Центра уведомлений, этого сайта и, с сервером аккаунта, ваших писем.",
            ),
            SendInEnglish => self.pick("Send them in English", "Присылать на русском"),
            Theme => self.pick("Theme", "Тема"),
            ThemeDark => self.pick("Dark", "Тёмная"),
            ThemeDesc => self.pick(
                "Light or dark for the notification center and this site. As the system: follows the device's setting. Kept in this browser.",
                "Светлая или тёмная для центра уведомлений и этого сайта. Как в системе: следует настройке устройства. Хранится в этом браузере.",
            ),
            ThemeLight => self.pick("Light", "Светлая"),
            ThemeSystem => self.pick("As the system", "Как в системе"),
        }
    }

    fn channels(self, word: ChannelWord) -> &'static str {
        use ChannelWord::*;
        match word {
            AwaySignedOut => self.pick(
                "Your choices are kept in this browser until you sign in again.",
                "Ваш выбор сохранён в этом браузере до нового входа.",
            ),
            AwayUnreachable => self.pick(
                "The account's server is out of reach: your choices are kept in this browser and sync when it is back.",
                "Сервер аккаунта недоступен: ваш выбор сохранён в этом браузере и отправится, когда сервер вернётся.",
            ),
            Calls => self.pick("Calls", "Звонки"),
            ChannelsDescLocal => self.pick(
                "Where notifications from widgets reach you. The switches are kept in this browser.",
                "Куда приходят уведомления виджетов. Переключатели хранятся в этом браузере.",
            ),
            ChannelsDescSynced => self.pick(
                "Where notifications from widgets reach you. Email and mobile push are kept on the account's server; the rest in this browser.",
                "Куда приходят уведомления виджетов. Почта и мобильные уведомления хранятся на сервере аккаунта, остальное — в этом браузере.",
            ),
            DeliveryChannels => self.pick("Delivery channels", "Каналы доставки"),
            Errors => self.pick("Errors", "Ошибки"),
            BrowserBlocked => self.pick(
                "Blocked by the browser. Allow notifications for this site in the browser's site settings to switch this on.",
                "Заблокировано браузером. Разрешите уведомления для этого сайта в настройках браузера, чтобы включить.",
            ),
            BrowserDesc => self.pick(
                "A system notification for each error and call while this page is hidden; clicking it opens the entry.",
                "Системное уведомление о каждой ошибке и звонке, пока страница скрыта; щелчок открывает запись.",
            ),
            BrowserNotAllowed => self.pick(
                "The browser did not allow notifications; nothing was switched on.",
                "Браузер не разрешил уведомления; ничего не включено.",
            ),
            BrowserRefused => self.pick(
                "The browser refused. Allow notifications for this site in the browser's site settings, then switch this on again.",
                "Браузер отказал. Разрешите уведомления для этого сайта в настройках браузера и включите снова.",
            ),
            BrowserUnsupported => self.pick(
                "This browser has no system notifications.",
                "В этом браузере нет системных уведомлений.",
            ),
            EmailDesc => self.pick(
                "Errors and calls by email, sent by the account's server.",
                "Ошибки и звонки по электронной почте, через сервер аккаунта.",
            ),
            InterfaceDesc => self.pick(
                "Pop-ups and the notification center, on every page of the account. Always on.",
                "Всплывающие уведомления и центр уведомлений на всех страницах аккаунта. Всегда включено.",
            ),
            NeedsServer => self.pick("needs a server", "нужен сервер"),
            PushDesc => self.pick(
                "Errors and calls on the account's mobile app, sent by the account's server.",
                "Ошибки и звонки в мобильном приложении, через сервер аккаунта.",
            ),
        }
    }

    fn server_card(self, word: ServerWord) -> &'static str {
        use ServerWord::*;
        match word {
            AccountServer => self.pick("Account server", "Сервер аккаунта"),
            CenterInBrowser => self.pick(
                "Kept in this browser (the page gives no token for the server).",
                "Хранится в этом браузере (страница не передала токен для сервера).",
            ),
            CenterOnServer => self.pick(
                "Kept on the server: the same history, read state and choices on every device you sign in on.",
                "Хранится на сервере: одна история, прочитанное и настройки на всех ваших устройствах.",
            ),
            Connected => self.pick("Connected.", "Подключено."),
            Connection => self.pick("Connection", "Соединение"),
            Endpoint => self.pick("Endpoint", "Адрес"),
            EndpointNone => self.pick(
                "Not configured: notifications stay in this browser.",
                "Не настроен: уведомления остаются в этом браузере.",
            ),
            LiveFeed => self.pick("Live feed", "Поток"),
            Outbox => self.pick("Outbox", "Исходящие"),
            StreamNone => self.pick("Not configured.", "Не настроен."),
            YourCenter => self.pick("Your center", "Ваш центр"),
            NothingWaiting => self.pick("Nothing waiting.", "Ничего не ждёт отправки."),
        }
    }

    fn preferences(self, word: PreferenceWord) -> &'static str {
        use PreferenceWord::*;
        match word {
            AtMostOneEmail => self.pick("At most one email", "Не больше одного письма"),
            ChoicesAfterServer => self.pick(
                "Your choices show once the account's server is back: this browser has no copy yet.",
                "Ваш выбор появится, когда сервер аккаунта вернётся: в этом браузере его копии ещё нет.",
            ),
            EmailAtOnce => self.pick("off: email at once", "выкл.: письмо сразу"),
            EmailOnlyUnread => self.pick(
                "Email only what I haven't read within",
                "Письмом — только непрочитанное за",
            ),
            EmailSyncedDesc => self.pick(
                "Errors and calls by email, sent by the account's server. Kept on the server: the same on every device.",
                "Ошибки и звонки по электронной почте, через сервер аккаунта. Хранится на сервере: одинаково на всех устройствах.",
            ),
            ForEachNotification => self.pick("for each notification", "на каждое уведомление"),
            Loading => self.pick(
                "Loading from the account's server…",
                "Загрузка с сервера аккаунта…",
            ),
            PushBlocked => self.pick(
                "Notifications are blocked for this site: allow them in the browser's site settings, then tick the box again.",
                "Уведомления для этого сайта заблокированы: разрешите их в настройках сайта в браузере и отметьте снова.",
            ),
            PushElsewhere => self.pick(
                "Mobile push is on for your other devices, not this one: tick a box to receive it here too.",
                "Мобильные уведомления включены на других ваших устройствах, но не на этом: отметьте, чтобы получать их и здесь.",
            ),
            PushSyncedDesc => self.pick(
                "Errors and calls on the account's mobile app, sent by the account's server. Kept on the server.",
                "Ошибки и звонки в мобильном приложении, через сервер аккаунта. Хранится на сервере.",
            ),
            PushUnsupported => self.pick(
                "This browser cannot receive push notifications: use the account's mobile app, or another browser.",
                "Этот браузер не умеет получать push-уведомления: используйте мобильное приложение аккаунта или другой браузер.",
            ),
            TimesInEmails => self.pick("Times in emails:", "Время в письмах:"),
        }
    }

    fn changes_waiting(self, n: usize) -> String {
        match (self, n) {
            (_, 0) => self.server_card(ServerWord::NothingWaiting).to_owned(),
            (Language::En, 1) => "1 change waiting for the server.".to_owned(),
            (Language::En, n) => format!("{n} changes waiting for the server."),
            (Language::Ru, n) => format!(
                "{n} {} отправки на сервер.",
                ru_plural(n, "изменение ждёт", "изменения ждут", "изменений ждут")
            ),
        }
    }

    fn digest_every(self, minutes: u32) -> String {
        match self {
            Language::En => format!("per {minutes} minutes"),
            Language::Ru => format!("в {minutes} минут"),
        }
    }

    fn unread_within(self, minutes: u32) -> String {
        match self {
            Language::En => format!("{minutes} minutes"),
            Language::Ru => ru_counted(minutes as usize, "минуту", "минуты", "минут"),
        }
    }

    fn device_zone(self, zone: &str) -> String {
        match self {
            Language::En => format!("Use this device's: {zone}"),
            Language::Ru => format!("Как на этом устройстве: {zone}"),
        }
    }

    fn push_refusal(self, refusal: &PushRefusal) -> String {
        let (why, (en, ru)) = match refusal {
            PushRefusal::Blocked => return self.preferences(PreferenceWord::PushBlocked).into(),
            PushRefusal::Unsupported => {
                return self.preferences(PreferenceWord::PushUnsupported).into()
            }
            PushRefusal::Server(why) => (why, (
                "The account's server could not take this device's subscription (WHY): try again later.",
                "Сервер аккаунта не принял подписку этого устройства (WHY): попробуйте позже.",
            )),
            PushRefusal::Device(why) => (why, (
                "This device could not subscribe (WHY): try again, or allow notifications in the browser's site settings.",
                "Это устройство не удалось подписать (WHY): попробуйте снова или разрешите уведомления в настройках сайта.",
            )),
        };
        self.pick(en, ru).replace("WHY", why)
    }
}

pub use amocrm_notify_protocol::words::ru_plural;

/// "5 минут": a count and the Russian form of a noun that agrees with it.
fn ru_counted(n: usize, one: &'static str, few: &'static str, many: &'static str) -> String {
    format!("{n} {}", ru_plural(n, one, few, many))
}

/// The fixed words of the center, the pop-ups and the call cards ([`Words::label`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    // The center.
    Notifications,
    NotificationCenter,
    MarkAllRead,
    ClearRead,
    /// The link to the settings page.
    NotificationSettings,
    /// Before the filter tabs.
    Show,
    /// The list's accessible name.
    NewestFirst,
    /// An entry's button that opens it whole in the center.
    ReadInFull,
    /// The way back from an entry read in full.
    BackToList,
    /// An entry's link, followed from the entry read in full.
    Open,
    MarkRead,
    MarkUnread,
    Remove,
    /// Read out after an unread entry.
    UnreadMarker,
    /// Where the server has not sent an entry yet.
    NotDelivered,
    /// The signed-out banner's button, which asks the page to sign the person in again.
    SignIn,
    /// The center's day headings.
    Today,
    Yesterday,
    // Pop-ups and calls.
    Dismiss,
    DismissAll,
    /// The expanded stack's button that collapses it again.
    ShowFewer,
    /// A pop-up cut short: shown whole in place, and back.
    ShowAll,
    ShowLess,
    From,
    To,
    Duration,
    PlayRecording,
    CallRecording,
    RecordingFailed,
    /// Opens a recording the page could not play.
    OpenRecording,
}

/// The words of the API inspector ([`Language::inspector`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InspectorWord {
    Title,
    Show,
    Collapse,
    CollapseShort,
    CopyAll,
    CopyOne,
    Copied,
    Clear,
    Empty,
    Callbacks,
    NoCallbacks,
    Payload,
}

/// (demo) The words of the CRM frame around the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellWord {
    Main,
    Dashboard,
    Leads,
    Contacts,
    Companies,
    Settings,
    Menu,
    Search,
    SearchHint,
}

/// The appearance card's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppearanceWord {
    Appearance,
    EmailsInRussianElsewhere,
    Language,
    LanguageDesc,
    SendInEnglish,
    Theme,
    ThemeDark,
    ThemeDesc,
    ThemeLight,
    ThemeSystem,
}

/// The delivery channels' card: its head and the switches kept in this browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelWord {
    AwaySignedOut,
    AwayUnreachable,
    Calls,
    ChannelsDescLocal,
    ChannelsDescSynced,
    DeliveryChannels,
    Errors,
    BrowserBlocked,
    BrowserDesc,
    BrowserNotAllowed,
    BrowserRefused,
    BrowserUnsupported,
    EmailDesc,
    InterfaceDesc,
    NeedsServer,
    PushDesc,
}

/// The account server's card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerWord {
    AccountServer,
    CenterInBrowser,
    CenterOnServer,
    Connected,
    Connection,
    Endpoint,
    EndpointNone,
    LiveFeed,
    Outbox,
    StreamNone,
    YourCenter,
    NothingWaiting,
}

/// The choices kept on the server: email and mobile push.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreferenceWord {
    AtMostOneEmail,
    ChoicesAfterServer,
    EmailAtOnce,
    EmailOnlyUnread,
    EmailSyncedDesc,
    ForEachNotification,
    Loading,
    PushBlocked,
    PushElsewhere,
    PushSyncedDesc,
    PushUnsupported,
    TimesInEmails,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_states_read_as_the_issue_words_them() {
        let offline = |waiting| Status::Offline { waiting };
        let saved = Status::Saved {
            at_ms: 0.0,
            waiting: 0,
        };
        for (lang, status, text) in [
            (Language::En, offline(3), "Offline: 3 changes will sync"),
            (
                Language::En,
                Status::Reconnecting { waiting: 0 },
                "Reconnecting…",
            ),
            (
                Language::En,
                Status::SignedOut { waiting: 2 },
                "Signed out: sign in again",
            ),
            (Language::En, saved, "Showing history saved at 10:42"),
            (
                Language::Ru,
                offline(3),
                "Нет сети: 3 изменения сохранятся после подключения",
            ),
            (
                Language::Ru,
                offline(21),
                "Нет сети: 21 изменение сохранится после подключения",
            ),
        ] {
            assert_eq!(lang.connection(status, |_| "10:42".to_owned()), text);
        }
    }

    #[test]
    fn detection_prefers_the_page_then_the_browser() {
        let browser = vec!["de-DE".to_owned(), "ru-RU".to_owned(), "en".to_owned()];
        assert_eq!(crate::i18n::detect(Some("en"), &browser), Language::En);
        assert_eq!(crate::i18n::detect(Some("ru"), &[]), Language::Ru);
        assert_eq!(
            crate::i18n::detect(Some("fr"), &browser),
            Language::Ru,
            "French page: the browser's first known"
        );
        assert_eq!(crate::i18n::detect(None, &browser), Language::Ru);
        assert_eq!(crate::i18n::detect(None, &["de".to_owned()]), Language::En);
        assert_eq!(Language::from_tag("RU_ru"), Some(Language::Ru));
    }

    #[test]
    fn russian_plurals() {
        let forms = |n| ru_plural(n, "one", "few", "many");
        assert_eq!(
            [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 0].map(forms),
            [
                "one", "few", "few", "many", "many", "many", "many", "one", "few", "many", "one",
                "many", "many"
            ]
        );
        assert_eq!(Language::Ru.bell_label(1), "Уведомления, 1 непрочитанное");
        assert_eq!(Language::Ru.bell_label(3), "Уведомления, 3 непрочитанных");
    }

    #[test]
    fn relative_times_in_both_languages() {
        use Language::{En, Ru};
        for (lang, unit, amount, ahead, said) in [
            (Ru, Unit::Minute, 5, false, "5 мин назад"),
            (Ru, Unit::Hour, 2, true, "через 2 ч"),
            (Ru, Unit::Day, 3, false, "3 дня назад"),
            (Ru, Unit::Day, 5, false, "5 дней назад"),
            (Ru, Unit::Day, 1, false, "вчера"),
            (En, Unit::Minute, 5, false, "5 min ago"),
            (En, Unit::Now, 0, false, "just now"),
        ] {
            let span = Span {
                unit,
                amount,
                ahead,
            };
            assert_eq!(lang.relative(span), said, "{lang:?} {unit:?} {amount}");
        }
        assert_eq!(Ru.calendar_date(2018, 8, 12), "12 авг. 2018");
    }

    const NOW_MS: f64 = 1_700_000_000_000.0;

    #[test]
    fn relative_times() {
        // NOW_MS is 2023-11-14 22:13 UTC.
        let rel = |date| Language::En.relative_time(date, NOW_MS, 0.0);
        assert_eq!(rel(NOW_MS - 10_000.0), "just now");
        assert_eq!(rel(NOW_MS - 2.5 * time::MINUTE), "2 min ago");
        assert_eq!(rel(NOW_MS - 3.0 * time::HOUR), "3 h ago");
        assert_eq!(rel(NOW_MS - 30.0 * time::HOUR), "yesterday");
        assert_eq!(rel(NOW_MS - 4.0 * time::DAY), "4 days ago");
        assert_eq!(rel(NOW_MS + 5.0 * time::MINUTE), "in 5 min");
        assert_eq!(rel(1_534_084_500_000.0), "12 Aug 2018");
    }

    #[test]
    fn relative_days_are_calendar_days_like_the_headings() {
        // 00:30 local (UTC+3): 23:00 the evening before is "yesterday", not "1 h ago"...
        let now = time::days_from_civil(2026, 11, 30) as f64 * time::DAY + 30.0 * time::MINUTE
            - 3.0 * time::HOUR;
        let evening = now - 90.0 * time::MINUTE;
        assert_eq!(
            Language::En.relative_time(evening, now, -180.0),
            "yesterday"
        );
        assert_eq!(Language::En.day_label(evening, now, -180.0), "Yesterday");
        // ...and 6.5 days back, seven calendar days back, is the date, as its heading says.
        let week = now - 6.5 * time::DAY;
        assert_eq!(Language::En.relative_time(week, now, -180.0), "23 Nov 2026");
        assert_eq!(Language::En.day_label(week, now, -180.0), "23 Nov 2026");
        // Under a day heading other than today, an entry shows its time of day.
        assert_eq!(Language::En.entry_time(evening, now, -180.0), "23:00");
        assert_eq!(
            Language::En.entry_time(now - 10.0 * time::MINUTE, now, -180.0),
            "10 min ago"
        );
    }
}
