//! Findings about a profile's credential_process run.

use crate::findings::{Finding, FindingId};
use crate::probes::credential_process::ProcessOutcome;
use crate::text::mask::mask_key_id;

/// The findings for an outcome, for the profile that runs the program.
pub fn findings(outcome: &ProcessOutcome, profile: &str, command_location: &str) -> Vec<Finding> {
    let test_it = format!(
        "run it by hand to see its output: aws configure get credential_process --profile {}",
        crate::text::shell::quote(profile)
    );
    match outcome {
        ProcessOutcome::Ok { expired: false, .. } => Vec::new(),
        ProcessOutcome::Ok { access_key_id, expiration, expired: true } => vec![Finding::new(
            FindingId::CredsExpired,
            format!("credential_process of profile '{profile}' returns credentials that already expired"),
            format!("{} expired at {}", mask_key_id(access_key_id), expiration.as_deref().unwrap_or("?")),
            format!("refresh the helper's cache or log in again, then re-run; {test_it}"),
        )],
        ProcessOutcome::NotStarted { reason } => vec![Finding::new(
            FindingId::ProcessFailed,
            format!("credential_process of profile '{profile}' could not be started"),
            format!("{command_location}: {reason}"),
            format!("check the program path and that it is executable; {test_it}"),
        )],
        ProcessOutcome::TimedOut { after } => vec![Finding::new(
            FindingId::ProcessFailed,
            format!("credential_process of profile '{profile}' did not finish within {}s and was killed", after.as_secs()),
            format!("{command_location}; the AWS SDK would wait for it forever"),
            format!("find out why it waits (an MFA or browser prompt, the network); {test_it}"),
        )],
        ProcessOutcome::Failed { exit, stderr } => vec![Finding::new(
            FindingId::ProcessFailed,
            format!("credential_process of profile '{profile}' failed ({exit})"),
            format!("{command_location}; stderr: {}", if stderr.is_empty() { "(empty)" } else { stderr }),
            test_it,
        )],
        ProcessOutcome::BadOutput { problem, .. } => vec![Finding::new(
            FindingId::ProcessBadOutput,
            format!("credential_process of profile '{profile}' printed invalid credentials"),
            format!("{command_location}: {problem}"),
            "the program must print {\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ..., \"SessionToken\": ..., \"Expiration\": ...} and nothing else on stdout".to_string(),
        )],
    }
}
