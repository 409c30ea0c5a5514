//! Links a notification may follow: the URL rules for `link`, `icon`, `click_link`, the recording and
//! `href`s inside markup. Only http(s) and paths on this site get through; every other scheme, however
//! it is spelled or encoded, is refused.

use std::fmt;

use crate::entities::decode_entities;

/// A URL that is safe to put in the DOM.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Link {
    /// A path on this site (`/contacts/detail/5`, `/contacts/list/?term=x`): followed inside the app.
    Internal(String),
    /// An absolute `http(s)` URL, or a protocol-relative `//host/...` one: opened as external.
    External(String),
}

/// Why a URL was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    /// The scheme, lower-cased (`javascript`, `data`, ...).
    Scheme(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => f.write_str("is empty"),
            LinkError::Scheme(scheme) => {
                write!(f, "uses the \"{scheme}:\" scheme; only http(s) URLs and paths on this site are allowed")
            }
        }
    }
}

impl Link {
    /// The rule for the URL fields of a payload: absolute http(s) or relative to the site.
    pub fn parse(raw: &str) -> Result<Self, LinkError> {
        Self::parse_with(raw, &["http", "https"])
    }

    /// The rule for `href` inside markup, which may also be `mailto:` or `tel:`.
    pub fn parse_href(raw: &str) -> Result<Self, LinkError> {
        Self::parse_with(raw, &["http", "https", "mailto", "tel"])
    }

    fn parse_with(raw: &str, schemes: &[&str]) -> Result<Self, LinkError> {
        // Browsers drop tabs and newlines anywhere in a URL and C0 controls and spaces at its ends,
        // and read `\` as `/`; judge the URL as the browser will see it, before and after decoding
        // character references (so `javascript&colon;` is caught wherever it might be decoded).
        let cleaned = clean(raw);
        if cleaned.is_empty() {
            return Err(LinkError::Empty);
        }
        let decoded = clean(&decode_entities(&cleaned));
        for candidate in [&cleaned, &decoded] {
            if let Some(scheme) = scheme_of(candidate) {
                if !schemes.contains(&scheme.as_str()) {
                    return Err(LinkError::Scheme(scheme));
                }
            }
        }
        if scheme_of(&cleaned).is_some() || cleaned.starts_with("//") {
            Ok(Link::External(cleaned))
        } else if cleaned.starts_with('/') {
            Ok(Link::Internal(cleaned))
        } else {
            // "Relative to the site" (the field notes): the account's root, not the current page.
            Ok(Link::Internal(format!("/{cleaned}")))
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Link::Internal(url) | Link::External(url) => url,
        }
    }

    pub fn is_internal(&self) -> bool {
        matches!(self, Link::Internal(_))
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn clean(raw: &str) -> String {
    raw.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|&c| !matches!(c, '\t' | '\n' | '\r' | '\0'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect()
}

/// The lower-cased scheme, when the URL has one (a colon before any `/`, `?` or `#`).
fn scheme_of(url: &str) -> Option<String> {
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    // Anything before the colon is treated as a scheme, valid characters or not: a browser may read
    // `java script:` differently than we do, so it is refused rather than taken as a path.
    Some(url[..end].to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_site_paths() {
        use Link::{External, Internal};
        for (raw, parsed) in [
            (
                "https://example.com/a.mp3",
                External("https://example.com/a.mp3".into()),
            ),
            ("HTTP://EXAMPLE.COM", External("HTTP://EXAMPLE.COM".into())),
            (
                "/contacts/list/?term=4951234567",
                Internal("/contacts/list/?term=4951234567".into()),
            ),
            ("leads/detail/3", Internal("/leads/detail/3".into())),
            (
                "//cdn.example.com/x.png",
                External("//cdn.example.com/x.png".into()),
            ),
            ("/\\evil.example", External("//evil.example".into())),
        ] {
            assert_eq!(Link::parse(raw), Ok(parsed), "{raw:?}");
        }
    }

    #[test]
    fn refuses_other_schemes_however_spelled() {
        for (raw, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("  JaVaScRiPt:alert(1)", "javascript"),
            ("jav\tascr\nipt:alert(1)", "javascript"),
            ("\u{1}javascript:alert(1)", "javascript"),
            ("javascript&colon;alert(1)", "javascript"),
            ("&#x6A;avascript:alert(1)", "javascript"),
            ("data:text/html,<script>alert(1)</script>", "data"),
            ("vbscript:msgbox(1)", "vbscript"),
            ("mailto:a@b.c", "mailto"),
            ("java script:alert(1)", "java script"),
        ] {
            assert_eq!(
                Link::parse(raw),
                Err(LinkError::Scheme(scheme.into())),
                "{raw:?}"
            );
        }
        assert_eq!(Link::parse("   "), Err(LinkError::Empty));
    }

    #[test]
    fn markup_hrefs_may_also_mail_and_call() {
        assert!(Link::parse_href("mailto:a@b.c").is_ok());
        assert!(Link::parse_href("tel:+19872345678").is_ok());
        assert!(Link::parse_href("javascript:alert(1)").is_err());
    }
}
