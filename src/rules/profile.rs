//! Findings about the selected profile's chain: a profile that does not
//! exist, roles with no source, missing or looping source profiles.

use crate::findings::{FileSite, Finding, FindingId, Severity};
use crate::inputs::files::{display_path, AwsFiles};
use crate::inputs::profile_plan::{PlanProblem, ProfilePlan};
use crate::inputs::profile_selection::{ProfileSelection, ProfileSource};

/// Every finding the profile plan shows.
pub fn findings(
    plan: &ProfilePlan,
    selection: &ProfileSelection,
    files: &AwsFiles,
) -> Vec<Finding> {
    let config = display_path(&files.config.path);
    let Some(problem) = &plan.problem else {
        return Vec::new();
    };
    let finding = match problem {
        PlanProblem::ProfileMissing { profile } => {
            // No default profile at all is the ordinary "nothing configured" case,
            // which the chain reports; only a profile someone asked for is an error here.
            if selection.source == ProfileSource::Default {
                return Vec::new();
            }
            profile_missing(profile, selection, files)
        }
        PlanProblem::RoleWithoutSource { profile, at } => Finding::new(
            FindingId::ProfileRoleWithoutSource,
            format!("profile '{profile}' has role_arn but nothing to assume it with"),
            format!(
                "{at}: role_arn needs source_profile, credential_source or web_identity_token_file"
            ),
            format!(
                "aws configure set source_profile <profile-with-keys> --profile {}",
                crate::text::shell::quote(profile)
            ),
        ),
        PlanProblem::RoleWithBothSources { profile, at } => Finding::new(
            FindingId::ProfileInvalidCredentialSource,
            format!("profile '{profile}' sets both source_profile and credential_source"),
            format!("{at}: only one of the two may be set"),
            format!("remove one of them from [profile {profile}] in {config}"),
        ),
        PlanProblem::SourceProfileMissing {
            profile,
            source,
            at,
        } => source_profile_missing(profile, source, at, files),
        PlanProblem::Cycle { path } => Finding::new(
            FindingId::ProfileSourceProfileCycle,
            "source_profile references form a loop",
            path.join(" → "),
            format!("give one profile in the loop its own keys or a credential_source in {config}"),
        ),
        // A file that does not parse is the cause (files.parse_error says
        // which line); the profile only looks empty because of it.
        PlanProblem::NoCredentials { .. } if files.has_parse_errors() => return Vec::new(),
        PlanProblem::NoCredentials { profile } => Finding::new(
            FindingId::ChainProviderFailed,
            format!("profile '{profile}' has no credentials of any kind"),
            "no keys, role, credential_process, SSO or web identity settings".to_string(),
            format!(
                "aws configure --profile {}",
                crate::text::shell::quote(profile)
            ),
        )
        .with_severity(
            if plan.hops.is_empty() && selection.source == ProfileSource::Default {
                Severity::Info
            } else {
                Severity::Error
            },
        ),
        PlanProblem::IncompleteKeys { profile, at } => Finding::new(
            FindingId::EnvPartialKeys,
            format!("profile '{profile}' has aws_access_key_id but no aws_secret_access_key"),
            format!("{at}"),
            format!(
                "aws configure set aws_secret_access_key <secret> --profile {}",
                crate::text::shell::quote(profile)
            ),
        ),
    };
    vec![finding]
}

/// `source_profile` names no profile; the site says which one was meant,
/// when one existing name is that close.
fn source_profile_missing(
    profile: &str,
    source: &str,
    at: &crate::inputs::files::Location,
    files: &AwsFiles,
) -> Finding {
    Finding::new(
        FindingId::ProfileSourceProfileMissing,
        format!("profile '{profile}' names source_profile '{source}', which does not exist"),
        format!("{at}: source_profile = {source}"),
        format!(
            "aws configure --profile {}   # or fix the name at {at}",
            crate::text::shell::quote(source)
        ),
    )
    .at_site(FileSite {
        path: at.path.clone(),
        line: Some(at.line),
        section: Some(profile.to_string()),
        key: Some("source_profile".into()),
        meant: meant_profile(source, profile, files),
        ..FileSite::default()
    })
}

/// The existing profile a `source_profile` most likely meant: the one
/// profile within two edits of it (case and spaces aside), if only one is.
fn meant_profile(source: &str, referrer: &str, files: &AwsFiles) -> Option<String> {
    let wanted = source.trim().to_lowercase();
    let close: Vec<String> = files
        .profile_names()
        .into_iter()
        .filter(|name| name != referrer)
        .filter(|name| {
            crate::rules::files::spelling::edit_distance(&wanted, &name.to_lowercase()) <= 2
        })
        .collect();
    match close.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// The selected profile is in neither file.
fn profile_missing(profile: &str, selection: &ProfileSelection, files: &AwsFiles) -> Finding {
    let known = files.profile_names();
    let title = if profile.trim().is_empty() {
        "AWS_PROFILE is set but empty: the SDK looks for a profile named '' (not default), which no file defines".to_string()
    } else {
        format!(
            "profile '{profile}' ({}) is defined in neither file",
            selection.source
        )
    };
    let fix = if profile.trim().is_empty() {
        "unset AWS_PROFILE   # then the SDK uses [default]; or: export AWS_PROFILE=<name>"
            .to_string()
    } else {
        format!(
            "aws configure --profile {}   # or pick an existing one: export AWS_PROFILE=<name>",
            crate::text::shell::quote(profile)
        )
    };
    Finding::new(
        FindingId::ProfileNotFound,
        title,
        format!(
            "profiles that exist: {}; aws-config (Rust) and the Node.js SDK skip the profile and fall through to container and instance metadata; botocore (boto3, AWS CLI) stops with ProfileNotFound",
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        ),
        fix,
    )
}
