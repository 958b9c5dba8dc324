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

#[cfg(test)]
mod tests {
    use super::*;

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
