//! The Yew single-page app (feature `ui`): renders state derived from the core and owns no token logic.
//!
//! - [`state`]: the whole app state, the actions and a pure [`yew::Reducible`] reducer (unit-tested natively);
//! - [`highlight`], [`examples`]: pure helpers (editor colouring, UTF-16 positions, the examples menu);
//! - one file per component, and [`dom`] for the few browser calls (clipboard, URL fragment, theme);
//! - the secret audit: [`audit`] (the panel, driving Web Workers), [`audit_plan`] (its pure side) and [`worker`]
//!   (the exports the workers call, in this same wasm).
//!
//! Secrets never leave the reducer: the key is not logged (`State`'s `Debug` redacts it), not stored and never
//! put in the URL; the share link carries only `#token=…`. A secret the audit finds stays in its panel (masked
//! until asked) until it is used as the key.

pub mod app;
pub mod audit;
pub mod audit_plan;
pub mod claims_table;
pub mod copy_button;
pub mod dom;
pub mod encoder;
pub mod examples;
pub mod findings_list;
pub mod highlight;
pub mod json_view;
pub mod signature_pane;
pub mod state;
pub mod token_editor;
pub mod toolbar;
pub mod worker;

pub use app::App;
