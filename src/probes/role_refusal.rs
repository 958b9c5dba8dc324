//! When the profile provider fails on an AssumeRole hop: which role STS
//! refused and how, read from the SDK's own typed error (the provider keeps
//! STS's `SdkError` as its source), never from the words it prints.

use crate::inputs::profile_plan::ProfilePlan;
use crate::text::mask::Scrubber;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sts::operation::assume_role::AssumeRoleError;
use serde::Serialize;

/// STS refused one of the profile's AssumeRole calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleRefusal {
    /// The role STS refused: the profile's only hop, or the hop whose ARN
    /// STS's message names. None when neither tells.
    pub role_arn: Option<String>,
    pub kind: RefusalKind,
    /// STS's own message, scrubbed of secrets (it names the caller).
    pub message: String,
}

/// How STS refused the AssumeRole call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalKind {
    /// `AccessDenied`: the caller may not assume the role (its trust policy,
    /// or the caller's own policies, do not allow `sts:AssumeRole`).
    AccessDenied,
    /// Any other error code STS answered with.
    Other { code: String },
}

/// The refusal behind a failed profile provider, when STS answered an
/// AssumeRole call with an error.
pub(crate) fn of(
    error: &CredentialsError,
    plan: &ProfilePlan,
    scrubber: &Scrubber,
) -> Option<RoleRefusal> {
    let refused = assume_role_error(error)?;
    let code = refused.code()?;
    let kind = match code {
        "AccessDenied" | "AccessDeniedException" => RefusalKind::AccessDenied,
        other => RefusalKind::Other {
            code: other.to_string(),
        },
    };
    let message = refused.message().unwrap_or_default();
    let role_arn = match plan.hops.as_slice() {
        [only] => Some(only.role_arn.clone()),
        hops => hops
            .iter()
            .find(|hop| !hop.role_arn.is_empty() && message.contains(hop.role_arn.as_str()))
            .map(|hop| hop.role_arn.clone()),
    };
    Some(RoleRefusal {
        role_arn,
        kind,
        message: scrubber.scrub_untrusted(message),
    })
}

/// STS's code and message of a refused AssumeRole call behind `error`, for
/// an error that must cross a process boundary (`isolated_slot`).
pub(crate) fn code_and_message(error: &CredentialsError) -> Option<(String, String)> {
    let refused = assume_role_error(error)?;
    Some((
        refused.code()?.to_string(),
        refused.message().unwrap_or_default().to_string(),
    ))
}

/// The STS service error in the provider error's chain of sources (or the
/// one a worker relayed from its own run of the provider).
fn assume_role_error(error: &CredentialsError) -> Option<&AssumeRoleError> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if let Some(sdk) = current.downcast_ref::<SdkError<AssumeRoleError>>() {
            return sdk.as_service_error();
        }
        if let Some(relayed) = current.downcast_ref::<crate::probes::relayed_error::Relayed>() {
            return relayed.refusal.as_ref()?.as_service_error();
        }
        source = current.source();
    }
    None
}

/// The role's name in an IAM role ARN (`arn:aws:iam::1:role/path/name` →
/// `name`), which `aws iam get-role --role-name` takes.
pub fn role_name(role_arn: &str) -> Option<&str> {
    let (_, resource) = role_arn.split_once(":role/")?;
    let name = resource.rsplit('/').next()?;
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::files::Location;
    use crate::inputs::profile_plan::RoleHop;
    use aws_sdk_sts::error::ErrorMetadata;
    use aws_smithy_runtime_api::http::{Response, StatusCode};
    use aws_smithy_types::body::SdkBody;

    fn plan(arns: &[&str]) -> ProfilePlan {
        ProfilePlan {
            profile: "app".into(),
            hops: arns
                .iter()
                .enumerate()
                .map(|(line, arn)| RoleHop {
                    profile: format!("p{line}"),
                    role_arn: arn.to_string(),
                    at: Location {
                        path: "/h/.aws/config".into(),
                        line,
                    },
                })
                .collect(),
            base: None,
            problem: None,
        }
    }

    /// The error aws-config's profile provider returns when STS answers
    /// AssumeRole with `code`: STS's `SdkError` inside two provider errors.
    fn refused_by_sts(code: &str, message: &str) -> CredentialsError {
        let meta = ErrorMetadata::builder().code(code).message(message).build();
        let status = StatusCode::try_from(403).expect("status");
        let sdk: SdkError<AssumeRoleError> = SdkError::service_error(
            AssumeRoleError::generic(meta),
            Response::new(status, SdkBody::empty()),
        );
        CredentialsError::provider_error(CredentialsError::provider_error(sdk))
    }

    #[test]
    fn an_access_denied_names_the_only_hop() {
        let error = refused_by_sts("AccessDenied", "User: u is not authorized");
        let refusal = of(
            &error,
            &plan(&["arn:aws:iam::1:role/a"]),
            &Scrubber::default(),
        );
        assert_eq!(
            refusal,
            Some(RoleRefusal {
                role_arn: Some("arn:aws:iam::1:role/a".into()),
                kind: RefusalKind::AccessDenied,
                message: "User: u is not authorized".into(),
            })
        );
    }

    #[test]
    fn of_several_hops_the_one_sts_names_is_refused() {
        let hops = plan(&["arn:aws:iam::1:role/a", "arn:aws:iam::2:role/b"]);
        let named = refused_by_sts("AccessDenied", "not authorized on arn:aws:iam::2:role/b");
        let refusal = of(&named, &hops, &Scrubber::default()).expect("refusal");
        assert_eq!(refusal.role_arn.as_deref(), Some("arn:aws:iam::2:role/b"));
        let unnamed = refused_by_sts("RegionDisabledException", "no");
        let refusal = of(&unnamed, &hops, &Scrubber::default()).expect("refusal");
        assert_eq!(refusal.role_arn, None);
        assert_eq!(
            refusal.kind,
            RefusalKind::Other {
                code: "RegionDisabledException".into()
            }
        );
    }

    #[test]
    fn other_provider_errors_are_no_refusal() {
        let error = CredentialsError::provider_error("the file does not parse");
        assert_eq!(
            of(
                &error,
                &plan(&["arn:aws:iam::1:role/a"]),
                &Scrubber::default()
            ),
            None
        );
    }

    #[test]
    fn the_role_name_is_the_last_part_of_the_arn() {
        assert_eq!(
            role_name("arn:aws:iam::123456789012:role/admin"),
            Some("admin")
        );
        assert_eq!(
            role_name("arn:aws:iam::123456789012:role/team/ops/deploy"),
            Some("deploy")
        );
        assert_eq!(
            role_name("arn:aws:iam::1:role/x;touch PWNED $(id)"),
            Some("x;touch PWNED $(id)")
        );
        assert_eq!(role_name("arn:aws:iam::1:user/dev"), None);
        assert_eq!(role_name("arn:aws:iam::1:role/"), None);
    }
}
