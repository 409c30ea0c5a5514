fn main() {
    amocrm_notify::api::install_panic_hook();
    match amocrm_notify::embed::requested() {
        // A host page that asked for the embedded UI gets it in a shadow root.
        Some(host) => amocrm_notify::embed::mount(host),
        #[cfg(feature = "demo")]
        None => {
            yew::Renderer::<amocrm_notify::App>::new().render();
        }
        // The embed build has no demo: without a mount element it adds one at the end of the page.
        #[cfg(not(feature = "demo"))]
        None => {
            if let Some(host) = amocrm_notify::embed::default_host() {
                amocrm_notify::embed::mount(host);
            }
        }
    }
}
