//! The SDK-lens block: the leading lens's answer and one line per SDK that
//! would differ from it. The human report and the wizard's panel both use it.

use crate::diagnosis::Diagnosis;
use crate::inputs::program::Sdk;
use crate::rules::sdk::describe;

/// "Python (boto3/botocore, AWS CLI v1): shared-credentials-file (profile dev) AKIA…".
pub fn lead_line(d: &Diagnosis) -> String {
    let answer = d.sdks.get(d.sdk);
    clean(&format!("{}: {}", d.sdk.label(), describe(answer)))
}

/// One line per other SDK whose answer differs from the leading one.
pub fn differing_lines(d: &Diagnosis) -> Vec<String> {
    let lead = d.sdks.get(d.sdk);
    Sdk::ALL
        .into_iter()
        .filter(|sdk| *sdk != d.sdk)
        .filter(|sdk| {
            let other = d.sdks.get(*sdk);
            if d.sdk == Sdk::Rust {
                !other.same_as_rust
            } else if *sdk == Sdk::Rust {
                !lead.same_as_rust
            } else {
                !other.same_as_rust || !lead.same_as_rust
            }
        })
        .map(|sdk| {
            clean(&format!(
                "{} differs: {}",
                sdk.as_str(),
                describe(d.sdks.get(sdk))
            ))
        })
        .collect()
}

/// File paths and error messages come from the user's machine: no control
/// characters reach a terminal.
fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}
