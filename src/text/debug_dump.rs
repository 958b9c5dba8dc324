//! Rust `Debug` dumps never reach a person: SDK errors quote whole request
//! values (`` to request `Request { body: SdkBody { … } }` ``), which say
//! nothing to the user and may carry request bodies.

use std::borrow::Cow;

/// The text with every Debug dump (`` `Name { … }` ``, `` `Name(…)` ``, or
/// a bare `Name { field: … }`) replaced by `(details omitted)`.
pub fn strip_debug_dumps(text: &str) -> Cow<'_, str> {
    let quoted = strip_quoted_dumps(text);
    match strip_bare_dumps(&quoted) {
        Cow::Owned(cleaned) => Cow::Owned(cleaned),
        Cow::Borrowed(_) => quoted,
    }
}

/// `Name { field: … }` outside backquotes, up to its matching brace.
fn strip_bare_dumps(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find(" { ") {
        let brace = search + found + 1;
        let name_start = text[..brace - 1]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        search = brace + 1;
        if name_start < copied || !looks_like_debug(&text[name_start..]) {
            continue;
        }
        let mut depth = 0usize;
        let mut end = text.len();
        for (i, c) in text[brace..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = brace + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push_str(&text[copied..name_start]);
        out.push_str("(details omitted)");
        copied = end;
        search = end;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

fn strip_quoted_dumps(text: &str) -> Cow<'_, str> {
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
        let bare = "error response from IMDS (code: 500). Response { status: StatusCode(500), body: SdkBody { inner: Once(Some(b\"\")) } } and more";
        assert_eq!(
            strip_debug_dumps(bare),
            "error response from IMDS (code: 500). (details omitted) and more"
        );
        let plain = "run `credwiz check` or `aws sso login --profile Dev`; {\"Version\": 1}";
        assert!(matches!(strip_debug_dumps(plain), Cow::Borrowed(_)));
    }
}
