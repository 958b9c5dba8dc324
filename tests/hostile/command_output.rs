//! `credwiz check -- COMMAND` with a command that prints the secrets of its
//! environment (raw, base64, URL-encoded, JSON-escaped), one credwiz cannot
//! know by value, its key id and an escape sequence: neither the passed-
//! through output, nor the report, nor the JSON, nor the replay shows them.

use crate::harness::*;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_TOKEN};
use std::time::Duration;

/// Shaped like an AWS secret, but in no variable or file credwiz reads.
const UNKNOWN_SECRET: &str = "Zq9/unKnOwN+SeCrEt/abcdefghij0123456789";

fn leaky_home() -> Sandbox {
    Sandbox::new()
        .credentials("[dev]\naws_access_key_id = AKIAZ7VQXJ4PLM2RDEV1\naws_secret_access_key = devSecretdevSecretdevSecretdevSecret0123\n")
        .var("AWS_ACCESS_KEY_ID", KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", SLASHED_SECRET)
        .var("AWS_SESSION_TOKEN", PLANTED_TOKEN)
        .var("AWS_DEFAULT_PROFILE", "dev")
        .var("LEAK_B64", &base64(SLASHED_SECRET.as_bytes()))
        .var("LEAK_URL", &url_encode(SLASHED_SECRET))
        .var("LEAK_JSON", &json_escape(SLASHED_SECRET))
        .var("LEAK_UNKNOWN", UNKNOWN_SECRET)
}

const LEAKY_SCRIPT: &str = r#"printf 'secret %s\n' "$AWS_SECRET_ACCESS_KEY"
printf 'token=%s\n' "$AWS_SESSION_TOKEN"
printf 'key %s\n' "$AWS_ACCESS_KEY_ID"
printf 'b64 %s url %s json "%s"\n' "$LEAK_B64" "$LEAK_URL" "$LEAK_JSON"
printf 'unknown %s\n' "$LEAK_UNKNOWN"
printf '\033]52;c;aGVsbG8=\007 \033[2J colour\n' >&2
printf 'no newline at the end %s' "$AWS_SECRET_ACCESS_KEY"
exit 1"#;

#[test]
fn secrets_a_command_prints_never_leave_credwiz() {
    let sandbox = leaky_home();
    for args in [
        &[
            "check",
            "--json",
            "--offline",
            "--verify",
            "--",
            "sh",
            "-c",
            LEAKY_SCRIPT,
        ][..],
        &[
            "check",
            "--offline",
            "--verify",
            "--",
            "sh",
            "-c",
            LEAKY_SCRIPT,
        ],
        &[
            "run",
            "--accept-detected",
            "--offline",
            "--json",
            "--",
            "sh",
            "-c",
            LEAKY_SCRIPT,
        ],
    ] {
        let label = format!("{args:?}");
        let run = run_hostile(&label, &sandbox, args, Duration::from_secs(60));
        let all = run.all();
        assert!(!all.contains(UNKNOWN_SECRET), "{label}: {all}");
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{label}: a raw escape: {all:?}"
        );
        // The command did run and its output was passed through.
        assert!(
            run.stderr().contains("│ secret"),
            "{label}: {}",
            run.stderr()
        );
        assert!(
            all.contains("AKIA************TW5Y"),
            "{label}: the key id shows masked"
        );
    }
}

#[test]
fn the_json_excerpt_and_argv_are_scrubbed_too() {
    let sandbox = leaky_home();
    let script = format!("echo {SLASHED_SECRET}; exit 2");
    let run = run_hostile(
        "argv",
        &sandbox,
        &["check", "--json", "--offline", "--", "sh", "-c", &script],
        Duration::from_secs(60),
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).expect("json");
    let command = &json["command"];
    assert_eq!(command["exit_code"], 2);
    let argv = command["argv"].to_string();
    assert!(argv.contains("hidden") || !argv.contains("wJalr"), "{argv}");
    assert!(!command["error_excerpt"]
        .as_str()
        .unwrap_or_default()
        .is_empty());
}
