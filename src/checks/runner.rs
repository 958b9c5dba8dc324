//! Runs a registered check on one live diagnosis and returns its outcome with
//! its evidence. The wizard and `credwiz run` call this; the outcome is one
//! the registry declares for the check, and so is its mark.

use crate::checks::registry::{self, Mark};
use crate::diagnosis::Diagnosis;
use crate::findings::{Finding, Severity};
use std::collections::BTreeMap;

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub check: String,
    pub outcome: &'static str,
    /// What the outcome means for the user, raised by the check's own findings.
    pub mark: Mark,
    /// One sentence on what was seen.
    pub summary: String,
    /// The findings of the diagnosis that belong to this check.
    pub findings: Vec<Finding>,
    /// The check needed the network and the person skipped it: evaluated on
    /// the local facts only (the wizard sets this).
    pub not_tried: bool,
}

impl Evidence {
    /// The outcome in the user's words (the registry's label), never its id.
    pub fn label(&self) -> &'static str {
        if self.not_tried {
            return "not tried";
        }
        registry::find(&self.check)
            .and_then(|spec| spec.label_of(self.outcome))
            .unwrap_or("no result")
    }

    /// The mark shown for it: `-` when it was not tried.
    pub fn symbol(&self) -> &'static str {
        if self.not_tried {
            "-"
        } else {
            self.mark.symbol()
        }
    }
}

/// Runs the named check against a diagnosis. Unknown names are a bug in the
/// caller (playbooks are validated against the registry), reported as evidence.
pub fn evaluate(check: &str, d: &Diagnosis) -> Evidence {
    let Some(spec) = registry::find(check) else {
        return Evidence {
            check: check.to_string(),
            outcome: "no_such_check",
            mark: Mark::Problem,
            summary: format!("no built-in check is called '{check}'"),
            findings: Vec::new(),
            not_tried: false,
        };
    };
    let (outcome, summary) = (spec.evaluate)(d);
    let findings: Vec<Finding> = d
        .findings
        .iter()
        .filter(|f| spec.findings.contains(&f.id))
        .cloned()
        .collect();
    // A check's own error or warning finding says more than its outcome.
    let mark = match findings.iter().map(|f| f.severity).max() {
        Some(Severity::Error) => Mark::Problem,
        Some(Severity::Warning) => Mark::Attention,
        _ => spec.mark_of(outcome).unwrap_or(Mark::Problem),
    };
    Evidence {
        check: check.to_string(),
        outcome,
        mark,
        summary,
        findings,
        not_tried: false,
    }
}

/// Values for `{placeholder}`s in playbook texts, from a diagnosis.
pub fn placeholders(d: &Diagnosis) -> BTreeMap<&'static str, String> {
    let mut values = BTreeMap::new();
    values.insert("profile", d.profile.name.clone());
    values.insert("profile_source", d.profile.source.to_string());
    lens_placeholders(d, &mut values);
    if let Some(path) = &d.facts.config_file {
        values.insert("config_file", path.clone());
    }
    if let Some(path) = &d.facts.credentials_file {
        values.insert("credentials_file", path.clone());
    }
    if let Some(r) = &d.resolved {
        // Shown to people: the slot in words, not aws-config's type name.
        values.insert("provider", slot_words(r.slot).to_string());
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
    if let Some(key) = d.s3_request.as_ref().and_then(|r| r.key.clone()) {
        values.insert("key", key);
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

/// The lens the walk follows: its name and answer, aws-config's answer,
/// the rule that sets them apart and the fix its difference finding gives.
fn lens_placeholders(d: &Diagnosis, values: &mut BTreeMap<&'static str, String>) {
    use crate::rules::sdk::{describe, explain};
    let answer = d.sdks.get(d.sdk);
    values.insert("sdk", d.sdk.label().to_string());
    values.insert("sdk_name", d.sdk.as_str().to_string());
    values.insert("sdk_answer", describe(answer));
    values.insert("rust_answer", describe(&d.sdks.rust));
    if let Some(rule) = answer.rules.first() {
        values.insert("sdk_rule", explain(*rule).to_string());
    }
    let lead_finding = crate::diagnosis::difference_finding(d.sdk);
    if let Some(finding) = d.findings.iter().find(|f| Some(f.id) == lead_finding) {
        values.insert("sdk_fix", finding.fix.clone());
    }
}

/// [`placeholders`] with the values typed during a walk on top (`{bucket}`
/// is the bucket the person named, even before the probe ran on it).
pub fn walk_placeholders(
    d: &Diagnosis,
    typed: &BTreeMap<String, String>,
) -> BTreeMap<&'static str, String> {
    let mut values = placeholders(d);
    for (name, value) in typed {
        if let Some(placeholder) = registry::PLACEHOLDERS.iter().find(|p| **p == name) {
            values.insert(placeholder, value.clone());
        }
    }
    values
}

/// A slot of the default chain in words, as `{provider}` shows it.
pub fn slot_words(slot: crate::probes::chain::Slot) -> &'static str {
    use crate::probes::chain::Slot;
    match slot {
        Slot::Environment => "environment variables",
        Slot::Profile => "the profile",
        Slot::WebIdentity => "a web identity token",
        Slot::Container => "the container endpoint",
        Slot::Imds => "instance metadata",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probes::chain::{Slot, SlotReason};

    #[test]
    fn absence_is_never_a_tick() {
        let mut d = Diagnosis::pending("default");
        d.chain[Slot::Profile.index()].reason = SlotReason::NoAwsFiles;
        let no_files = evaluate("aws_files", &d);
        assert_eq!((no_files.outcome, no_files.mark.symbol()), ("absent", "!"));
        let no_bucket = evaluate("s3_access", &d);
        assert_eq!(
            (no_bucket.outcome, no_bucket.mark.symbol()),
            ("not_run", "·")
        );
        let nothing_given = evaluate("s3_request", &d);
        assert_eq!(nothing_given.mark.symbol(), "·");
        assert_eq!(evaluate("resolved_provider", &d).mark.symbol(), "✗");
        for spec in registry::CHECKS {
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
                !(absent.contains(&evidence.outcome) && evidence.mark.symbol() == "✓"),
                "{} → {} is marked ✓",
                spec.name,
                evidence.outcome
            );
        }
    }

    #[test]
    fn lens_placeholders_follow_the_sdk_that_leads() {
        use crate::findings::FindingId;
        use crate::inputs::program::Sdk;
        use crate::lenses::{LensAnswer, Rule, SourceKind};
        let mut d = Diagnosis::pending("default");
        d.sdks.python = LensAnswer::resolved(
            "dev",
            "shared-credentials-file",
            SourceKind::ProfileKeys,
            Some("AKIA************0001".into()),
        )
        .with_rule(Rule::DefaultProfileVariableFirst);
        d.findings.push(Finding::new(
            FindingId::SdkPythonDiffers,
            "botocore would resolve where aws-config fails",
            "botocore: ...",
            "export AWS_PROFILE=dev",
        ));
        d.lead_with(Sdk::Python);
        let values = placeholders(&d);
        assert_eq!(values["sdk"], Sdk::Python.label());
        assert_eq!(values["sdk_name"], "python");
        assert_eq!(
            values["sdk_answer"],
            "shared-credentials-file (profile dev) AKIA************0001"
        );
        assert!(values["sdk_rule"].starts_with("botocore reads AWS_DEFAULT_PROFILE"));
        assert_eq!(values["sdk_fix"], "export AWS_PROFILE=dev");
        // Led by Node, which agrees with aws-config here: no rule, no fix.
        d.lead_with(Sdk::Node);
        let values = placeholders(&d);
        assert_eq!(values["sdk_name"], "node");
        assert!(!values.contains_key("sdk_rule") && !values.contains_key("sdk_fix"));
    }

    #[test]
    fn every_registered_check_is_implemented() {
        let d = Diagnosis::pending("default");
        for spec in registry::CHECKS {
            let evidence = evaluate(spec.name, &d);
            assert_ne!(evidence.outcome, "no_such_check", "{}", spec.name);
            assert!(
                spec.has_outcome(evidence.outcome),
                "{} → {}",
                spec.name,
                evidence.outcome
            );
        }
        assert_eq!(evaluate("bogus", &d).outcome, "no_such_check");
    }
}
