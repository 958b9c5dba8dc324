//! `credwiz check -- COMMAND`: real programs (a boto3 script, a Node.js
//! script using @aws-sdk/client-sts, a Rust binary built on aws-config)
//! fail against the loopback world, credwiz reads their error, picks the
//! lens from what ran, and `--verify` replays them with the fix's change of
//! environment. Also: a command that works, and one that hangs.

use crate::support::env::in_ci;
use crate::support::sandbox::*;
use crate::support::world::{world_python, Moto, WORLD_REGION};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BOTO3_APP: &str = "import boto3\nprint(boto3.client('sts').get_caller_identity()['Arn'])\n";

/// A Node.js program as users write it: `@aws-sdk/client-sts` with the
/// SDK's default credential chain.
const NODE_APP: &str = r#"const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
new STSClient({})
  .send(new GetCallerIdentityCommand({}))
  .then((r) => console.log(r.Arn))
  .catch((e) => { console.error(e); process.exit(1); });
"#;

/// Runs credwiz with `args` in `dir` with exactly the sandbox's environment.
fn credwiz_in(sandbox: &Sandbox, dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_credwiz"));
    command
        .env_clear()
        .envs(sandbox.env())
        .current_dir(dir)
        .args(args);
    run_bounded(command, Duration::from_secs(90))
}

fn json_of(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON ({e}); stdout: {} stderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn assert_no_world_secrets(label: &str, out: &Output, moto: &Moto) {
    assert_no_secrets(label, out);
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        for secret in moto.secrets() {
            assert!(
                !text.contains(secret),
                "{label}: a world secret leaked:\n{text}"
            );
        }
    }
}

/// A sandbox against moto whose `[profile]` holds the admin's good keys.
fn world_home(moto: &Moto, profile: &str) -> Sandbox {
    let key = &moto.admin().key;
    Sandbox::new()
        .credentials(&format!(
            "[{profile}]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            key.access_key_id, key.secret_access_key
        ))
        .var("AWS_ENDPOINT_URL", moto.endpoint())
        .var("AWS_DEFAULT_REGION", WORLD_REGION)
        .var("AWS_REGION", WORLD_REGION)
}

/// PATH with the world venv first, so `python3` is the pinned boto3.
fn venv_path() -> Option<String> {
    let python = world_python()?;
    let bin = python.parent()?.display().to_string();
    Some(format!(
        "{bin}:{}",
        std::env::var("PATH").unwrap_or_default()
    ))
}

fn app_dir(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("app dir");
    std::fs::write(dir.path().join(name), text).expect("write app");
    dir
}

#[test]
fn a_boto3_script_with_partial_keys_is_fixed_by_unsetting_the_key_id() {
    let Some(moto) = Moto::shared() else { return };
    let Some(path) = venv_path() else {
        assert!(!in_ci(), "CI=true needs the world venv");
        return;
    };
    let sandbox = world_home(moto, "default")
        .var("PATH", &path)
        .var("AWS_ACCESS_KEY_ID", &moto.admin().key.access_key_id);
    let app = app_dir("app.py", BOTO3_APP);
    let out = credwiz_in(
        &sandbox,
        app.path(),
        &["check", "--json", "--verify", "--", "python3", "app.py"],
    );
    assert_no_world_secrets("boto3 partial", &out, moto);
    let json = json_of(&out);
    let command = &json["command"];
    assert_eq!(command["argv"], serde_json::json!(["python3", "app.py"]));
    assert_eq!(command["exit_code"], 1, "{command:#}");
    assert_eq!(command["timed_out"], false);
    assert!(command["duration_ms"].as_u64().is_some());
    let excerpt = command["error_excerpt"].as_str().unwrap_or_default();
    assert!(excerpt.contains("PartialCredentialsError"), "{excerpt}");
    assert_eq!(command["language"]["sdk"], "python", "{command:#}");
    assert_eq!(json["sdk"], "python", "the lens comes from the command");
    let replay = &command["replay"];
    assert_eq!(
        replay["env_change"],
        serde_json::json!([{"op": "unset", "name": "AWS_ACCESS_KEY_ID"}]),
        "{replay:#}"
    );
    assert_eq!(
        replay["succeeded"],
        true,
        "{replay:#}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(replay["exit_code"], 0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Shown before it runs, and the program's output passed through.
    assert!(stderr.contains("replaying your command"), "{stderr}");
    assert!(
        stderr.contains("env -u AWS_ACCESS_KEY_ID python3 app.py"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&moto.admin().arn),
        "the replay's own output: {stderr}"
    );

    // The same run in words.
    let human = credwiz_in(
        &sandbox,
        app.path(),
        &["check", "--verify", "--", "python3", "app.py"],
    );
    assert_no_world_secrets("boto3 partial human", &human, moto);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("with AWS_ACCESS_KEY_ID unset your command succeeds"),
        "{text}"
    );
}

#[test]
fn without_verify_nothing_is_replayed() {
    let Some(moto) = Moto::shared() else { return };
    let Some(path) = venv_path() else {
        assert!(!in_ci(), "CI=true needs the world venv");
        return;
    };
    let sandbox = world_home(moto, "default")
        .var("PATH", &path)
        .var("AWS_ACCESS_KEY_ID", &moto.admin().key.access_key_id);
    let app = app_dir("app.py", BOTO3_APP);
    let out = credwiz_in(
        &sandbox,
        app.path(),
        &["check", "--json", "--", "python3", "app.py"],
    );
    let json = json_of(&out);
    assert!(json["command"]["replay"].is_null(), "{json:#}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("replaying"));
}

fn node_modules() -> Option<PathBuf> {
    std::env::var_os("CREDWIZ_NODE_SDK").map(PathBuf::from)
}

#[test]
fn a_node_script_that_only_has_aws_default_profile_is_fixed_by_aws_profile() {
    let Some(moto) = Moto::shared() else { return };
    let Some(modules) = node_modules() else {
        assert!(!in_ci(), "CI=true needs CREDWIZ_NODE_SDK");
        return;
    };
    let sandbox = world_home(moto, "dev")
        .var("AWS_DEFAULT_PROFILE", "dev")
        .var("NODE_PATH", &modules.display().to_string());
    let app = app_dir("app.js", NODE_APP);
    let out = credwiz_in(
        &sandbox,
        app.path(),
        &["check", "--json", "--verify", "--", "node", "app.js"],
    );
    assert_no_world_secrets("node default profile", &out, moto);
    let json = json_of(&out);
    let command = &json["command"];
    assert_eq!(command["exit_code"], 1, "{command:#}");
    assert_eq!(command["language"]["sdk"], "node");
    assert_eq!(json["sdk"], "node");
    let excerpt = command["error_excerpt"].as_str().unwrap_or_default();
    assert!(excerpt.contains("CredentialsProviderError"), "{excerpt}");
    let replay = &command["replay"];
    assert_eq!(
        replay["env_change"],
        serde_json::json!([{"op": "set", "name": "AWS_PROFILE", "value": "dev"}]),
        "{replay:#}"
    );
    assert_eq!(replay["succeeded"], true, "{replay:#}");
    let human = credwiz_in(
        &sandbox,
        app.path(),
        &["check", "--verify", "--", "node", "app.js"],
    );
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("with AWS_PROFILE=dev your command succeeds"),
        "{text}"
    );
}

/// The `bare_chain` example: aws-config's own default chain, in a binary.
fn rust_example() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    let example = profile_dir.join("examples/bare_chain");
    if !example.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--example", "bare_chain"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
    }
    example.exists().then_some(example)
}

#[test]
fn a_rust_binary_is_known_as_rust_and_replayed_with_aws_profile() {
    let Some(example) = rust_example() else {
        panic!("the bare_chain example did not build");
    };
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
        ))
        .var("AWS_DEFAULT_PROFILE", "dev");
    let example = example.display().to_string();
    let dir = tempfile::tempdir().expect("dir");
    let out = credwiz_in(
        &sandbox,
        dir.path(),
        &["check", "--json", "--offline", "--verify", "--", &example],
    );
    assert_no_secrets("rust example", &out);
    let json = json_of(&out);
    let command = &json["command"];
    assert_eq!(command["exit_code"], 1, "{command:#}");
    assert_eq!(command["language"]["sdk"], "rust", "{command:#}");
    let basis = command["language"]["basis"].as_str().unwrap_or_default();
    assert!(basis.contains("native program holding Rust's"), "{basis}");
    assert_eq!(json["sdk"], "rust");
    let replay = &command["replay"];
    assert_eq!(
        replay["env_change"],
        serde_json::json!([{"op": "set", "name": "AWS_PROFILE", "value": "dev"}]),
        "{json:#}"
    );
    assert_eq!(replay["succeeded"], true, "{replay:#}");
}

#[test]
fn a_command_that_works_is_said_so_with_the_resolved_credentials() {
    let Some(moto) = Moto::shared() else { return };
    let Some(path) = venv_path() else {
        assert!(!in_ci(), "CI=true needs the world venv");
        return;
    };
    let sandbox = world_home(moto, "default").var("PATH", &path);
    let app = app_dir("app.py", BOTO3_APP);
    let out = credwiz_in(
        &sandbox,
        app.path(),
        &["check", "--verify", "--", "python3", "app.py"],
    );
    assert_no_world_secrets("works", &out, moto);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("your command worked; nothing to diagnose"),
        "{text}"
    );
    assert!(text.contains("Resolved credentials: ProfileFile"), "{text}");
    assert!(text.contains(&moto.admin().arn), "{text}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("replaying"));
    let json = json_of(&credwiz_in(
        &sandbox,
        app.path(),
        &["check", "--json", "--", "python3", "app.py"],
    ));
    assert_eq!(json["command"]["exit_code"], 0);
    assert!(json["resolved"].is_object(), "{json:#}");
}

/// True while `pid` is a live (non-zombie) process.
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let after = stat.rfind(')').map(|at| stat[at + 1..].to_string())?;
            after.split_whitespace().next().map(|s| s != "Z")
        })
        .unwrap_or(false)
}

#[test]
fn a_hanging_command_is_killed_at_the_bound_with_its_whole_group() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().expect("dir");
    let pids = dir.path().join("pids");
    let script = format!(
        "sleep 300 & echo $! >> {p}; echo $$ >> {p}; echo started; sleep 300",
        p = pids.display()
    );
    let started = Instant::now();
    let out = credwiz_in(
        &sandbox,
        dir.path(),
        &[
            "check",
            "--json",
            "--offline",
            "--command-timeout",
            "2",
            "--",
            "sh",
            "-c",
            &script,
        ],
    );
    let took = started.elapsed();
    assert!(took < Duration::from_secs(20), "took {took:?}");
    let json = json_of(&out);
    let command = &json["command"];
    assert_eq!(command["timed_out"], true, "{command:#}");
    assert!(command["exit_code"].is_null());
    assert!(
        command["duration_ms"].as_u64().unwrap_or(0) >= 2000,
        "{command:#}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("│ started"));
    let text = std::fs::read_to_string(&pids).expect("the script wrote its pids");
    let pids: Vec<u32> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
    assert_eq!(pids.len(), 2, "{text}");
    // Give the kernel a moment to reap what credwiz killed.
    let deadline = Instant::now() + Duration::from_secs(5);
    while pids.iter().any(|p| alive(*p)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    for pid in pids {
        assert!(!alive(pid), "process {pid} of the command survived credwiz");
    }
}

#[test]
fn run_with_accept_detected_walks_from_the_commands_error_and_replays() {
    let Some(moto) = Moto::shared() else { return };
    let Some(path) = venv_path() else {
        assert!(!in_ci(), "CI=true needs the world venv");
        return;
    };
    let sandbox = world_home(moto, "default")
        .var("PATH", &path)
        .var("AWS_ACCESS_KEY_ID", &moto.admin().key.access_key_id);
    let app = app_dir("app.py", BOTO3_APP);
    let out = credwiz_in(
        &sandbox,
        app.path(),
        &[
            "run",
            "--accept-detected",
            "--json",
            "--verify",
            "--",
            "python3",
            "app.py",
        ],
    );
    assert_no_world_secrets("run partial", &out, moto);
    let json = json_of(&out);
    assert_eq!(
        json["triage"]["basis"], "error_text",
        "{:#}",
        json["triage"]
    );
    assert_eq!(json["check"]["sdk"], "python");
    let replay = &json["command"]["replay"];
    assert_eq!(
        replay["env_change"],
        serde_json::json!([{"op": "unset", "name": "AWS_ACCESS_KEY_ID"}]),
        "{json:#}"
    );
    assert_eq!(replay["succeeded"], true, "{replay:#}");
}

#[test]
fn the_aws_cli_rerun_with_debug_shows_the_source_it_really_used() {
    let Some(moto) = Moto::shared() else { return };
    let Some(path) = venv_path() else {
        assert!(!in_ci(), "CI=true needs the world venv");
        return;
    };
    // The world venv installs the AWS CLI v1 on its botocore; its bin
    // leads PATH, so that CLI is the one run.
    let venv_cli = world_python()
        .and_then(|python| python.parent().map(|bin| bin.join("aws")))
        .filter(|cli| cli.is_file());
    assert!(
        venv_cli.is_some(),
        "the world venv has no aws: rerun scripts/world-venv (tests/world/requirements.txt pins awscli)"
    );
    // A key id moto knows with the wrong secret: found, then refused.
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n",
            moto.admin().key.access_key_id
        ))
        .var("AWS_ENDPOINT_URL", moto.endpoint())
        .var("AWS_DEFAULT_REGION", WORLD_REGION)
        .var("PATH", &path);
    let dir = tempfile::tempdir().expect("dir");
    let argv = ["aws", "sts", "get-caller-identity"];
    let mut args = vec!["check", "--json", "--"];
    args.extend(argv);
    let plain = json_of(&credwiz_in(&sandbox, dir.path(), &args));
    assert!(
        plain["command"]["aws_debug"].is_null(),
        "never without the flag"
    );
    let mut args = vec!["check", "--json", "--aws-debug", "--"];
    args.extend(argv);
    let out = credwiz_in(&sandbox, dir.path(), &args);
    assert_no_world_secrets("aws debug", &out, moto);
    let json = json_of(&out);
    let command = &json["command"];
    assert_eq!(command["language"]["aws_cli"], true, "{command:#}");
    let debug = &command["aws_debug"];
    let found = debug["logged"]["found"].as_str().unwrap_or_default();
    assert!(found.contains("shared credentials file"), "{debug:#}");
    assert_eq!(debug["predicted"], "shared-credentials-file", "{debug:#}");
}
