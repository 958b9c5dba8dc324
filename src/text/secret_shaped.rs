//! Text that looks like a secret, hidden by its shape: for text from outside
//! credwiz whose secrets it cannot know by value.

use std::borrow::Cow;

/// Shortest run of token characters treated as a possible secret.
const SECRET_SHAPED_MIN_LEN: usize = 24;

/// Hides every word that looks like a secret, a session token or a signature:
/// a long run of base64 characters mixing upper case, lower case and digits,
/// or a long hex string. For text from outside credwiz (a helper's stderr, a
/// pasted error) whose secrets credwiz cannot know by value.
pub fn redact_secret_shaped(text: &str) -> Cow<'_, str> {
    // '=' only pads the end of base64; inside a word it separates a name
    // from its value (`X-Amz-Date=20260101T000000Z`), which are two words.
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '+' | '_' | '-');
    let mut out = String::new();
    let mut last = 0;
    let mut changed = false;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_token_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if !is_token_char(next) {
                break;
            }
            end = i + next.len_utf8();
            chars.next();
        }
        while let Some(&(i, '=')) = chars.peek() {
            end = i + 1;
            chars.next();
        }
        let word = &text[start..end];
        if looks_secret(word) {
            out.push_str(&text[last..start]);
            out.push_str("<hidden>");
            last = end;
            changed = true;
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

fn looks_secret(word: &str) -> bool {
    if word.len() < SECRET_SHAPED_MIN_LEN {
        return false;
    }
    let upper = word.chars().any(|c| c.is_ascii_uppercase());
    let lower = word.chars().any(|c| c.is_ascii_lowercase());
    let digit = word.chars().any(|c| c.is_ascii_digit());
    let hex = word.len() >= 32 && word.chars().all(|c| c.is_ascii_hexdigit());
    (upper && lower && digit) || hex
}
