//! The change shown before it is made: a unified diff of the file with
//! every secret hidden on both sides. A key id is masked
//! (`AKIA************WXYZ`), a secret or token is described by its length
//! only; the quotes or spaces around it stay visible, since they are what
//! the edit removes. Control characters show as placeholders, a CRLF line
//! end as `␍`.

use super::lines::LineFile;
use super::setting::setting;
use crate::text::mask::{describe_secret, mask_key_id, Scrubber};

/// Keys whose values are never shown, not even in part.
const SECRET_KEYS: &[&str] = &[
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
];

/// The unified diff from `before` to `after` of the file shown as `shown`,
/// secrets hidden, then scrubbed of every secret `scrubber` knows.
pub(crate) fn unified(before: &str, after: &str, shown: &str, scrubber: &Scrubber) -> String {
    let old = masked(before);
    let new = masked(after);
    let diff = similar::TextDiff::from_lines(&old, &new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(shown, &format!("{shown} (after the fix)"))
        .to_string();
    scrubber.scrub(&text).into_owned()
}

/// The file as the diff shows it: one masked, inert line per line.
fn masked(text: &str) -> String {
    let file = LineFile::parse(text);
    let mut out = String::new();
    for (index, line) in file.lines.iter().enumerate() {
        let mut shown = String::new();
        let content = match (index, line.content.strip_prefix('\u{feff}')) {
            (0, Some(rest)) => {
                shown.push_str("<byte-order mark>");
                rest
            }
            _ => line.content.as_str(),
        };
        shown.push_str(&crate::text::sanitize::sanitize_line(&mask_line(content)));
        if line.ending == "\r\n" {
            shown.push('␍');
        }
        out.push_str(&shown);
        out.push('\n');
    }
    out
}

/// One line with the value of a key or secret setting hidden.
fn mask_line(line: &str) -> String {
    let Some(found) = setting(line) else {
        return line.to_string();
    };
    let value = found.value(line);
    let is_secret = SECRET_KEYS.contains(&found.key.as_str())
        || crate::text::mask::is_request_secret(&found.key)
        || found.key.contains("secret")
        || found.key.contains("token");
    let hidden = if is_secret {
        wrap_core(value, describe_secret)
    } else if found.key == "aws_access_key_id" {
        wrap_core(value, mask_key_id)
    } else {
        return line.to_string();
    };
    found.with_value(line, &hidden)
}

/// The value with its core (from the first to the last character that is
/// not a quote or whitespace) replaced by `hide(core)`; the decoration
/// around it stays, so the diff shows what the edit removes.
fn wrap_core(value: &str, hide: impl Fn(&str) -> String) -> String {
    let decoration = |c: char| c.is_whitespace() || c.is_control() || c == '"' || c == '\'';
    let start = value.find(|c| !decoration(c));
    let end = value.rfind(|c| !decoration(c));
    match (start, end) {
        (Some(start), Some(end)) => {
            let last = value[end..].chars().next().map_or(0, char::len_utf8);
            format!(
                "{}{}{}",
                &value[..start],
                hide(&value[start..end + last]),
                &value[end + last..]
            )
        }
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_hidden_on_both_sides() {
        let secret = "pLaNtEd/SlAsH+SeCrEt/0123456789+abcdefgh";
        let before = format!("[dev]\naws_access_key_id = AKIAZ7VQXJ4PLM2RTW5Y\naws_secret_access_key = \"{secret}\"\n");
        let after = format!(
            "[dev]\naws_access_key_id = AKIAZ7VQXJ4PLM2RTW5Y\naws_secret_access_key = {secret}\n"
        );
        let diff = unified(&before, &after, "~/.aws/credentials", &Scrubber::default());
        assert!(!diff.contains(secret), "{diff}");
        assert!(!diff.contains("AKIAZ7VQXJ4PLM2RTW5Y"), "{diff}");
        assert!(
            diff.contains("-aws_secret_access_key = \"<40 characters, hidden>\""),
            "{diff}"
        );
        assert!(
            diff.contains("+aws_secret_access_key = <40 characters, hidden>"),
            "{diff}"
        );
        assert!(
            diff.contains(" aws_access_key_id = AKIA************TW5Y"),
            "{diff}"
        );
    }
}
