//! The claims table: name, value, meaning; NumericDates as UTC, local time and a relative phrase with a badge.

use yew::prelude::*;

use super::dom;
use super::state::ClaimRow;
use super::state::Same;
use crate::{ClaimTime, TimeStatus};

/// Props of [`ClaimsTable`].
#[derive(Properties, PartialEq)]
pub struct ClaimsTableProps {
    /// The claims, evaluated at the current time.
    pub claims: Same<Vec<ClaimRow>>,
}

/// At most this many rows are rendered (a 1 MB payload can have thousands of members; the payload view has
/// them all).
const MAX_ROWS: usize = 200;

fn badge(status: TimeStatus) -> Html {
    let label = match status {
        TimeStatus::Valid => "valid",
        TimeStatus::Expired => "expired",
        TimeStatus::NotYetValid => "not yet valid",
    };
    html! {
        <span class={classes!("badge", status.as_str())} data-status={status.as_str()}>{ label }</span>
    }
}

fn time(t: &ClaimTime) -> Html {
    let local = dom::local_time(t.seconds);
    html! {
        <div class="time">
            <div>{ badge(t.status) }{ " " }<strong>{ t.relative.as_str() }</strong></div>
            <div><span class="label">{ "UTC " }</span><time>{ t.iso.as_str() }</time></div>
            if let Some(local) = local {
                <div><span class="label">{ "Local " }</span>{ local }</div>
            }
        </div>
    }
}

/// The table.
#[component]
pub fn ClaimsTable(props: &ClaimsTableProps) -> Html {
    let claims = &props.claims;
    html! {
        <section class="card" aria-labelledby="claims-title">
            <div class="card-head">
                <h2 id="claims-title">{ "Claims" }</h2>
                <span class="meta">{ format!("{} claim{}", claims.len(), if claims.len() == 1 { "" } else { "s" }) }</span>
            </div>
            <div class="table-wrap">
                <table class="claims" data-testid="claims">
                    <thead>
                        <tr><th scope="col">{ "Claim" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Meaning" }</th></tr>
                    </thead>
                    <tbody>
                        { for claims.iter().take(MAX_ROWS).map(|c| html! {
                            <tr data-claim={c.name.clone()} data-time-status={c.time.as_ref().map(|t| t.status.as_str())}>
                                <th scope="row"><code>{ c.name.as_str() }</code></th>
                                <td class="value">
                                    <code>{ c.value.as_str() }</code>
                                    if let Some(t) = &c.time { { time(t) } }
                                </td>
                                <td class="meaning">{ c.description.unwrap_or("") }</td>
                            </tr>
                        }) }
                        if claims.len() > MAX_ROWS {
                            <tr><td colspan="3" class="empty">{ format!("… and {} more (see the payload).", claims.len() - MAX_ROWS) }</td></tr>
                        }
                        if claims.is_empty() {
                            <tr><td colspan="3" class="empty">{ "No claims: the payload is not a JSON object." }</td></tr>
                        }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
