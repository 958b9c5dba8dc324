//! Messages a person can use: no Rust Debug dumps (every hostile run is
//! checked for them by the harness), no empty reasons, an S3 request whose
//! expiry or date is impossible is flagged, a URL inside a pasted error keeps
//! its query string, and a long acyclic playbook is walked to its end.

use crate::harness::run_hostile;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use crate::support::world::StsStub;
use std::time::Duration;

const BOUND: Duration = Duration::from_secs(20);

fn keyed() -> Sandbox {
    Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\nregion = us-east-1\n"
    ))
}

#[test]
fn an_sts_error_without_code_or_message_still_gives_a_reason() {
    let sts = StsStub::error(500, "", "");
    let sandbox = keyed().var("AWS_ENDPOINT_URL", &sts.url());
    let run = run_hostile("STS 500 without a body", &sandbox, &["check"], BOUND);
    let out = run.stdout();
    assert!(out.contains("STS answered HTTP 500: "), "{out}");
    for line in out.lines().filter(|l| l.contains("STS answered")) {
        let reason = line.rsplit_once(": ").map(|(_, r)| r.trim()).unwrap_or("");
        assert!(!reason.is_empty(), "an empty reason: {line}");
    }
}
