//! Fix lines are safe to paste: values with shell metacharacters in profile,
//! bucket and region names stay one inert argument. Every printed command is
//! run by `sh` with stub `aws`, `id` and `touch` programs that record what
//! they were asked to do; nothing but `aws` may run, and nothing may be
//! touched.

use crate::harness::run_hostile;
use crate::sandbox::Sandbox;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const HOSTILE_PROFILE: &str = "x;touch PWNED $(id)";
const HOSTILE_BUCKET_PATH: &str = "b%3Btouch%20PWNED%20%24%28id%29";

/// The commands in a report: `fix:` lines that start with a command,
/// `$ ` lines of a walk, lines of a Markdown ```` ```sh ```` block, and every
/// `backquoted` command.
pub(crate) fn printed_commands(text: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_shell_block = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("```") {
            in_shell_block = line == "```sh";
            continue;
        }
        let command = line
            .strip_prefix("fix: ")
            .or_else(|| line.strip_prefix("$ "))
            .or_else(|| in_shell_block.then_some(line))
            .filter(|c| {
                ["aws ", "export ", "unset ", "chmod ", "touch "]
                    .iter()
                    .any(|p| c.starts_with(p))
            });
        if let Some(command) = command {
            let without_comment = command.split("   #").next().unwrap_or(command);
            commands.push(without_comment.to_string());
        }
        let mut parts = line.split('`');
        parts.next();
        while let (Some(inside), Some(_)) = (parts.next(), parts.next()) {
            if inside.starts_with("aws ") {
                commands.push(inside.to_string());
            }
        }
    }
    commands
}

/// Runs each command in `sh` and asserts only the `aws` stub ran, each time
/// with the hostile value as one argument.
pub(crate) fn assert_inert(label: &str, commands: &[String], hostile: &str) {
    let scratch = tempfile::tempdir().expect("scratch");
    let bin = scratch.path().join("bin");
    std::fs::create_dir(&bin).expect("bin");
    let log = scratch.path().join("log");
    stub(&bin, "aws", &log);
    stub(&bin, "id", &log);
    stub(&bin, "touch", &log);
    assert!(!commands.is_empty(), "{label}: no command printed");
    let mut saw_hostile = false;
    for command in commands {
        let _ = std::fs::remove_file(&log);
        let status = Command::new("/bin/sh")
            .arg("-c")
            .arg(command)
            .current_dir(scratch.path())
            .env_clear()
            .env("PATH", &bin)
            .env("HOME", scratch.path())
            .output()
            .expect("sh");
        let ran = std::fs::read_to_string(&log).unwrap_or_default();
        for line in ran.lines() {
            assert!(
                line.starts_with("aws\t") || line.starts_with("touch\t/") || line == "aws",
                "{label}: `{command}` ran more than aws: {ran} ({status:?})"
            );
            saw_hostile |= line.split('\t').any(|arg| arg.contains(hostile));
        }
        assert!(
            !scratch.path().join("PWNED").exists(),
            "{label}: `{command}` created PWNED"
        );
    }
    assert!(
        saw_hostile,
        "{label}: no command passed the hostile value as one argument: {commands:?}"
    );
}

fn stub(bin: &Path, name: &str, log: &Path) {
    let path = bin.join(name);
    let script = format!(
        "#!/bin/sh\n{{ printf '%s' {name}; for a in \"$@\"; do printf '\\t%s' \"$a\"; done; echo; }} >> '{}'\n",
        log.display()
    );
    std::fs::write(&path, script).expect("stub");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn check_fix_lines_quote_a_hostile_profile_name() {
    let sandbox = Sandbox::new();
    let run = run_hostile(
        "check --profile <metacharacters>",
        &sandbox,
        &["check", "--offline", "--profile", HOSTILE_PROFILE],
        Duration::from_secs(20),
    );
    assert_inert("check", &printed_commands(&run.stdout()), "x;touch PWNED");
}

#[test]
fn check_fix_lines_quote_a_hostile_profile_from_the_environment() {
    let sandbox = Sandbox::new()
        .config("[profile a]\nregion = eu-west-1\n")
        .var("AWS_PROFILE", HOSTILE_PROFILE)
        .var("AWS_REGION", "eu;touch PWNED");
    let run = run_hostile(
        "check with AWS_PROFILE=<metacharacters>",
        &sandbox,
        &["check", "--offline"],
        Duration::from_secs(20),
    );
    assert_inert("check", &printed_commands(&run.stdout()), "x;touch PWNED");
}

#[test]
fn run_fix_lines_quote_a_hostile_profile_name() {
    let sandbox = Sandbox::new();
    let run = run_hostile(
        "run --profile <metacharacters>",
        &sandbox,
        &[
            "run",
            "no-credentials",
            "--offline",
            "--profile",
            HOSTILE_PROFILE,
        ],
        Duration::from_secs(20),
    );
    assert_inert("run", &printed_commands(&run.stdout()), "x;touch PWNED");
}

#[test]
fn s3_inspect_fix_lines_quote_a_hostile_bucket_name() {
    let sandbox = Sandbox::new();
    let url = format!(
        "https://s3.eu-west-1.amazonaws.com/{HOSTILE_BUCKET_PATH}/key?X-Amz-Algorithm=AWS4-HMAC-SHA256\
         &X-Amz-Credential=AKIAZ7VQXJ4PLM2RTW5Y%2F20200101%2Fus-east-1%2Fs3%2Faws4_request\
         &X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host\
         &X-Amz-Signature=abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
    );
    let run = run_hostile(
        "s3 inspect of a bucket named with metacharacters",
        &sandbox,
        &["s3", "inspect", &url],
        Duration::from_secs(20),
    );
    assert_inert(
        "s3 inspect",
        &printed_commands(&run.stdout()),
        "b;touch PWNED",
    );
}
