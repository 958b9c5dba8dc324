//! `x` at an end whose fix is `aws sso login`: the command is shown first,
//! `n` runs nothing, `y` hands the terminal over (alternate screen and raw
//! mode left, the command reads the terminal) and takes it back after. A
//! fake `aws` on PATH stands in for the CLI: it prints its arguments, reads
//! a line and exits 3.

use crate::support::sandbox::Sandbox;
use crate::support::tmux::{command_line, Tmux};
use crate::support::world::sso_cache_file;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

#[test]
fn x_shows_the_login_n_runs_nothing_y_hands_the_terminal_over_and_back() {
    let bin = tempfile::tempdir().expect("bin");
    let marker = bin.path().join("ran");
    let aws = bin.path().join("aws");
    std::fs::write(
        &aws,
        format!(
            "#!/bin/sh\necho \"FAKE AWS $*\"\necho \"$*\" >> '{}'\nread answer\necho \"answer=$answer\" >> '{}'\nexit 3\n",
            marker.display(),
            marker.display()
        ),
    )
    .expect("fake aws");
    std::fs::set_permissions(&aws, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let sandbox = Sandbox::new()
        .config("[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n")
        .file(
            &sso_cache_file("corp"),
            r#"{"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1", "accessToken": "tok", "expiresAt": "2020-01-01T00:00:00Z"}"#,
        )
        .var("PATH", &path);
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("handover", sandbox.home_path(), &line, 110, 34) else {
        return;
    };
    tmux.wait_for(&["which error did you get?"]);
    tmux.keys(&["p"]);
    tmux.wait_for(&["Enter: triage"]);
    tmux.paste("botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.");
    let mut at_end = false;
    for _ in 0..8 {
        tmux.keys(&["Enter"]);
        std::thread::sleep(Duration::from_millis(400));
        if tmux.screen().contains("x runs aws sso login") {
            at_end = true;
            break;
        }
    }
    assert!(at_end, "no command offered:\n{}", tmux.screen());
    tmux.keys(&["x"]);
    tmux.wait_for(&["credwiz will run in this terminal: aws sso login --profile default"]);
    tmux.keys(&["n"]);
    tmux.wait_for(&["Nothing was run."]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!marker.exists(), "n ran the command");
    tmux.keys(&["x"]);
    tmux.wait_for(&["credwiz will run in this terminal"]);
    tmux.keys(&["y"]);
    tmux.wait_for(&["FAKE AWS sso login --profile default"]);
    assert_eq!(
        tmux.query("#{alternate_on}"),
        "0",
        "the alternate screen was not left"
    );
    // The command reads the terminal: what is typed reaches it, not credwiz.
    tmux.keys(&["-l", "hello"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(&["The command exited with 3"]);
    assert_eq!(
        tmux.query("#{alternate_on}"),
        "1",
        "the screen was not taken back"
    );
    assert_eq!(
        std::fs::read_to_string(&marker).expect("ran once"),
        "sso login --profile default\nanswer=hello\n"
    );
    tmux.keys(&["q"]);
    tmux.wait_for(&["EXIT=0", "icanon"]);
}
