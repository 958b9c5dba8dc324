//! `--probe-sdk`: the installed SDK, run for real with the same environment,
//! agrees with its lens; it prints only method, masked key and error type.

use crate::support::env::in_ci;
use crate::support::sandbox::*;
use crate::support::world::world_python;
use std::path::PathBuf;

const DEV_KEY: &str = "AKIADEVDEVDEVDEV0001";

/// `AWS_DEFAULT_PROFILE=dev`: botocore resolves dev, Node finds nothing.
fn home() -> Sandbox {
    Sandbox::new()
        .credentials(&format!(
            "[dev]\naws_access_key_id = {DEV_KEY}\naws_secret_access_key = {PLANTED_SECRET}\naws_session_token = {PLANTED_TOKEN}\n"
        ))
        .var("AWS_DEFAULT_PROFILE", "dev")
}

/// PATH with the world venv first, so `python3` is the pinned botocore.
fn with_venv_python(sandbox: Sandbox) -> Option<Sandbox> {
    let python = world_python()?;
    let bin = python.parent()?.display().to_string();
    let path = std::env::var("PATH").unwrap_or_default();
    Some(sandbox.var("PATH", &format!("{bin}:{path}")))
}

fn node_project() -> Option<PathBuf> {
    let modules = std::env::var_os("CREDWIZ_NODE_SDK")
        .map(PathBuf::from)
        .or_else(|| {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            let out = std::process::Command::new(root.join("scripts/node-sdk"))
                .output()
                .ok()?;
            out.status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        })?;
    modules.parent().map(PathBuf::from)
}

#[test]
fn the_installed_botocore_agrees_with_the_python_lens() {
    let Some(sandbox) = with_venv_python(home()) else {
        assert!(!in_ci(), "CI=true needs the world venv");
        return;
    };
    let (out, json) = sandbox.check_json(&["--probe-sdk", "python"]);
    assert_no_secrets("probe python", &out);
    let probe = &json["sdk_probe"];
    assert_eq!(probe["sdk"], "python", "{json:#}");
    assert_eq!(probe["verdict"], "resolved", "{probe}");
    assert_eq!(probe["provider"], "shared-credentials-file", "{probe}");
    assert_eq!(probe["access_key_id"], "AKIA************0001", "{probe}");
    assert_eq!(probe["agrees_with_lens"], true, "{probe}");
    let human = sandbox.credwiz(&["check", "--probe-sdk", "python"]);
    assert_no_secrets("probe python human", &human);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("agrees with the lens"), "{text}");
}

#[test]
fn the_installed_node_sdk_agrees_with_the_node_lens() {
    let Some(project) = node_project() else {
        assert!(!in_ci(), "CI=true needs the Node SDK (scripts/node-sdk)");
        return;
    };
    let sandbox = home();
    let project = project.display().to_string();
    let (out, json) = sandbox.check_json(&["--probe-sdk", "node", "--project-dir", &project]);
    assert_no_secrets("probe node", &out);
    let probe = &json["sdk_probe"];
    assert_eq!(probe["verdict"], "none", "{probe}");
    assert_eq!(probe["error_type"], "CredentialsProviderError", "{probe}");
    assert_eq!(probe["agrees_with_lens"], true, "{probe}");
}

#[test]
fn a_missing_sdk_is_reported_not_guessed() {
    let sandbox = home();
    let empty = tempfile::tempdir().expect("tempdir");
    let dir = empty.path().display().to_string();
    let (_, json) = sandbox.check_json(&["--probe-sdk", "node", "--project-dir", &dir]);
    assert_eq!(json["sdk_probe"]["verdict"], "not_run", "{json:#}");
    assert!(json["sdk_probe"]["agrees_with_lens"].is_null());
}

#[test]
fn probing_is_refused_offline() {
    let out = home().credwiz(&["check", "--offline", "--probe-sdk", "python"]);
    assert_eq!(out.status.code(), Some(2));
}
