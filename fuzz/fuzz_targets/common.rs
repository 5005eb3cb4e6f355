//! Invariants shared by the targets.

use jwt_inspector::{ErrorCode, Inspection, Lint, Span};

/// Every span of an inspection lies inside the input, on character boundaries, and every code is a published one.
pub fn check_inspection(input: &str, i: &Inspection) {
    let inside = |s: Span, what: &str| {
        assert!(s.start <= s.end && s.end <= input.len(), "{what} span {s:?} outside {} bytes", input.len());
        assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end), "{what} span {s:?} splits a character");
    };
    for e in &i.decoded.errors {
        inside(e.span, e.code.as_str());
        assert!(ErrorCode::ALL.contains(&e.code));
    }
    for p in &i.decoded.parts {
        inside(p.span, "part");
    }
    for f in &i.findings {
        assert!(Lint::ALL.contains(&f.lint));
        if let Some(s) = f.span {
            inside(s, f.id());
        }
    }
}
