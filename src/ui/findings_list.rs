//! Findings: the core's lints (token and key), most severe first, each with its RFC section.

use yew::prelude::*;

use super::state::{Same, SignatureView};
use crate::Finding;

/// Props of [`FindingsList`].
#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    /// Token findings at the current time.
    pub token: Same<Vec<Finding>>,
    /// The signature view (key findings).
    pub signature: Same<SignatureView>,
}

/// The list.
#[component]
pub fn FindingsList(props: &FindingsListProps) -> Html {
    let mut all: Vec<&Finding> = props
        .token
        .iter()
        .chain(props.signature.findings.iter())
        .collect();
    // Stable: most severe first, otherwise in the core's order.
    all.sort_by_key(|f| std::cmp::Reverse(f.severity));
    html! {
        <section class="card findings-card" aria-labelledby="findings-title">
            <div class="card-head">
                <h2 id="findings-title">{ "Findings" }</h2>
                <span class="meta">{ format!("{} finding{}", all.len(), if all.len() == 1 { "" } else { "s" }) }</span>
            </div>
            <ul class="findings" data-testid="findings">
                { for all.iter().map(|f| html! {
                    <li class={classes!("finding", f.severity.as_str())} data-id={f.id()} data-severity={f.severity.as_str()}>
                        <span class={classes!("sev", f.severity.as_str())}>{ f.severity.as_str() }</span>
                        <span class="msg">{ f.message.as_str() }</span>
                        <span class="rule"><code>{ f.id() }</code>{ " · " }{ f.rfc() }</span>
                    </li>
                }) }
                if all.is_empty() {
                    <li class="finding none">{ "Nothing to report." }</li>
                }
            </ul>
        </section>
    }
}
