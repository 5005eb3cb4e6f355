//! A "copy" button that says whether it worked.

use yew::prelude::*;

use super::dom;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// What is copied, fetched at click time (so large texts are not copied into props on every render).
    pub text: Callback<(), String>,
    /// The accessible name, e.g. "Copy header JSON".
    pub label: AttrValue,
    /// A `data-testid`, if a test needs the button.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Nothing to copy yet.
    #[prop_or_default]
    pub disabled: bool,
}

/// The button.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    // None: idle; Some(true): copied; Some(false): failed.
    let outcome = use_state(|| None::<bool>);
    let reset = use_mut_ref(|| None::<dom::Timeout>);
    let onclick = {
        let (text, outcome, reset) = (props.text.clone(), outcome.clone(), reset.clone());
        Callback::from(move |_: MouseEvent| {
            let outcome = outcome.clone();
            let reset = reset.clone();
            dom::copy_text(&text.emit(()), move |ok| {
                outcome.set(Some(ok));
                let back = outcome.clone();
                *reset.borrow_mut() = Some(dom::Timeout::new(1500, move || back.set(None)));
            });
        })
    };
    let (text, class) = match *outcome {
        None => ("Copy", "copy"),
        Some(true) => ("Copied", "copy copied"),
        Some(false) => ("Copy failed", "copy failed"),
    };
    html! {
        <button type="button" {class} {onclick} aria-label={props.label.clone()}
            title={props.label.clone()} data-testid={props.testid.clone()} disabled={props.disabled}>
            { text }
        </button>
    }
}
