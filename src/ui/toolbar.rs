//! The top bar: decode/encode views, the examples menu, the share link and the theme toggle.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::dom;
use super::examples;
use super::state::{Action, State, View};

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The current view.
    pub view: View,
    /// The token (for the share link).
    pub token: Rc<str>,
    /// The effective theme, `light` or `dark`.
    pub theme: AttrValue,
    /// Switches the theme.
    pub on_theme: Callback<()>,
    /// Where changes go.
    pub dispatch: UseReducerDispatcher<State>,
}

/// The bar.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let share_status = use_state(|| None::<&'static str>);
    let clear_status = use_mut_ref(|| None::<dom::Timeout>);
    let examples = use_memo((), |_| examples::all());

    let on_example = {
        let (d, examples) = (props.dispatch.clone(), examples.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(ex) = examples.iter().find(|x| x.id == select.value()) {
                // The token with its key (or none), so an example with a key verifies at once.
                d.dispatch(Action::LoadExample(ex.clone()));
            }
        })
    };
    // The menu shows the example that is in the editor, if any (so arrow keys move through the examples).
    let select_ref = use_node_ref();
    {
        let current = examples
            .iter()
            .find(|x| *x.token == *props.token)
            .map_or("", |x| x.id);
        let select_ref = select_ref.clone();
        use_effect_with(current, move |id| {
            if let Some(select) = select_ref.cast::<HtmlSelectElement>() {
                select.set_value(id);
            }
        });
    }
    let on_share = {
        let (token, status, clear) = (
            props.token.clone(),
            share_status.clone(),
            clear_status.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(url) = dom::share_url(&token) else {
                return;
            };
            dom::replace_url(&url);
            let (status, clear) = (status.clone(), clear.clone());
            dom::copy_text(&url, move |ok| {
                status.set(Some(if ok {
                    "Link copied (it holds the token, never the key)"
                } else {
                    "The link is in the address bar (it holds the token, never the key)"
                }));
                let back = status.clone();
                *clear.borrow_mut() = Some(dom::Timeout::new(4000, move || back.set(None)));
            });
        })
    };
    let view_button = |v: View, label: &'static str, testid: &'static str| {
        let d = props.dispatch.clone();
        let pressed = props.view == v;
        html! {
            <button type="button" class={classes!("tab", pressed.then_some("active"))}
                aria-pressed={if pressed { "true" } else { "false" }} data-testid={testid}
                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::SetView(v)))}>
                { label }
            </button>
        }
    };
    let next_theme = if props.theme == "dark" {
        "light"
    } else {
        "dark"
    };
    let on_theme = {
        let cb = props.on_theme.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <header class="topbar">
            <div class="brand">
                <h1>{ "jwt-inspector" }</h1>
                <span class="tagline">{ "decoded in your browser · nothing leaves this page" }</span>
            </div>
            <nav class="actions" aria-label="Tools">
                <div class="tabs" role="group" aria-label="View">
                    { view_button(View::Decode, "Decode", "view-decode") }
                    { view_button(View::Encode, "Encode", "view-encode") }
                </div>
                <label class="sr-only" for="examples">{ "Examples" }</label>
                <select id="examples" data-testid="examples" onchange={on_example} ref={select_ref}>
                    <option value="">{ "Examples…" }</option>
                    { for examples.iter().map(|x| html! { <option value={x.id}>{ x.label }</option> }) }
                </select>
                <button type="button" data-testid="share-link" onclick={on_share}
                    disabled={props.token.trim().is_empty()}
                    title="Copy a link to this token (the key is never included)">
                    { "Copy link" }
                </button>
                <button type="button" data-testid="theme-toggle" onclick={on_theme}
                    aria-label={format!("Switch to the {next_theme} theme")} title={format!("Switch to the {next_theme} theme")}>
                    { if props.theme == "dark" { "☀ Light" } else { "☾ Dark" } }
                </button>
            </nav>
            <p class="share-status" data-testid="share-status" role="status" aria-live="polite">
                { share_status.unwrap_or("") }
            </p>
        </header>
    }
}
