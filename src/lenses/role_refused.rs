//! An AssumeRole call STS refused during the Rust walk. botocore and Node
//! make the same call (the same source credentials, the same role) and get
//! the same answer: botocore raises `ClientError`, Node throws STS's error
//! code as the error's name, and neither moves on to another provider.

use super::{LensAnswer, LensInputs, SourceKind, Verdict};
use crate::probes::role_refusal::RefusalKind;

/// STS's error code and message, when the Rust walk's AssumeRole for this
/// profile was refused.
fn refusal<'a>(inputs: &'a LensInputs<'_>, profile: &str) -> Option<(&'a str, &'a str)> {
    let rust = inputs.rust;
    let same_call = rust.source == Some(SourceKind::AssumeRole)
        && rust.verdict == Verdict::Failed
        && rust.profile.as_deref() == Some(profile);
    let refused = inputs.role_refusal.filter(|_| same_call)?;
    let code = match &refused.kind {
        RefusalKind::AccessDenied => "AccessDenied",
        RefusalKind::Other { code } => code.as_str(),
    };
    Some((code, refused.message.as_str()))
}

/// botocore's answer to the refused call.
pub(crate) fn python(inputs: &LensInputs<'_>, profile: &str) -> Option<LensAnswer> {
    let (code, message) = refusal(inputs, profile)?;
    let mut answer = LensAnswer::failed(
        profile,
        "ClientError",
        format!("An error occurred ({code}) when calling the AssumeRole operation: {message}"),
    )
    .with_provider("assume-role", SourceKind::AssumeRole);
    answer.borrowed_from_rust = true;
    Some(answer)
}

/// The Node.js SDK's answer to the refused call.
pub(crate) fn node(inputs: &LensInputs<'_>, profile: &str) -> Option<LensAnswer> {
    let (code, message) = refusal(inputs, profile)?;
    let mut answer =
        LensAnswer::failed(profile, code, message).with_provider("fromIni", SourceKind::AssumeRole);
    answer.borrowed_from_rust = true;
    Some(answer)
}
