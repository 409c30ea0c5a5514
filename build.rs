//! Copies the style sheets into `OUT_DIR` without their comments and spare white space: the
//! comments are for people reading the sources, not for every page's download. Two kinds:
//! - the page-level sheets the embed build puts in its shadow root (`src/embed.rs`), from `styles/`;
//! - each component's sheet, beside it in `src/components/` and `src/pages/` (`src/sheet.rs`),
//!   written to the same path under `OUT_DIR`.

use std::{env, fs, path::Path};

const SHEETS: &[&str] = &["tokens.css", "ui.css", "embed.css"];
const COMPONENT_DIRS: &[&str] = &["components", "pages"];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for sheet in SHEETS {
        let source = Path::new("styles").join(sheet);
        println!("cargo:rerun-if-changed={}", source.display());
        let css = fs::read_to_string(&source).expect("a style sheet in styles/");
        fs::write(Path::new(&out).join(sheet), minify(&css)).expect("OUT_DIR is writable");
    }
    for dir in COMPONENT_DIRS {
        let source = Path::new("src").join(dir);
        println!("cargo:rerun-if-changed={}", source.display());
        let target = Path::new(&out).join(dir);
        fs::create_dir_all(&target).expect("OUT_DIR is writable");
        let files = fs::read_dir(&source).expect("a source folder");
        for file in files.map(|file| file.expect("a readable folder").path()) {
            if file.extension().is_some_and(|ext| ext == "css") {
                println!("cargo:rerun-if-changed={}", file.display());
                let css = fs::read_to_string(&file).expect("a readable style sheet");
                let name = file.file_name().expect("a file name");
                fs::write(target.join(name), minify(&css)).expect("OUT_DIR is writable");
            }
        }
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
