//! The SDK-lens block: the leading lens's answer and one line per SDK that
//! would differ from it. The human report and the wizard's panel both use it.

use crate::diagnosis::Diagnosis;
use crate::inputs::program::Sdk;
use crate::lenses::Verdict;
use crate::rules::sdk::describe;

/// "Python (boto3/botocore, AWS CLI v1): shared-credentials-file (profile dev) AKIA…".
pub fn lead_line(d: &Diagnosis) -> String {
    let answer = d.sdks.get(d.sdk);
    clean(&format!("{}: {}", d.sdk.label(), describe(answer)))
}

/// One line per other SDK whose answer differs from the leading one.
pub fn differing_lines(d: &Diagnosis) -> Vec<String> {
    differing(d)
        .into_iter()
        .map(|sdk| {
            clean(&format!(
                "{} differs: {}",
                sdk.as_str(),
                describe(d.sdks.get(sdk))
            ))
        })
        .collect()
}

/// The short form for the wizard's panel: `python: shared-credentials-file AKIA…`.
pub fn short_line(d: &Diagnosis, sdk: Sdk) -> String {
    let answer = d.sdks.get(sdk);
    let what = match answer.verdict {
        Verdict::Resolved => format!(
            "{} {}",
            answer.provider.as_deref().unwrap_or("?"),
            answer.access_key_id.as_deref().unwrap_or("")
        ),
        Verdict::Unverified => format!(
            "{} (needs the network)",
            answer.provider.as_deref().unwrap_or("?")
        ),
        Verdict::Failed | Verdict::None => match &answer.error {
            Some(error) => format!("fails: {}", error.kind),
            None => "no credentials".into(),
        },
    };
    clean(format!("{}: {what}", sdk.as_str()).trim_end())
}

/// The fewest words for a narrow panel: the masked key, what it waits
/// for, or the error's type.
pub fn panel_summary(d: &Diagnosis, sdk: Sdk) -> String {
    let answer = d.sdks.get(sdk);
    let text = match answer.verdict {
        Verdict::Resolved => {
            let what = answer
                .access_key_id
                .clone()
                .or_else(|| answer.provider.clone())
                .unwrap_or_default();
            // The panel's profile line is aws-config's choice; name this
            // SDK's own where it picks another.
            match answer.profile.as_deref() {
                Some(profile) if profile != d.profile.name => format!("{profile} {what}"),
                _ => what,
            }
        }
        Verdict::Unverified => "needs the network".into(),
        Verdict::Failed | Verdict::None => answer
            .error
            .as_ref()
            .map_or_else(|| "no credentials".into(), |e| e.kind.clone()),
    };
    clean(&text)
}

/// The SDKs whose answer differs from the leading one.
pub fn differing(d: &Diagnosis) -> Vec<Sdk> {
    let lead = d.sdks.get(d.sdk);
    Sdk::ALL
        .into_iter()
        .filter(|sdk| *sdk != d.sdk && !d.sdks.get(*sdk).agrees_with(lead))
        .collect()
}

/// The `--probe-sdk` line: what the installed SDK said, and whether the
/// lens predicted it.
pub fn probe_line(d: &Diagnosis) -> Option<String> {
    let probe = d.sdk_probe.as_ref()?;
    let what = match probe.verdict.as_str() {
        "resolved" => format!(
            "{} {}",
            probe.provider.as_deref().unwrap_or("?"),
            probe.access_key_id.as_deref().unwrap_or("")
        ),
        "not_run" => format!("not run: {}", probe.note.as_deref().unwrap_or("")),
        verdict => format!("{verdict} {}", probe.error_type.as_deref().unwrap_or("")),
    };
    let verdict = match probe.agrees_with_lens {
        Some(true) => " (agrees with the lens)",
        Some(false) => " (differs from the lens)",
        None => "",
    };
    Some(clean(&format!(
        "installed {} SDK: {}{verdict}",
        probe.sdk.as_str(),
        what.trim_end()
    )))
}

/// File paths and error messages come from the user's machine: no control
/// characters reach a terminal.
fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}
