//! Filling `{placeholder}`s in playbook texts and fix lines.

use crate::playbook::model::placeholders_in;
use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

/// Where [`render_text`] looks placeholder values up: the check runner's
/// `BTreeMap<&str, String>` or any `HashMap` keyed by strings.
pub trait PlaceholderValues {
    /// The value of `name`, if known.
    fn value(&self, name: &str) -> Option<&str>;
}

impl<K: Borrow<str> + Hash + Eq, S: BuildHasher> PlaceholderValues for HashMap<K, String, S> {
    fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

impl<K: Borrow<str> + Ord> PlaceholderValues for BTreeMap<K, String> {
    fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

/// Fills `{placeholder}`s; anything unknown, absent or empty shows as
/// `(unknown)`, so a half-finished diagnosis never prints a bare `{profile}`
/// (in a command, see [`render_command`]: `<profile>`, to be filled in).
/// Values are made inert and one line: a profile name or an SDK error with
/// a newline in it must not start a line of the walk's conclusion.
pub fn render_text(text: &str, values: &impl PlaceholderValues) -> String {
    fill(text, false, values, |_, value| {
        crate::text::sanitize::sanitize_line(value)
    })
}

/// Fills the `{placeholder}`s of a fix line (a command to paste): each value
/// is shell-quoted, so a profile named `x;touch PWNED` stays one argument.
pub fn render_command(text: &str, values: &impl PlaceholderValues) -> String {
    fill(text, true, values, |name, value| {
        if crate::checks::registry::COMMAND_PLACEHOLDERS.contains(&name) {
            // A whole command, quoted where it was made; only made inert.
            crate::text::sanitize::sanitize_line(value)
        } else {
            let line = crate::text::sanitize::sanitize_line(value);
            crate::text::shell::quote(&line).into_owned().into()
        }
    })
}

fn fill<'v>(
    text: &str,
    command: bool,
    values: &'v impl PlaceholderValues,
    show: impl Fn(&str, &'v str) -> std::borrow::Cow<'v, str>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (range, name) in placeholders_in(text) {
        out.push_str(&text[copied..range.start]);
        match values.value(name).filter(|v| !v.is_empty()) {
            Some(value) => out.push_str(&show(name, value)),
            // What the person fills in, in a command: `<bucket>`.
            None if command => {
                out.push('<');
                out.push_str(&name.replace('_', " "));
                out.push('>');
            }
            // Already in brackets (`(key {access_key})`): no `((unknown))`.
            None if text[range.end..].starts_with(')') => out.push_str("unknown"),
            None => out.push_str("(unknown)"),
        }
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_placeholder_is_kept_whole_but_made_inert() {
        let mut values = BTreeMap::new();
        values.insert(
            "sdk_fix",
            "export AWS_PROFILE='my dev'; unset AWS_DEFAULT_PROFILE".to_string(),
        );
        values.insert("profile", "my dev".to_string());
        assert_eq!(
            render_command("{sdk_fix}", &values),
            "export AWS_PROFILE='my dev'; unset AWS_DEFAULT_PROFILE"
        );
        // Any other value is one shell word.
        assert_eq!(
            render_command("aws configure --profile {profile}", &values),
            "aws configure --profile 'my dev'"
        );
        values.insert(
            "sdk_fix",
            "unset AWS_PROFILE\x1b]52;c;cm0gLXJm\x07".to_string(),
        );
        let filled = render_command("{sdk_fix}", &values);
        assert!(
            !filled.contains('\x1b') && !filled.contains('\x07'),
            "{filled:?}"
        );
        assert!(filled.starts_with("unset AWS_PROFILE"), "{filled:?}");
    }

    #[test]
    fn a_value_with_a_newline_fills_one_line() {
        let mut values = BTreeMap::new();
        values.insert("profile", "x\nFORGED: line".to_string());
        let text = render_text("profile {profile} is missing", &values);
        assert!(!text.contains('\n'), "{text:?}");
        let command = render_command("aws configure --profile {profile}", &values);
        assert!(!command.contains('\n'), "{command:?}");
        assert_eq!(shell_words::split(&command).map(|w| w.len()), Ok(4));
    }
}
