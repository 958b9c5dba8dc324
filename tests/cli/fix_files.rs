//! `credwiz fix FINDING_ID`: for each file fix, the diff shown (secrets
//! hidden in every encoding), nothing written without `--yes` (HOME hashed
//! around the run), the file afterwards (only the intended line changed,
//! byte for byte), the backup (the original bytes), the undo command, and
//! `check --offline` clean of the finding.

use crate::support::home_hash::hash_tree;
use crate::support::sandbox::*;
use credwiz::text::leak_forms::encoded_forms;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};
use std::time::Duration;

/// One repair, end to end.
struct Case {
    /// The file under HOME the fix edits, and its text before.
    file: &'static str,
    before: String,
    /// Other files of the scenario.
    others: Vec<(&'static str, String)>,
    /// `credwiz fix` arguments, without --yes / --dry-run.
    args: Vec<&'static str>,
    /// The file's exact text after the fix.
    after: String,
    /// Lines the diff must hold (`-…` / `+…`).
    diff_lines: Vec<String>,
    /// The profile `check --offline` looks at afterwards.
    profile: &'static str,
}

fn sandbox_for(case: &Case) -> Sandbox {
    let mut sandbox = Sandbox::new().file(case.file, &case.before);
    for (path, text) in &case.others {
        sandbox = sandbox.file(path, text);
    }
    sandbox
}

/// The binary with `--yes`: a run that may write, so no HOME assertion.
fn credwiz_writing(sandbox: &Sandbox, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_credwiz"));
    command.env_clear().envs(sandbox.env()).args(args);
    run_bounded(command, Duration::from_secs(30))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// No planted secret in any encoding, no whole key id.
fn assert_hides_secrets(label: &str, shown: &str) {
    for secret in [PLANTED_SECRET, PLANTED_SLASH_SECRET, PLANTED_TOKEN] {
        for form in encoded_forms(secret) {
            assert!(!shown.contains(&form), "{label}: {form:?} leaked:\n{shown}");
        }
    }
    assert!(
        !shown.contains(KEY_ID),
        "{label}: the key id leaked:\n{shown}"
    );
}

fn run_case(label: &str, case: &Case) {
    let sandbox = sandbox_for(case);
    let target = sandbox.home_path().join(case.file);
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    // Without --yes, with or without --dry-run: the diff, and nothing written.
    for extra in [&[][..], &["--dry-run"][..]] {
        let before = hash_tree(sandbox.home_path());
        let mut args = vec!["fix"];
        args.extend(&case.args);
        args.extend(extra);
        let out = sandbox.credwiz(&args);
        let shown = text(&out);
        assert_eq!(out.status.code(), Some(0), "{label} {args:?}: {shown}");
        assert_eq!(
            before,
            hash_tree(sandbox.home_path()),
            "{label}: wrote without --yes"
        );
        for line in &case.diff_lines {
            assert!(
                shown.lines().any(|l| l == line),
                "{label}: the diff lacks {line:?}:\n{shown}"
            );
        }
        assert!(shown.contains("Nothing was written"), "{label}: {shown}");
        assert_hides_secrets(label, &shown);
    }
    // With --yes: written, backed up, undoable.
    let mut args = vec!["fix"];
    args.extend(&case.args);
    args.push("--yes");
    let out = credwiz_writing(&sandbox, &args);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{label}: {shown}");
    assert_hides_secrets(label, &shown);
    let now = std::fs::read(&target).expect("the fixed file");
    assert_eq!(
        String::from_utf8_lossy(&now),
        case.after,
        "{label}: more or less than the intended line changed"
    );
    assert_eq!(now, case.after.as_bytes(), "{label}: bytes differ");
    let mode = std::fs::metadata(&target)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "{label}: the mode changed");
    let backups: Vec<_> = std::fs::read_dir(target.parent().expect("dir"))
        .expect("read dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".credwiz-backup-"))
        .collect();
    assert_eq!(backups.len(), 1, "{label}: one backup expected");
    let backup = backups[0].path();
    assert_eq!(
        std::fs::read(&backup).expect("backup"),
        case.before.as_bytes(),
        "{label}: the backup is not the original"
    );
    let undo = shown
        .lines()
        .find_map(|l| l.split_once("To undo: ").map(|(_, cmd)| cmd.to_string()))
        .unwrap_or_else(|| panic!("{label}: no undo command in {shown}"));
    assert!(undo.starts_with("mv ~/"), "{label}: {undo}");
    // Afterwards the finding is gone.
    let (_, json) = sandbox.check_json(&["--offline", "--profile", case.profile]);
    let id = case.args[0];
    assert!(
        !finding_ids(&json).iter().any(|f| f == id),
        "{label}: {id} still reported: {:?}",
        finding_ids(&json)
    );
    // And the undo command, run by a shell in that HOME, brings the original back.
    let status = Command::new("sh")
        .arg("-c")
        .arg(&undo)
        .env_clear()
        .env("HOME", sandbox.home_path())
        .env("PATH", "/usr/bin:/bin")
        .status()
        .expect("sh");
    assert!(status.success(), "{label}: {undo} failed");
    assert_eq!(
        std::fs::read(&target).expect("file"),
        case.before.as_bytes()
    );
}

fn masked_id() -> String {
    credwiz::text::mask::mask_key_id(KEY_ID)
}

#[test]
fn fix_removes_the_quotes_around_a_secret() {
    let before = format!(
        "# work laptop\n[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = \"{PLANTED_SLASH_SECRET}\"   ; pasted from the console\nmystery = 42\n\n[other]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
    );
    let after = before.replace(&format!("\"{PLANTED_SLASH_SECRET}\""), PLANTED_SLASH_SECRET);
    run_case(
        "quoted secret",
        &Case {
            file: ".aws/credentials",
            before,
            others: vec![(".aws/config", "[default]\nregion = eu-west-1\n".into())],
            args: vec!["key.whitespace", "--profile", "default"],
            after,
            diff_lines: vec![
                "-aws_secret_access_key = \"<40 characters, hidden>\"   ; pasted from the console"
                    .into(),
                "+aws_secret_access_key = <40 characters, hidden>   ; pasted from the console"
                    .into(),
                format!(" aws_access_key_id = {}", masked_id()),
            ],
            profile: "default",
        },
    );
}

#[test]
fn fix_removes_a_trailing_non_breaking_space_from_a_key_id_in_a_crlf_file() {
    let before = format!(
        "; copied from the wiki\r\n[dev]\r\naws_access_key_id = {KEY_ID}\u{a0}\r\naws_secret_access_key = {PLANTED_SLASH_SECRET}\r\nregion = eu-west-1\r\n"
    );
    let after = before.replace(&format!("{KEY_ID}\u{a0}"), KEY_ID);
    run_case(
        "whitespace key",
        &Case {
            file: ".aws/credentials",
            before,
            others: Vec::new(),
            args: vec!["key.whitespace", "--profile", "dev"],
            after,
            diff_lines: vec![
                format!("-aws_access_key_id = {}\u{a0}␍", masked_id()),
                format!("+aws_access_key_id = {}␍", masked_id()),
            ],
            profile: "dev",
        },
    );
}

#[test]
fn fix_drops_the_profile_prefix_in_the_credentials_file() {
    let before = format!(
        "[default]\naws_access_key_id={KEY_ID}\naws_secret_access_key={PLANTED_SECRET}\n\n[profile ci]  # from a tutorial\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\nunknown_thing = yes\n"
    );
    let after = before.replace("[profile ci]  #", "[ci]  #");
    run_case(
        "[profile x] in credentials",
        &Case {
            file: ".aws/credentials",
            before,
            others: vec![(".aws/config", "[profile ci]\nregion = eu-west-1\n".into())],
            args: vec!["files.credentials_profile_prefix", "--profile", "ci"],
            after,
            diff_lines: vec![
                "-[profile ci]  # from a tutorial".into(),
                "+[ci]  # from a tutorial".into(),
            ],
            profile: "ci",
        },
    );
}

#[test]
fn fix_adds_the_missing_region_to_the_profile_section() {
    let config = "# shared config\n[default]\noutput = json\n\n[profile dev]\n# the dev account\noutput = text\ncli_pager =\n\n; prod below\n[profile prod]\nregion = eu-west-1\n".to_string();
    let after = config.replace("cli_pager =\n", "cli_pager =\nregion = eu-north-1\n");
    run_case(
        "missing region",
        &Case {
            file: ".aws/config",
            before: config,
            others: vec![(
                ".aws/credentials",
                format!("[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"),
            )],
            args: vec!["region.missing", "--profile", "dev", "--region", "eu-north-1"],
            after,
            diff_lines: vec![" cli_pager =".into(), "+region = eu-north-1".into()],
            profile: "dev",
        },
    );
}

#[test]
fn a_missing_region_without_a_value_writes_nothing_and_says_which_option() {
    let sandbox = Sandbox::new()
        .config("[profile dev]\noutput = json\n")
        .credentials(&format!(
            "[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ));
    for args in [
        &["fix", "region.missing", "--profile", "dev", "--yes"][..],
        &[
            "fix",
            "region.missing",
            "--profile",
            "dev",
            "--region",
            "us-east-1a",
            "--yes",
        ][..],
    ] {
        // `credwiz` asserts HOME is unchanged, even with --yes here.
        let out = sandbox.credwiz(args);
        let shown = text(&out);
        assert_eq!(out.status.code(), Some(1), "{shown}");
        assert!(shown.contains("--region"), "{shown}");
    }
}

#[test]
fn a_finding_that_is_no_file_edit_is_refused_with_its_own_fix() {
    let sandbox = Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", &format!("{KEY_ID} "))
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SLASH_SECRET);
    let out = sandbox.credwiz(&["fix", "key.whitespace", "--yes"]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("cannot repair key.whitespace by editing a file"),
        "{shown}"
    );
    assert_hides_secrets("env key", &shown);
    let out = sandbox.credwiz(&["fix", "no.such_id"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

/// `sso_session = corpp` with only `[sso-session corp]`: the report names
/// the missing section (not a login, which would fail the same way) and
/// the fix renames the value to the section meant.
#[test]
fn fix_renames_an_sso_session_that_names_no_section() {
    let before = "# work laptop\n[profile dev]\nsso_session = corpp  # copied by hand\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n".to_string();
    let sandbox = Sandbox::new().file(".aws/config", &before);
    let (_, json) = sandbox.check_json(&["--offline", "--profile", "dev"]);
    let ids = finding_ids(&json);
    assert!(ids.iter().any(|f| f == "sso.session_missing"), "{ids:?}");
    assert!(
        !ids.iter().any(|f| f == "sso.token_missing"),
        "a login cannot help: {ids:?}"
    );
    let after = before.replace("sso_session = corpp  #", "sso_session = corp  #");
    run_case(
        "sso_session misspelt",
        &Case {
            file: ".aws/config",
            before,
            others: Vec::new(),
            args: vec!["sso.session_missing", "--profile", "dev"],
            after,
            diff_lines: vec![
                "-sso_session = corpp  # copied by hand".into(),
                "+sso_session = corp  # copied by hand".into(),
            ],
            profile: "dev",
        },
    );
}
