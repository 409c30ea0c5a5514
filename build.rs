//! Copies the page-level style sheets the embed build puts in its shadow root (`src/embed.rs`), from
//! `styles/`, into `OUT_DIR` without their comments and spare white space: the comments are for
//! people reading the sources, not for every page's download. (Each component's own styles are
//! beside it, in stylist's `css!`, which drops them at compile time.)

use std::{env, fs, path::Path};

const SHEETS: &[&str] = &["tokens.css", "ui.css", "embed.css"];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for sheet in SHEETS {
        let source = Path::new("styles").join(sheet);
        println!("cargo:rerun-if-changed={}", source.display());
        let css = fs::read_to_string(&source).expect("a style sheet in styles/");
        fs::write(Path::new(&out).join(sheet), minify(&css)).expect("OUT_DIR is writable");
    }
}

/// Drops `/* … */` comments, turns each run of white space into one space, and drops the spaces
/// beside `{`, `}` and `;`. Nothing else changes, so a selector's descendant space (`a :hover`) and
/// a value's spaces stay as written. The sheets have no strings that hold `/*`.
fn minify(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        text.push(' ');
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let joined = out.ends_with(['{', '}', ';']) || word.starts_with(['{', '}', ';']);
        if !out.is_empty() && !joined {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
