//! Browser suite for the app (wasm-bindgen-test in headless Chromium): mounts the real `App` and real
//! components, types into them and reads the DOM.
//!
//! `WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
//!     cargo test --target wasm32-unknown-unknown --features ui --test ui_app` (scripts/test-e2e.sh runs it).
#![cfg(all(feature = "ui", target_arch = "wasm32"))]

use std::rc::Rc;
use std::time::Duration;

use jwt_inspector::ui::claims_table::ClaimsTable;
use jwt_inspector::ui::examples;
use jwt_inspector::ui::state::{Same, State};
use jwt_inspector::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn root() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no [data-testid={testid}]"))
}

fn text(root: &Element, testid: &str) -> String {
    find(root, testid).text_content().unwrap_or_default()
}

fn status(root: &Element) -> String {
    find(root, "signature-status")
        .get_attribute("data-status")
        .unwrap_or_default()
}

async fn settle() {
    sleep(Duration::from_millis(30)).await;
}

fn input_event() -> web_sys::Event {
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    web_sys::InputEvent::new_with_event_init_dict("input", &init)
        .unwrap()
        .unchecked_into()
}

/// Yew listens at its root, so test events must bubble.
fn change_event() -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict("change", &init).unwrap()
}

async fn type_token(root: &Element, token: &str) {
    let ta: HtmlTextAreaElement = find(root, "token-input").unchecked_into();
    ta.set_value(token);
    ta.dispatch_event(&input_event()).unwrap();
    settle().await;
}

/// Types into the key field: a one-line <input> for a secret, a <textarea> for a public or private key.
async fn type_key(root: &Element, key: &str) {
    let field = find(root, "key-input");
    match field.dyn_ref::<HtmlTextAreaElement>() {
        Some(ta) => ta.set_value(key),
        None => field.unchecked_ref::<HtmlInputElement>().set_value(key),
    }
    field.dispatch_event(&input_event()).unwrap();
    settle().await;
}

fn key_label(root: &Element) -> String {
    root.query_selector("label[for=key-input]")
        .unwrap()
        .expect("a label for the key field")
        .text_content()
        .unwrap_or_default()
}

async fn mount() -> Element {
    let root = root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

#[wasm_bindgen_test]
async fn paste_decodes_and_the_key_verifies_live() {
    let root = mount().await;
    assert_eq!(status(&root), "not-applicable", "no token yet");
    type_token(&root, examples::ARTICLE).await;
    assert!(text(&root, "header-json").contains("\"HS256\""));
    assert!(text(&root, "payload-json").contains("\"John Doe\""));
    assert!(text(&root, "claims").contains("sub"));
    assert_eq!(status(&root), "no-key");

    type_key(&root, "secret").await;
    assert_eq!(status(&root), "valid");
    assert!(text(&root, "key-bits").contains("48-bit"));
    let findings = text(&root, "findings");
    assert!(findings.contains("well-known-secret"), "{findings}");

    type_key(&root, "not the secret").await;
    assert_eq!(status(&root), "invalid");

    // Tampered payload with the right key: invalid, never stale.
    type_key(&root, "secret").await;
    type_token(
        &root,
        &examples::ARTICLE.replacen("eyJzdWIi", "eyJzdWIj", 1),
    )
    .await;
    assert_eq!(status(&root), "invalid");

    // Cleared token: nothing to verify.
    type_token(&root, "").await;
    assert_eq!(status(&root), "not-applicable");
}

#[wasm_bindgen_test]
async fn broken_token_points_at_the_character_and_still_decodes_the_rest() {
    let root = mount().await;
    let broken = examples::broken();
    type_token(&root, &format!("Bearer {broken}")).await;
    let errors = find(&root, "token-errors");
    assert!(!errors.has_attribute("hidden"));
    let item = errors.query_selector("li").unwrap().unwrap();
    assert_eq!(
        item.get_attribute("data-code").as_deref(),
        Some("ERR_B64_CHAR")
    );
    assert_eq!(item.get_attribute("data-part").as_deref(), Some("payload"));
    // UTF-16 offsets of the '!' in the input as typed (after "Bearer ").
    let at = "Bearer ".len() + broken.find('!').unwrap();
    assert_eq!(item.get_attribute("data-start"), Some(at.to_string()));
    // The offending character is marked in the editor, the header still shown, the clean-up noted.
    let marked = root
        .query_selector(".backdrop .seg-error")
        .unwrap()
        .unwrap();
    assert_eq!(marked.text_content().as_deref(), Some("!"));
    assert!(text(&root, "header-json").contains("HS256"));
    assert!(text(&root, "token-notes").to_lowercase().contains("bearer"));
    // Clicking the error selects the character in the textarea.
    let button: HtmlElement = item
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    settle().await;
    let ta: HtmlTextAreaElement = find(&root, "token-input").unchecked_into();
    assert_eq!(ta.selection_start().unwrap(), Some(at as u32));
    assert_eq!(ta.selection_end().unwrap(), Some(at as u32 + 1));
}

#[wasm_bindgen_test]
async fn examples_menu_key_format_hint_and_statuses() {
    let root = mount().await;
    let select: HtmlSelectElement = find(&root, "examples").unchecked_into();
    select.set_value("text");
    select.dispatch_event(&change_event()).unwrap();
    settle().await;
    assert!(text(&root, "payload-json").contains("dangerous business"));
    // The example brings its key (issue 13 point 2): the JWK, read as a JWK, shown, and verified at once.
    assert_eq!(status(&root), "valid");
    let key: HtmlInputElement = find(&root, "key-input").unchecked_into();
    assert_eq!(key.value(), examples::RFC7520_JWK);
    assert_eq!(key.type_(), "text");
    let format: HtmlSelectElement = find(&root, "key-format").unchecked_into();
    assert_eq!(format.value(), "jwk");
    // Read as UTF-8 text, the JWK is a wrong key, and the hint offers the JWK format back.
    format.set_value("utf8");
    format.dispatch_event(&change_event()).unwrap();
    settle().await;
    assert_eq!(
        status(&root),
        "invalid",
        "read as UTF-8 text, the JWK is a wrong key"
    );
    let hint = find(&root, "key-format-hint");
    assert!(hint.text_content().unwrap().contains("JWK"));
    let button: HtmlElement = hint
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    settle().await;
    assert_eq!(status(&root), "valid");
    assert_eq!(format.value(), "jwk");

    type_token(&root, examples::RFC7516_JWE).await;
    assert_eq!(status(&root), "not-applicable");
    assert!(text(&root, "payload-json").contains("encrypted"));
}

#[wasm_bindgen_test]
async fn claims_table_component_shows_badges() {
    let root = root();
    let state = State::new(&examples::expired(), 1_516_242_000.0);
    let claims = Same(Rc::clone(&state.claims));
    yew::Renderer::<ClaimsTable>::with_root_and_props(
        root.clone(),
        jwt_inspector::ui::claims_table::ClaimsTableProps {
            claims,
            placeholder: jwt_inspector::ui::claims_table::NO_CLAIMS.into(),
        },
    )
    .render();
    settle().await;
    let exp = root
        .query_selector("tr[data-claim=exp]")
        .unwrap()
        .expect("an exp row");
    assert_eq!(
        exp.get_attribute("data-time-status").as_deref(),
        Some("valid")
    );
    let t = exp.text_content().unwrap();
    assert!(t.contains("2018-01-18T02:30:22Z"), "{t}");
    assert!(t.contains("in 10 min"), "{t}");
    assert!(t.contains("Local"), "{t}");
    // iat is not a validity claim: its age, no badge.
    let iat = root
        .query_selector("tr[data-claim=iat]")
        .unwrap()
        .expect("an iat row");
    assert!(iat.query_selector(".badge").unwrap().is_none());
    assert!(iat.text_content().unwrap().contains("issued"));
}

/// Issue 11: the audit panel applies to HMAC tokens only, and says why not otherwise (the workers themselves
/// run in the built app: tests/e2e/app.test.mjs).
#[wasm_bindgen_test]
async fn audit_panel_applies_to_hmac_tokens_and_says_why_not() {
    let root = mount().await;
    let panel = find(&root, "audit");
    let start = || {
        find(&root, "audit-start")
            .get_attribute("aria-disabled")
            .unwrap_or_default()
    };
    assert_eq!(
        panel.get_attribute("data-applicable").as_deref(),
        Some("false")
    );
    assert!(text(&root, "audit-not-applicable").contains("HS256"));
    assert_eq!(start(), "true");

    type_token(&root, examples::ARTICLE).await;
    assert_eq!(
        panel.get_attribute("data-applicable").as_deref(),
        Some("true")
    );
    assert!(root
        .query_selector("[data-testid=audit-not-applicable]")
        .unwrap()
        .is_none());
    assert_eq!(start(), "false");
    assert!(root
        .query_selector("[data-testid=audit-result]")
        .unwrap()
        .is_none());

    type_token(
        &root,
        &examples::ARTICLE.replacen("eyJhbGciOiJIUzI1NiIs", "eyJhbGciOiJSUzI1NiIs", 1),
    )
    .await;
    assert!(text(&root, "audit-not-applicable").contains("HS256, HS384 and HS512"));
    assert_eq!(start(), "true");
}

/// Issue §6: the key field follows the algorithm — a one-line "Secret" for HS*, a multi-line public key field
/// for RS256 with what the key is; an ES256 token with the RSA key is a key/algorithm mismatch.
#[wasm_bindgen_test]
async fn the_key_field_follows_the_algorithm_and_describes_the_key() {
    let root = mount().await;
    type_token(&root, examples::ARTICLE).await;
    assert_eq!(key_label(&root), "Secret");
    assert_eq!(find(&root, "key-input").tag_name(), "INPUT");

    let select: HtmlSelectElement = find(&root, "examples").unchecked_into();
    select.set_value("oidc-rs256");
    select.dispatch_event(&change_event()).unwrap();
    settle().await;
    assert_eq!(status(&root), "valid");
    assert_eq!(
        key_label(&root),
        "Public key — PEM, X.509 certificate, JWK or JWK Set"
    );
    let field = find(&root, "key-input");
    assert_eq!(field.tag_name(), "TEXTAREA");
    assert_eq!(field.get_attribute("data-masked").as_deref(), Some("false"));
    let ta: HtmlTextAreaElement = field.unchecked_into();
    assert_eq!(ta.value(), examples::OIDC_RS256_PEM);
    assert!(text(&root, "key-info").contains("RSA 2048-bit public key"));
    let format: HtmlSelectElement = find(&root, "key-format").unchecked_into();
    assert_eq!(format.value(), "utf8", "Auto: PEM, certificate or JWK");
    // The header explains the token's own algorithm.
    let header = root.query_selector("dl.fields").unwrap().unwrap();
    let explained = header.text_content().unwrap_or_default();
    assert!(
        explained.contains("RS256 = RSASSA-PKCS1-v1_5 with SHA-256"),
        "{explained}"
    );
    assert!(!explained.contains("HS256"), "{explained}");

    // The ES256 token with the RSA key still in the field: a mismatch, not a crash.
    type_token(&root, examples::ES256_TOKEN).await;
    assert_eq!(status(&root), "key-error");
    assert!(text(&root, "signature-status").contains("KEY_ALG_MISMATCH"));
    type_key(&root, examples::ES256_JWK).await;
    assert_eq!(status(&root), "valid");
    assert!(text(&root, "key-info").contains("EC P-256 public key"));
}
