//! The few browser calls the app makes: the clock, the URL fragment, the clipboard, the theme, timers and
//! event listeners. Nothing here sees the key: only the token goes into the URL, and only the theme is stored.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Where the theme preference is kept (the only thing the app stores).
const THEME_KEY: &str = "jwt-inspector.theme";
/// The fragment that carries a shared token.
const TOKEN_PREFIX: &str = "#token=";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The clock, in whole unix seconds.
pub fn now_secs() -> f64 {
    (js_sys::Date::now() / 1000.0).floor()
}

/// The token in the URL fragment (`#token=…`), if any.
pub fn token_from_hash() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let encoded = hash.strip_prefix(TOKEN_PREFIX)?;
    js_sys::decode_uri_component(encoded)
        .ok()
        .map(String::from)
        .or_else(|| Some(encoded.to_owned()))
}

/// The page URL with `#token=<token>` as its fragment (the key is never part of it).
pub fn share_url(token: &str) -> Option<String> {
    let loc = window()?.location();
    let base = format!(
        "{}{}{}",
        loc.origin().ok()?,
        loc.pathname().ok()?,
        loc.search().ok()?
    );
    Some(format!(
        "{base}{TOKEN_PREFIX}{}",
        String::from(js_sys::encode_uri_component(token))
    ))
}

/// Puts `url` in the address bar without reloading or adding a history entry.
pub fn replace_url(url: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Scrolls the element with id `id` into view and moves the focus to it (it should have `tabindex="-1"`).
pub fn scroll_to(id: &str) {
    let el = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(el) = el {
        el.scroll_into_view();
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Copies `text` to the clipboard; `done(true)` on success, `done(false)` when the clipboard is not available
/// or refused.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return done(false);
    };
    let has_clipboard = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !has_clipboard {
        return done(false);
    }
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let (d1, d2) = (done.clone(), done);
    let ok = Closure::once(move |_: JsValue| {
        if let Some(f) = d1.take() {
            f(true);
        }
    });
    let err = Closure::once(move |_: JsValue| {
        if let Some(f) = d2.take() {
            f(false);
        }
    });
    let _ = nav.clipboard().write_text(text).then2(&ok, &err);
    // The promise settles once; the closures free themselves when called, and are leaked otherwise (rare).
    ok.forget();
    err.forget();
}

/// Runs `f` between a User Timing mark and measure named `name`, so the benchmark (and the browser's
/// performance panel) can attribute main-thread time to the app's steps. Costs microseconds.
pub fn measure<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let perf = window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        let _ = p.mark(name);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark(name, name);
        p.clear_marks_with_mark_name(name);
    }
    out
}

/// The stored theme preference (`light` or `dark`), if any.
pub fn stored_theme() -> Option<String> {
    let s = window()?.local_storage().ok()??;
    s.get_item(THEME_KEY)
        .ok()?
        .filter(|t| t == "light" || t == "dark")
}

/// True when the system asks for a dark theme.
pub fn system_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Applies and stores a theme (`light` or `dark`).
pub fn set_theme(theme: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("data-theme", theme);
    }
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(THEME_KEY, theme);
    }
}

/// A repeating timer, cleared when dropped.
pub struct Interval {
    id: Option<i32>,
    _closure: Closure<dyn FnMut()>,
}

impl Interval {
    /// Calls `f` every `ms` milliseconds.
    pub fn new(ms: i32, f: impl FnMut() + 'static) -> Self {
        let closure = Closure::<dyn FnMut()>::new(f);
        let id = window().and_then(|w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                ms,
            )
            .ok()
        });
        Interval {
            id,
            _closure: closure,
        }
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let (Some(w), Some(id)) = (window(), self.id) {
            w.clear_interval_with_handle(id);
        }
    }
}

/// A one-shot timer, cancelled when dropped before it fires.
pub struct Timeout {
    id: Option<i32>,
    _closure: Closure<dyn FnMut()>,
}

impl Timeout {
    /// Calls `f` once after `ms` milliseconds.
    pub fn new(ms: i32, f: impl FnOnce() + 'static) -> Self {
        let mut f = Some(f);
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                ms,
            )
            .ok()
        });
        Timeout {
            id,
            _closure: closure,
        }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let (Some(w), Some(id)) = (window(), self.id) {
            w.clear_timeout_with_handle(id);
        }
    }
}

/// An event listener on the window, removed when dropped.
pub struct WindowListener {
    event: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl WindowListener {
    /// Calls `f` on every `event` on the window.
    pub fn new(event: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Self {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        if let Some(w) = window() {
            let _ = w.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        WindowListener { event, closure }
    }
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        if let Some(w) = window() {
            let _ = w.remove_event_listener_with_callback(
                self.event,
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// The local date and time of unix seconds `secs` (`2018-01-18 02:30:22 UTC+01:00`); `None` outside the
/// range a JS `Date` can hold. Formatted by hand: `toLocaleString` builds a new `Intl` formatter per call,
/// ~25 ms each on this machine, for every date claim on every tick.
pub fn local_time(secs: f64) -> Option<String> {
    let ms = secs * 1000.0;
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return None;
    }
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    let offset = -d.get_timezone_offset(); // minutes east of UTC
    let sign = if offset < 0.0 { '-' } else { '+' };
    let offset = offset.abs() as u32;
    Some(format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC{sign}{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
        offset / 60,
        offset % 60
    ))
}
