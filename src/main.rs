//! The jwt-inspector app (trunk entry point): mounts the Yew app on `#app`.

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // Replace the static "loading" text that shows until the wasm runs.
            root.set_inner_html("");
            yew::Renderer::<jwt_inspector::ui::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<jwt_inspector::ui::App>::new().render();
        }
    }
}
