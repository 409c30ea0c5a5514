fn main() {
    amocrm_notify::api::install_panic_hook();
    yew::Renderer::<amocrm_notify::App>::new().render();
}
