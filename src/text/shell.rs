//! Values in printed commands are shell-quoted, so that a fix line is safe
//! to paste whatever the profile, bucket, region or role is called.

use std::borrow::Cow;

/// One value quoted for a POSIX shell: unchanged when it holds only safe
/// characters (`dev`, `eu-west-1`), in single quotes otherwise.
pub fn quote(value: &str) -> Cow<'_, str> {
    shell_words::quote(value)
}

/// A path quoted for a POSIX shell, keeping a leading `~/` outside the
/// quotes so that the shell still expands it.
pub fn quote_path(path: &str) -> String {
    match path.strip_prefix("~/") {
        Some(rest) => format!("~/{}", quote(rest)),
        None => quote(path).into_owned(),
    }
}

/// `sed -i SCRIPT PATH` with the script one single-quoted word and the path
/// quoted: the one way a fix edits a file in place, so neither a name in the
/// script nor the path can end the quotes early.
pub fn sed_in_place(script: &str, path: &str) -> String {
    format!("sed -i {} {}", quote(script), quote_path(path))
}

/// Text matched literally in a sed basic regular expression with `/` as
/// the delimiter.
pub fn sed_pattern(text: &str) -> String {
    escape(text, &['\\', '/', '.', '*', '[', ']', '^', '$'])
}

/// Text put literally by a sed replacement with `/` as the delimiter.
pub fn sed_replacement(text: &str) -> String {
    escape(text, &['\\', '/', '&'])
}

fn escape(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sed_fix_is_one_command_whatever_the_name_and_path() {
        let name = "q&PWN'];x $(id)";
        let script = format!(
            "s/^\\[{}\\]/[profile {}]/",
            sed_pattern(name),
            sed_replacement(name)
        );
        let line = sed_in_place(&script, "/tmp/my dir/config");
        let words = shell_words::split(&line).expect("parses");
        assert_eq!(words.len(), 4, "{line}");
        assert_eq!(words[2], script);
        assert_eq!(words[3], "/tmp/my dir/config");
        assert_eq!(sed_pattern("a.b[c]"), "a\\.b\\[c\\]");
        assert_eq!(sed_replacement("a&b/c"), "a\\&b\\/c");
    }

    #[test]
    fn metacharacters_are_quoted_and_plain_names_are_not() {
        assert_eq!(quote("dev"), "dev");
        assert_eq!(quote("eu-west-1"), "eu-west-1");
        assert_eq!(quote("x;touch PWNED $(id)"), "'x;touch PWNED $(id)'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote(""), "''");
        let split = shell_words::split(&format!("aws configure --profile {}", quote("a b;c`d`")))
            .expect("parses");
        assert_eq!(split, ["aws", "configure", "--profile", "a b;c`d`"]);
    }

    #[test]
    fn a_home_path_keeps_its_tilde_outside_the_quotes() {
        assert_eq!(quote_path("~/.aws/config"), "~/.aws/config");
        assert_eq!(quote_path("~/my aws/config"), "~/'my aws/config'");
        assert_eq!(quote_path("/tmp/$(id)"), "'/tmp/$(id)'");
    }
}
