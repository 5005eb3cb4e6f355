//! The app state, its actions and a pure reducer.
//!
//! Everything shown is derived here from the core (`inspect`, the `Verifier`, `keys::detect_format`,
//! `sign_json_text` with the core's one key rule), so the whole behaviour of the app is unit-tested natively without a browser. The clock
//! is an input (`Action::Tick`), as in the core.

use std::fmt;
use std::rc::Rc;

use yew::Reducible;

use super::highlight::{self, Pretty, Segment};
use crate::jwt::inspect::payload_display;
use crate::jwt::json::{Json, JsonSink, TokenClass};
use crate::jwt::{claims, header, keys, lints};
use crate::{
    decode, sign_json_text, Claim, ClaimTime, Decoded, ErrorCode, Finding, HeaderField,
    InspectError, KeyFormat, KeyInput, KeySet, Part, Payload, Span, TokenKind, Verifier,
    VerifyCode, VerifyOptions, VerifyStatus,
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

/// The signature status the UI shows (`data-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiStatus {
    /// The signature verified.
    Valid,
    /// The signature does not match, or the token is malformed.
    Invalid,
    /// The algorithm is not one this tool verifies (not the same as invalid).
    Unsupported,
    /// The key field is empty.
    NoKey,
    /// The key could not be read or used.
    KeyError,
    /// Nothing to verify: an unsecured (`alg: none`) token or a JWE.
    NotApplicable,
}

impl UiStatus {
    /// The `data-status` value.
    pub const fn as_str(self) -> &'static str {
        match self {
            UiStatus::Valid => "valid",
            UiStatus::Invalid => "invalid",
            UiStatus::Unsupported => "unsupported",
            UiStatus::NoKey => "no-key",
            UiStatus::KeyError => "key-error",
            UiStatus::NotApplicable => "not-applicable",
        }
    }
}

/// What the signature pane shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureView {
    /// The status.
    pub status: UiStatus,
    /// A short title (`Signature verified`, `Invalid signature`, …).
    pub title: String,
    /// One sentence from the core saying why.
    pub message: String,
    /// The verification code (`INVALID_SIGNATURE`, …), when not valid and a key was given.
    pub code: Option<VerifyCode>,
    /// The token's `alg`.
    pub alg: Option<String>,
    /// A description of the parsed key (`48-bit key`, `JWK Set with 2 keys`), when it parsed.
    pub key_summary: Option<String>,
    /// The key parse error, with its position in the key text.
    pub key_error: Option<InspectError>,
    /// The format the key text looks like, when it is not the selected one.
    pub hint: Option<KeyFormat>,
    /// Key findings (weak key, well-known secret, …).
    pub findings: Vec<Finding>,
    /// True while a large token is still being processed (the status is not known yet).
    pub pending: bool,
}

impl SignatureView {
    /// The view while a large token is still being processed.
    pub fn checking() -> Self {
        SignatureView {
            status: UiStatus::NotApplicable,
            title: "Checking…".to_owned(),
            message: "The token is large: decoding it step by step.".to_owned(),
            code: None,
            alg: None,
            key_summary: None,
            key_error: None,
            hint: None,
            findings: Vec::new(),
            pending: true,
        }
    }
}

/// How the payload is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum PayloadView {
    /// JSON, pretty.
    Json(Pretty),
    /// UTF-8 text that is not JSON.
    Text(Pretty),
    /// Bytes that are not UTF-8, as lowercase hex.
    Binary(Pretty),
    /// A JWE: the payload is encrypted.
    Encrypted,
    /// Nothing decoded.
    Missing,
    /// A large token is still being processed.
    Pending,
}

/// Tokens longer than this are processed in steps, one per task (see [`Phase`]), so that no single task
/// of a big paste keeps the page frozen for 100 ms or more (a 64 KB token processed at once took ~107 ms).
pub const STEPWISE_TOKEN: usize = 32 * 1024;

/// Tokens longer than this are not laid out as editable text: the editor shows a coloured preview instead.
pub const LARGE_TOKEN: usize = 128 * 1024;

/// The steps of processing a token: all run at once for an ordinary token, one per task for a large one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Decode the token and the header.
    Decode,
    /// Print the payload (pretty JSON, text or hex).
    Payload,
    /// Prepare that text for display (syntax colours, chunks).
    PayloadView,
    /// Verify the signature.
    Signature,
    /// Explain the claims.
    Claims,
    /// Lint.
    Findings,
}

/// The token decoded, with the header ready to show (first step).
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The core's decode.
    pub decoded: Decoded,
    /// The header pretty-printed (what "copy" copies).
    pub header_json: Option<String>,
    /// The header, for display.
    pub header: Option<Pretty>,
    /// The header members, explained.
    pub header_fields: Vec<HeaderField>,
    /// Editor colouring.
    pub segments: Vec<Segment>,
    /// True until a large token is decoded (everything else is then empty).
    pub pending: bool,
}

impl Parsed {
    fn pending() -> Self {
        Parsed {
            pending: true,
            ..Parsed::new("")
        }
    }

    fn new(token: &str) -> Self {
        let decoded = decode(token);
        let header_json = decoded.header.as_ref().map(Json::to_pretty);
        let header = match (&decoded.header, &header_json) {
            (Some(h), Some(text)) => Some(highlight::pretty(h, text)),
            _ => None,
        };
        let header_fields = decoded
            .header
            .as_ref()
            .map(header::fields)
            .unwrap_or_default();
        let segments = highlight::segments(token, &decoded);
        Parsed {
            decoded,
            header_json,
            header,
            header_fields,
            segments,
            pending: false,
        }
    }
}

/// The payload ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct PayloadDisplay {
    /// The payload text (pretty JSON, text or hex): what "copy" copies.
    pub text: Option<String>,
    /// How it is shown.
    pub view: PayloadView,
}

impl PayloadDisplay {
    fn pending() -> Self {
        PayloadDisplay {
            text: None,
            view: PayloadView::Pending,
        }
    }

    /// The payload's text, not yet ready to show.
    fn text(d: &Decoded) -> Self {
        PayloadDisplay {
            text: d.payload.as_ref().map(payload_display),
            view: PayloadView::Pending,
        }
    }

    /// Ready to show.
    fn view(&self, d: &Decoded) -> Self {
        let text = &self.text;
        let view = match (&d.payload, text) {
            (Some(Payload::Json(v)), Some(t)) => PayloadView::Json(highlight::pretty(v, t)),
            (Some(Payload::Text(t)), _) => PayloadView::Text(highlight::plain(t)),
            (Some(Payload::Binary(_)), Some(hex)) => PayloadView::Binary(highlight::plain(hex)),
            _ if d.kind == TokenKind::Jwe => PayloadView::Encrypted,
            _ => PayloadView::Missing,
        };
        PayloadDisplay {
            text: text.clone(),
            view,
        }
    }
}

/// One row of the claims table.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// The claim name.
    pub name: String,
    /// The value as text (strings unquoted, others as compact JSON), shortened when long.
    pub value: String,
    /// What the claim means.
    pub description: Option<&'static str>,
    /// For NumericDates: UTC, relative phrase and status at `now`.
    pub time: Option<ClaimTime>,
}

/// Values longer than this many characters are shortened in the claims table.
pub const MAX_CLAIM_VALUE: usize = 160;

/// Collects compact JSON text (pretty-printing without the whitespace) up to a length, so a huge claim value
/// is shown by its start without building its whole text.
struct Preview {
    text: String,
}

impl JsonSink for Preview {
    fn push(&mut self, class: TokenClass, text: &str) {
        if class != TokenClass::Space && self.text.len() <= MAX_CLAIM_VALUE * 4 {
            self.text.push_str(text);
        }
    }
}

impl ClaimRow {
    fn new(c: Claim) -> Self {
        let mut value = match c.value {
            Json::String(s) => s,
            v => {
                let mut p = Preview {
                    text: String::new(),
                };
                v.write_pretty(&mut p);
                p.text
            }
        };
        if let Some((cut, _)) = value.char_indices().nth(MAX_CLAIM_VALUE) {
            value.truncate(cut);
            value.push('…');
        }
        ClaimRow {
            name: c.name,
            value,
            description: c.description,
            time: c.time,
        }
    }
}

/// The encoder's editors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Encoder {
    /// The header JSON as typed.
    pub header: String,
    /// The payload JSON as typed.
    pub payload: String,
    /// Why the last edit could not be signed (the token then stays the last good one).
    pub error: Option<InspectError>,
}

/// The default header and payload of a new token in the encoder.
pub const DEFAULT_HEADER: &str = "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}";
/// See [`DEFAULT_HEADER`].
pub const DEFAULT_PAYLOAD: &str =
    "{\n  \"sub\": \"1234567890\",\n  \"name\": \"John Doe\",\n  \"admin\": true\n}";

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
            now,
            view: View::Decode,
            parsed: Rc::new(Parsed::new("")),
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
        self.pending = Some(Phase::Decode);
        if self.token.len() <= STEPWISE_TOKEN {
            while self.pending.is_some() {
                self.step();
            }
        }
    }

    /// Runs the pending step.
    fn step(&mut self) {
        let Some(phase) = self.pending else { return };
        self.pending = match phase {
            Phase::Decode => Some(Phase::Payload),
            Phase::Payload => Some(Phase::PayloadView),
            Phase::PayloadView => Some(Phase::Signature),
            Phase::Signature => Some(Phase::Claims),
            Phase::Claims => Some(Phase::Findings),
            Phase::Findings => None,
        };
        match phase {
            Phase::Decode => self.parsed = Rc::new(Parsed::new(&self.token)),
            Phase::Payload => {
                self.payload = Rc::new(PayloadDisplay::text(&self.parsed.decoded));
            }
            Phase::PayloadView => {
                self.payload = Rc::new(self.payload.view(&self.parsed.decoded));
            }
            Phase::Signature => self.reverify(),
            Phase::Claims => {
                if let Some(Payload::Json(p)) = &self.parsed.decoded.payload {
                    let rows = claims::claims(p, self.now).into_iter().map(ClaimRow::new);
                    self.claims = Rc::new(rows.collect());
                }
            }
            Phase::Findings => {
                self.findings = Rc::new(lints::lint(&self.parsed.decoded, self.now));
            }
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

    fn reverify(&mut self) {
        if self.pending.is_some_and(|p| p <= Phase::Signature) {
            return; // the signature step will do it
        }
        self.signature = Rc::new(signature_view(
            &self.parsed.decoded,
            &self.key,
            self.key_format,
        ));
    }

    /// Fills the encoder's editors from the current token (or defaults when it has no JSON header/payload).
    fn sync_encoder(&mut self) {
        let d = &self.parsed.decoded;
        let header = match &self.parsed.header_json {
            Some(text) => text.clone(),
            None => DEFAULT_HEADER.to_owned(),
        };
        let payload = match &d.payload {
            Some(Payload::Json(v)) => v.to_pretty(),
            Some(Payload::Text(t)) => t.clone(),
            _ if self.token.trim().is_empty() => DEFAULT_PAYLOAD.to_owned(),
            _ => String::new(),
        };
        self.encoder = Rc::new(Encoder {
            header,
            payload,
            error: None,
        });
    }

    /// Signs the encoder's texts with the key; on success the token becomes the new one, otherwise the
    /// error is shown and the last good token stays.
    fn resign(&mut self) {
        let result = signing_keys(&self.key, self.key_format)
            .and_then(|keys| sign_json_text(&self.encoder.header, &self.encoder.payload, &keys));
        let mut enc = (*self.encoder).clone();
        match result {
            Ok(token) => {
                enc.error = None;
                if *token != *self.token {
                    self.set_token(token);
                }
            }
            Err(e) => enc.error = Some(e),
        }
        self.encoder = Rc::new(enc);
    }
}

/// The keys to sign with, read as the signature pane reads them (leniently). Which key may sign with which
/// algorithm is the core's rule (`sign_with`), the same as npm `sign`: a JWK Set, or a JWK restricted to
/// another algorithm, to encryption or to `verify`, never signs.
fn signing_keys(text: &str, format: KeyFormat) -> Result<KeySet, InspectError> {
    if text.is_empty() {
        return Err(InspectError {
            code: ErrorCode::KeyEmpty,
            part: Part::Key,
            span: Span::default(),
            message: "Enter a secret to sign the token with.".into(),
        });
    }
    keys::parse_with(text, format, false)
}

fn key_summary(set: &KeySet) -> String {
    let skipped = if set.skipped.is_empty() {
        String::new()
    } else {
        format!(", {} skipped", set.skipped.len())
    };
    let notes: String = set.notes.iter().map(|n| format!(" — {n}")).collect();
    match set.keys.as_slice() {
        [one] if !set.is_set => format!("{}-bit key{notes}", one.bits()),
        keys => format!(
            "JWK Set: {} symmetric key{}{skipped}",
            keys.len(),
            if keys.len() == 1 { "" } else { "s" }
        ),
    }
}

/// The signature status of `d` with key text `key` read as `format` (signature only: the claims badge
/// shows expiry separately, so an expired token with the right key is still "verified").
pub fn signature_view(d: &Decoded, key: &str, format: KeyFormat) -> SignatureView {
    // Not strict: a person pasting `Bearer eyJ…` or a padded token wants it verified; the findings list
    // every deviation from the compact form.
    let opts = VerifyOptions {
        strict: false,
        ..VerifyOptions::signature_only()
    };
    let alg = d.alg.clone();
    let alg_name = alg.as_deref().unwrap_or("?");
    let hint = keys::detect_format(key).filter(|&f| {
        let json = |f| matches!(f, KeyFormat::Jwk | KeyFormat::Jwks);
        f != format && !(json(f) && json(format))
    });
    if d.errors.iter().any(|e| e.code == ErrorCode::Empty) {
        return SignatureView {
            status: UiStatus::NotApplicable,
            title: "No token".to_owned(),
            message: "Paste a token to decode and verify it.".to_owned(),
            code: None,
            alg,
            key_summary: keys::parse_with(key, format, false)
                .ok()
                .map(|s| key_summary(&s)),
            key_error: None,
            hint,
            findings: Vec::new(),
            pending: false,
        };
    }
    if key.is_empty() {
        // Run verification without a key: whatever is decided before the key (unsupported alg, alg none,
        // JWE) is shown; anything else waits for a key.
        let v = Verifier::new(KeyInput::Text("", format), opts).verify_decoded(d);
        let (status, title, message) = match v.status() {
            VerifyStatus::Unsupported => (
                UiStatus::Unsupported,
                format!("Unsupported algorithm: {alg_name}"),
                v.message,
            ),
            VerifyStatus::NotApplicable => not_applicable(d, v.message),
            _ => (
                UiStatus::NoKey,
                "Enter a key".to_owned(),
                format!("Enter the secret to verify the {alg_name} signature."),
            ),
        };
        return SignatureView {
            status,
            title,
            message,
            code: None,
            alg,
            key_summary: None,
            key_error: None,
            hint: None,
            findings: Vec::new(),
            pending: false,
        };
    }
    let verifier = Verifier::new(KeyInput::Text(key, format), opts);
    let v = verifier.verify_decoded(d);
    let (key_summary, key_error) = match verifier.keys() {
        Ok(set) => (Some(key_summary(set)), None),
        Err(e) => (None, Some(e.clone())),
    };
    let (status, title, message) = match v.status() {
        VerifyStatus::Valid => (UiStatus::Valid, "Signature verified".to_owned(), v.message),
        VerifyStatus::Unsupported => (
            UiStatus::Unsupported,
            format!("Unsupported algorithm: {alg_name}"),
            v.message,
        ),
        VerifyStatus::KeyError => (UiStatus::KeyError, "Key error".to_owned(), v.message),
        VerifyStatus::NotApplicable => not_applicable(d, v.message),
        VerifyStatus::Invalid if v.code == Some(VerifyCode::Malformed) => (
            UiStatus::Invalid,
            "Invalid: the token is malformed".to_owned(),
            v.message,
        ),
        VerifyStatus::Invalid => (UiStatus::Invalid, "Invalid signature".to_owned(), v.message),
    };
    SignatureView {
        status,
        title,
        message,
        code: v.code,
        alg,
        key_summary,
        key_error,
        hint,
        findings: v.findings,
        pending: false,
    }
}

fn not_applicable(d: &Decoded, message: String) -> (UiStatus, String, String) {
    let title = if d.kind == TokenKind::Jwe {
        "Encrypted token (JWE): not verifiable here"
    } else {
        "Unsecured token: no signature to verify"
    };
    (UiStatus::NotApplicable, title.to_owned(), message)
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
                }
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
        assert_eq!(s.signature.key_summary.as_deref(), Some("48-bit key"));
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
        // RS256: unsupported whether or not a key is entered, and the message says it is not "invalid".
        let rs = format!(
            "{}.{}.c2ln",
            crate::jwt::b64::encode(br#"{"alg":"RS256"}"#),
            crate::jwt::b64::encode(br#"{"sub":"x"}"#)
        );
        let s = run(State::new(&rs, NOW), []);
        assert_eq!(status(&s), "unsupported");
        assert!(s.signature.title.contains("RS256"));
        assert!(s.signature.message.contains("not"));
        let s = s.reduce(Action::SetKey("secret".into()));
        assert_eq!(status(&s), "unsupported");

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

        // A non-HMAC alg cannot be signed here.
        let s = s.reduce(Action::EditPayload("{}".into()));
        assert!(s.encoder.error.is_none());
        let s = s.reduce(Action::EditHeader(r#"{"alg":"RS256"}"#.into()));
        assert_eq!(
            s.encoder.error.as_ref().map(|e| e.code),
            Some(ErrorCode::SignInput)
        );

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
        assert_eq!(s.encoder.payload, DEFAULT_PAYLOAD);
        let s = s.reduce(Action::SetToken(examples::expired()));
        assert!(s.encoder.payload.contains("1516242622"));
    }

    #[test]
    fn unchanged_inputs_do_not_rerender() {
        let s = Rc::new(State::new(examples::ARTICLE, NOW));
        let same = s.clone().reduce(Action::SetToken(examples::ARTICLE.into()));
        assert!(Rc::ptr_eq(&s, &same));
        let same = s.clone().reduce(Action::Tick(NOW));
        assert!(Rc::ptr_eq(&s, &same));
    }

    /// The stepwise processing gives exactly what the core's one-pass `inspect` gives.
    #[test]
    fn steps_agree_with_inspect() {
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
        assert_eq!(s.pending, Some(Phase::Decode));
        assert!(s.parsed.pending);
        assert!(s.signature.pending);
        let s = s.reduce(Action::Continue);
        assert_eq!(s.pending, Some(Phase::Payload));
        assert!(s.parsed.header.is_some());
        assert_eq!(s.payload.view, PayloadView::Pending);
        let s = s.reduce(Action::Continue);
        assert!(s.payload.text.is_some());
        assert_eq!(s.payload.view, PayloadView::Pending);
        let s = s.reduce(Action::Continue);
        assert!(matches!(s.payload.view, PayloadView::Json(ref p) if !p.coloured));
        // A key change before the signature step neither verifies twice nor shows a verdict early.
        let s = s.reduce(Action::SetKey("secret!".into()));
        assert!(s.signature.pending);
        let s = s.reduce(Action::SetKey("secret".into()));
        assert_eq!(s.pending, Some(Phase::Signature));
        let s = s.reduce(Action::Continue);
        assert_eq!(status(&s), "valid");
        assert!(s.claims.is_empty());
        let s = s.reduce(Action::Continue);
        assert_eq!(s.claims.len(), 3);
        let blob = &s.claims[2];
        assert_eq!(
            blob.value.chars().count(),
            MAX_CLAIM_VALUE + 1,
            "shortened, with an ellipsis"
        );
        assert!(s.findings.is_empty());
        let s = s.reduce(Action::Continue);
        assert_eq!(s.pending, None);
        assert!(s.findings.iter().any(|f| f.id() == "expired"));
        // Nothing left to do.
        let same = s.clone().reduce(Action::Continue);
        assert!(Rc::ptr_eq(&s, &same));
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
