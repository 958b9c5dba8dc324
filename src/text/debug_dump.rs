//! Rust `Debug` dumps never reach a person: SDK errors quote whole request
//! values (`` to request `Request { body: SdkBody { … } }` ``), which say
//! nothing to the user and may carry request bodies.

use std::borrow::Cow;

/// The text with every backquoted Debug dump (`` `Name { … }` `` or
/// `` `Name(…)` ``) replaced by `(details omitted)`.
pub fn strip_debug_dumps(text: &str) -> Cow<'_, str> {
    if !text.contains('`') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let mut inside = true;
    for part in parts {
        if inside && looks_like_debug(part) {
            out.push_str("(details omitted)");
            changed = true;
        } else {
            out.push('`');
            out.push_str(part);
        }
        inside = !inside;
    }
    if changed {
        Cow::Owned(out.replace("(details omitted)`", "(details omitted)"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `Name { field: …` or `Name(…`: an upper-case type name opening a struct
/// or a tuple.
pub fn looks_like_debug(text: &str) -> bool {
    let name_len = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    if name_len == 0 || !text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let rest = &text[name_len..];
    (rest.starts_with(" { ") && rest.contains(':'))
        || (rest.starts_with('(') && rest.ends_with(')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_dumps_are_omitted_and_the_reason_kept() {
        let text = "failed to apply endpoint `not a url` to request `Request { body: SdkBody { inner: Once(Some(b\"x\")) }, method: POST }`: endpoint is not a valid URI";
        assert_eq!(
            strip_debug_dumps(text),
            "failed to apply endpoint `not a url` to request (details omitted): endpoint is not a valid URI"
        );
        let plain = "run `credwiz check` or `aws sso login --profile Dev`";
        assert!(matches!(strip_debug_dumps(plain), Cow::Borrowed(_)));
    }
}
