fn main() {
    yew::Renderer::<amocrm_notify::App>::new().render();
}
