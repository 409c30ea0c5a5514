//! Property tests of the payload parser and the markup sanitizer: whatever a widget passes, parsing
//! never panics, and nothing that comes out can render as an element outside the allow-list, carry
//! an attribute but `href`, or point at a scheme other than http(s).
//!
//! The URL check here is written independently of `Link`: it follows what a browser does with an
//! `href` (trim C0 controls and spaces, drop tabs and line breaks, read the scheme) rather than
//! reusing the code under test.
#![cfg(not(target_arch = "wasm32"))]

use amocrm_notify::api::value::KNOWN_KEYS;
use amocrm_notify::api::{parse, JsInput};
use amocrm_notify::notification::{Link, Markup, Method, Node, NotificationId, Tag};
use proptest::prelude::*;

/// Pieces hostile markup is made of; strings are built from these and from arbitrary text.
const FRAGMENTS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "=",
    "\"",
    "'",
    "`",
    " ",
    "\t",
    "\n",
    "\0",
    "&",
    "#",
    ";",
    ":",
    "/",
    "\\",
    "a",
    "b",
    "p",
    "br",
    "span",
    "script",
    "img",
    "svg",
    "iframe",
    "style",
    "math",
    "template",
    "href",
    "src",
    "onerror",
    "onload",
    "style=",
    "href=",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "jav&#x09;ascript:",
    "&#106;avascript:",
    "&#x6A;",
    "&colon;",
    "data:text/html,",
    "vbscript:",
    "http://example.com/",
    "https://x.y/",
    "//host/",
    "/leads/detail/1",
    "?q",
    "#f",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "mailto:a@b.c",
    "tel:+1",
    "&lt;",
    "&gt;",
    "&amp;",
    "&quot;",
    "é",
    "😀",
    "\u{202e}",
    "\u{0301}",
];

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..48)
            .prop_map(|parts| parts.concat()),
        any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-1.0),
        Just(0.0),
        Just(1e20),
        (0u64..4_000_000_000_000).prop_map(|n| n as f64),
    ]
}

fn js_value() -> impl Strategy<Value = JsInput> {
    let leaf = prop_oneof![
        Just(JsInput::Undefined),
        Just(JsInput::Null),
        any::<bool>().prop_map(JsInput::Bool),
        number().prop_map(JsInput::Number),
        hostile_string().prop_map(JsInput::String),
        number().prop_map(JsInput::Date),
        Just(JsInput::Array),
        Just(JsInput::Function),
        hostile_string().prop_map(JsInput::Unreadable),
        Just(JsInput::Other("a symbol")),
    ];
    leaf.prop_recursive(2, 48, 12, |inner| {
        prop::collection::vec((prop::sample::select(KNOWN_KEYS), inner), 0..12)
            .prop_map(JsInput::Object)
    })
}

/// A payload: anything at all, an object of plausible keys, or (most often) such an object with a
/// text to show, so that most generated calls get past the first checks to the output's.
fn payload() -> impl Strategy<Value = JsInput> {
    let fields = || prop::collection::vec((prop::sample::select(KNOWN_KEYS), js_value()), 0..12);
    prop_oneof![
        1 => js_value(),
        1 => fields().prop_map(JsInput::Object),
        4 => (fields(), "[A-Za-z0-9<&]", hostile_string()).prop_map(|(mut fields, first, rest)| {
            fields.retain(|(key, _)| *key != "text");
            fields.push(("text", JsInput::String(first + &rest)));
            JsInput::Object(fields)
        }),
    ]
}

/// What a browser makes of an `href`: one of `schemes`, or no scheme at all (a path or `//host`).
fn browser_would_follow_safely(href: &str, schemes: &[&str]) -> bool {
    let trimmed = href.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let scheme = &cleaned[..colon];
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // A colon after a path character ("/a:b", "?x:y") is not a scheme.
        return true;
    }
    schemes.contains(&scheme.to_ascii_lowercase().as_str())
}

/// A URL field of the payload: http(s) or on this site.
fn assert_safe_link(link: &Link, what: &str) {
    assert!(
        browser_would_follow_safely(link.as_str(), &["http", "https"]),
        "{what}: unsafe URL {:?}",
        link.as_str()
    );
}

/// An `href` in markup may also write an email or call a number.
fn assert_safe_href(link: &Link) {
    assert!(
        browser_would_follow_safely(link.as_str(), &["http", "https", "mailto", "tel"]),
        "<a href>: unsafe URL {:?}",
        link.as_str()
    );
}

fn assert_safe_markup(markup: &Markup) {
    fn walk(nodes: &[Node]) {
        for node in nodes {
            if let Node::Element {
                tag,
                href,
                children,
            } = node
            {
                match (tag, href) {
                    (Tag::A, Some(link)) => assert_safe_href(link),
                    (_, None) => {}
                    (tag, Some(_)) => panic!("an href on <{}>", tag.name()),
                }
                assert!(*tag != Tag::Br || children.is_empty(), "<br> with children");
                walk(children);
            }
        }
    }
    walk(markup.nodes());
}

/// What a parsed call may hold: only allow-listed markup, safe links, a real date, no control
/// characters.
fn assert_safe_notification(parsed: amocrm_notify::api::Parsed) -> Result<(), TestCaseError> {
    let n = parsed.into_notification(NotificationId::new("p"));
    assert_safe_markup(&n.header);
    assert_safe_markup(&n.text);
    for (what, link) in [("icon", &n.icon), ("link", &n.link)] {
        if let Some(link) = link {
            assert_safe_link(link, what);
        }
    }
    if let Some(call) = &n.call {
        for (what, link) in [
            ("recording", &call.recording),
            ("click_link", &call.click_link),
        ] {
            if let Some(link) = link {
                assert_safe_link(link, what);
            }
        }
    }
    if let Some(target) = n.target() {
        assert_safe_link(&target, "target");
    }
    prop_assert!(n.date_ms.is_finite(), "the date is a real time");
    let no_controls = |s: &str| {
        !s.chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    };
    prop_assert!(no_controls(n.header.source()) && no_controls(n.text.source()));
    Ok(())
}

/// 2,000 generated calls: none panics, and what is accepted is safe. The accepted and the refused
/// are counted, so the property cannot pass on inputs that are all refused (checking nothing).
#[test]
fn parsing_never_panics_and_its_output_is_safe() {
    use proptest::test_runner::{Config, TestRunner};
    use std::cell::Cell;
    const CASES: u32 = 2_000;
    let (accepted, refused) = (Cell::new(0u32), Cell::new(0u32));
    let strategy = (
        prop::sample::select(Method::ALL.to_vec()),
        payload(),
        0.0f64..4_000_000_000_000.0,
    );
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        ..Config::default()
    });
    runner
        .run(&strategy, |(method, params, now)| {
            match parse(method, &params, now) {
                Ok(parsed) => {
                    accepted.set(accepted.get() + 1);
                    assert_safe_notification(parsed)
                }
                Err(_) => {
                    refused.set(refused.get() + 1);
                    Ok(())
                }
            }
        })
        .unwrap();
    let (accepted, refused) = (accepted.get(), refused.get());
    println!("{accepted} calls accepted and checked, {refused} refused");
    // At least a third of the generated calls reach the checks, and the refusal path is taken too.
    assert!(
        accepted >= CASES / 3,
        "only {accepted} of {CASES} calls were accepted and checked"
    );
    assert!(
        refused > 0,
        "no generated call was refused: the refusal path went untested"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn plain_text_is_one_text_node_as_the_parser_makes_it(plain in "[^<&\\x00]{0,40}", tail in "[<&][a-z;>/ ]{0,6}") {
        // Plain text takes a shortcut past the parser; the parser must agree with it, which the
        // same text plus a tag or entity (so parsed in full) shows for the leading run.
        let markup = Markup::parse(&plain);
        let expected: Vec<Node> = if plain.is_empty() { vec![] } else { vec![Node::Text(plain.clone())] };
        prop_assert_eq!(markup.nodes(), expected.as_slice());
        let parsed = Markup::parse(&format!("{plain}{tail}"));
        if !plain.is_empty() {
            let first = parsed.nodes().first();
            prop_assert!(
                matches!(first, Some(Node::Text(text)) if text.starts_with(plain.as_str())),
                "{:?} does not start with the text {:?}", first, plain
            );
        }
    }

    #[test]
    fn the_sanitizer_never_panics_and_keeps_only_the_allow_list(source in hostile_string()) {
        let markup = Markup::parse(&source);
        assert_safe_markup(&markup);
        // Whatever the source, its text never grows: nothing is invented.
        prop_assert!(markup.text().chars().count() <= source.chars().count());
    }

    #[test]
    fn links_are_http_https_or_on_this_site(raw in hostile_string()) {
        if let Ok(link) = Link::parse(&raw) {
            assert_safe_link(&link, "Link::parse");
        }
        if let Ok(link) = Link::parse_href(&raw) {
            assert_safe_href(&link);
        }
    }
}

/// The public XSS corpus (`tests/data/xss`, 6,613 payloads) natively, through every method with
/// each field the browser proof sets (header, text, link, icon, date; for `add_call` also
/// click_link, from, to and element.name) holding the payload: every call is accepted (there is
/// text to show) and all it keeps is safe markup and safe links. The browser proof
/// (`tests/e2e/xss.test.mjs`) renders the same calls.
#[test]
fn the_xss_corpus_in_every_field_of_every_method_is_safe() {
    let corpus = include_str!("data/xss/payloadbox.txt");
    let payloads: Vec<&str> = corpus
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert_eq!(payloads.len(), 6_613, "the whole corpus");
    let s = |p: &str| JsInput::String(p.to_owned());
    let mut calls = 0;
    for &p in &payloads {
        for method in Method::ALL {
            let mut fields: Vec<(&'static str, JsInput)> =
                vec![("link", s(p)), ("icon", s(p)), ("date", s(p))];
            match method {
                Method::ShowNotification => {
                    fields.push((
                        "text",
                        JsInput::Object(vec![("header", s(p)), ("text", s(p))]),
                    ));
                    fields.push(("type", s("error")));
                }
                _ => fields.extend([("header", s(p)), ("text", s(p))]),
            }
            if method == Method::AddCall {
                let element = JsInput::Object(vec![
                    ("id", JsInput::Number(1.0)),
                    ("type", s("contact")),
                    ("name", s(p)),
                ]);
                fields.extend([
                    ("click_link", s(p)),
                    ("from", s(p)),
                    ("to", s(p)),
                    ("element", element),
                ]);
            }
            let parsed = parse(method, &JsInput::Object(fields), 1_764_000_000_000.0)
                .unwrap_or_else(|e| panic!("{} refused {p:?}: {e}", method.name()));
            assert_safe_notification(parsed)
                .unwrap_or_else(|e| panic!("{} with {p:?}: {e}", method.name()));
            calls += 1;
        }
    }
    assert_eq!(calls, payloads.len() * Method::ALL.len());
}
