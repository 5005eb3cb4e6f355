//! The app state, its actions and a pure reducer, with one submodule per concern: the token
//! ([`token`]: the core's `inspect`, once, ready to show), the key and signature ([`signature`]: what the key
//! field asks for, and the core's `Verifier`) and the encoder ([`encoder`]: the core's `sign_with_entropy`
//! under its key rule). Sharing a link and the theme live in the toolbar: they hold no state the reducer needs.
//!
//! Everything shown is derived here from the core (`inspect`, the `Verifier`, `keys::detect_format`,
//! `material::classify`, signing with the core's one key rule), so the whole behaviour of the app is unit-tested
//! natively without a browser. The clock is an input (`Action::Tick`), as in the core.

use std::fmt;
use std::rc::Rc;

use yew::Reducible;

use super::examples::Example;
use crate::jwt::{claims, lints};
use crate::{Decoded, Finding, KeyFormat};

pub mod encoder;
pub mod messages;
pub mod signature;
pub mod token;

pub use encoder::{default_payload, Encoder, DEFAULT_HEADER};
pub use signature::{
    claims_verdict, signature_view, ClaimsVerdict, KeyKind, SignatureView, UiStatus,
};
pub use token::{
    ClaimRow, Parsed, PayloadDisplay, PayloadView, Phase, LARGE_TOKEN, MAX_CLAIM_VALUE,
    STEPWISE_TOKEN,
};

/// An `Rc` compared by identity, for props holding derived data: a component re-renders only when the data
/// was recomputed, without comparing (possibly megabytes of) contents.
pub struct Same<T>(pub Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> std::ops::Deref for Same<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<&Rc<T>> for Same<T> {
    fn from(rc: &Rc<T>) -> Self {
        Same(rc.clone())
    }
}

/// Which view the decoded side shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Header and payload as pretty, read-only JSON.
    Decode,
    /// Header and payload as editable JSON; the token is re-signed on every edit.
    Encode,
}

/// The whole app state. Cheap to clone: everything derived is behind its own `Rc`, so each step replaces
/// only what it computes and components re-render only for what changed.
#[derive(Clone)]
pub struct State {
    /// The token text as typed or pasted.
    pub token: Rc<str>,
    /// The key text (a secret: never logged, stored or put in a URL).
    pub key: Rc<str>,
    /// How the key text is read.
    pub key_format: KeyFormat,
    /// What the key field asks for: a secret, a public key or (Encode view) a private key, following the
    /// token's algorithm (in the Encode view, the header editor's).
    pub key_kind: KeyKind,
    /// Show or hide, once asked for (Show / Hide, or an example that shows its key); `None` follows the key.
    pub key_shown: Option<bool>,
    /// Whether the key field shows its text now: as asked for, or else a public key, certificate or public
    /// JWK (Set) is shown, and a secret, a private key or anything else is hidden (derived).
    pub key_visible: bool,
    /// True while the key is the one an example filled in (typing a key of one's own hides the field again).
    pub key_from_example: bool,
    /// The clock, unix seconds.
    pub now: f64,
    /// Decode or encode.
    pub view: View,
    /// The decoded token and header.
    pub parsed: Rc<Parsed>,
    /// The payload.
    pub payload: Rc<PayloadDisplay>,
    /// The claims table, evaluated at `now`.
    pub claims: Rc<Vec<ClaimRow>>,
    /// The token's findings.
    pub findings: Rc<Vec<Finding>>,
    /// The signature status.
    pub signature: Rc<SignatureView>,
    /// The encoder's editors.
    pub encoder: Rc<Encoder>,
    /// The next step for a large token, if it is still being processed.
    pub pending: Option<Phase>,
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("State")
            .field("token_len", &self.token.len())
            .field("key", &format_args!("<{} bytes redacted>", self.key.len()))
            .field("key_format", &self.key_format)
            .field("key_kind", &self.key_kind)
            .field("now", &self.now)
            .field("view", &self.view)
            .field("pending", &self.pending)
            .field("status", &self.signature.status)
            .finish_non_exhaustive()
    }
}

/// What can happen.
#[derive(Clone, PartialEq)]
pub enum Action {
    /// The token text changed (typed, pasted, an example, a shared link).
    SetToken(String),
    /// The key text changed.
    SetKey(String),
    /// The key format changed.
    SetKeyFormat(KeyFormat),
    /// Switch views.
    SetView(View),
    /// The encoder's header text changed.
    EditHeader(String),
    /// The encoder's payload text changed.
    EditPayload(String),
    /// An example was chosen: its token, and its key (or none) with the key's format.
    LoadExample(Example),
    /// Show or hide the key text.
    ToggleKeyVisibility,
    /// The clock moved (unix seconds).
    Tick(f64),
    /// Run the next step for a large token (see [`State::pending`]).
    Continue,
}

impl fmt::Debug for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::SetToken(t) => write!(f, "SetToken(<{} bytes>)", t.len()),
            Action::SetKey(k) => write!(f, "SetKey(<{} bytes redacted>)", k.len()),
            Action::SetKeyFormat(k) => write!(f, "SetKeyFormat({k:?})"),
            Action::SetView(v) => write!(f, "SetView({v:?})"),
            Action::EditHeader(t) => write!(f, "EditHeader(<{} bytes>)", t.len()),
            Action::EditPayload(t) => write!(f, "EditPayload(<{} bytes>)", t.len()),
            Action::LoadExample(e) => write!(f, "LoadExample({})", e.id),
            Action::ToggleKeyVisibility => f.write_str("ToggleKeyVisibility"),
            Action::Tick(now) => write!(f, "Tick({now})"),
            Action::Continue => f.write_str("Continue"),
        }
    }
}

impl State {
    /// The state for `token` at time `now`, with no key (a large token is left `pending`).
    pub fn new(token: &str, now: f64) -> Self {
        let mut s = State {
            token: "".into(),
            key: "".into(),
            key_format: KeyFormat::Utf8,
            key_kind: KeyKind::Secret,
            key_shown: None,
            key_visible: false,
            key_from_example: false,
            now,
            view: View::Decode,
            parsed: Rc::new(Parsed::pending()),
            payload: Rc::new(PayloadDisplay::pending()),
            claims: Rc::default(),
            findings: Rc::default(),
            signature: Rc::new(SignatureView::checking()),
            encoder: Rc::default(),
            pending: None,
        };
        s.set_token(token.to_owned());
        s
    }

    /// The decoded token.
    pub fn decoded(&self) -> &Decoded {
        &self.parsed.decoded
    }

    /// Takes a new token: an ordinary one is processed at once, a large one step by step ([`Action::Continue`]).
    fn set_token(&mut self, token: String) {
        self.token = token.into();
        self.parsed = Rc::new(Parsed::pending());
        self.payload = Rc::new(PayloadDisplay::pending());
        self.claims = Rc::default();
        self.findings = Rc::default();
        self.signature = Rc::new(SignatureView::checking());
        self.pending = Some(Phase::Inspect);
        if self.token.len() <= STEPWISE_TOKEN {
            while self.pending.is_some() {
                self.step();
            }
        }
    }

    /// Runs the pending step.
    fn step(&mut self) {
        let Some(phase) = self.pending else { return };
        self.pending = phase.next();
        match phase {
            Phase::Inspect => {
                let i = token::inspected(&self.token, self.now);
                self.parsed = Rc::new(i.parsed);
                self.payload = Rc::new(i.payload);
                self.claims = Rc::new(i.claims);
                self.findings = Rc::new(i.findings);
            }
            Phase::PayloadView => {
                self.payload = Rc::new(self.payload.view(&self.parsed.decoded));
            }
            Phase::Signature => self.reverify(),
        }
    }

    /// Re-evaluates the claims' times at `now`.
    fn retime(&mut self) {
        let now = self.now;
        let rows = self.claims.iter().map(|r| ClaimRow {
            time: r
                .time
                .as_ref()
                .map(|t| claims::evaluate(&r.name, t.seconds, now)),
            ..r.clone()
        });
        self.claims = Rc::new(rows.collect());
    }

    /// What the key field asks for now: in the Encode view the header editor's `alg` decides (a private key
    /// signs RS256), otherwise the token's (a public key verifies it). A JWE, an unsecured token or none
    /// at all asks for a secret.
    fn wanted_key_kind(&self) -> KeyKind {
        let signing = self.view == View::Encode;
        if signing {
            if let Some(alg) = encoder::header_alg(&self.encoder) {
                return KeyKind::for_alg(Some(&alg), true);
            }
        }
        let d = self.decoded();
        match d.kind {
            crate::TokenKind::Jws => KeyKind::for_alg(d.alg.as_deref(), signing),
            _ => KeyKind::Secret,
        }
    }

    /// Follows the algorithm: the key field's kind, and a format the new kind's menu offers (a hex secret's
    /// format does not read a PEM key). Returns true when the format changed.
    fn sync_key_kind(&mut self) -> bool {
        self.key_kind = self.wanted_key_kind();
        if self.key_kind.formats().contains(&self.key_format) {
            return false;
        }
        self.key_format = KeyFormat::Utf8;
        true
    }

    /// Whether the key text is shown: as asked for, or else only public key material.
    fn refresh_key_visibility(&mut self) {
        self.key_visible = self.key_shown.unwrap_or_else(|| {
            self.key_kind != KeyKind::Secret
                && !self.signature.key_private
                && signature::looks_public(&self.key)
        });
    }

    fn reverify(&mut self) {
        if self.pending.is_some_and(|p| p <= Phase::Signature) {
            self.refresh_key_visibility();
            return; // the signature step will do it
        }
        self.sync_key_kind();
        let mut view = signature_view(
            &self.parsed.decoded,
            &self.key,
            self.key_format,
            self.now,
            self.key_kind,
        );
        if self.view == View::Encode && self.token.trim().is_empty() {
            // Nothing to decode: the encoder makes the token, and what it lacks is the key (or a usable one).
            view = signature::to_sign(view, &self.key, self.key_format, self.key_kind);
        }
        self.signature = Rc::new(view);
        self.refresh_key_visibility();
    }

    /// Fills the encoder's editors from the current token (or defaults when it has no JSON header/payload).
    fn sync_encoder(&mut self) {
        self.encoder = Rc::new(encoder::from_token(&self.token, &self.parsed, self.now));
    }

    /// Signs the encoder's texts with the key; on success the token becomes the new one, otherwise the
    /// error is shown and the last good token stays.
    fn resign(&mut self) {
        // The header's alg may have changed what the key field asks for (HS256 → RS256: a private key).
        let kind = self.key_kind;
        let format_changed = self.sync_key_kind();
        let result = encoder::sign(&self.encoder, &self.key, self.key_format);
        let mut enc = (*self.encoder).clone();
        let mut resigned = false;
        match result {
            Ok(token) => {
                enc.error = None;
                enc.note = None;
                if *token != *self.token {
                    self.set_token(token);
                    resigned = true;
                }
            }
            Err(e) => enc.error = Some(e),
        }
        self.encoder = Rc::new(enc);
        if !resigned && (format_changed || kind != self.key_kind) {
            self.reverify();
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetToken(t) => {
                if *t == *s.token {
                    return self;
                }
                s.set_token(t);
                if s.view == View::Encode {
                    s.sync_encoder();
                }
            }
            Action::SetKey(k) => {
                if *k == *s.key {
                    return self;
                }
                s.key = k.into();
                if s.key_from_example {
                    // A key of one's own: shown only if it is public (Show reveals any).
                    s.key_from_example = false;
                    s.key_shown = None;
                }
                s.reverify();
                if s.view == View::Encode {
                    s.resign();
                }
            }
            Action::SetKeyFormat(f) => {
                if f == s.key_format {
                    return self;
                }
                s.key_format = f;
                s.reverify();
                if s.view == View::Encode {
                    s.resign();
                }
            }
            Action::SetView(v) => {
                if v == s.view {
                    return self;
                }
                s.view = v;
                if v == View::Encode {
                    s.sync_encoder();
                    if s.token.trim().is_empty() && !s.key.is_empty() {
                        // An empty page with a key already entered: sign the template at once.
                        s.resign();
                    }
                }
                s.reverify();
            }
            Action::LoadExample(e) => {
                s.key = e.key.into();
                s.key_format = e.key_format;
                s.key_shown = (!e.key.is_empty()).then_some(true);
                s.key_from_example = !e.key.is_empty();
                if *e.token == *s.token {
                    s.reverify();
                } else {
                    s.set_token(e.token);
                }
                if s.view == View::Encode {
                    s.sync_encoder();
                }
            }
            Action::ToggleKeyVisibility => {
                s.key_shown = Some(!s.key_visible);
                s.key_from_example = false;
                s.refresh_key_visibility();
            }
            Action::EditHeader(text) => {
                Rc::make_mut(&mut s.encoder).header = text;
                s.resign();
            }
            Action::EditPayload(text) => {
                Rc::make_mut(&mut s.encoder).payload = text;
                s.resign();
            }
            Action::Tick(now) => {
                if now == s.now {
                    return self;
                }
                s.now = now;
                if s.pending.is_none() && s.claims.iter().any(|c| c.time.is_some()) {
                    // Badges and relative times every tick. Findings (whose messages also say "… ago") are
                    // re-linted every tick for ordinary tokens, and for a large one only when a badge flips,
                    // since linting a megabyte every second would be wasted work.
                    let before: Vec<_> = s
                        .claims
                        .iter()
                        .map(|c| c.time.as_ref().map(|t| t.status))
                        .collect();
                    s.retime();
                    let flipped = s
                        .claims
                        .iter()
                        .zip(before)
                        .any(|(c, b)| c.time.as_ref().map(|t| t.status) != b);
                    if flipped || s.token.len() <= STEPWISE_TOKEN {
                        s.findings = Rc::new(lints::lint(&s.parsed.decoded, now));
                    }
                }
            }
            Action::Continue => {
                if s.pending.is_none() {
                    return self;
                }
                s.step();
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::claims::TimeStatus;
    use crate::ui::examples;
    use crate::{ErrorCode, Part, VerifyCode, VerifyOptions};

    const NOW: f64 = 1_700_000_000.0;

    fn run(state: State, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions.into_iter().fold(Rc::new(state), |s, a| s.reduce(a))
    }

    fn status(s: &State) -> &'static str {
        s.signature.status.as_str()
    }

    #[test]
    fn article_token_verifies_with_secret_only() {
        let s = run(
            State::new("", NOW),
            [Action::SetToken(examples::ARTICLE.into())],
        );
        assert_eq!(status(&s), "no-key");
        assert!(s.decoded().errors.is_empty());
        assert!(s.parsed.header.as_ref().is_some_and(|h| h.coloured));
        assert!(matches!(s.payload.view, PayloadView::Json(ref p) if p.coloured));
        assert_eq!(s.claims.len(), 3);

        let s = s.reduce(Action::SetKey("secret".into()));
        assert_eq!(status(&s), "valid");
        assert_eq!(s.signature.key_summary.as_deref(), Some("48-bit secret"));
        assert_eq!(s.key_kind, KeyKind::Secret);
        assert!(!s.key_visible, "a secret is masked");
        let ids: Vec<_> = s.signature.findings.iter().map(Finding::id).collect();
        assert!(ids.contains(&"well-known-secret"), "{ids:?}");

        let s = s.reduce(Action::SetKey("secreT".into()));
        assert_eq!(status(&s), "invalid");
        assert_eq!(s.signature.code, Some(VerifyCode::InvalidSignature));

        // Clearing the key never leaves a stale verdict.
        let s = s.reduce(Action::SetKey(String::new()));
        assert_eq!(status(&s), "no-key");
        assert!(s.signature.findings.is_empty());
    }

    #[test]
    fn changing_the_token_reverifies() {
        let s = run(
            State::new(examples::ARTICLE, NOW),
            [Action::SetKey("secret".into())],
        );
        assert_eq!(status(&s), "valid");
        // One payload character changed: still decodes, no longer verifies.
        let tampered = examples::ARTICLE.replacen("eyJzdWIi", "eyJzdWIj", 1);
        let s = s.reduce(Action::SetToken(tampered));
        assert_eq!(status(&s), "invalid");
        // Malformed with a key: invalid, not a key error.
        let s = s.reduce(Action::SetToken(examples::broken()));
        assert_eq!(status(&s), "invalid");
        assert_eq!(s.signature.code, Some(VerifyCode::Malformed));
        // Cleared: nothing to verify, whatever the key.
        let s = s.reduce(Action::SetToken(String::new()));
        assert_eq!(status(&s), "not-applicable");
        let s = s.reduce(Action::SetKey(String::new()));
        assert_eq!(status(&s), "not-applicable");
        let s = s.reduce(Action::SetToken(examples::ARTICLE.into()));
        assert_eq!(status(&s), "no-key");
    }

    #[test]
    fn statuses_for_unsupported_unsecured_jwe_and_key_errors() {
        // ES256K: unsupported whether or not a key is entered, and the message says it is not "invalid".
        let token = |alg: &str| {
            format!(
                "{}.{}.c2ln",
                crate::jwt::b64::encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes()),
                crate::jwt::b64::encode(br#"{"sub":"x"}"#)
            )
        };
        let s = run(State::new(&token("ES256K"), NOW), []);
        assert_eq!(status(&s), "unsupported");
        assert!(s.signature.title.contains("ES256K"));
        assert!(s.signature.message.contains("does not make it invalid"));
        let s = s.reduce(Action::SetKey(vectors::key("p256", "spki")));
        assert_eq!(status(&s), "unsupported");
        assert_eq!(s.key_kind, KeyKind::Public, "a public key would verify it");

        // RS256 is verified now: without a key it waits for the public key; a secret is the wrong key.
        let s = run(State::new(&token("RS256"), NOW), []);
        assert_eq!(status(&s), "no-key");
        assert!(
            s.signature.message.contains("public key"),
            "{}",
            s.signature.message
        );
        let s = s.reduce(Action::SetKey("secret".into()));
        assert_eq!(status(&s), "key-error");
        assert_eq!(s.signature.code, Some(VerifyCode::KeyAlgMismatch));
        assert!(s.signature.title.contains("RS256"), "{}", s.signature.title);

        let s = run(State::new(&examples::unsecured(), NOW), []);
        assert_eq!(status(&s), "not-applicable");
        let s = s.reduce(Action::SetKey("secret".into()));
        assert_eq!(status(&s), "not-applicable");

        let s = run(State::new(examples::RFC7516_JWE, NOW), []);
        assert_eq!(status(&s), "not-applicable");
        assert_eq!(s.payload.view, PayloadView::Encrypted);

        let s = run(
            State::new(examples::ARTICLE, NOW),
            [
                Action::SetKeyFormat(KeyFormat::Hex),
                Action::SetKey("zz".into()),
            ],
        );
        assert_eq!(status(&s), "key-error");
        assert_eq!(
            s.signature.key_error.as_ref().map(|e| e.code),
            Some(ErrorCode::KeyHex)
        );
    }

    #[test]
    fn key_formats_and_hint() {
        let s = run(
            State::new(examples::RFC7520_TEXT, NOW),
            [Action::SetKey(examples::RFC7520_JWK.into())],
        );
        // Read as UTF-8 the JWK text is a wrong key; the hint says it looks like a JWK.
        assert_eq!(status(&s), "invalid");
        assert_eq!(s.signature.hint, Some(KeyFormat::Jwk));
        let s = s.reduce(Action::SetKeyFormat(KeyFormat::Jwk));
        assert_eq!(status(&s), "valid");
        assert_eq!(s.signature.hint, None);
        assert!(matches!(s.payload.view, PayloadView::Text(_)));
        assert!(s
            .payload
            .text
            .as_deref()
            .is_some_and(|t| t.starts_with("It’s")));
        // JWKS accepts the single JWK too, and no hint is given between the two JSON formats.
        let s = s.reduce(Action::SetKeyFormat(KeyFormat::Jwks));
        assert_eq!(status(&s), "valid");
        assert_eq!(s.signature.hint, None);
    }

    #[test]
    fn expired_token_signature_valid_badge_expired_and_kept_current() {
        let exp = examples::expired(); // exp 1516242622
        let s = run(
            State::new(&exp, 1_516_242_000.0),
            [Action::SetKey("secret".into())],
        );
        assert_eq!(status(&s), "valid");
        let badge = |s: &State| {
            s.claims
                .iter()
                .find(|c| c.name == "exp")
                .and_then(|c| c.time.as_ref())
                .map(|t| (t.status, t.relative.clone()))
                .unwrap()
        };
        assert_eq!(badge(&s), (TimeStatus::Valid, "in 10 min".into()));
        let has_expired_finding = |s: &State| s.findings.iter().any(|f| f.id() == "expired");
        assert!(!has_expired_finding(&s));
        // The clock moves past exp: the badge and the findings follow, the signature stays verified.
        let s = s.reduce(Action::Tick(1_516_242_700.0));
        assert_eq!(badge(&s), (TimeStatus::Expired, "1 min 18 s ago".into()));
        assert!(has_expired_finding(&s));
        assert_eq!(status(&s), "valid");
    }

    #[test]
    fn encoder_signs_live_and_keeps_the_last_good_token() {
        let s = run(
            State::new(examples::ARTICLE, NOW),
            [
                Action::SetKey("secret".into()),
                Action::SetView(View::Encode),
            ],
        );
        assert_eq!(
            *s.token,
            *examples::ARTICLE,
            "switching views changes nothing"
        );
        assert!(s.encoder.payload.contains("\"John Doe\""));

        let edited = s.encoder.payload.replace("John Doe", "Jane Doe");
        let s = s.reduce(Action::EditPayload(edited));
        assert_ne!(*s.token, *examples::ARTICLE);
        assert_eq!(status(&s), "valid", "signed with the entered key");
        assert!(s.encoder.error.is_none());
        let good = s.token.clone();
        let v = crate::verify(
            &good,
            "secret",
            KeyFormat::Utf8,
            &VerifyOptions::signature_only(),
        );
        assert!(v.is_valid());
        assert!(s.payload.text.as_deref().unwrap().contains("Jane Doe"));

        // Invalid JSON: an error with its position, and the token stays the last good one.
        let s = s.reduce(Action::EditPayload("{\"sub\": }".into()));
        let e = s.encoder.error.clone().expect("an error");
        assert_eq!((e.code, e.part), (ErrorCode::JsonSyntax, Part::Payload));
        assert_eq!(e.span.start, 8);
        assert_eq!(s.token, good);

        // RS256 needs a private key: the secret is refused by the core's key rule, and the key field now asks
        // for a private key. An unknown alg cannot be signed at all.
        let s = s.reduce(Action::EditPayload("{}".into()));
        assert!(s.encoder.error.is_none());
        let s = s.reduce(Action::EditHeader(r#"{"alg":"RS256"}"#.into()));
        assert_eq!(
            s.encoder.error.as_ref().map(|e| e.code),
            Some(ErrorCode::KeyAlg)
        );
        assert_eq!(s.key_kind, KeyKind::Private);
        let s = s.reduce(Action::EditHeader(r#"{"alg":"XS256"}"#.into()));
        assert_eq!(
            s.encoder.error.as_ref().map(|e| e.code),
            Some(ErrorCode::SignInput)
        );
        assert_eq!(s.key_kind, KeyKind::Secret);

        // Changing the key re-signs; clearing it is an error and keeps the token.
        let s = s.reduce(Action::EditHeader(DEFAULT_HEADER.into()));
        let t1 = s.token.clone();
        let s = s.reduce(Action::SetKey("another secret".into()));
        assert_ne!(s.token, t1);
        assert_eq!(status(&s), "valid");
        let t2 = s.token.clone();
        let s = s.reduce(Action::SetKey(String::new()));
        assert_eq!(
            s.encoder.error.as_ref().map(|e| e.code),
            Some(ErrorCode::KeyEmpty)
        );
        assert_eq!(s.token, t2);
    }

    #[test]
    fn pasting_in_encode_view_refills_the_editors() {
        let s = run(State::new("", NOW), [Action::SetView(View::Encode)]);
        assert_eq!(s.encoder.header, DEFAULT_HEADER);
        assert_eq!(s.encoder.payload, default_payload(NOW));
        let s = s.reduce(Action::SetToken(examples::expired()));
        assert!(s.encoder.payload.contains("1516242622"));
    }

    #[test]
    fn encode_from_an_empty_page_starts_from_a_template_and_asks_for_the_secret() {
        let s = run(State::new("", NOW), []);
        assert_eq!(s.signature.title, "No token");
        let s = s.reduce(Action::SetView(View::Encode));
        let h = crate::jwt::json::parse(&s.encoder.header).unwrap().value;
        assert_eq!(h.to_compact(), r#"{"alg":"HS256","typ":"JWT"}"#);
        let p = crate::jwt::json::parse(&s.encoder.payload).unwrap().value;
        assert_eq!(
            p.to_compact(),
            r#"{"sub":"1234567890","name":"John Doe","iat":1700000000}"#
        );
        assert_eq!(
            (status(&s), s.signature.title.as_str()),
            ("no-key", "Enter a secret to sign")
        );
        assert!(s.encoder.note.is_none());
        // The secret signs the template at once.
        let s = s.reduce(Action::SetKey("a secret of thirty-two bytes!!!!".into()));
        assert_eq!(status(&s), "valid");
        assert!(s
            .payload
            .text
            .as_deref()
            .unwrap()
            .contains("\"iat\": 1700000000"));
        // Back in Decode with an empty token, the Decode wording returns.
        let s = s.reduce(Action::SetToken(String::new()));
        assert_eq!(
            s.signature.title, "Not signed yet",
            "still in Encode, with a key"
        );
        let s = s.reduce(Action::SetView(View::Decode));
        assert_eq!(s.signature.title, "No token");
        // A key already entered: switching to Encode on an empty page signs the template right away.
        let s = s.reduce(Action::SetView(View::Encode));
        assert_eq!(status(&s), "valid");
        assert!(!s.token.is_empty());
    }

    #[test]
    fn encode_after_a_broken_token_says_why_the_payload_editor_is_empty() {
        let s = run(
            State::new(&examples::broken(), NOW),
            [Action::SetView(View::Encode)],
        );
        assert_eq!(s.encoder.payload, "");
        let note = s.encoder.note.clone().expect("a note");
        assert!(note.contains("payload could not be decoded"), "{note}");
        assert!(note.contains("ERR_B64_CHAR"), "{note}");
        assert!(!note.contains("at byte"), "{note}");
        // A JWE: encrypted, nothing to edit.
        let s = s.reduce(Action::SetToken(examples::RFC7516_JWE.into()));
        assert!(s.encoder.note.as_deref().unwrap().contains("encrypted"));
        // A signed edit clears the note.
        let s = s.reduce(Action::SetKey("secret".into()));
        let s = s.reduce(Action::EditHeader(DEFAULT_HEADER.into()));
        let s = s.reduce(Action::EditPayload("{}".into()));
        assert!(s.encoder.error.is_none());
        assert_eq!(s.encoder.note, None);
        // A good token has no note.
        let s = s.reduce(Action::SetToken(examples::ARTICLE.into()));
        assert_eq!(s.encoder.note, None);
    }

    #[test]
    fn examples_bring_their_key_shown_and_verify_at_once() {
        let s = run(State::new("", NOW), []);
        for e in examples::all() {
            let s = s.clone().reduce(Action::LoadExample(e.clone()));
            assert_eq!(*s.token, *e.token);
            assert_eq!((&*s.key, s.key_format), (e.key, e.key_format));
            assert_eq!(s.key_visible, !e.key.is_empty(), "{}", e.id);
            let kind = if e.id == "oidc-rs256" || e.id == "es256" {
                KeyKind::Public
            } else {
                KeyKind::Secret
            };
            assert_eq!(s.key_kind, kind, "{}", e.id);
            if !e.key.is_empty() {
                assert_eq!(status(&s), "valid", "{}", e.id);
            }
        }
        // A key of one's own is hidden again; Show still works.
        let s = s.reduce(Action::LoadExample(examples::find("article").unwrap()));
        assert!(s.key_visible);
        let s = s.reduce(Action::SetKey("my own secret".into()));
        assert!(!s.key_visible);
        let s = s.reduce(Action::ToggleKeyVisibility);
        assert!(s.key_visible);
        let s = s.reduce(Action::SetKey("my own secret!".into()));
        assert!(s.key_visible, "asked for: stays shown");
        // The same example again restores its key even though the token did not change.
        let s = s.reduce(Action::LoadExample(examples::find("article").unwrap()));
        assert_eq!((&*s.key, status(&s)), ("secret", "valid"));
        // An example without a key clears it.
        let s = s.reduce(Action::LoadExample(examples::find("broken").unwrap()));
        assert_eq!((&*s.key, s.key_visible), ("", false));
    }

    #[test]
    fn a_verified_expired_token_says_so_in_its_status() {
        let s = run(
            State::new("", NOW),
            [Action::LoadExample(examples::find("expired").unwrap())],
        );
        assert_eq!(status(&s), "valid");
        let v = claims_verdict(&s.claims).unwrap();
        assert_eq!(v.status, crate::TimeStatus::Expired);
        assert!(
            v.phrase.as_deref().unwrap().starts_with("expired "),
            "{v:?}"
        );
        assert!(v.phrase.as_deref().unwrap().ends_with(" ago"), "{v:?}");
        // Not yet valid, and valid.
        let h = crate::jwt::json::parse(r#"{"alg":"HS256"}"#).unwrap().value;
        let nbf = format!(r#"{{"nbf":{}}}"#, NOW + 7200.0);
        let t = crate::sign(&h, nbf.as_bytes(), b"secret").unwrap();
        let s = s.reduce(Action::SetToken(t));
        let v = claims_verdict(&s.claims).unwrap();
        assert_eq!(v.status, crate::TimeStatus::NotYetValid);
        assert!(v.phrase.as_deref().unwrap().contains("in 2 h"), "{v:?}");
        let s = s.reduce(Action::SetToken(examples::ARTICLE.into()));
        let v = claims_verdict(&s.claims).unwrap();
        assert_eq!((v.status, v.phrase), (crate::TimeStatus::Valid, None));
        // No claims to judge.
        let s = s.reduce(Action::SetToken(examples::RFC7516_JWE.into()));
        assert_eq!(claims_verdict(&s.claims), None);
    }

    #[test]
    fn unchanged_inputs_do_not_rerender() {
        let s = Rc::new(State::new(examples::ARTICLE, NOW));
        let same = s.clone().reduce(Action::SetToken(examples::ARTICLE.into()));
        assert!(Rc::ptr_eq(&s, &same));
        let same = s.clone().reduce(Action::Tick(NOW));
        assert!(Rc::ptr_eq(&s, &same));
    }

    /// What the app shows is what the core's `inspect` gives.
    #[test]
    fn the_state_shows_what_inspect_gives() {
        let tokens = [
            examples::ARTICLE.to_owned(),
            examples::expired(),
            examples::RFC7520_TEXT.to_owned(),
            examples::RFC7516_JWE.to_owned(),
            examples::broken(),
            examples::unsecured(),
            "Bearer a.b".to_owned(),
            String::new(),
        ];
        for t in tokens {
            let s = State::new(&t, NOW);
            let i = crate::inspect(&t, NOW);
            assert_eq!(s.pending, None);
            assert_eq!(s.parsed.header_json, i.header_json, "{t}");
            assert_eq!(s.parsed.header_fields, i.header_fields, "{t}");
            assert_eq!(s.payload.text, i.payload_text, "{t}");
            assert_eq!(*s.findings, i.findings, "{t}");
            let names: Vec<_> = s.claims.iter().map(|c| c.name.clone()).collect();
            let expected: Vec<_> = i.claims.iter().map(|c| c.name.clone()).collect();
            assert_eq!(names, expected, "{t}");
            let times: Vec<_> = s.claims.iter().map(|c| c.time.clone()).collect();
            let expected: Vec<_> = i.claims.iter().map(|c| c.time.clone()).collect();
            assert_eq!(times, expected, "{t}");
        }
    }

    #[test]
    fn large_tokens_are_processed_step_by_step() {
        let filler = "x".repeat(2 * LARGE_TOKEN);
        let payload = format!(r#"{{"sub":"big","exp":1516242622,"blob":"{filler}"}}"#);
        let h = crate::jwt::json::parse(r#"{"alg":"HS256"}"#).unwrap().value;
        let big = crate::sign(&h, payload.as_bytes(), b"secret").unwrap();
        let s = run(
            State::new("", NOW),
            [
                Action::SetKey("secret".into()),
                Action::SetToken(big.clone()),
            ],
        );
        // The paste itself only takes the text; each step then runs in its own task.
        assert_eq!(s.pending, Some(Phase::Inspect));
        assert!(s.parsed.pending);
        assert!(s.signature.pending);
        // First the core's inspect, once: header, payload text, claims and findings together.
        let s = s.reduce(Action::Continue);
        assert_eq!(s.pending, Some(Phase::PayloadView));
        assert!(s.parsed.header.is_some());
        assert!(s.payload.text.is_some());
        assert_eq!(s.payload.view, PayloadView::Pending);
        assert_eq!(s.claims.len(), 3);
        let blob = &s.claims[2];
        assert_eq!(
            blob.value.chars().count(),
            MAX_CLAIM_VALUE + 1,
            "shortened, with an ellipsis"
        );
        assert!(s.findings.iter().any(|f| f.id() == "expired"));
        let s = s.reduce(Action::Continue);
        assert!(matches!(s.payload.view, PayloadView::Json(ref p) if !p.coloured));
        // A key change before the signature step neither verifies twice nor shows a verdict early.
        let s = s.reduce(Action::SetKey("secret!".into()));
        assert!(s.signature.pending);
        let s = s.reduce(Action::SetKey("secret".into()));
        assert_eq!(s.pending, Some(Phase::Signature));
        let s = s.reduce(Action::Continue);
        assert_eq!(status(&s), "valid");
        assert_eq!(s.pending, None);
        // Nothing left to do.
        let same = s.clone().reduce(Action::Continue);
        assert!(Rc::ptr_eq(&s, &same));
    }

    /// Keys and tokens of tests/vectors/interop-asymmetric.json (PyJWT and jose interop vectors).
    mod vectors {
        use crate::jwt::json::{self, Json};

        const TEXT: &str = include_str!("../../tests/vectors/interop-asymmetric.json");

        fn all() -> Json {
            json::parse(TEXT).unwrap().value
        }

        /// A key form (`spki`, `cert`, `pkcs8`, `jwk`, `jwkPrivate`, …) of `keys.<name>`, as key text.
        pub fn key(name: &str, form: &str) -> String {
            let v = all();
            let k = v
                .get("keys")
                .and_then(|k| k.get(name))
                .and_then(|k| k.get(form));
            match k {
                Some(Json::String(s)) => s.to_string(),
                Some(other) => other.to_compact(),
                None => panic!("no keys.{name}.{form}"),
            }
        }

        /// The token of case `id`.
        pub fn token(id: &str) -> String {
            let v = all();
            let Some(Json::Array(cases)) = v.get("cases") else {
                panic!("no cases")
            };
            cases
                .iter()
                .find(|c| c.get("id").and_then(Json::as_str) == Some(id))
                .and_then(|c| c.get("token").and_then(Json::as_str))
                .unwrap_or_else(|| panic!("no case {id}"))
                .to_owned()
        }
    }

    #[test]
    fn rs256_with_its_pem_verifies_a_changed_payload_does_not_and_an_es256_token_is_a_mismatch() {
        let rs = vectors::token("pyjwt-rs256-spki");
        let s = run(State::new(&rs, NOW), []);
        assert_eq!((status(&s), s.key_kind), ("no-key", KeyKind::Public));
        // The alg explanation names the token's algorithm.
        let alg = s
            .parsed
            .header_fields
            .iter()
            .find(|f| f.name == "alg")
            .unwrap();
        assert!(
            alg.description
                .unwrap()
                .contains("RS256 = RSASSA-PKCS1-v1_5 with SHA-256"),
            "{:?}",
            alg.description
        );
        let s = s.reduce(Action::SetKey(vectors::key("rsa", "spki")));
        assert_eq!(status(&s), "valid", "{}", s.signature.message);
        assert_eq!(
            s.signature.key_summary.as_deref(),
            Some("RSA 2048-bit public key, PEM public key (SubjectPublicKeyInfo)")
        );
        assert!(s.key_visible, "a public key is shown");
        assert!(!s.signature.key_private);
        // One payload character changed.
        let (h, rest) = rs.split_once('.').unwrap();
        let (p, sig) = rest.split_once('.').unwrap();
        let mut p = p.to_owned();
        let c = if p.ends_with('A') { "B" } else { "A" };
        p.replace_range(p.len() - 1.., c);
        let s = s.reduce(Action::SetToken(format!("{h}.{p}.{sig}")));
        assert_eq!(status(&s), "invalid");
        assert_eq!(s.signature.code, Some(VerifyCode::InvalidSignature));
        // An ES256 token with the RSA key: a key/algorithm mismatch, the key still described.
        let s = s.reduce(Action::SetToken(vectors::token("pyjwt-es256-spki")));
        assert_eq!(status(&s), "key-error");
        assert_eq!(s.signature.code, Some(VerifyCode::KeyAlgMismatch));
        assert!(
            s.signature.message.contains("ES256"),
            "{}",
            s.signature.message
        );
        assert!(s
            .signature
            .key_summary
            .as_deref()
            .unwrap()
            .starts_with("RSA 2048-bit"));
        // Its own key in every form verifies it: PEM, certificate, JWK, JWK Set.
        for form in ["spki", "cert", "jwk", "jwks"] {
            let s = s.clone().reduce(Action::SetKey(vectors::key("p256", form)));
            assert_eq!(status(&s), "valid", "{form}: {}", s.signature.message);
        }
    }

    #[test]
    fn a_certificate_is_described_and_a_private_key_is_masked_with_a_finding() {
        let s = run(
            State::new(&vectors::token("pyjwt-rs256-spki"), NOW),
            [Action::SetKey(vectors::key("rsa", "cert"))],
        );
        assert_eq!(status(&s), "valid");
        let cert = s.signature.key_cert.clone().expect("a certificate line");
        assert!(cert.starts_with("Certificate: CN="), "{cert}");
        assert!(
            cert.contains("valid from ") && cert.contains(" until "),
            "{cert}"
        );
        assert!(s.key_visible, "a certificate is shown");

        for form in ["pkcs8", "pkcs1Private", "jwkPrivate"] {
            let s = s.clone().reduce(Action::SetKey(vectors::key("rsa", form)));
            assert_eq!(status(&s), "valid", "{form}: its public half verifies");
            assert!(s.signature.key_private, "{form}");
            assert!(!s.key_visible, "{form}: a private key is masked");
            let ids: Vec<_> = s.signature.findings.iter().map(Finding::id).collect();
            assert!(ids.contains(&"private-key-pasted"), "{form}: {ids:?}");
            let shown = s.clone().reduce(Action::ToggleKeyVisibility);
            assert!(shown.key_visible, "Show shows it");
        }
        // A secret left in the field from an HMAC token is not put on screen by the multi-line field.
        let s = run(
            State::new(examples::ARTICLE, NOW),
            [
                Action::SetKeyFormat(KeyFormat::Hex),
                Action::SetKey("00112233445566778899aabbccddeeff".into()),
                Action::SetToken(vectors::token("pyjwt-rs256-spki")),
            ],
        );
        assert_eq!(s.key_kind, KeyKind::Public);
        assert!(!s.key_visible);
        assert_eq!(
            s.key_format,
            KeyFormat::Utf8,
            "hex does not read a public key"
        );
        assert_eq!(s.signature.code, Some(VerifyCode::KeyAlgMismatch));
    }

    #[test]
    fn the_format_menu_and_hint_follow_the_kind_of_key() {
        let pem = vectors::key("rsa", "spki");
        let s = run(
            State::new(&vectors::token("pyjwt-rs256-spki"), NOW),
            [
                Action::SetKeyFormat(KeyFormat::Jwk),
                Action::SetKey(pem.clone()),
            ],
        );
        assert_eq!(status(&s), "key-error");
        assert_eq!(s.signature.hint, Some(KeyFormat::Pem));
        let s = s.reduce(Action::SetKeyFormat(KeyFormat::Pem));
        assert_eq!((status(&s), s.signature.hint), ("valid", None));
        // "UTF-8 text" (Auto) reads PEM and JWK JSON as those keys: no hint.
        let s = s.reduce(Action::SetKeyFormat(KeyFormat::Utf8));
        assert_eq!((status(&s), s.signature.hint), ("valid", None));
        let s = s.reduce(Action::SetKey(vectors::key("rsa", "jwk")));
        assert_eq!((status(&s), s.signature.hint), ("valid", None));
        // A PEM key in the secret field of an HMAC token: refused (the confusion attack), no format offered.
        let s = s.reduce(Action::SetToken(examples::ARTICLE.into()));
        let s = s.reduce(Action::SetKey(pem));
        assert_eq!(s.key_kind, KeyKind::Secret);
        assert_eq!(status(&s), "key-error");
        assert_eq!(s.signature.hint, None);
        let ids: Vec<_> = s.signature.findings.iter().map(Finding::id).collect();
        assert!(ids.contains(&"public-key-as-secret"), "{ids:?}");
        // PEM is not a secret's format: back to UTF-8 text.
        let s = s.reduce(Action::SetKeyFormat(KeyFormat::Pem));
        assert_eq!(s.key_format, KeyFormat::Utf8);
        assert!(KeyKind::Secret.formats().contains(&KeyFormat::Hex));
        assert!(!KeyKind::Public.formats().contains(&KeyFormat::Hex));
    }

    #[test]
    fn encode_signs_with_a_private_key_for_every_algorithm_and_refuses_what_the_core_refuses() {
        let verifies = |token: &str, key: &str| {
            crate::verify(
                token,
                key,
                KeyFormat::Utf8,
                &VerifyOptions::signature_only(),
            )
        };
        let s = run(State::new("", NOW), [Action::SetView(View::Encode)]);
        let cases = [
            ("RS256", "rsa", "pkcs8"),
            ("RS512", "rsa", "pkcs1Private"),
            ("PS256", "rsa", "jwkPrivate"),
            ("PS384", "rsa", "pkcs8"),
            ("ES256", "p256", "sec1Private"),
            ("ES384", "p384", "jwkPrivate"),
            ("ES512", "p521", "pkcs8"),
            ("EdDSA", "ed25519", "pkcs8"),
        ];
        for (alg, name, form) in cases {
            let s = s.clone().reduce(Action::EditHeader(format!(
                "{{\"alg\": \"{alg}\", \"typ\": \"JWT\"}}"
            )));
            assert_eq!(s.key_kind, KeyKind::Private, "{alg}");
            let s = s.reduce(Action::SetKey(vectors::key(name, form)));
            assert!(s.encoder.error.is_none(), "{alg}: {:?}", s.encoder.error);
            assert!(!s.key_visible, "{alg}: a private key is masked");
            let v = verifies(&s.token, &vectors::key(name, "spki"));
            assert!(v.is_valid(), "{alg} with {name} {form}: {}", v.message);
            assert_eq!(v.alg.as_deref(), Some(alg));
            assert_eq!(status(&s), "valid", "{alg}");
            // The public half cannot sign; nor can a key of another type.
            let e = s.clone().reduce(Action::SetKey(vectors::key(name, "spki")));
            assert_eq!(
                e.encoder.error.as_ref().map(|e| e.code),
                Some(ErrorCode::KeyAlg)
            );
            assert!(e
                .encoder
                .error
                .as_ref()
                .unwrap()
                .message
                .contains("private key"));
            assert_eq!(e.token, s.token, "the last good token stays");
            let other = if name == "rsa" { "p256" } else { "rsa" };
            let e = s
                .clone()
                .reduce(Action::SetKey(vectors::key(other, "pkcs8")));
            assert_eq!(
                e.encoder.error.as_ref().map(|e| e.code),
                Some(ErrorCode::KeyAlg)
            );
        }
        // The wrong curve: a P-256 key for ES384.
        let s = s.reduce(Action::EditHeader(r#"{"alg":"ES384"}"#.into()));
        let s = s.reduce(Action::SetKey(vectors::key("p256", "pkcs8")));
        let e = s.encoder.error.clone().expect("refused");
        assert!(
            e.message.contains("P-384") && e.message.contains("P-256"),
            "{}",
            e.message
        );
        // PS256 is randomised (a salt from getrandom): two signatures differ, both verify.
        let s = s.reduce(Action::SetKey(vectors::key("rsa", "pkcs8")));
        let s = s.reduce(Action::EditHeader(r#"{"alg":"PS256"}"#.into()));
        let t1 = s.token.clone();
        let s = s.reduce(Action::EditPayload("{\"n\": 2}".into()));
        let s = s.reduce(Action::EditPayload("{\"n\": 1}".into()));
        assert_ne!(t1, s.token);
        assert!(verifies(&t1, &vectors::key("rsa", "spki")).is_valid());
        assert!(verifies(&s.token, &vectors::key("rsa", "spki")).is_valid());
    }

    #[test]
    fn encode_on_an_empty_page_asks_for_a_private_key_for_an_asymmetric_header() {
        let s = run(
            State::new("", NOW),
            [
                Action::SetView(View::Encode),
                Action::EditHeader(r#"{"alg":"ES256","typ":"JWT"}"#.into()),
            ],
        );
        assert_eq!(
            (status(&s), s.signature.title.as_str()),
            ("no-key", "Enter a private key to sign")
        );
        let s = s.reduce(Action::SetKey(vectors::key("p256", "jwkPrivate")));
        assert_eq!(status(&s), "valid");
        assert!(s.token.starts_with("eyJhbGciOiJFUzI1NiIs"));
    }

    #[test]
    fn debug_output_never_shows_the_key() {
        let s = run(
            State::new(examples::ARTICLE, NOW),
            [Action::SetKey("hunter2-secret".into())],
        );
        let text = format!("{s:?} {:?}", Action::SetKey("hunter2-secret".into()));
        assert!(!text.contains("hunter2"), "{text}");
    }
}
