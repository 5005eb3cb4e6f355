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

/// The findings registry (`Lint`, generated from one table in src/jwt/lints.rs) is the source of the README
/// tables and the npm `LintId` type: each lists every rule, in registry order, with the registry's text.
#[test]
fn findings_tables_and_types_come_from_the_registry() {
    const NPM_README: &str = include_str!("../npm/README.md");
    const TYPES: &str = include_str!("../npm/index.d.ts");
    for (name, doc) in [("README.md", README), ("npm/README.md", NPM_README)] {
        let rows: Vec<String> = Lint::ALL
            .iter()
            .map(|l| format!("| `{}` | {} | {} |", l.id(), l.summary(), l.rfc()))
            .collect();
        let table: Vec<&str> = doc
            .lines()
            .filter(|line| {
                Lint::ALL
                    .iter()
                    .any(|l| line.starts_with(&format!("| `{}` |", l.id())))
            })
            .collect();
        assert_eq!(
            table, rows,
            "{name}'s findings table differs from the registry"
        );
    }
    let union = TYPES
        .split("export type LintId =")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("npm/index.d.ts declares LintId");
    let ids: Vec<&str> = union
        .split('|')
        .map(|s| s.trim().trim_matches('"'))
        .filter(|s| !s.is_empty())
        .collect();
    let registry: Vec<&str> = Lint::ALL.iter().map(|l| l.id()).collect();
    assert_eq!(
        ids, registry,
        "npm/index.d.ts LintId differs from the registry"
    );
}
