//! Runs a catalogue check by name: reads one live diagnosis and returns the
//! check's outcome with its evidence. The wizard and `credwiz run` call this;
//! each outcome is one of those `catalog.rs` declares for the check.

use crate::checks::catalog;
use crate::checks::outcomes;
use crate::diagnosis::Diagnosis;
use crate::findings::{Finding, Severity};
use std::collections::BTreeMap;
use std::time::SystemTime;

/// What a check's outcome means for the user: its ✓ · ! ✗ mark. A ✓ means
/// "good", never merely "the check ran".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceStatus {
    Ok,
    /// Neutral information: nothing configured, not given, not tried.
    Info,
    Warning,
    Problem,
}

impl EvidenceStatus {
    /// The mark shown beside the evidence.
    pub fn mark(self) -> &'static str {
        match self {
            EvidenceStatus::Ok => "✓",
            EvidenceStatus::Info => "·",
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
        "env_keys" => outcomes::env_keys(d),
        "session_token" => outcomes::session_token(d),
        "profile_selection" => outcomes::profile_selection(d),
        "aws_files" => outcomes::aws_files(d),
        "resolved_provider" => outcomes::resolved_provider(d),
        "profile_kind" => outcomes::profile_kind(d),
        "key_shape" => outcomes::key_shape(d),
        "credential_process" => outcomes::credential_process(d),
        "sso_token" => outcomes::sso_token(d),
        "login_cache" => outcomes::login_cache(d),
        "runtime" => outcomes::runtime(d),
        "container_endpoint" => outcomes::container_endpoint(d),
        "imds" => outcomes::imds(d),
        "sts_identity" => outcomes::sts_identity(d),
        "expiry" => outcomes::expiry(d, SystemTime::now()),
        "region" => outcomes::region(d),
        "endpoint" => outcomes::endpoint(d),
        "s3_request" => outcomes::s3_request(d),
        "s3_access" => outcomes::s3_access(d),
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
        _ => declared_status(check, outcome),
    };
    Evidence {
        check: check.to_string(),
        outcome,
        status,
        summary,
        findings,
    }
}

/// What each outcome means when no finding says more: the one place that
/// gives outcomes their mark.
fn declared_status(check: &str, outcome: &str) -> EvidenceStatus {
    use EvidenceStatus::{Info, Ok, Problem, Warning};
    match (check, outcome) {
        ("runtime", "container_without_aws_dir") => Problem,
        ("runtime", _) => Info,
        ("env_keys", "none")
        | ("profile_kind", "none")
        | ("profile_selection", "default_absent") => Info,
        ("aws_files", "absent") | ("resolved_provider", "unverified") => Warning,
        ("endpoint", "custom" | "vpc") => Info,
        (_, "expiring_soon" | "sigv2_presign") => Warning,
        (
            _,
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
            | "hop_limit"
            | "credentials_refused"
            | "invalid_client_token_id"
            | "invalid_access_key_id"
            | "signature_mismatch"
            | "expired_token"
            | "clock_skew"
            | "region_not_enabled"
            | "other_error"
            | "no_credentials"
            | "mismatch"
            | "access_denied"
            | "wrong_region"
            | "no_such_bucket"
            | "website_with_credentials"
            | "mixed_auth"
            | "anonymous_endpoint_with_token"
            | "presigned_expired"
            | "presigned_region_mismatch",
        ) => Problem,
        (
            _,
            "not_applicable" | "not_configured" | "disabled" | "not_given" | "not_run" | "offline"
            | "no_expiry" | "unknown" | "no_keys" | "custom_endpoint" | "vpc_endpoint",
        ) => Info,
        _ => Ok,
    }
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
    // What the pasted error names fills what the live checks left open.
    let error = &d.error_facts;
    for (name, fact) in [
        ("bucket", &error.bucket),
        ("key", &error.key),
        ("operation", &error.operation),
        ("account", &error.account),
        ("region", &error.region),
    ] {
        if let Some(value) = fact {
            values.entry(name).or_insert_with(|| value.clone());
        }
    }
    values
}

/// [`placeholders`] with the values typed during a walk on top (`{bucket}`
/// is the bucket the person named, even before the probe ran on it).
pub fn walk_placeholders(
    d: &Diagnosis,
    typed: &BTreeMap<String, String>,
) -> BTreeMap<&'static str, String> {
    let mut values = placeholders(d);
    for (name, value) in typed {
        if let Some(placeholder) = catalog::PLACEHOLDERS.iter().find(|p| **p == name) {
            values.insert(placeholder, value.clone());
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absence_is_never_a_tick() {
        let mut d = Diagnosis::pending("default");
        d.chain[1].detail = "no ~/.aws/config or ~/.aws/credentials".into();
        let no_files = evaluate("aws_files", &d);
        assert_eq!((no_files.outcome, no_files.status.mark()), ("absent", "!"));
        let no_bucket = evaluate("s3_access", &d);
        assert_eq!(
            (no_bucket.outcome, no_bucket.status.mark()),
            ("not_run", "·")
        );
        let nothing_given = evaluate("s3_request", &d);
        assert_eq!(nothing_given.status.mark(), "·");
        assert_eq!(evaluate("resolved_provider", &d).status.mark(), "✗");
        for spec in catalog::CHECKS {
            let evidence = evaluate(spec.name, &d);
            let absent = [
                "absent",
                "not_run",
                "not_given",
                "not_configured",
                "disabled",
                "offline",
            ];
            assert!(
                !(absent.contains(&evidence.outcome) && evidence.status.mark() == "✓"),
                "{} → {} is marked ✓",
                spec.name,
                evidence.outcome
            );
        }
    }

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
