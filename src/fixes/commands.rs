//! Fixes credwiz cannot make itself but can hand the terminal to: a login
//! or `aws configure`, run in the foreground on the person's word. One
//! place maps a finding id to its command, as argv (never a shell string).

use crate::findings::FindingId;

/// The command that repairs finding `id` of `profile`, if one does.
pub fn foreground_command(id: FindingId, profile: &str) -> Option<Vec<String>> {
    use FindingId::*;
    let words: &[&str] = match id {
        SsoTokenMissing | SsoTokenExpired => &["aws", "sso", "login", "--profile"],
        LoginCacheMissing | LoginExpired => &["aws", "login", "--profile"],
        ProfileNotFound => &["aws", "configure", "--profile"],
        _ => return None,
    };
    let mut argv: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    argv.push(profile.to_string());
    Some(argv)
}

/// The command as people read and paste it, every word shell-quoted.
pub fn shown(argv: &[String]) -> String {
    argv.iter()
        .map(|w| crate::text::shell::quote(w).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
