//! The real binary in tmux, on a scenario HOME with nothing configured:
//! paste the error, let triage pick `no-credentials`, walk it to its end,
//! copy the fix, export the transcript, quit. Every run starts from `env -i`
//! with a loopback-only environment; every wait is bounded.

use crate::support::sandbox;

use crate::support::tmux::{command_line, quote, Tmux};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Waits for credwiz to exit with `code` and the terminal to be restored.
fn wait_exit(tmux: &Tmux, code: i32) {
    let (ended, cooked, screen) = tmux.ended();
    assert_eq!(ended, Some(code), "{screen}");
    assert!(cooked, "the terminal was left in raw mode:\n{screen}");
}

/// The error a person pastes: boto3 failing to upload with a signature error.
const SIGNATURE_PASTE: &str = "Traceback (most recent call last):\n  File \"/srv/app/publish.py\", line 18, in <module>\n    s3.upload_file(\"report.csv\", \"acme-reports\", \"2026/report.csv\")\nboto3.exceptions.S3UploadFailedError: Failed to upload report.csv to acme-reports/2026/report.csv: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided.";

#[test]
fn signature_error_from_paste_to_fix_with_enter_only() {
    let sandbox = sandbox::Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", sandbox::KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", sandbox::PLANTED_SECRET)
        .var("AWS_REGION", "eu-west-1");
    let workdir = tempfile::tempdir().expect("work dir");
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("signature", workdir.path(), &line, 100, 30) else {
        return;
    };
    tmux.wait_for(&["which error did you get?", "✓ env      resolved"]);
    tmux.keys(&["p"]);
    tmux.wait_for(&["Enter: triage"]);
    tmux.paste(SIGNATURE_PASTE);
    tmux.keys(&["Enter"]);
    let triage = tmux.wait_for(&[
        "S3 rejects the key or the signature  ← matches your error",
        "From your error: SignatureDoesNotMatch",
        "PutObject on s3",
        "acme-reports · key 2026/report.csv",
        "program  Python (boto3)",
    ]);
    assert!(triage.contains("STS      Unreachable"), "{triage}");

    // From here on, only Enter. Every SDK would use the environment keys,
    // so the check that says so (✓) passes by and the walk opens on the
    // question the pasted error answers.
    tmux.keys(&["Enter"]);
    tmux.wait_for(&[
        "Step 2 of about",
        "Which error did S3 return?",
        "› SignatureDoesNotMatch (the signature is different)  (from your",
    ]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(&[
        "Step 3 of about",
        "Which bucket did the call go to?",
        "› acme-reports▏  (from your error)",
    ]);
    tmux.keys(&["Enter"]);
    let probe = tmux.wait_for(&[
        "→ acme-reports › What does S3 itself say",
        "Step 4 of about",
        "→ Next: \"S3 could not be reached\"",
    ]);
    assert!(
        probe.contains("acme-reports"),
        "the S3 probe names the pasted bucket:\n{probe}"
    );
    tmux.keys(&["Enter"]);
    let end = tmux.wait_for(&[
        "✗ S3 unreachable › S3 could not be reached",
        "✗ S3 could not be reached",
        "Fix (c copies these lines):",
        "  $ curl -sv https://s3.eu-west-1.amazonaws.com/ -o /dev/null",
    ]);
    assert!(!end.contains(sandbox::PLANTED_SECRET), "{end}");
    tmux.keys(&["c"]);
    tmux.wait_for(&[
        "Copied 2 lines to the clipboard (OSC 52). If nothing arrived, select the block below.",
        "│curl -sv https://s3.eu-west-1.amazonaws.com/ -o /dev/null",
    ]);
    tmux.keys(&["q"]);
    wait_exit(&tmux, 0);
}

#[test]
fn no_credentials_from_paste_to_fix_and_transcript() {
    // The transcript goes to $XDG_STATE_HOME/credwiz, never the current folder.
    let workdir = tempfile::tempdir().expect("work dir");
    let state = tempfile::tempdir().expect("state dir");
    let sandbox =
        sandbox::Sandbox::new().var("XDG_STATE_HOME", &state.path().display().to_string());
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("walk", workdir.path(), &line, 100, 30) else {
        return;
    };

    tmux.wait_for(&[
        "which error did you get?",
        "No credentials found",
        "Paste the error message",
    ]);
    tmux.wait_for(&["from     nothing resolved", "· profile  not set"]);

    // Paste the error; triage picks the playbook and says why.
    tmux.keys(&["p"]);
    tmux.wait_for(&["Enter: triage"]);
    tmux.paste("botocore.exceptions.NoCredentialsError: Unable to locate credentials");
    tmux.wait_for(&["NoCredentialsError: Unable to locate"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(&[
        "No credentials found  ← matches your error",
        "Picked \"No credentials found\": the error mentions",
        "\"NoCredentialsError\"",
    ]);

    // Checks that found nothing to act on (✓, ·) pass by as one line of the
    // path; a page stays where something is wrong (✗) or needs a look (!).
    tmux.keys(&["Enter"]);
    tmux.wait_for(&[
        "Step 2 of about",
        "What does the default chain resolve here?",
        "✗ nothing resolved: every slot came up empty",
        "→ Next: \"Environment variables\"",
        "Credential chain",
    ]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(&[
        "· no default profile › The shared AWS files",
        "Step 5 of about",
        "neither ~/.aws/config nor",
        "→ Next: \"Where does the failing program run?\"",
    ]);

    // Back and forth: Esc returns to a page that passed by, which now stays;
    // Enter comes back.
    tmux.keys(&["Escape"]);
    tmux.wait_for(&[
        "Step 4 of about",
        "Which profile is selected?",
        "→ Next: \"The shared AWS files\"",
    ]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(&["Step 5 of about", "neither ~/.aws/config nor"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(&[
        "Step 6 of about",
        "Where does the failing program run?",
        "› Right here, in this shell or on this machine  (detected)",
        "not inside a container",
    ]);
    tmux.keys(&["Enter"]);
    let end = tmux.wait_for(&[
        "✗ Nothing is configured on this machine",
        "Fix (c copies these lines):",
        "aws configure sso --profile default",
        "aws sts get-caller-identity --profile default",
    ]);
    assert!(
        end.contains("this machine › Nothing is configured on this machine"),
        "{end}"
    );

    tmux.keys(&["c"]);
    tmux.wait_for(&[
        "If nothing arrived, select the block below.",
        "│aws configure sso --profile default",
    ]);

    tmux.keys(&["?"]);
    tmux.wait_for(&[
        "export the transcript as Markdown",
        "good: this was checked",
    ]);
    // The marks and the words follow the keys; ↓ scrolls to them.
    tmux.keys(&["Down"; 20]);
    tmux.wait_for(&[
        "slot: one place the SDK looks",
        "lens: how one SDK",
        "? or Esc closes this help",
    ]);
    tmux.keys(&["?"]);

    tmux.keys(&["e"]);
    let screen = tmux.wait_for(&["Transcript saved to "]);
    let nothing_here = std::fs::read_dir(workdir.path())
        .expect("read work dir")
        .count();
    assert_eq!(nothing_here, 0, "nothing is written to the current folder");
    let exported: Vec<_> = std::fs::read_dir(state.path().join("credwiz"))
        .expect("read work dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    assert_eq!(
        exported.len(),
        1,
        "one transcript in the state folder: {exported:?}"
    );
    let name = exported[0]
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?");
    assert!(
        screen.contains(name) && screen.contains(&state.path().display().to_string()),
        "the screen names the file by its full path:\n{screen}"
    );
    let markdown = crate::support::screens::checked(
        "the exported transcript",
        std::fs::read_to_string(&exported[0]).expect("read transcript"),
    );
    for expected in [
        "# credwiz: No credentials found",
        "1. **Do Python, Node.js and Rust programs get the same credentials here?** → every SDK agrees",
        "2. **What does the default chain resolve here?** → nothing resolved",
        "✗ nothing resolved: every slot came up empty",
        "6. **Where does the failing program run?** → Right here, in this shell or on this machine",
        "## Diagnosis: Nothing is configured on this machine",
        "```sh\naws configure sso --profile default\n",
        "## The error",
        "NoCredentialsError",
        "## Resolved provider",
        "- provider: none resolved",
        "## Details",
        "`chain.no_credentials`",
    ] {
        assert!(
            markdown.contains(expected),
            "missing {expected:?} in:\n{markdown}"
        );
    }
    assert!(
        !sandbox.home_path().join(".aws").exists(),
        "nothing written to ~/.aws"
    );

    tmux.keys(&["q"]);
    wait_exit(&tmux, 0);

    // The headless runbook on the same HOME takes the same path.
    let interactive = transcript_path(&markdown);
    assert_eq!(
        interactive.first().map(String::as_str),
        Some("Do Python, Node.js and Rust programs get the same credentials here?"),
        "{interactive:?}"
    );
    assert_eq!(
        interactive.len(),
        6,
        "six steps before the end: {interactive:?}"
    );
    let run = sandbox.credwiz(&[
        "run",
        "no-credentials",
        "--answer",
        "where=here",
        "--markdown",
    ]);
    let run_text = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{run_text}");
    assert_eq!(
        runbook_path(&run_text),
        interactive,
        "run:\n{run_text}\ntranscript:\n{markdown}"
    );
    assert!(
        run_text.contains("## Diagnosis: Nothing is configured on this machine"),
        "{run_text}"
    );
}

/// Step titles of an exported transcript, in order (`1. **Title** → …`).
fn transcript_path(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|line| line.split_once(". **").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once("**").map(|(title, _)| title.to_string()))
        .collect()
}

/// Step titles of `credwiz run --markdown`, in order (`1. [✓] Title — … → …`).
fn runbook_path(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .filter_map(|line| line.split_once("] ").map(|(_, rest)| rest))
        .map(|rest| {
            let end = rest
                .find(" — ")
                .or_else(|| rest.find(" → "))
                .unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .collect()
}

#[test]
fn broken_user_playbook_is_reported_and_the_rest_still_work() {
    let sandbox = sandbox::Sandbox::new().file(
        "extra/mine.toml",
        "id = \"mine\"\ntitle = \"Mine\"\nsummary = \"x\"\nstart = \"nowhere\"\n[nodes.a]\nkind = \"end\"\ntitle = \"A\"\nseverity = \"ok\"\ndiagnosis = \"fine\"\n",
    );
    let extra = sandbox.home_path().join("extra");
    let line = command_line(&sandbox, &["--playbooks", &extra.display().to_string()]);
    let Some(tmux) = Tmux::start("broken", sandbox.home_path(), &line, 100, 30) else {
        return;
    };
    tmux.wait_for(&[
        "Not loaded (the other playbooks work):",
        "mine.toml",
        "No credentials found",
    ]);

    // Too small, then large enough again.
    let status = tmux
        .cmd()
        .args(["resize-window", "-t", "w", "-x", "50", "-y", "12"])
        .status()
        .expect("resize");
    assert!(status.success());
    tmux.wait_for(&["Please enlarge the terminal (need 60×15, have", "50×12)."]);
    let status = tmux
        .cmd()
        .args(["resize-window", "-t", "w", "-x", "60", "-y", "15"])
        .status()
        .expect("resize");
    assert!(status.success());
    tmux.wait_for(&["Not loaded", "Paste the error message"]);

    // Ctrl-C quits cleanly too.
    tmux.keys(&["C-c"]);
    wait_exit(&tmux, 0);
}

#[test]
fn sigterm_quits_cleanly_and_restores_the_terminal() {
    let sandbox = sandbox::Sandbox::new();
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("term", sandbox.home_path(), &line, 80, 24) else {
        return;
    };
    tmux.wait_for(&["which error did you get?"]);
    // Below "Paste the error message": the first family.
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for(&["Step 2 of about"]);
    let pid = tmux.credwiz_pid();
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    wait_exit(&tmux, 0);
    let screen = tmux.screen();
    assert!(
        !screen.contains("Step 2 of about"),
        "the alternate screen was left:\n{screen}"
    );
}

#[test]
fn without_a_terminal_it_points_to_check_and_run() {
    let sandbox = sandbox::Sandbox::new();
    let mut command = Command::new(env!("CARGO_BIN_EXE_credwiz"));
    command.env_clear().envs(sandbox.env()).stdin(Stdio::null());
    let out = sandbox::run_bounded(command, Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs an interactive terminal"), "{stderr}");
    assert!(
        stderr.contains("credwiz check") && stderr.contains("credwiz run"),
        "{stderr}"
    );
}

/// A key id no SDK can send (a trailing newline, a control character): the
/// wizard's own diagnosis must not hand it to the signer (which panics), the
/// panel says STS was not called, and quitting exits 0 with the terminal restored.
#[test]
fn an_unsendable_key_is_shown_and_the_wizard_quits_cleanly() {
    for (name, id) in [
        ("newline", "AKIAZ7VQXJ4PLM2RTW5Y\n"),
        ("control", "AKIAZ7VQ\u{1}XJ4PLM2RTW5Y"),
    ] {
        let sandbox = sandbox::Sandbox::new()
            .var("AWS_ACCESS_KEY_ID", id)
            .var("AWS_SECRET_ACCESS_KEY", sandbox::PLANTED_SECRET)
            .var("AWS_REGION", "us-east-1");
        let line = command_line(&sandbox, &[]);
        let Some(tmux) = Tmux::start(name, sandbox.home_path(), &line, 100, 30) else {
            return;
        };
        let screen = tmux.wait_for(&["which error did you get?", "NotCalled"]);
        assert!(!screen.contains(sandbox::PLANTED_SECRET), "{screen}");
        tmux.keys(&["q"]);
        wait_exit(&tmux, 0);
    }
}

/// Two profiles whose keys STS (a refused loopback port) cannot check.
fn two_profile_home() -> sandbox::Sandbox {
    sandbox::Sandbox::new()
        .var("AWS_REGION", "us-east-1")
        .credentials(&format!(
            "[alpha]\naws_access_key_id = {}\naws_secret_access_key = {}\n\
             [beta]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            sandbox::KEY_ID,
            sandbox::PLANTED_SECRET,
            sandbox::KEY_ID,
            sandbox::PLANTED_SECRET
        ))
}

#[test]
fn check_every_profile_from_the_start_menu() {
    let sandbox = two_profile_home();
    let Some(tmux) = Tmux::start(
        "profiles",
        sandbox.home_path(),
        &command_line(&sandbox, &[]),
        100,
        30,
    ) else {
        return;
    };
    tmux.wait_for(&["which error did you get?"]);
    // "Check every profile" is the line just above the last one.
    for _ in 0..20 {
        tmux.keys(&["Down"]);
    }
    tmux.keys(&["Up"]);
    tmux.wait_for(&["› Check every profile"]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for(&["Every profile", "alpha", "beta", "2 profiles in"]);
    assert!(
        screen.contains("✗ alpha") && screen.contains("STS at http://127.0.0.1"),
        "{screen}"
    );
    assert!(!screen.contains(sandbox::PLANTED_SECRET), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for(&["which error did you get?"]);
    tmux.keys(&["q"]);
    wait_exit(&tmux, 0);
}

/// On a terminal, `check --all-profiles` draws its progress on stderr and
/// clears it before the table.
#[test]
fn the_sweep_shows_progress_on_a_terminal() {
    let sandbox = two_profile_home();
    let raw = sandbox.home_path().join("pane.raw");
    let line = format!(
        "sleep 1; {}",
        command_line(&sandbox, &["check", "--all-profiles"])
    );
    let Some(tmux) = Tmux::start("progress", sandbox.home_path(), &line, 200, 30) else {
        return;
    };
    let piped = tmux
        .cmd()
        .args(["pipe-pane", "-o", "-t", "w"])
        .arg(format!("cat >> {}", quote(&raw.display().to_string())))
        .status()
        .expect("pipe-pane");
    assert!(piped.success());
    let screen = tmux.wait_for(&["EXIT=1", "2 profiles in"]);
    assert!(!screen.contains("checking profiles"), "cleared:\n{screen}");
    let bytes = std::fs::read(&raw).expect("the pane's raw output");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("checking profiles: 2/2"), "{text}");
}
