//! The fuzzer's server-answer channel, one named case per kind of answer:
//! each runs the real binary against a loopback endpoint answering as
//! written and asserts every invariant of `invariants.rs` (exit code and
//! no signal, bounded time, no planted secret in any encoding, no control
//! bytes, no forged line, no survivor, HOME unchanged).

use crate::fuzz::judge_strictly;
use crate::fuzz_situation::{v, Cmd, Server, ServerRole, Situation, Timing, Value};

fn against(role: ServerRole, status: u16, body: &[u8], timing: Timing, command: Cmd) -> Situation {
    let mut situation = Situation::empty(command);
    situation.server = Some(Server {
        role,
        status,
        headers: vec![v(b"Content-Type: application/json")],
        role_body: v(b"fuzz-role"),
        body: Value(body.to_vec()),
        timing,
    });
    situation
}

fn assert_every_invariant_holds(label: &str, situation: &Situation) {
    let (violations, _, observed) = judge_strictly(situation);
    assert!(
        violations.is_empty(),
        "{label}: {violations:#?}\nstdout: {}\n{situation:#?}",
        String::from_utf8_lossy(&observed.stdout)
    );
}

const CREDS: &[u8] = b"{\"AccessKeyId\": \"{key_id}\", \"SecretAccessKey\": \"{secret}\", \"Token\": \"{token}\", \"Expiration\": \"2099-01-01T00:00:00Z\"}";

#[test]
fn a_silent_or_dripping_container_endpoint_is_waited_for_within_bounds() {
    for timing in [Timing::Silent, Timing::Drip, Timing::Close] {
        let situation = against(ServerRole::Container, 200, CREDS, timing, Cmd::CheckOnline);
        assert_every_invariant_holds(&format!("{timing:?}"), &situation);
    }
}

#[test]
fn container_credentials_and_broken_json_never_show_their_secrets() {
    let broken = b"{\"AccessKeyId\": \"{key_id}\", \"SecretAccessKey\": \"{secret}\"";
    for (label, body) in [("valid", CREDS), ("broken", broken.as_slice())] {
        for command in [Cmd::CheckOnline, Cmd::CheckJson { offline: false }] {
            let situation = against(ServerRole::Container, 200, body, Timing::Now, command);
            assert_every_invariant_holds(label, &situation);
        }
    }
}

#[test]
fn an_instance_role_name_from_metadata_cannot_forge_a_line_or_abort() {
    for name in [
        b"r\nFORGED: line".as_slice(),
        b"../../PWN",
        b"role with space",
        b"r?x=$(PWN)#",
        b"",
    ] {
        let mut situation = against(ServerRole::Imds, 200, CREDS, Timing::Now, Cmd::CheckOnline);
        if let Some(server) = situation.server.as_mut() {
            server.role_body = Value(name.to_vec());
        }
        assert_every_invariant_holds(&String::from_utf8_lossy(name), &situation);
    }
}

#[test]
fn an_sts_error_that_echoes_the_token_with_control_bytes_is_made_inert() {
    let body = b"<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>token {token} rejected \x1b[31m$(PWN)\nFORGED: line</Message></Error></ErrorResponse>";
    let mut situation = against(ServerRole::Sts, 403, body, Timing::Now, Cmd::CheckOnline);
    situation.env = vec![
        ("AWS_ACCESS_KEY_ID", v(b"{key_id}")),
        ("AWS_SECRET_ACCESS_KEY", v(b"{secret}")),
    ];
    assert_every_invariant_holds("sts error", &situation);
    situation.command = Cmd::CheckMarkdown { offline: false };
    assert_every_invariant_holds("sts error, markdown", &situation);
}

#[test]
fn a_huge_or_redirecting_answer_is_bounded() {
    let huge = b"A".repeat(2_000_000);
    let situation = against(
        ServerRole::Container,
        200,
        &huge,
        Timing::Now,
        Cmd::CheckOnline,
    );
    assert_every_invariant_holds("2 MB body", &situation);
    let mut redirect = against(ServerRole::Sts, 301, b"", Timing::Now, Cmd::CheckOnline);
    if let Some(server) = redirect.server.as_mut() {
        server.headers = vec![v(b"Location: http://169.254.169.254/latest/meta-data/")];
    }
    redirect.env = vec![
        ("AWS_ACCESS_KEY_ID", v(b"{key_id}")),
        ("AWS_SECRET_ACCESS_KEY", v(b"{secret}")),
    ];
    assert_every_invariant_holds("redirect", &redirect);
}

/// `resolve` is aws-config's whole chain: its instance metadata provider
/// runs in the worker too (found by seed 6006, case 398).
#[test]
fn resolve_survives_a_role_name_that_crashes_the_sdk() {
    let mut situation = against(
        ServerRole::Imds,
        200,
        CREDS,
        Timing::Now,
        Cmd::Resolve { timeout: "2" },
    );
    if let Some(server) = situation.server.as_mut() {
        server.role_body = v(b"role with space");
    }
    assert_every_invariant_holds("resolve", &situation);
}
