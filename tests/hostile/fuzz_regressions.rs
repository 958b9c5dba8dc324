//! Situations the whole-program fuzzer (`fuzz.rs`) found breaking an
//! invariant, each shrunk by proptest and kept as a named test of the
//! invariant it broke. Placeholders (`{home}`, `{helper}`, `{secret}`…) are
//! filled in by `fuzz_world.rs`; a situation with a helper runs it from the
//! `[default]` and `[profile proc]` sections of the config.

use crate::fuzz::{judge_strictly, observe};
use crate::fuzz_situation::{v, Act, Cmd, Encoding, Ending, FileSpec, Helper, Prints, Situation};

/// Runs `situation` and asserts `invariant` holds.
fn assert_holds(invariant: &str, situation: &Situation) {
    let (violations, _, _) = judge_strictly(situation);
    let broken: Vec<_> = violations
        .iter()
        .filter(|v| v.invariant == invariant)
        .collect();
    assert!(
        broken.is_empty(),
        "{invariant} broken: {broken:#?}\n{situation:#?}"
    );
}

#[test]
fn a_newline_in_the_profile_name_forges_no_report_line() {
    let mut situation = Situation::empty(Cmd::CheckOffline);
    situation.profile_arg = Some(v(b"x\nFORGED: line"));
    assert_holds("forged", &situation);
}

#[test]
fn a_newline_in_the_region_forges_no_markdown_line() {
    let mut situation = Situation::empty(Cmd::CheckMarkdown { offline: true });
    situation.env = vec![("AWS_REGION", v(b"x\n# FORGED\n```sh\nFORGED\n```"))];
    assert_holds("forged", &situation);
}

#[test]
fn a_newline_in_a_file_variable_forges_no_slot_line() {
    let mut situation = Situation::empty(Cmd::CheckOffline);
    situation.env = vec![(
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        v(b"{home}/a;PWN\nFORGED: line"),
    )];
    assert_holds("forged", &situation);
}

#[test]
fn a_newline_in_a_profile_argument_leaves_the_fix_block_one_command() {
    let mut situation = Situation::empty(Cmd::CheckMarkdown { offline: true });
    situation.profile_arg = Some(v(b"s<PWN\nFORGED: line"));
    assert_holds("command", &situation);
    assert_holds("forged", &situation);
}

#[test]
fn a_secret_of_twenty_kib_is_scrubbed_in_linear_time() {
    let mut situation = Situation::empty(Cmd::CheckOffline);
    situation.env = vec![("AWS_SECRET_ACCESS_KEY", v(&b"{secret}".repeat(500)))];
    let started = std::time::Instant::now();
    assert_holds("time", &situation);
    assert_holds("secret", &situation);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn a_newline_in_an_s3_url_forges_no_line_of_the_error() {
    let situation = Situation::empty(Cmd::S3Inspect(v(
        b"https://s3.$(PWN).amazonaws.com/b/k\n# FORGED\n```sh\nFORGED\n```",
    )));
    assert_holds("forged", &situation);
}

#[test]
fn a_markdown_shell_block_holds_no_prose() {
    let mut situation = Situation::empty(Cmd::CheckMarkdown { offline: true });
    situation.env = vec![("AWS_WEB_IDENTITY_TOKEN_FILE", v(b"{home}/a;PWN"))];
    assert_holds("command", &situation);
}

fn config(lines: &[&[u8]]) -> FileSpec {
    FileSpec::Text {
        lines: lines.iter().map(|l| v(l)).collect(),
        encoding: Encoding::Utf8,
        ending: Ending::Lf,
    }
}

#[test]
fn a_sed_fix_keeps_a_section_name_inside_its_quotes() {
    for name in [&b"'q&PWN'"[..], b"'$(PWN)'", b"r>PWN"] {
        let mut situation = Situation::empty(Cmd::CheckOffline);
        situation.config = config(&[&[b"[", name, b"]"].concat(), b"region = eu-west-1"]);
        assert_holds("command", &situation);
    }
}

#[test]
fn a_newline_in_the_profile_argument_forges_no_step_of_a_walk() {
    let mut situation = Situation::empty(Cmd::Run {
        playbook: "expired-token",
        error_text: v(b""),
        offline: false,
    });
    situation.credentials = config(&[b"region = "]);
    situation.profile_arg = Some(v(b"default\nFORGED: line"));
    assert_holds("forged", &situation);
}

/// A valid helper that does `act` before printing, run by `check`
/// (credwiz's own probe, in a group of its own, and aws-config's chain,
/// inside credwiz's group).
fn helper_doing(act: Act) -> Situation {
    let mut situation = Situation::empty(Cmd::CheckOnline);
    situation.config = config(&[b"region = eu-west-1"]);
    situation.helper = Some(Helper {
        prints: Prints::Json { expiration: None },
        act,
        exit: 0,
        odd_dir: false,
    });
    situation
}

#[test]
fn a_helpers_background_child_ends_with_credwizs_own_run_of_it() {
    let run = observe(&helper_doing(Act::Orphan));
    let own_group = format!("group {}:", run.group);
    let outside: Vec<_> = run
        .survivors
        .iter()
        .filter(|s| !s.contains(&own_group))
        .collect();
    assert!(outside.is_empty(), "left behind by the probe: {outside:?}");
}

#[test]
fn a_helpers_background_child_ends_with_the_sdks_run_of_it() {
    assert_holds("survivor", &helper_doing(Act::Orphan));
}

/// credwiz's probe runs the helper first, in a group of its own; a helper
/// that fails there is not run again by the SDK inside credwiz's group.
#[test]
fn a_helper_that_signals_its_group_does_not_kill_credwiz() {
    assert_holds("exit", &helper_doing(Act::TrapKill0));
}

#[test]
fn a_helper_that_stops_its_group_does_not_stop_credwiz() {
    assert_holds("time", &helper_doing(Act::StopGroup));
}

/// The fuzzer's list of valid spellings is the SDK's: aws-config's own
/// chain resolves a helper printing each one.
#[test]
fn the_sdk_accepts_every_expiration_the_fuzzer_calls_valid() {
    for expiration in crate::fuzz_situation::SDK_ACCEPTS {
        let sandbox = crate::sandbox::Sandbox::new();
        let json = format!(
            "{{\"Version\": 1, \"AccessKeyId\": \"AKIAZ7VQXJ4PLM2FUZZY\", \"SecretAccessKey\": \"s3cr3t-s3cr3t\", \"Expiration\": \"{expiration}\"}}"
        );
        let out = sandbox.home_path().join("out.json").display().to_string();
        let sandbox = sandbox
            .file("out.json", &json)
            .config(&format!("[default]\ncredential_process = cat {out}\n"));
        let sdk = sandbox.sdk_outcome(None);
        assert!(sdk.is_ok(), "{expiration}: {sdk:?}");
    }
}

#[test]
fn an_expiration_the_sdk_accepts_is_not_bad_output() {
    for expiration in [
        "2099-01-01T00:00:00+00:00",
        "2099-01-01T00:00:00.123456Z",
        "2099-01-01t00:00:00z",
    ] {
        let mut situation = helper_doing(Act::Nothing);
        situation.helper = Some(Helper {
            prints: Prints::Json {
                expiration: Some(expiration.into()),
            },
            act: Act::Nothing,
            exit: 0,
            odd_dir: false,
        });
        assert_holds("sdk_time", &situation);
    }
}

#[test]
fn a_huge_process_timeout_is_refused_not_a_panic() {
    for limit in ["18446744073709551615", "9223372036854775807"] {
        let mut situation = helper_doing(Act::Nothing);
        situation.command = Cmd::CheckTimeout(limit);
        assert_holds("exit", &situation);
    }
}

/// `resolve` is aws-config's chain alone: the SDK runs the helper inside
/// credwiz's process group, with no probe of credwiz's before it.
fn resolve_with_helper_doing(act: Act) -> Situation {
    let mut situation = helper_doing(act);
    situation.command = Cmd::Resolve { timeout: "2" };
    situation
}

#[test]
fn resolve_survives_a_helper_that_signals_its_group() {
    assert_holds("exit", &resolve_with_helper_doing(Act::TrapKill0));
}

#[test]
fn resolve_is_not_stopped_by_a_helper_that_stops_its_group() {
    assert_holds("time", &resolve_with_helper_doing(Act::StopGroup));
}

#[test]
fn a_newline_in_an_environment_value_forges_no_line_of_resolve() {
    let mut situation = Situation::empty(Cmd::Resolve { timeout: "2" });
    situation.env = vec![(
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        v(b"/v2/$(PWN)\nFORGED: line"),
    )];
    assert_holds("forged", &situation);
}
