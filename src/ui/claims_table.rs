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
    /// What the table says when there are no claims (nothing at all on an empty page).
    #[prop_or(AttrValue::Static(NO_CLAIMS))]
    pub placeholder: AttrValue,
}

/// The table's text for a token whose payload is not a JSON object.
pub const NO_CLAIMS: &str = "No claims: the payload is not a JSON object.";

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

/// The first line of a date: a badge for the validity claims (`exp`, `nbf`); `iat` and `auth_time` are not
/// validity claims, so they show their age only (and a badge only when they are in the future).
fn when(name: &str, t: &ClaimTime) -> Html {
    let relative = html! { <strong>{ t.relative.as_str() }</strong> };
    match name {
        "iat" | "auth_time" if t.status == TimeStatus::Valid => {
            let verb = if name == "iat" {
                "issued "
            } else {
                "authenticated "
            };
            html! { <div class="age"><span class="label">{ verb }</span>{ relative }</div> }
        }
        "iat" | "auth_time" => html! {
            <div><span class={classes!("badge", t.status.as_str())} data-status={t.status.as_str()}>{ "in the future" }</span>{ " " }{ relative }</div>
        },
        _ => html! { <div>{ badge(t.status) }{ " " }{ relative }</div> },
    }
}

fn time(name: &str, t: &ClaimTime) -> Html {
    let local = dom::local_time(t.seconds);
    // Each timestamp is one unbreakable run (the stylesheet keeps `time` on one line).
    html! {
        <div class="time">
            { when(name, t) }
            <div><span class="label">{ "UTC " }</span><time>{ t.iso.as_str() }</time></div>
            if let Some(local) = local {
                <div><span class="label">{ "Local " }</span><time class="local">{ local }</time></div>
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
                if !claims.is_empty() || props.placeholder == NO_CLAIMS {
                    <span class="meta">{ format!("{} claim{}", claims.len(), if claims.len() == 1 { "" } else { "s" }) }</span>
                }
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
                                    if let Some(t) = &c.time { { time(&c.name, t) } }
                                </td>
                                <td class="meaning">{ c.description.unwrap_or("") }</td>
                            </tr>
                        }) }
                        if claims.len() > MAX_ROWS {
                            <tr><td colspan="3" class="empty">{ format!("… and {} more (see the payload).", claims.len() - MAX_ROWS) }</td></tr>
                        }
                        if claims.is_empty() && !props.placeholder.is_empty() {
                            <tr><td colspan="3" class="empty">{ props.placeholder.clone() }</td></tr>
                        }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
