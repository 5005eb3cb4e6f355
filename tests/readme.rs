//! The README documents every public code and lint id (the lists are append-only and must stay true).
#![cfg(not(target_arch = "wasm32"))]

use jwt_inspector::{ErrorCode, Lint, VerifyCode};

const README: &str = include_str!("../README.md");

#[test]
fn readme_lists_every_code_and_lint() {
    let mut missing = Vec::new();
    let ids = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(VerifyCode::ALL.iter().map(|c| c.as_str()))
        .chain(Lint::ALL.iter().map(|l| l.id()));
    for id in ids {
        if !README.contains(&format!("| `{id}` |")) {
            missing.push(id);
        }
    }
    assert!(
        missing.is_empty(),
        "README.md does not document: {missing:?}"
    );
}

#[test]
fn readme_names_the_two_commands() {
    assert!(README.contains("scripts/serve.sh"));
    assert!(README.contains("scripts/test.sh"));
}
