//! Ends that once named another cause than `credwiz check`, walked in the
//! real binary from a pasted error with Enter only: an expired SSO login
//! ends at `aws sso login`, a secret with a trailing space at the key,
//! before S3 is asked anything (both kept as snapshots of the whole screen,
//! the Enter presses from paste to the end counted), and an `sso_session`
//! naming no section at that name, not at a login.

use crate::support::sandbox::{Sandbox, KEY_ID, PLANTED_SLASH_SECRET};
use crate::support::tmux::{command_line, Tmux};
use crate::support::world::sso_cache_file;
use std::time::{Duration, SystemTime};

/// Pastes `error`, then presses Enter until the fix is on screen; returns
/// the end screen and how many Enter presses it took after the paste.
fn paste_and_walk(tmux: &Tmux, error: &str) -> (String, usize) {
    tmux.wait_for(&["which error did you get?"]);
    tmux.keys(&["p"]);
    tmux.wait_for(&["Enter: triage"]);
    tmux.paste(error);
    for presses in 1..=8 {
        tmux.keys(&["Enter"]);
        std::thread::sleep(Duration::from_millis(300));
        let mut screen = tmux.screen();
        // Let a running check finish before deciding.
        for _ in 0..40 {
            if !screen.contains("Checking") {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            screen = tmux.screen();
        }
        if screen.contains("Fix (c copies these lines):") {
            return (screen, presses);
        }
    }
    panic!("no end after 8 Enter presses:\n{}", tmux.screen());
}

/// The screen without what differs between runs: the sandbox's paths and
/// the loopback ports its refused endpoints got.
fn stable(screen: &str, sandbox: &Sandbox) -> String {
    let screen = screen.replace(&sandbox.home_path().display().to_string(), "~");
    let port = regex_lite::Regex::new(r"127\.0\.0\.1:\d+").expect("pattern");
    port.replace_all(&screen, "127.0.0.1:PORT").into_owned()
}

#[test]
fn an_expired_sso_login_ends_at_aws_sso_login() {
    let expired = SystemTime::now() - Duration::from_secs(3 * 86_400 + 60);
    let seconds = expired
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let expires_at = aws_smithy_types::DateTime::from_secs(seconds as i64)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .expect("a timestamp");
    let sandbox = Sandbox::new()
        .config("[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n")
        .file(
            &sso_cache_file("corp"),
            &format!(r#"{{"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1", "accessToken": "tok", "expiresAt": "{expires_at}"}}"#),
        );
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("sso-end", sandbox.home_path(), &line, 100, 30) else {
        return;
    };
    let (screen, presses) = paste_and_walk(
        &tmux,
        "botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.",
    );
    assert!(
        screen.contains("aws sso login --sso-session corp"),
        "{screen}"
    );
    assert!(presses <= 5, "{presses} Enter presses:\n{screen}");
    let screen = stable(&screen, &sandbox).replace(&expires_at, "<three days ago>");
    insta::assert_snapshot!("sso_expired_end", screen);
    tmux.keys(&["q"]);
}

#[test]
fn a_secret_with_a_trailing_space_ends_at_the_key() {
    let sandbox = Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", &format!("{PLANTED_SLASH_SECRET} "))
        .var("AWS_REGION", "eu-west-1");
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("space-end", sandbox.home_path(), &line, 100, 30) else {
        return;
    };
    let (screen, presses) = paste_and_walk(
        &tmux,
        "An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
    assert!(screen.contains("without quotes"), "{screen}");
    assert!(!screen.contains(PLANTED_SLASH_SECRET), "{screen}");
    assert!(presses <= 5, "{presses} Enter presses:\n{screen}");
    insta::assert_snapshot!("whitespace_secret_end", stable(&screen, &sandbox));
    tmux.keys(&["q"]);
}

/// `sso_session` names a section that does not exist: the walk for an
/// expired SSO login ends at that cause with the rename (and `f` offers to
/// write it), not at "log in again", which would fail the same way.
#[test]
fn an_sso_session_naming_no_section_ends_at_the_name_not_a_login() {
    let sandbox = Sandbox::new().config(
        "[default]\nsso_session = corpp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n",
    );
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("sso-session-end", sandbox.home_path(), &line, 110, 34) else {
        return;
    };
    let (screen, _) = paste_and_walk(
        &tmux,
        "botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid.",
    );
    assert!(
        screen.contains("The profile names an SSO session that does not exist"),
        "{screen}"
    );
    assert!(
        screen.contains("aws configure set sso_session corp --profile default"),
        "{screen}"
    );
    assert!(!screen.contains("sso.session_missing"), "{screen}");
    assert!(
        screen.contains("f shows the change credwiz can make to ~/.aws/config"),
        "{screen}"
    );
    tmux.keys(&["q"]);
}
