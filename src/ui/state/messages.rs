//! The texts the app shows for the core's errors, in the units the user sees. The core's messages locate
//! things in bytes (`at byte 5` of a part, `at byte 15 of the decoded text`, `dots at offsets 36`), which is
//! right for a library; the app already gives every error one position — the character in the text the user
//! typed, which the editor marks — so it shows the message without the byte offsets, and for a wrong part count
//! says where the dots are in characters.

use super::super::highlight::char_position;
use crate::{ErrorCode, InspectError};

/// At most this many dots are listed by position.
const LISTED_DOTS: usize = 5;

/// `message` without its byte offsets: ` at byte N`, `, at byte N of the decoded text` and the part count's
/// ` (dots at offsets …)` / ` (no dots)` are removed.
pub fn without_offsets(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    loop {
        let at = [" (dots at offsets ", " (no dots)"]
            .iter()
            .filter_map(|p| rest.find(p).map(|i| (i, *p)))
            .chain(
                rest.match_indices(" at byte ")
                    .find(|(i, p)| {
                        rest[i + p.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_digit())
                    })
                    .map(|(i, _)| (i, " at byte ")),
            )
            .min_by_key(|(i, _)| *i);
        let Some((i, pattern)) = at else {
            out.push_str(rest);
            return out;
        };
        let mut head = &rest[..i];
        let tail = &rest[i + pattern.len()..];
        let tail = if pattern == " at byte " {
            let digits = tail.len() - tail.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let tail = &tail[digits..];
            let tail = tail.strip_prefix(" of the decoded text").unwrap_or(tail);
            head = head.strip_suffix(',').unwrap_or(head);
            tail
        } else if pattern == " (no dots)" {
            tail
        } else {
            tail.find(')').map_or("", |close| &tail[close + 1..])
        };
        out.push_str(head);
        rest = tail;
    }
}

/// The message the errors list shows for `e`, an error in `input` (the text as typed): the core's message
/// without byte offsets, and for a wrong number of parts where the dots are, in characters of `input`.
pub fn error_text(input: &str, e: &InspectError) -> String {
    if e.code != ErrorCode::PartCount {
        return without_offsets(&e.message);
    }
    let end = e.span.end.min(input.len());
    let start = e.span.start.min(end);
    let Some(scope) = input.get(start..end) else {
        return without_offsets(&e.message);
    };
    // Only the listed dots are located (a pathological paste can have tens of thousands).
    let count = scope.bytes().filter(|&b| b == b'.').count();
    let dots: Vec<usize> = scope
        .match_indices('.')
        .take(LISTED_DOTS)
        .map(|(i, _)| char_position(input, start + i))
        .collect();
    let parts = count + 1;
    let where_ = match dots.as_slice() {
        [] => "no dot".to_owned(),
        [one] => format!("one dot, at character {one}"),
        [first @ .., last] if count <= LISTED_DOTS => format!(
            "{count} dots, at characters {} and {last}",
            first
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!(
            "{count} dots, the first at characters {}",
            dots.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!(
        "Found {parts} part{} ({where_}): a signed token (JWS) has 3 parts and an encrypted one (JWE) 5.",
        if parts == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::examples;
    use crate::{decode, inspect, sign_json_text, KeyFormat};

    fn first_error(input: &str) -> InspectError {
        decode(input).errors.into_iter().next().expect("an error")
    }

    #[test]
    fn part_counts_say_where_the_dots_are_in_characters() {
        let two = examples::ARTICLE.rsplit_once('.').unwrap().0;
        let e = first_error(two);
        assert!(e.message.contains("dots at offsets 36"), "{}", e.message);
        assert_eq!(
            error_text(two, &e),
            "Found 2 parts (one dot, at character 36): a signed token (JWS) has 3 parts and an encrypted one (JWE) 5."
        );
        // Characters, not bytes, and of the text as typed (a prefix and a multibyte character before the dot).
        let typed = "Bearer é.x";
        let e = first_error(typed);
        assert!(error_text(typed, &e).contains("(one dot, at character 8)"));
        let e = first_error("abc");
        assert!(error_text("abc", &e).starts_with("Found 1 part (no dot):"));
        let e = first_error("a.b.c.d");
        assert!(error_text("a.b.c.d", &e).contains("(3 dots, at characters 1, 3 and 5)"));
        let many = ".".repeat(20);
        let e = first_error(&many);
        assert!(error_text(&many, &e).contains("(20 dots, the first at characters 0, 1, 2, 3, 4)"));
    }

    #[test]
    fn byte_offsets_are_left_out() {
        let broken = examples::broken();
        let e = first_error(&broken);
        assert!(e.message.contains("at byte 5"), "{}", e.message);
        assert_eq!(
            error_text(&broken, &e),
            "Payload: Invalid character '!': base64url allows only A–Z, a–z, 0–9, '-' and '_'."
        );
        // JSON in a part: the offset in the decoded text is left out too (the span marks the characters).
        let h = crate::jwt::b64::encode(br#"{"alg":"HS256",}"#);
        let token = format!("{h}.e30.");
        let e = first_error(&token);
        assert!(e.message.contains("at byte 15 of the decoded text"));
        let text = error_text(&token, &e);
        assert!(text.starts_with("Header JSON: "), "{text}");
        assert!(!text.contains("byte"), "{text}");
        // Padding, UTF-8, key and encoder errors.
        let e = first_error("eyJhbGciOiJIUzI1NiJ9.e3=0.");
        assert!(!error_text("eyJhbGciOiJIUzI1NiJ9.e3=0.", &e).contains("byte 2"));
        let utf8 = format!("{}.e30.", crate::jwt::b64::encode(b"{\"a\":\"\xff\"}"));
        let e = first_error(&utf8);
        let text = error_text(&utf8, &e);
        assert!(text.contains("0xff") && !text.contains("at byte"), "{text}");
        let key = crate::jwt::keys::parse_with("{\"kty\":", KeyFormat::Jwk, false).unwrap_err();
        assert!(key.message.contains("at byte"), "{}", key.message);
        assert!(!without_offsets(&key.message).contains("at byte"));
        let keys = crate::jwt::keys::parse_with("secret", KeyFormat::Utf8, false).unwrap();
        let e = sign_json_text("{}", "{\"a\": }", &keys).unwrap_err();
        assert!(e.message.contains("at byte 6"), "{}", e.message);
        assert_eq!(
            without_offsets(&e.message),
            e.message.replace(" at byte 6", "")
        );
        // Nothing else is touched.
        assert_eq!(
            without_offsets("The payload part is empty."),
            "The payload part is empty."
        );
        assert_eq!(without_offsets("at byte x"), "at byte x");
        let i = inspect(examples::ARTICLE, 0.0);
        assert!(i.decoded.errors.is_empty());
    }
}
