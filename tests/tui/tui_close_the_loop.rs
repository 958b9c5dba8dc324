//! The whole loop in one wizard session, in tmux: credwiz runs a failing
//! boto3-style script, the walk ends on the file problem its report leads
//! with, `f` then `y` repairs the file (with a backup), and `v` twice
//! replays the script, which now succeeds.

use crate::support::sandbox::{Sandbox, KEY_ID, PLANTED_SLASH_SECRET};
use crate::support::tmux::{command_line, Tmux};
use crate::support::world::{in_ci, world_python};
use std::time::Duration;

/// botocore's own resolution, as a program would do it; no network.
const APP: &str = "import botocore.session
from botocore.exceptions import NoCredentialsError

credentials = botocore.session.get_session().get_credentials()
if credentials is None:
    raise NoCredentialsError()
print('resolved by', credentials.method)
";

#[test]
fn wrap_a_failing_script_fix_the_file_and_replay_it() {
    let Some(python) = world_python() else {
        assert!(
            !in_ci(),
            "CI=true and no world venv for botocore (scripts/world-venv)"
        );
        eprintln!("\n!!!!! SKIPPING: no world venv for botocore !!!!!\n");
        return;
    };
    // `[profile dev]` in the credentials file: botocore (and aws-config)
    // read that section as a profile named "profile dev", so dev is missing.
    let before = format!(
        "[profile dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
    );
    let sandbox = Sandbox::new()
        .credentials(&before)
        .var("AWS_PROFILE", "dev");
    let workdir = tempfile::tempdir().expect("work dir");
    std::fs::write(workdir.path().join("app.py"), APP).expect("app.py");
    let python = python.display().to_string();
    let line = command_line(&sandbox, &["--", &python, "app.py"]);
    let Some(tmux) = Tmux::start("close-the-loop", workdir.path(), &line, 120, 36) else {
        return;
    };
    tmux.wait_for(&["program  Python"]);
    let mut screen = String::new();
    for _ in 0..10 {
        tmux.keys(&["Enter"]);
        std::thread::sleep(Duration::from_millis(400));
        screen = tmux.screen();
        if screen.contains("f shows the change") {
            break;
        }
    }
    assert!(
        screen.contains("f shows the change credwiz can make to ~/.aws/credentials"),
        "the walk did not end on the file fix:\n{screen}"
    );
    tmux.keys(&["f"]);
    let screen = tmux.wait_for(&["Change to your AWS file", "[dev]"]);
    assert!(!screen.contains(PLANTED_SLASH_SECRET), "{screen}");
    tmux.keys(&["y"]);
    tmux.wait_for(&["Wrote ~/.aws/credentials"]);
    let credentials = sandbox.home_path().join(".aws/credentials");
    assert_eq!(
        std::fs::read_to_string(&credentials).expect("read"),
        before.replace("[profile dev]", "[dev]")
    );
    let backups = std::fs::read_dir(sandbox.home_path().join(".aws"))
        .expect("list ~/.aws")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("credentials."))
        .map(|e| std::fs::read_to_string(e.path()).expect("backup"))
        .collect::<Vec<_>>();
    assert_eq!(backups, [before], "one backup, the file as it was");

    tmux.keys(&["v"]);
    tmux.wait_for(&["v again to replay your command with the change to ~/.aws/credentials"]);
    tmux.keys(&["v"]);
    let screen = tmux.wait_for(&["with the change to ~/.aws/credentials your command succeeds"]);
    assert!(!screen.contains(PLANTED_SLASH_SECRET), "{screen}");
    tmux.keys(&["q"]);
    let (ended, cooked, screen) = tmux.ended();
    assert_eq!(ended, Some(0), "{screen}");
    assert!(cooked, "{screen}");
}
