//! Renders sanitized [`Markup`] as DOM nodes. Never uses `innerHTML`: every node is created by Yew,
//! every string is a text node, and the only attribute ever set is a checked `href`.

use yew::prelude::*;

use crate::navigate::follow_click;
use crate::notification::{Link, Markup, Node, Tag};

#[derive(Properties, PartialEq)]
pub struct MarkupViewProps {
    pub markup: Markup,
    /// Render links as plain text: for markup inside something that is itself a link.
    #[prop_or_default]
    pub flatten_links: bool,
}

#[component]
pub fn MarkupView(props: &MarkupViewProps) -> Html {
    props
        .markup
        .nodes()
        .iter()
        .map(|node| render(node, props.flatten_links))
        .collect()
}

fn render(node: &Node, flatten_links: bool) -> Html {
    match node {
        Node::Text(text) => html! { { text.clone() } },
        Node::Element {
            tag,
            href,
            children,
        } => {
            let children: Html = children
                .iter()
                .map(|child| render(child, flatten_links))
                .collect();
            match (tag, href) {
                (Tag::Br, _) => html! { <br /> },
                (Tag::A, Some(link)) if !flatten_links => link_node(link, children),
                (Tag::A, _) => html! { <span>{ children }</span> },
                (tag, _) => html! { <@{tag.name()}>{ children }</@> },
            }
        }
    }
}

fn link_node(link: &Link, children: Html) -> Html {
    let onclick = {
        let link = link.clone();
        Callback::from(move |event: MouseEvent| {
            // The link is inside a clickable card: follow this link, not the card's.
            event.stop_propagation();
            let _ = follow_click(&event, &link);
        })
    };
    html! { <a href={link.as_str().to_owned()} {onclick}>{ children }</a> }
}
