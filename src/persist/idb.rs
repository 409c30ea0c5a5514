//! The IndexedDB side (idb.js, a wasm-bindgen snippet): open, load, write a batch, set a history
//! aside.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/persist/idb.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    pub(super) fn open() -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch)]
    pub(super) fn load(db: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch)]
    pub(super) fn write(
        db: &JsValue,
        schema: u32,
        puts: &Array,
        deletes: &Array,
        change_puts: &Array,
        change_deletes: &Array,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = setAside)]
    pub(super) fn set_aside(db: &JsValue, schema: u32, reason: &str) -> Result<Promise, JsValue>;
}

pub(super) async fn run(promise: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

pub(super) enum Db {
    Opening,
    Open(JsValue),
    /// Storage is off: entries live in memory only.
    Unavailable,
}
