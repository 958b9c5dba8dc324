//! Which SDK lens leads a diagnosis, and changing it afterwards without
//! probing again: the lenses are already computed, only the lead's
//! difference finding is graded up (a warning) and the others down (info).

use super::Diagnosis;
use crate::findings::FindingId;
use crate::inputs::program::{self, Sdk};
use crate::inputs::DiagnoseRequest;

/// The lens a request asks for: `--sdk` (or the wizard's answer), else the
/// program the pasted error reveals, else Rust.
pub fn lead_for(request: &DiagnoseRequest) -> Sdk {
    request
        .sdk
        .or_else(|| request.error_facts.program.and_then(|p| p.sdk()))
        .or_else(|| {
            request
                .error_text
                .as_deref()
                .and_then(program::detect)
                .and_then(|p| p.sdk())
        })
        .unwrap_or(Sdk::Rust)
}

/// The finding that says how `sdk` differs from aws-config (none for Rust).
pub fn difference_finding(sdk: Sdk) -> Option<FindingId> {
    match sdk {
        Sdk::Python => Some(FindingId::SdkPythonDiffers),
        Sdk::Node => Some(FindingId::SdkNodeDiffers),
        Sdk::Rust => None,
    }
}

impl Diagnosis {
    /// Leads with `sdk` from now on: the same answers, the lead's
    /// difference finding a warning and the other SDKs' information, in
    /// severity order as [`super::diagnose`] sorts them. No I/O.
    pub fn lead_with(&mut self, lead: Sdk) {
        self.sdk = lead;
        for finding in &mut self.findings {
            let differing = Sdk::ALL
                .into_iter()
                .find(|sdk| difference_finding(*sdk) == Some(finding.id));
            if let Some(sdk) = differing {
                finding.severity = crate::rules::sdk::severity(sdk, lead, &self.sdks);
            }
        }
        self.findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Finding, Severity};
    use crate::inputs::error_facts::extract;

    fn difference(id: FindingId, severity: Severity) -> Finding {
        Finding::new(id, "t", "e", "f").with_severity(severity)
    }

    #[test]
    fn the_flag_wins_then_the_pasted_error_then_rust() {
        let python = "Traceback (most recent call last):\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials";
        let from_error = DiagnoseRequest {
            error_facts: extract(python),
            ..DiagnoseRequest::default()
        };
        assert_eq!(lead_for(&from_error), Sdk::Python);
        let flagged = DiagnoseRequest {
            sdk: Some(Sdk::Node),
            ..from_error.clone()
        };
        assert_eq!(lead_for(&flagged), Sdk::Node);
        assert_eq!(lead_for(&DiagnoseRequest::default()), Sdk::Rust);
    }

    #[test]
    fn leading_with_another_sdk_regrades_only_the_difference_findings() {
        let mut d = Diagnosis::pending("default");
        d.findings = vec![
            difference(FindingId::SdkPythonDiffers, Severity::Warning),
            difference(FindingId::ChainNoCredentials, Severity::Error),
            difference(FindingId::SdkNodeDiffers, Severity::Info),
        ];
        d.lead_with(Sdk::Node);
        assert_eq!(d.sdk, Sdk::Node);
        let graded: Vec<_> = d.findings.iter().map(|f| (f.id, f.severity)).collect();
        assert_eq!(
            graded,
            [
                (FindingId::ChainNoCredentials, Severity::Error),
                (FindingId::SdkNodeDiffers, Severity::Warning),
                (FindingId::SdkPythonDiffers, Severity::Info),
            ]
        );
        d.lead_with(Sdk::Rust);
        assert!(d
            .findings
            .iter()
            .filter(|f| f.id != FindingId::ChainNoCredentials)
            .all(|f| f.severity == Severity::Info));
    }
}
