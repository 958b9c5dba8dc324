//! The `program_lens` check: what the SDK of the user's program (the lens
//! the diagnosis leads with) would do, compared with aws-config's live walk,
//! which every other check reads.

use super::Outcome;
use crate::diagnosis::Diagnosis;
use crate::rules::sdk::{describe, explain};

/// `same`, `other_credentials`, `fails_where_rust_resolves` or
/// `resolves_where_rust_fails`. Two failures count as the same: the other
/// checks then diagnose why nothing resolves.
pub(crate) fn program_lens(d: &Diagnosis) -> Outcome {
    let lead = d.sdk;
    let answer = d.sdks.get(lead);
    let rust = &d.sdks.rust;
    let name = lead.label();
    if answer.agrees_with(rust) {
        return (
            "same",
            format!(
                "{name} would do what aws-config does here: {}",
                describe(answer)
            ),
        );
    }
    let (outcome, verb) = match (answer.works(), rust.works()) {
        (true, true) => ("other_credentials", "would use other credentials"),
        (false, _) => (
            "fails_where_rust_resolves",
            "would fail where aws-config resolves",
        ),
        (true, false) => (
            "resolves_where_rust_fails",
            "would resolve where aws-config does not",
        ),
    };
    let because = answer
        .rules
        .first()
        .map(|rule| format!("; because {}", explain(*rule)))
        .unwrap_or_default();
    (
        outcome,
        format!(
            "{name} {verb}: {}; aws-config: {}{because}",
            describe(answer),
            describe(rust)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::program::Sdk;
    use crate::lenses::{LensAnswer, SourceKind};

    fn keys(key: &str) -> LensAnswer {
        LensAnswer::resolved(
            "dev",
            "shared-credentials-file",
            SourceKind::ProfileKeys,
            Some(key.into()),
        )
    }

    fn with(lead: Sdk, python: LensAnswer, rust: LensAnswer) -> Diagnosis {
        let mut d = Diagnosis::pending("dev");
        d.sdks.python = python;
        d.sdks.rust = rust;
        d.sdk = lead;
        d
    }

    #[test]
    fn each_outcome_compares_the_lead_with_aws_config() {
        let none = || LensAnswer::new(crate::lenses::Verdict::None, "dev");
        let failed = || LensAnswer::failed("dev", "ProfileNotFound", "no profile");
        let a = || keys("AKIA************AAAA");
        let b = || keys("AKIA************BBBB");
        let cases = [
            (with(Sdk::Python, a(), a()), "same"),
            (with(Sdk::Python, a(), b()), "other_credentials"),
            (
                with(Sdk::Python, failed(), a()),
                "fails_where_rust_resolves",
            ),
            (with(Sdk::Python, a(), none()), "resolves_where_rust_fails"),
            (with(Sdk::Python, failed(), none()), "same"),
            // The Rust lead is aws-config itself, whatever botocore does.
            (with(Sdk::Rust, a(), none()), "same"),
        ];
        for (d, expected) in cases {
            let (outcome, summary) = program_lens(&d);
            assert_eq!(outcome, expected, "{summary}");
            assert!(summary.starts_with(d.sdk.label()), "{summary}");
        }
    }
}
