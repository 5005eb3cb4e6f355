//! Findings: the core's lints (token and key), most severe first, each with its RFC section; and a one-line
//! summary of the danger and warning findings that links to the list (on a phone it comes before the decoded
//! JSON, so a danger is not screens away).

use yew::prelude::*;

use super::dom;
use super::state::{Same, SignatureView};
use crate::{Finding, Severity};

/// The id of the findings card (the summary's link target).
const FINDINGS_ID: &str = "findings";

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
        <section class="card findings-card" id={FINDINGS_ID} tabindex="-1" aria-labelledby="findings-title">
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

/// Props of [`FindingsSummary`].
#[derive(Properties, PartialEq)]
pub struct FindingsSummaryProps {
    /// Token findings at the current time.
    pub token: Same<Vec<Finding>>,
    /// The signature view (key findings).
    pub signature: Same<SignatureView>,
    /// No token: nothing to summarise.
    pub empty: bool,
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// One line: how many danger and warning findings there are, linking to the list.
#[component]
pub fn FindingsSummary(props: &FindingsSummaryProps) -> Html {
    let all = || props.token.iter().chain(props.signature.findings.iter());
    let of = |sev: Severity| all().filter(|f| f.severity == sev).count();
    let (danger, warning) = (of(Severity::Danger), of(Severity::Warning));
    let level = if danger > 0 {
        "danger"
    } else if warning > 0 {
        "warning"
    } else {
        "none"
    };
    let text = match (danger, warning) {
        (0, 0) => "No danger or warning findings".to_owned(),
        (0, w) => count(w, "warning"),
        (d, 0) => count(d, "danger"),
        (d, w) => format!("{} · {}", count(d, "danger"), count(w, "warning")),
    };
    let onclick = Callback::from(|e: MouseEvent| {
        // Scroll to the list without touching the URL fragment (it may hold a shared `#token=`).
        e.prevent_default();
        dom::scroll_to(FINDINGS_ID);
    });
    html! {
        <p class={classes!("findings-summary", level)} data-testid="findings-summary"
            data-danger={danger.to_string()} data-warning={warning.to_string()} hidden={props.empty}>
            <a href={format!("#{FINDINGS_ID}")} {onclick}>
                <span class="summary-text">{ text }</span>{ " — see the findings" }
            </a>
        </p>
    }
}
