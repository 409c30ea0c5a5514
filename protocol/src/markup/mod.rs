//! The markup allow-list: turns the HTML that widgets put in `header` and `text` into a tree of
//! formatting nodes that can only ever render as formatting.
//!
//! The parser never hands markup to the browser: it tokenizes the source itself, keeps the elements
//! of [`Tag`], reduces every other element to its text (dropping the contents of raw-text elements
//! such as `<script>` and `<style>` altogether) and keeps no attribute but a safe `href` on `<a>`.
//! Components render the tree as DOM nodes, so nothing in it can run.

use std::rc::Rc;

use crate::link::Link;

pub use crate::entities::decode_entities;

/// The elements that render as formatting; everything else becomes its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    B,
    Strong,
    I,
    Em,
    U,
    S,
    Br,
    P,
    Span,
    A,
}

impl Tag {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "b" => Tag::B,
            "strong" => Tag::Strong,
            "i" => Tag::I,
            "em" => Tag::Em,
            "u" => Tag::U,
            "s" => Tag::S,
            "br" => Tag::Br,
            "p" => Tag::P,
            "span" => Tag::Span,
            "a" => Tag::A,
            _ => return None,
        })
    }

    /// The element's name in the DOM.
    pub fn name(self) -> &'static str {
        match self {
            Tag::B => "b",
            Tag::Strong => "strong",
            Tag::I => "i",
            Tag::Em => "em",
            Tag::U => "u",
            Tag::S => "s",
            Tag::Br => "br",
            Tag::P => "p",
            Tag::Span => "span",
            Tag::A => "a",
        }
    }
}

/// One node of sanitized markup.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    Element {
        tag: Tag,
        /// Only ever set on [`Tag::A`], and only to a link that passed [`Link::parse_href`].
        href: Option<Link>,
        children: Vec<Node>,
    },
}

/// Sanitized markup together with the source it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Markup {
    source: Rc<str>,
    nodes: Rc<[Node]>,
}

impl Default for Markup {
    fn default() -> Self {
        Markup::parse("")
    }
}

impl Markup {
    /// Parses `source`; never fails: whatever is not allowed is reduced to text or dropped.
    pub fn parse(source: &str) -> Self {
        // Most texts are plain: without a tag, an entity or a NUL (which text nodes drop) the
        // tree is the text itself.
        let nodes: Rc<[Node]> = if !source.contains(['<', '&', '\0']) {
            if source.is_empty() {
                Rc::new([])
            } else {
                Rc::new([Node::Text(source.to_owned())])
            }
        } else {
            Parser::new(source).run().into()
        };
        Markup {
            source: source.into(),
            nodes,
        }
    }

    /// The string the widget passed.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The visible text, with `<br>` and paragraph breaks as spaces: for labels and titles.
    pub fn text(&self) -> String {
        self.text_with_links(&|_| None)
    }

    /// The visible text as [`Markup::text`] reads it, with each link's target as `target` writes
    /// it after the link's words ("Open the search (https://…)"), unless the words are the target:
    /// the plain-text part of an email, which has no other way to carry a link.
    pub fn text_with_links(&self, target: &dyn Fn(&Link) -> Option<String>) -> String {
        fn walk(nodes: &[Node], target: &dyn Fn(&Link) -> Option<String>, out: &mut String) {
            for node in nodes {
                match node {
                    Node::Text(text) => out.push_str(text),
                    Node::Element {
                        tag,
                        href,
                        children,
                    } => {
                        if matches!(tag, Tag::Br | Tag::P) && !out.ends_with(' ') && !out.is_empty()
                        {
                            out.push(' ');
                        }
                        let start = out.len();
                        walk(children, target, out);
                        if let Some(url) = href.as_ref().and_then(target) {
                            if out[start..].trim() != url {
                                out.push_str(" (");
                                out.push_str(&url);
                                out.push(')');
                            }
                        }
                    }
                }
            }
        }
        let mut out = String::new();
        walk(&self.nodes, target, &mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub fn is_blank(&self) -> bool {
        self.text().is_empty()
    }
}

/// Elements whose content is not text a person should see: dropped whole.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "noscript",
    "noembed",
    "noframes",
    "template",
    "textarea",
    "title",
    "xmp",
    "plaintext",
    "object",
    "svg",
    "math",
    "select",
];

enum Token {
    Text(String),
    Start {
        name: String,
        href: Option<String>,
        self_closing: bool,
    },
    End(String),
}

struct Parser<'a> {
    rest: &'a str,
}

struct Open {
    tag: Tag,
    href: Option<Link>,
    children: Vec<Node>,
}

impl<'a> Parser<'a> {
    fn new(source: &'a str) -> Self {
        Parser { rest: source }
    }

    fn run(mut self) -> Vec<Node> {
        let mut root: Vec<Node> = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        while let Some(token) = self.next_token() {
            match token {
                Token::Text(text) => push_text(current(&mut root, &mut stack), text),
                Token::Start {
                    name,
                    href,
                    self_closing,
                } => {
                    if RAW_TEXT.contains(&name.as_str()) {
                        if !self_closing {
                            self.skip_raw_text(&name);
                        }
                        continue;
                    }
                    let Some(tag) = Tag::from_name(&name) else {
                        continue;
                    };
                    let href = match tag {
                        Tag::A => href.and_then(|h| Link::parse_href(&h).ok()),
                        _ => None,
                    };
                    if tag == Tag::Br || self_closing {
                        current(&mut root, &mut stack).push(Node::Element {
                            tag,
                            href,
                            children: Vec::new(),
                        });
                    } else {
                        // An <a> never nests in another: the outer one closes, as browsers do.
                        if tag == Tag::A {
                            if let Some(at) = stack.iter().rposition(|open| open.tag == Tag::A) {
                                close_to(&mut root, &mut stack, at);
                            }
                        }
                        stack.push(Open {
                            tag,
                            href,
                            children: Vec::new(),
                        });
                    }
                }
                Token::End(name) => {
                    if let Some(tag) = Tag::from_name(&name) {
                        if let Some(at) = stack.iter().rposition(|open| open.tag == tag) {
                            close_to(&mut root, &mut stack, at);
                        }
                    }
                }
            }
        }
        close_to(&mut root, &mut stack, 0);
        root
    }

    fn next_token(&mut self) -> Option<Token> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let Some(lt) = self.rest.find('<') else {
                let text = decode_entities(self.rest);
                self.rest = "";
                return Some(Token::Text(text));
            };
            if lt > 0 {
                let text = decode_entities(&self.rest[..lt]);
                self.rest = &self.rest[lt..];
                return Some(Token::Text(text));
            }
            // self.rest starts with '<'
            let after = &self.rest[1..];
            if let Some(comment) = after.strip_prefix("!--") {
                self.rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            if after.starts_with('!') || after.starts_with('?') {
                self.rest = after.find('>').map_or("", |end| &after[end + 1..]);
                continue;
            }
            let (closing, body) = match after.strip_prefix('/') {
                Some(body) => (true, body),
                None => (false, after),
            };
            if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
                if closing {
                    // `</` + non-letter is a bogus comment in HTML.
                    self.rest = body.find('>').map_or("", |end| &body[end + 1..]);
                    continue;
                }
                self.rest = after;
                return Some(Token::Text("<".into()));
            }
            match self.tag(closing, body) {
                Some(token) => return Some(token),
                // A tag cut off by the end of the input is dropped, as browsers do.
                None => return None,
            }
        }
    }

    /// Reads a tag whose name starts `body`, through its `>`; `None` when the input ends first.
    fn tag(&mut self, closing: bool, body: &'a str) -> Option<Token> {
        let name_len = body
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(body.len());
        let name = body[..name_len].to_ascii_lowercase();
        let mut rest = &body[name_len..];
        let mut href = None;
        let mut self_closing = false;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if rest.is_empty() {
                self.rest = "";
                return None;
            }
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            if let Some(after) = rest.strip_prefix('/') {
                self_closing = after.starts_with('>');
                rest = after;
                continue;
            }
            let attr_len = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>' || c == '=')
                .unwrap_or(rest.len())
                .max(1);
            let attr = rest[..attr_len].to_ascii_lowercase();
            rest = rest[attr_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
            let mut value = None;
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
                let (raw, remaining) = match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        match inner.find(quote) {
                            Some(end) => (&inner[..end], &inner[end + 1..]),
                            None => (inner, ""),
                        }
                    }
                    _ => {
                        let end = after
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = Some(decode_entities(raw));
                rest = remaining;
            }
            if attr == "href" && href.is_none() {
                href = value;
            }
        }
        self.rest = rest;
        Some(if closing {
            Token::End(name)
        } else {
            Token::Start {
                name,
                href,
                self_closing,
            }
        })
    }

    fn skip_raw_text(&mut self, name: &str) {
        let lower = self.rest.to_ascii_lowercase();
        let close = format!("</{name}");
        self.rest = match lower.find(&close) {
            Some(at) => {
                let after = &self.rest[at + close.len()..];
                after.find('>').map_or("", |end| &after[end + 1..])
            }
            None => "",
        };
    }
}

fn current<'s>(root: &'s mut Vec<Node>, stack: &'s mut [Open]) -> &'s mut Vec<Node> {
    match stack.last_mut() {
        Some(open) => &mut open.children,
        None => root,
    }
}

fn push_text(into: &mut Vec<Node>, text: String) {
    if text.is_empty() {
        return;
    }
    if let Some(Node::Text(last)) = into.last_mut() {
        last.push_str(&text);
    } else {
        into.push(Node::Text(text));
    }
}

/// Closes every open element from the top of the stack down to index `at`, inclusive.
fn close_to(root: &mut Vec<Node>, stack: &mut Vec<Open>, at: usize) {
    while stack.len() > at {
        let open = stack.pop().expect("stack is longer than `at`");
        let node = Node::Element {
            tag: open.tag,
            href: open.href,
            children: open.children,
        };
        current(root, stack).push(node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: Tag, children: Vec<Node>) -> Node {
        Node::Element {
            tag,
            href: None,
            children,
        }
    }
    fn text(s: &str) -> Node {
        Node::Text(s.into())
    }

    #[test]
    fn keeps_allowed_formatting() {
        let m = Markup::parse("<p>Hello <b>world</b><br>next</p>");
        assert_eq!(
            m.nodes(),
            &[el(
                Tag::P,
                vec![
                    text("Hello "),
                    el(Tag::B, vec![text("world")]),
                    el(Tag::Br, vec![]),
                    text("next")
                ]
            )]
        );
        assert_eq!(m.text(), "Hello world next");
    }

    #[test]
    fn reduces_other_elements_to_text_and_drops_attributes() {
        let m = Markup::parse(
            r#"<div class="x" onclick="evil()"><b class="name" style="color:red">Bob</b></div>"#,
        );
        assert_eq!(m.nodes(), &[el(Tag::B, vec![text("Bob")])]);
    }

    #[test]
    fn drops_script_and_style_contents() {
        let m = Markup::parse(
            "a<script>alert(1)</script>b<STYLE>*{}</Style>c<img src=x onerror=alert(1)>d",
        );
        assert_eq!(m.nodes(), &[text("abcd")]);
    }

    #[test]
    fn keeps_safe_hrefs_only() {
        let m = Markup::parse(r#"<a href="/contacts/detail/5" target="_blank">Bob</a>"#);
        assert_eq!(
            m.nodes(),
            &[Node::Element {
                tag: Tag::A,
                href: Some(Link::Internal("/contacts/detail/5".into())),
                children: vec![text("Bob")]
            }]
        );
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "javascript&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
        ] {
            let m = Markup::parse(&format!(r#"<a href="{bad}">x</a>"#));
            assert_eq!(m.nodes(), &[el(Tag::A, vec![text("x")])], "{bad}");
        }
    }

    #[test]
    fn decodes_entities_and_literal_angle_brackets() {
        let m = Markup::parse("&eacute;t&eacute; &rsquo;n&rsquo; &bull; &Eacute;LAN &euro;5 &frac12; &amp;unknown; &ZZZ;");
        assert_eq!(m.text(), "été ’n’ • ÉLAN €5 ½ &unknown; &ZZZ;");
        let m = Markup::parse("1 &lt; 2 &amp;&amp; 3 > 2 &#x41;&#66; a<b");
        assert_eq!(m.text(), "1 < 2 && 3 > 2 AB a");
        assert_eq!(Markup::parse("x < y").text(), "x < y");
    }

    #[test]
    fn unclosed_and_stray_tags_are_harmless() {
        let m = Markup::parse("<b>bold <i>both</b> after</i> <p");
        assert_eq!(
            m.nodes(),
            &[
                el(Tag::B, vec![text("bold "), el(Tag::I, vec![text("both")])]),
                text(" after ")
            ]
        );
    }

    #[test]
    fn comments_vanish() {
        assert_eq!(Markup::parse("a<!-- <script>x</script> -->b").text(), "ab");
    }
}
