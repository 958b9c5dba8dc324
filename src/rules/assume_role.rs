//! The profile provider stopped because STS refused one of its AssumeRole
//! calls: name the role and, for AccessDenied, show who may assume it.

use crate::findings::{Finding, FindingId};
use crate::inputs::profile_plan::ProfilePlan;
use crate::probes::role_refusal::{role_name, RefusalKind, RoleRefusal};
use crate::text::shell::quote;

/// The finding for a refused AssumeRole hop.
pub(super) fn refused(refusal: &RoleRefusal, plan: &ProfilePlan, text: &str) -> Finding {
    let profile = quote(&plan.profile);
    let role = refusal.role_arn.as_deref();
    let what = match &refusal.kind {
        RefusalKind::AccessDenied => "AccessDenied".to_string(),
        RefusalKind::Other { code } => code.clone(),
    };
    let title = match role {
        Some(arn) => format!(
            "profile '{}' cannot assume {arn}: STS answered {what}, which stops the chain",
            plan.profile
        ),
        None => format!(
            "profile '{}' cannot assume its role: STS answered {what}, which stops the chain",
            plan.profile
        ),
    };
    let fix = match (&refusal.kind, role.and_then(role_name)) {
        (RefusalKind::AccessDenied, Some(name)) => format!(
            "aws iam get-role --role-name {} --query Role.AssumeRolePolicyDocument   # who may assume it: its trust policy must let the identity under the role (source_profile or credential_source) call sts:AssumeRole",
            quote(name)
        ),
        _ => format!("aws sts get-caller-identity --profile {profile}   # shows the same error from the CLI"),
    };
    let evidence = match refusal.message.as_str() {
        "" => text.to_string(),
        message => format!("STS AssumeRole: {what}: {message}"),
    };
    Finding::new(FindingId::ChainProviderFailed, title, evidence, fix)
}
