//! JWT claims explained, and NumericDate claims evaluated against a caller-supplied `now`.
//!
//! The core never reads a clock: `now` (unix seconds) is always a parameter, so results are reproducible and
//! the same code runs natively, in Node and in a browser.

use super::json::Json;

/// Claims whose value is a NumericDate (RFC 7519 §2: seconds since the epoch, UTC).
pub const DATE_CLAIMS: &[&str] = &["exp", "nbf", "iat", "auth_time", "updated_at"];

/// Where a NumericDate stands relative to `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeStatus {
    /// Nothing wrong at `now`.
    Valid,
    /// `exp` is at or before `now` (RFC 7519 §4.1.4).
    Expired,
    /// `nbf` (or `iat`, `auth_time`) is after `now`.
    NotYetValid,
}

impl TimeStatus {
    /// `"valid"`, `"expired"` or `"not-yet-valid"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TimeStatus::Valid => "valid",
            TimeStatus::Expired => "expired",
            TimeStatus::NotYetValid => "not-yet-valid",
        }
    }
}

/// A NumericDate made readable.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimTime {
    /// The value in seconds.
    pub seconds: f64,
    /// ISO-8601 UTC (`2023-11-14T22:13:20Z`), or a note when outside years 0000–9999.
    pub iso: String,
    /// Relative to `now`: `in 2 h 5 min`, `3 days ago`, `now`.
    pub relative: String,
    /// Status at `now`.
    pub status: TimeStatus,
}

/// One payload member with what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The claim name.
    pub name: String,
    /// The value.
    pub value: Json,
    /// One line on what it means, for registered and common OIDC/OAuth claims.
    pub description: Option<&'static str>,
    /// For NumericDate claims with a numeric value.
    pub time: Option<ClaimTime>,
}

/// The one-line meaning of a registered or common claim.
pub fn describe(name: &str) -> Option<&'static str> {
    Some(match name {
        "iss" => "Issuer: who created and signed the token (RFC 7519 §4.1.1).",
        "sub" => "Subject: whom the token is about, usually a user ID (RFC 7519 §4.1.2).",
        "aud" => "Audience: the recipients the token is meant for (RFC 7519 §4.1.3).",
        "exp" => "Expiration time: the token must not be accepted at or after it (RFC 7519 §4.1.4).",
        "nbf" => "Not before: the token must not be accepted before it (RFC 7519 §4.1.5).",
        "iat" => "Issued at: when the token was created (RFC 7519 §4.1.6).",
        "jti" => "JWT ID: a unique identifier, used to prevent replay (RFC 7519 §4.1.7).",
        "auth_time" => "When the user actually authenticated (OpenID Connect Core §2).",
        "nonce" => "Value that ties an ID token to the client's request, against replay (OpenID Connect Core §2).",
        "azp" => "Authorized party: the client the token was issued to (OpenID Connect Core §2).",
        "acr" => "Authentication context class reference: how strongly the user authenticated (OIDC Core §2).",
        "amr" => "Authentication methods used, e.g. pwd, otp, mfa (OpenID Connect Core §2, RFC 8176).",
        "at_hash" => "Hash of the access token issued alongside this ID token (OpenID Connect Core §3.1.3.6).",
        "c_hash" => "Hash of the authorization code issued alongside this ID token (OpenID Connect Core §3.3.2.11).",
        "s_hash" => "Hash of the state value (FAPI).",
        "sid" => "Session ID at the identity provider (OpenID Connect Front-Channel Logout §3).",
        "scope" => "Space-separated OAuth scopes granted to the token (RFC 8693 §4.2, RFC 9068 §2.2.3).",
        "scp" => "OAuth scopes granted to the token (non-standard spelling of scope).",
        "client_id" => "The OAuth client the token was issued to (RFC 8693 §4.3, RFC 9068 §2.2).",
        "cnf" => "Confirmation: the key the presenter must prove possession of (RFC 7800 §3.1).",
        "act" => "Actor: who is acting on behalf of the subject (RFC 8693 §4.1).",
        "may_act" => "Who is allowed to act on behalf of the subject (RFC 8693 §4.4).",
        "email" => "The user's email address (OpenID Connect Core §5.1).",
        "email_verified" => "Whether the identity provider verified the email address (OpenID Connect Core §5.1).",
        "name" => "The user's full name (OpenID Connect Core §5.1).",
        "given_name" => "The user's given (first) name (OpenID Connect Core §5.1).",
        "family_name" => "The user's family (last) name (OpenID Connect Core §5.1).",
        "middle_name" => "The user's middle name (OpenID Connect Core §5.1).",
        "nickname" => "The user's casual name (OpenID Connect Core §5.1).",
        "preferred_username" => "The name the user prefers to be called; not unique (OpenID Connect Core §5.1).",
        "profile" => "URL of the user's profile page (OpenID Connect Core §5.1).",
        "picture" => "URL of the user's picture (OpenID Connect Core §5.1).",
        "website" => "URL of the user's web page (OpenID Connect Core §5.1).",
        "gender" => "The user's gender (OpenID Connect Core §5.1).",
        "birthdate" => "The user's birthday (OpenID Connect Core §5.1).",
        "zoneinfo" => "The user's time zone (OpenID Connect Core §5.1).",
        "locale" => "The user's locale (OpenID Connect Core §5.1).",
        "phone_number" => "The user's phone number (OpenID Connect Core §5.1).",
        "phone_number_verified" => "Whether the phone number was verified (OpenID Connect Core §5.1).",
        "address" => "The user's postal address (OpenID Connect Core §5.1).",
        "updated_at" => "When the user's profile was last updated (OpenID Connect Core §5.1).",
        "roles" => "Roles granted to the subject (RFC 7643 §4.1.2, RFC 9068 §2.2.3.1).",
        "groups" => "Groups the subject belongs to (RFC 7643 §4.1.2, RFC 9068 §2.2.3.1).",
        "entitlements" => "Entitlements of the subject (RFC 7643 §4.1.2, RFC 9068 §2.2.3.1).",
        "permissions" => "Permissions granted to the subject (Auth0 RBAC).",
        "admin" => "Application-specific flag: grants administrator rights if the server trusts it.",
        "tid" => "Tenant ID (Microsoft identity platform).",
        "oid" => "Object ID of the user (Microsoft identity platform).",
        "upn" => "User principal name (Microsoft identity platform).",
        "realm_access" => "Realm roles (Keycloak).",
        "resource_access" => "Per-client roles (Keycloak).",
        "events" => "Security event descriptions (RFC 8417 §2.2).",
        "txn" => "Transaction identifier (RFC 8417 §2.2).",
        "htm" => "HTTP method of the request this DPoP proof is for (RFC 9449 §4.2).",
        "htu" => "HTTP URI of the request this DPoP proof is for (RFC 9449 §4.2).",
        "ath" => "Hash of the access token this DPoP proof accompanies (RFC 9449 §4.2).",
        "vc" => "A W3C Verifiable Credential.",
        "vp" => "A W3C Verifiable Presentation.",
        _ => return None,
    })
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Seconds of 0000-01-01T00:00:00Z and of 10000-01-01T00:00:00Z.
const MIN_ISO: f64 = -62_167_219_200.0;
const MAX_ISO: f64 = 253_402_300_800.0;

/// ISO-8601 UTC for unix seconds, with milliseconds when fractional; `None` outside years 0000–9999.
pub fn iso8601(secs: f64) -> Option<String> {
    if !secs.is_finite() || !(MIN_ISO..MAX_ISO).contains(&secs) {
        return None;
    }
    let ms_total = (secs * 1000.0).round() as i64;
    let (whole, ms) = (ms_total.div_euclid(1000), ms_total.rem_euclid(1000));
    let (days, rem) = (whole.div_euclid(86_400), whole.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss) = (rem / 3600, rem % 3600 / 60, rem % 60);
    let frac = if ms == 0 {
        String::new()
    } else {
        format!(".{ms:03}")
    };
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}{frac}Z"
    ))
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// `t - now` in words: `in 2 h 5 min`, `3 days ago`, `now`. Units are truncated, never rounded up.
pub fn relative(delta: f64) -> String {
    if !delta.is_finite() {
        return if delta > 0.0 {
            "in the far future"
        } else {
            "in the far past"
        }
        .into();
    }
    let abs = delta.abs();
    if abs < 1.0 {
        return "now".into();
    }
    let s = abs.min(1e15) as u64;
    let (days, h, m, sec) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let text = if days >= 365 {
        let years = days / 365;
        let rest = days % 365;
        if years < 10 && rest > 0 {
            format!("{} {}", plural(years, "year"), plural(rest, "day"))
        } else {
            plural(years, "year")
        }
    } else if days >= 3 {
        plural(days, "day")
    } else if days >= 1 {
        if h > 0 {
            format!("{} {h} h", plural(days, "day"))
        } else {
            plural(days, "day")
        }
    } else if h > 0 {
        if m > 0 {
            format!("{h} h {m} min")
        } else {
            format!("{h} h")
        }
    } else if m > 0 {
        if m < 10 && sec > 0 {
            format!("{m} min {sec} s")
        } else {
            format!("{m} min")
        }
    } else {
        format!("{sec} s")
    };
    if delta > 0.0 {
        format!("in {text}")
    } else {
        format!("{text} ago")
    }
}

/// A number for messages: plain when moderate, scientific when huge.
pub fn number(v: f64) -> String {
    if v.abs() >= 1e15 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// Evaluates a NumericDate claim `name` with value `secs` at `now`.
pub fn evaluate(name: &str, secs: f64, now: f64) -> ClaimTime {
    let status = match name {
        "exp" if now >= secs => TimeStatus::Expired,
        "nbf" | "iat" | "auth_time" if secs > now => TimeStatus::NotYetValid,
        _ => TimeStatus::Valid,
    };
    ClaimTime {
        seconds: secs,
        iso: iso8601(secs)
            .unwrap_or_else(|| format!("{} (outside the years 0000–9999)", number(secs))),
        relative: relative(secs - now),
        status,
    }
}

/// At most this many payload members are explained: a claims set is read by people, and explaining a hostile
/// payload's hundred thousand members would multiply its memory several times over.
pub const MAX_CLAIMS: usize = 1000;

/// The payload's members in source order (the first [`MAX_CLAIMS`]), explained, with NumericDates evaluated at
/// `now`.
pub fn claims(payload: &Json, now: f64) -> Vec<Claim> {
    payload
        .as_object()
        .unwrap_or_default()
        .iter()
        .take(MAX_CLAIMS)
        .map(|(name, value)| Claim {
            name: name.to_string(),
            value: value.clone(),
            description: describe(name),
            time: if DATE_CLAIMS.contains(&name.as_str()) {
                value
                    .as_f64()
                    .filter(|s| s.is_finite())
                    .map(|s| evaluate(name, s, now))
            } else {
                None
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(0.0).unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_700_000_000.0).unwrap(), "2023-11-14T22:13:20Z");
        assert_eq!(iso8601(1_300_819_380.0).unwrap(), "2011-03-22T18:43:00Z");
        assert_eq!(iso8601(951_782_400.0).unwrap(), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(-1.0).unwrap(), "1969-12-31T23:59:59Z");
        assert_eq!(iso8601(1.5).unwrap(), "1970-01-01T00:00:01.500Z");
        assert_eq!(iso8601(253_402_300_799.0).unwrap(), "9999-12-31T23:59:59Z");
        assert_eq!(iso8601(MIN_ISO).unwrap(), "0000-01-01T00:00:00Z");
        assert_eq!(iso8601(1e300), None);
        assert_eq!(iso8601(f64::NAN), None);
    }

    #[test]
    fn relative_phrases() {
        assert_eq!(relative(0.2), "now");
        assert_eq!(relative(45.0), "in 45 s");
        assert_eq!(relative(-125.0), "2 min 5 s ago");
        assert_eq!(relative(7500.0), "in 2 h 5 min");
        assert_eq!(relative(10_800.0), "in 3 h");
        assert_eq!(relative(-3.0 * 86_400.0 - 50.0), "3 days ago");
        assert_eq!(relative(86_400.0 + 7200.0), "in 1 day 2 h");
        assert_eq!(relative(-400.0 * 86_400.0), "1 year 35 days ago");
        assert_eq!(relative(1e300), "in 31709791 years");
        assert_eq!(relative(f64::INFINITY), "in the far future");
    }

    #[test]
    fn statuses() {
        assert_eq!(evaluate("exp", 100.0, 100.0).status, TimeStatus::Expired);
        assert_eq!(evaluate("exp", 101.0, 100.0).status, TimeStatus::Valid);
        assert_eq!(
            evaluate("nbf", 101.0, 100.0).status,
            TimeStatus::NotYetValid
        );
        assert_eq!(evaluate("nbf", 100.0, 100.0).status, TimeStatus::Valid);
        assert_eq!(
            evaluate("iat", 101.0, 100.0).status,
            TimeStatus::NotYetValid
        );
        assert_eq!(
            evaluate("exp", 1e300, 0.0).iso,
            "1e300 (outside the years 0000–9999)"
        );
    }
}
