//! ARCHITECTURE.md stays true to the tree: every path it names exists. A name with a `/` is a path
//! from the repository's root (`src/store/`, `server/src/http/auth.rs`) or from one of the crates'
//! sources (`api/parse.rs`, `db/events.rs`); a bare file name (`model.rs`, `idb.js`) must be a file
//! somewhere in the code. Fails naming each one that is not.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file's name under the code's folders.
fn file_names(dir: &Path, names: &mut HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | "node_modules" | "dist" | ".git") {
                file_names(&path, names);
            }
        } else {
            names.insert(name);
        }
    }
}

/// The `code spans` of the text that look like paths or file names.
fn named_paths(text: &str) -> Vec<String> {
    const EXTENSIONS: [&str; 9] = [
        ".rs", ".js", ".mjs", ".toml", ".md", ".sh", ".css", ".html", ".json",
    ];
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .filter(|span| !span.contains(char::is_whitespace) && !span.contains("::"))
        .filter(|span| span.contains('/') || EXTENSIONS.iter().any(|e| span.ends_with(e)))
        // Not a path: URLs and routes of the API.
        .filter(|span| !span.starts_with("http") && !span.starts_with("/v1"))
        .filter(|span| span.chars().any(|c| c.is_ascii_lowercase()))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_path_the_map_names_exists() {
    let root = root();
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut names: HashSet<String> = std::fs::read_dir(&root)
        .expect("the repository")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    for dir in [
        "src", "protocol", "server", "scripts", "tests", "assets", "embed", "styles",
    ] {
        file_names(&root.join(dir), &mut names);
    }
    let paths = named_paths(&text);
    assert!(
        paths.len() > 40,
        "the map names its paths in code spans: {paths:?}"
    );
    let missing: Vec<&String> = paths
        .iter()
        .filter(|path| {
            if path.contains('/') {
                let path = path.trim_end_matches('/');
                !["", "src", "server/src", "protocol/src"]
                    .iter()
                    .any(|base| root.join(base).join(path).exists())
            } else {
                !names.contains(path.as_str())
            }
        })
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn a_missing_path_is_caught() {
    // The check itself: a made-up path and a made-up file name are found.
    let spans = named_paths("see `src/nowhere/gone.rs` and `ghost.rs`, not `Action::Publish`");
    assert_eq!(spans, ["src/nowhere/gone.rs", "ghost.rs"]);
    assert!(!root().join("src/nowhere/gone.rs").exists());
}
