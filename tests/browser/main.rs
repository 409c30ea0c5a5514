//! Browser tests (wasm-bindgen-test in headless Chromium): the JS shim called as widgets call it,
//! and each component rendered into a fresh root.
#![cfg(target_arch = "wasm32")]

mod center;
mod common;
mod components;
mod hostile;
mod shim;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
