//! A presigned URL whose `X-Amz-Expires` or `X-Amz-Date` S3 cannot accept:
//! a negative or huge lifetime, a date that does not exist. S3 answers such
//! a URL with `AuthorizationQueryParametersError`, never with the object.

use super::Context;
use crate::findings::{Finding, FindingId};
use crate::inputs::s3::presign::{PresignFlaw, MAX_PRESIGN_EXPIRES};

/// The longest value shown back as written.
const SHOWN_VALUE_CHARS: usize = 40;

pub(super) fn presigned_values_invalid(ctx: &Context) -> Option<Finding> {
    let presign = ctx.signals.presign.as_ref()?;
    if presign.flaws.is_empty() {
        return None;
    }
    let evidence: Vec<String> = presign
        .flaws
        .iter()
        .map(|flaw| match flaw {
            PresignFlaw::ExpiresOutOfRange { value } => format!(
                "X-Amz-Expires={} is not a number of seconds from 1 to {MAX_PRESIGN_EXPIRES} (seven days)",
                shown(value)
            ),
            PresignFlaw::DateImpossible { value } => format!(
                "X-Amz-Date={} is not a real time written as YYYYMMDDTHHMMSSZ",
                shown(value)
            ),
        })
        .collect();
    Some(Finding::new(
        FindingId::S3PresignedInvalid,
        "The presigned URL carries a lifetime or date S3 cannot accept",
        format!(
            "{}; S3 answers AuthorizationQueryParametersError{}.",
            evidence.join("; "),
            ctx.key_id_note()
        ),
        format!(
            "Presign again with a lifetime within seven days: `{}`.",
            ctx.presign_command(
                ctx.endpoint
                    .region
                    .as_deref()
                    .or(presign.scope_region.as_deref())
            )
        ),
    ))
}

fn shown(value: &str) -> String {
    let count = value.chars().count();
    if count <= SHOWN_VALUE_CHARS {
        value.to_string()
    } else {
        let head: String = value.chars().take(SHOWN_VALUE_CHARS).collect();
        format!("{head}… ({count} characters)")
    }
}
