//! The jwt-inspector app (trunk entry point): mounts the Yew app on `#app`.
//!
//! The same wasm also runs in the secret audit's Web Workers (`audit-worker.js`), where there is no `window`:
//! there it renders nothing and only serves `jwt_inspector::ui::worker`'s exports.

fn main() {
    let Some(window) = web_sys::window() else {
        return; // a Web Worker
    };
    match window.document().and_then(|d| d.get_element_by_id("app")) {
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
