//! Untrusted text is made inert as it enters the diagnosis every report
//! renders: profile and region names, file values, helper output and server
//! messages lose every control character, and with it every escape sequence
//! (colour included), before a view adds credwiz's own colour. On a colour
//! terminal only credwiz's own SGR codes then reach the screen. Line breaks
//! go too: every one of these texts is one line of a report, so a value with
//! a newline in it could otherwise start a line of its own (a forged finding,
//! a Markdown heading or a fenced command block).

use super::Diagnosis;
use crate::text::sanitize::sanitize_line;

/// Replaces every control character in the diagnosis' texts with its
/// visible placeholder, line breaks and tabs included. A slot's reason is made
/// inert where it is put into words ([`SlotResult::detail`]).
///
/// [`SlotResult::detail`]: crate::probes::chain::SlotResult::detail
pub(super) fn make_inert(diagnosis: &mut Diagnosis) {
    let Diagnosis {
        profile,
        region,
        resolved,
        identity,
        sts_error,
        findings,
        s3_probe,
        ..
    } = diagnosis;
    inert(&mut profile.name);
    if let Some(region) = region {
        inert(&mut region.value);
        inert(&mut region.source);
    }
    if let Some(resolved) = resolved {
        inert(&mut resolved.source);
    }
    if let Some(identity) = identity {
        inert(&mut identity.arn);
        inert(&mut identity.account);
        inert(&mut identity.user_id);
    }
    if let Some(error) = sts_error {
        inert(&mut error.code);
        inert(&mut error.message);
    }
    let probe_findings = s3_probe.iter_mut().flat_map(|p| p.findings.iter_mut());
    for finding in findings.iter_mut().chain(probe_findings) {
        inert(&mut finding.title);
        inert(&mut finding.evidence);
        inert(&mut finding.fix);
    }
    for call in s3_probe.iter_mut().flat_map(|p| p.calls.iter_mut()) {
        for text in [&mut call.code, &mut call.message, &mut call.bucket_region] {
            text.iter_mut().for_each(inert);
        }
    }
}

/// One text made inert in place.
pub(crate) fn inert(text: &mut String) {
    if let std::borrow::Cow::Owned(clean) = sanitize_line(text) {
        *text = clean;
    }
}
