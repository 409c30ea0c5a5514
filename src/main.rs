fn main() {
    amocrm_notify::api::install_panic_hook();
    // A host page that asked for the embedded UI gets it in a shadow root; else the demo app.
    match amocrm_notify::embed::requested() {
        Some(host) => amocrm_notify::embed::mount(host),
        None => {
            yew::Renderer::<amocrm_notify::App>::new().render();
        }
    }
}
