//! Runs a catalogue check by name: reads one live diagnosis and returns the
//! check's outcome with its evidence. The wizard and `credwiz run` call this;
//! each outcome is one of those `catalog.rs` declares for the check.

use crate::aws::chain::{Slot, SlotStatus};
use crate::checks::catalog;
use crate::checks::credential_process::ProcessOutcome;
use crate::checks::sso_cache::SsoTokenState;
use crate::diagnosis::Diagnosis;
use crate::findings::{Finding, FindingId, Severity};
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

/// How a check came out, for its ✓ / ! / ✗ mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceStatus {
    Ok,
    Warning,
    Problem,
}

impl EvidenceStatus {
    /// The mark shown beside the evidence.
    pub fn mark(self) -> &'static str {
        match self {
            EvidenceStatus::Ok => "✓",
            EvidenceStatus::Warning => "!",
            EvidenceStatus::Problem => "✗",
        }
    }
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub check: String,
    pub outcome: &'static str,
    pub status: EvidenceStatus,
    /// One sentence on what was seen.
    pub summary: String,
    /// The findings of the diagnosis that belong to this check.
    pub findings: Vec<Finding>,
}

/// Runs the named check against a diagnosis. Unknown names are a bug in the
/// caller (playbooks are validated against the catalogue), reported as evidence.
pub fn evaluate(check: &str, d: &Diagnosis) -> Evidence {
    let (outcome, summary, families): (&'static str, String, &[&str]) = match check {
        "env_keys" => env_keys(d),
        "session_token" => session_token(d),
        "profile_selection" => profile_selection(d),
        "aws_files" => aws_files(d),
        "resolved_provider" => resolved_provider(d),
        "profile_kind" => profile_kind(d),
        "key_shape" => key_shape(d),
        "credential_process" => credential_process(d),
        "sso_token" => sso_token(d),
        "runtime" => runtime(d),
        "container_endpoint" => container_endpoint(d),
        "imds" => imds(d),
        "sts_identity" => sts_identity(d),
        "expiry" => expiry(d, SystemTime::now()),
        "region" => region(d),
        "endpoint" => endpoint(d),
        "s3_request" => s3_request(d),
        "s3_access" => s3_access(d),
        other => {
            return Evidence {
                check: other.to_string(),
                outcome: "no_such_check",
                status: EvidenceStatus::Problem,
                summary: format!("no built-in check is called '{other}'"),
                findings: Vec::new(),
            }
        }
    };
    debug_assert!(
        catalog::find(check).is_some_and(|spec| spec.outcomes.contains(&outcome)),
        "{check} produced {outcome}, which the catalogue does not declare"
    );
    let findings: Vec<Finding> = d
        .findings
        .iter()
        .filter(|f| {
            families
                .iter()
                .any(|prefix| f.id.as_str().starts_with(prefix))
        })
        .cloned()
        .collect();
    let status = match findings.iter().map(|f| f.severity).max() {
        Some(Severity::Error) => EvidenceStatus::Problem,
        Some(Severity::Warning) => EvidenceStatus::Warning,
        // No keys in the environment is ordinary; the other "none"s are not.
        _ if check == "env_keys" && outcome == "none" => EvidenceStatus::Ok,
        _ if is_bad_outcome(outcome) => EvidenceStatus::Problem,
        _ => EvidenceStatus::Ok,
    };
    Evidence {
        check: check.to_string(),
        outcome,
        status,
        summary,
        findings,
    }
}

/// Outcomes that are a problem even when no finding says so.
fn is_bad_outcome(outcome: &str) -> bool {
    matches!(
        outcome,
        "partial"
            | "suspicious"
            | "missing"
            | "stale"
            | "named_missing"
            | "problems"
            | "none"
            | "failed"
            | "placeholder"
            | "whitespace"
            | "malformed"
            | "bad_output"
            | "expired"
            | "unreachable"
            | "auth_token_missing"
            | "no_role"
            | "invalid_client_token_id"
            | "signature_mismatch"
            | "expired_token"
            | "clock_skew"
            | "region_not_enabled"
            | "other_error"
            | "no_credentials"
            | "container_without_aws_dir"
    )
}

type Outcome = (&'static str, String, &'static [&'static str]);

fn has_any(d: &Diagnosis, ids: &[FindingId]) -> bool {
    d.findings.iter().any(|f| ids.contains(&f.id))
}

fn env_keys(d: &Diagnosis) -> Outcome {
    let env_slot = &d.chain[0];
    let families: &[&str] = &["env.", "key."];
    if has_any(d, &[FindingId::EnvPartialKeys]) && env_slot.status != SlotStatus::Resolved {
        return ("partial", env_slot.detail.clone(), families);
    }
    match env_slot.status {
        SlotStatus::Resolved if has_any(d, &[FindingId::EnvPlaceholderKey, FindingId::KeyWhitespace, FindingId::KeyMalformedId, FindingId::KeyMalformedSecret, FindingId::EnvMissingSessionToken, FindingId::EnvStaleSessionToken]) => {
            ("suspicious", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set, but something about them is wrong".into(), families)
        }
        SlotStatus::Resolved => ("complete", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set; they win over every profile".into(), families),
        _ => ("none", env_slot.detail.clone(), families),
    }
}

fn session_token(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["env.missing_session_token", "env.stale_session_token"];
    if has_any(d, &[FindingId::EnvMissingSessionToken]) {
        (
            "missing",
            "a temporary ASIA key without AWS_SESSION_TOKEN".into(),
            families,
        )
    } else if has_any(d, &[FindingId::EnvStaleSessionToken]) {
        (
            "stale",
            "a long-term AKIA key with a leftover AWS_SESSION_TOKEN".into(),
            families,
        )
    } else if d
        .resolved
        .as_ref()
        .is_some_and(|r| r.access_key_id.starts_with("ASIA") || r.access_key_id.starts_with("AKIA"))
    {
        (
            "ok",
            "the session token matches the kind of key".into(),
            families,
        )
    } else {
        (
            "not_applicable",
            "no key to match a token against".into(),
            families,
        )
    }
}

fn profile_selection(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["profile.not_found"];
    let name = &d.profile.name;
    match (d.profile.source.as_str(), d.facts.profile_exists) {
        ("default", true) => (
            "default_present",
            "no profile selected; the [default] profile exists".into(),
            families,
        ),
        ("default", false) => (
            "default_absent",
            "no profile selected and there is no [default] profile".into(),
            families,
        ),
        (source, true) => (
            "named_found",
            format!("{source} selects '{name}', which exists"),
            families,
        ),
        (source, false) => (
            "named_missing",
            format!("{source} selects '{name}', which is in neither file"),
            families,
        ),
    }
}

fn aws_files(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["files."];
    let problems = d
        .findings
        .iter()
        .filter(|f| f.id.as_str().starts_with("files."))
        .count();
    let absent = d.chain[1]
        .detail
        .contains("no ~/.aws/config or ~/.aws/credentials");
    if problems > 0 {
        (
            "problems",
            format!("{problems} problem(s) the SDK silently ignores or rejects"),
            families,
        )
    } else if absent {
        (
            "absent",
            "neither ~/.aws/config nor ~/.aws/credentials exists".into(),
            families,
        )
    } else {
        (
            "clean",
            "both files read the way the SDK reads them, nothing ignored".into(),
            families,
        )
    }
}

fn resolved_provider(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["chain."];
    if let Some(r) = &d.resolved {
        let outcome = match r.slot {
            Slot::Environment => "environment",
            Slot::Profile => "profile",
            Slot::WebIdentity => "web_identity",
            Slot::Container => "container",
            Slot::Imds => "imds",
        };
        return (
            outcome,
            format!("{} from {} (key {})", r.provider, r.source, r.access_key_id),
            families,
        );
    }
    if let Some(failed) = d.chain.iter().find(|s| s.status == SlotStatus::Failed) {
        return (
            "failed",
            format!(
                "{} failed and stopped the chain: {}",
                failed.slot.label(),
                failed.detail
            ),
            families,
        );
    }
    if let Some(skipped) = d.chain.iter().find(|s| s.detail.starts_with("offline:")) {
        return ("unverified", skipped.detail.clone(), families);
    }
    ("none", "every slot came up empty".into(), families)
}

fn profile_kind(d: &Diagnosis) -> Outcome {
    use crate::aws::profile_plan::BaseSource;
    let families: &[&str] = &["profile."];
    let plan = &d.facts.plan;
    let name = &plan.profile;
    if !d.facts.profile_exists {
        return (
            "missing",
            format!("profile '{name}' does not exist"),
            families,
        );
    }
    if !plan.hops.is_empty() {
        let roles: Vec<&str> = plan.hops.iter().map(|h| h.role_arn.as_str()).collect();
        return (
            "assume_role",
            format!("'{name}' assumes {}", roles.join(" then ")),
            families,
        );
    }
    match &plan.base {
        Some(BaseSource::StaticKeys { access_key_id }) => (
            "static_keys",
            format!("'{name}' has keys at {access_key_id}"),
            families,
        ),
        Some(BaseSource::CredentialProcess { at, .. }) => (
            "credential_process",
            format!("'{name}' runs credential_process ({at})"),
            families,
        ),
        Some(BaseSource::Sso { session_or_url, .. }) => (
            "sso",
            format!("'{name}' logs in through SSO ({session_or_url})"),
            families,
        ),
        Some(BaseSource::WebIdentity { token_file, .. }) => (
            "web_identity",
            format!("'{name}' uses the web identity token {token_file}"),
            families,
        ),
        _ => (
            "none",
            format!("'{name}' has no way to make credentials"),
            families,
        ),
    }
}

fn key_shape(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["key.", "env.placeholder_key"];
    if d.resolved.is_none() {
        return ("no_keys", "no key resolved to look at".into(), families);
    }
    if has_any(d, &[FindingId::EnvPlaceholderKey]) {
        (
            "placeholder",
            "the key is placeholder text".into(),
            families,
        )
    } else if has_any(d, &[FindingId::KeyWhitespace]) {
        (
            "whitespace",
            "the key carries spaces, quotes or line breaks".into(),
            families,
        )
    } else if has_any(
        d,
        &[FindingId::KeyMalformedId, FindingId::KeyMalformedSecret],
    ) {
        (
            "malformed",
            "the key is not shaped like an AWS key".into(),
            families,
        )
    } else {
        (
            "ok",
            "the key id and secret have the shape AWS issues".into(),
            families,
        )
    }
}

fn credential_process(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["process.", "creds.expired"];
    match &d.facts.process {
        None => (
            "not_configured",
            "the profile does not use credential_process (or it was not run)".into(),
            families,
        ),
        Some(ProcessOutcome::Ok { expired: true, .. }) => (
            "expired",
            "it printed credentials that already expired".into(),
            families,
        ),
        Some(ProcessOutcome::Ok { .. }) => ("ok", "it printed valid credentials".into(), families),
        Some(ProcessOutcome::BadOutput { problem }) => ("bad_output", problem.clone(), families),
        Some(ProcessOutcome::Failed { exit, .. }) => {
            ("failed", format!("it failed ({exit})"), families)
        }
        Some(ProcessOutcome::TimedOut { after }) => (
            "failed",
            format!("killed after {}s", after.as_secs()),
            families,
        ),
        Some(ProcessOutcome::NotStarted { reason }) => {
            ("failed", format!("could not start: {reason}"), families)
        }
    }
}

fn sso_token(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["sso."];
    match &d.facts.sso {
        None | Some(SsoTokenState::NotConfigured) => (
            "not_configured",
            "the profile does not use SSO".into(),
            families,
        ),
        Some(SsoTokenState::Valid { expires_at, .. }) => (
            "valid",
            format!("cached SSO login valid until {expires_at}"),
            families,
        ),
        Some(SsoTokenState::Expired { expired_at, .. }) => (
            "expired",
            format!("cached SSO login expired at {expired_at}"),
            families,
        ),
        Some(SsoTokenState::Missing { .. }) | Some(SsoTokenState::Unreadable { .. }) => {
            ("missing", "no usable cached SSO login".into(), families)
        }
    }
}

fn runtime(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["runtime."];
    if has_any(d, &[FindingId::RuntimeContainerWithoutAwsDir]) {
        (
            "container_without_aws_dir",
            "inside a container with no ~/.aws and no keys in the environment".into(),
            families,
        )
    } else if d.facts.in_container {
        ("container", "inside a container".into(), families)
    } else {
        ("host", "not inside a container".into(), families)
    }
}

fn container_endpoint(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["container."];
    let slot = &d.chain[3];
    if has_any(d, &[FindingId::ContainerAuthTokenMissing]) {
        return ("auth_token_missing", slot.detail.clone(), families);
    }
    match slot.status {
        SlotStatus::Resolved => ("ok", slot.detail.clone(), families),
        SlotStatus::Failed => ("unreachable", slot.detail.clone(), families),
        _ => ("not_configured", slot.detail.clone(), families),
    }
}

fn imds(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["imds."];
    let slot = &d.chain[4];
    if slot.detail.contains("AWS_EC2_METADATA_DISABLED") {
        return ("disabled", slot.detail.clone(), families);
    }
    if has_any(d, &[FindingId::ImdsNoRole]) {
        return ("no_role", slot.detail.clone(), families);
    }
    match slot.status {
        SlotStatus::Resolved => ("ok", slot.detail.clone(), families),
        SlotStatus::NotTried => ("disabled", slot.detail.clone(), families),
        _ => ("unreachable", slot.detail.clone(), families),
    }
}

fn sts_identity(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["sts.", "identity.", "authz."];
    if let Some(who) = &d.identity {
        let outcome = if who.arn.ends_with(":root") {
            "root"
        } else {
            "ok"
        };
        return (
            outcome,
            format!(
                "STS says these keys are {} (account {})",
                who.arn, who.account
            ),
            families,
        );
    }
    if d.offline {
        return ("offline", "not asked: --offline".into(), families);
    }
    let Some(error) = &d.sts_error else {
        return (
            "no_credentials",
            "nothing resolved, so nothing to ask STS about".into(),
            families,
        );
    };
    let outcome = match d
        .findings
        .iter()
        .find(|f| f.id.as_str().starts_with("sts."))
        .map(|f| f.id)
    {
        Some(FindingId::StsClockSkew) => "clock_skew",
        Some(FindingId::StsInvalidClientTokenId) => "invalid_client_token_id",
        Some(FindingId::StsSignatureMismatch) => "signature_mismatch",
        Some(FindingId::StsExpiredToken) => "expired_token",
        Some(FindingId::StsUnreachable) => "unreachable",
        Some(FindingId::StsRegionNotEnabled) => "region_not_enabled",
        _ => "other_error",
    };
    (
        outcome,
        format!("STS answered {}: {}", error.code, error.message),
        families,
    )
}

fn expiry(d: &Diagnosis, now: SystemTime) -> Outcome {
    let families: &[&str] = &["creds.expired"];
    let Some(_) = &d.resolved else {
        return ("unknown", "nothing resolved".into(), families);
    };
    match d.facts.expires_at {
        None => (
            "no_expiry",
            "long-term credentials; they do not expire".into(),
            families,
        ),
        Some(at) if at <= now => ("expired", "the credentials have expired".into(), families),
        Some(at) if at.duration_since(now).unwrap_or_default() < Duration::from_secs(15 * 60) => (
            "expiring_soon",
            "the credentials expire within 15 minutes".into(),
            families,
        ),
        Some(_) => (
            "valid",
            "temporary credentials, still valid".into(),
            families,
        ),
    }
}

fn region(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["region."];
    match &d.region {
        Some(r) => ("set", format!("{} from {}", r.value, r.source), families),
        None => (
            "missing",
            "no region from --region, AWS_REGION, AWS_DEFAULT_REGION or the profile".into(),
            families,
        ),
    }
}

fn endpoint(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &["s3.custom_endpoint", "s3.vpc_endpoint"];
    match &d.facts.sts_endpoint {
        Some(url) if url.contains(".vpce.") || url.contains("vpce-") => (
            "vpc",
            format!("calls go to the VPC endpoint {url}"),
            families,
        ),
        Some(url) if !url.ends_with(".amazonaws.com") && !url.ends_with(".amazonaws.com.cn") => (
            "custom",
            format!("calls go to {url} (AWS_ENDPOINT_URL*), not to AWS"),
            families,
        ),
        Some(url) => ("aws_default", format!("calls go to {url}"), families),
        None => ("aws_default", "no endpoint override".into(), families),
    }
}

fn s3_request(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &[
        "s3.website_endpoint_with_credentials",
        "s3.mixed_auth",
        "s3.anonymous_endpoint_with_token",
        "s3.presigned_",
        "s3.sigv2_presign",
        "s3.custom_endpoint",
        "s3.vpc_endpoint",
    ];
    let Some(request) = &d.s3_request else {
        return (
            "not_given",
            "no S3 URL or curl command was given (--s3-request, or paste it with the error)".into(),
            families,
        );
    };
    // The most decisive problem first: the one that alone explains a 400.
    let order = [
        (
            FindingId::S3WebsiteEndpointWithCredentials,
            "website_with_credentials",
        ),
        (FindingId::S3MixedAuth, "mixed_auth"),
        (
            FindingId::S3AnonymousEndpointWithToken,
            "anonymous_endpoint_with_token",
        ),
        (FindingId::S3PresignedExpired, "presigned_expired"),
        (
            FindingId::S3PresignedRegionMismatch,
            "presigned_region_mismatch",
        ),
        (FindingId::S3Sigv2Presign, "sigv2_presign"),
        (FindingId::S3CustomEndpoint, "custom_endpoint"),
        (FindingId::S3VpcEndpoint, "vpc_endpoint"),
    ];
    let outcome = order
        .iter()
        .find(|(id, _)| request.findings.iter().any(|f| f.id == *id))
        .map(|(_, outcome)| *outcome)
        .unwrap_or("clean");
    let summary = format!(
        "{} {} ({}){}",
        request.method,
        request.endpoint,
        request.host,
        request
            .bucket
            .as_deref()
            .map(|b| format!(", bucket {b}"))
            .unwrap_or_default()
    );
    (outcome, summary, families)
}

fn s3_access(d: &Diagnosis) -> Outcome {
    let families: &[&str] = &[
        "s3.invalid_access_key_id",
        "s3.signature_mismatch",
        "s3.access_denied",
        "s3.wrong_region",
        "s3.no_such_bucket",
        "s3.unreachable",
    ];
    let Some(probe) = &d.s3_probe else {
        return (
            "not_run",
            "no bucket to probe (--s3-bucket), or nothing resolved".into(),
            families,
        );
    };
    let order = [
        (FindingId::S3Unreachable, "unreachable"),
        (FindingId::S3InvalidAccessKeyId, "invalid_access_key_id"),
        (FindingId::S3SignatureMismatch, "signature_mismatch"),
        (FindingId::S3WrongRegion, "wrong_region"),
        (FindingId::S3NoSuchBucket, "no_such_bucket"),
        (FindingId::S3AccessDenied, "access_denied"),
    ];
    let outcome = order
        .iter()
        .find(|(id, _)| probe.findings.iter().any(|f| f.id == *id))
        .map(|(_, outcome)| *outcome)
        .unwrap_or("ok");
    let calls: Vec<String> = probe
        .calls
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c.operation,
                if c.ok {
                    "ok"
                } else {
                    c.code.as_deref().unwrap_or("failed")
                }
            )
        })
        .collect();
    (
        outcome,
        format!("{}: {}", probe.endpoint, calls.join(", ")),
        families,
    )
}

/// Values for `{placeholder}`s in playbook texts, from a diagnosis.
pub fn placeholders(d: &Diagnosis) -> BTreeMap<&'static str, String> {
    let mut values = BTreeMap::new();
    values.insert("profile", d.profile.name.clone());
    values.insert("profile_source", d.profile.source.clone());
    if let Some(path) = &d.facts.config_file {
        values.insert("config_file", path.clone());
    }
    if let Some(path) = &d.facts.credentials_file {
        values.insert("credentials_file", path.clone());
    }
    if let Some(r) = &d.resolved {
        values.insert("provider", r.provider.clone());
        values.insert("source", r.source.clone());
        values.insert("access_key", r.access_key_id.clone());
        if let Some(e) = &r.expires_at {
            values.insert("expires_at", e.clone());
        }
    }
    if let Some(r) = &d.region {
        values.insert("region", r.value.clone());
    }
    if let Some(i) = &d.identity {
        values.insert("account", i.account.clone());
        values.insert("arn", i.arn.clone());
    }
    if let Some(e) = &d.sts_error {
        values.insert("sts_code", e.code.clone());
    }
    let bucket = d
        .s3_probe
        .as_ref()
        .and_then(|p| p.bucket.clone())
        .or_else(|| d.s3_request.as_ref().and_then(|r| r.bucket.clone()));
    if let Some(bucket) = bucket {
        values.insert("bucket", bucket);
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_check_is_implemented() {
        let d = Diagnosis::pending("default");
        for spec in catalog::CHECKS {
            let evidence = evaluate(spec.name, &d);
            assert_ne!(
                evidence.outcome, "no_such_check",
                "{} has no implementation",
                spec.name
            );
            assert!(
                spec.outcomes.contains(&evidence.outcome),
                "{} → {}",
                spec.name,
                evidence.outcome
            );
        }
        assert_eq!(evaluate("bogus", &d).outcome, "no_such_check");
    }
}
