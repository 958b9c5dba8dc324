//! The Rust lens: aws-config's answer, taken from the live walk.

use super::{LensAnswer, SourceKind, Verdict};
use crate::inputs::profile_plan::{BaseSource, ProfilePlan};
use crate::probes::chain::{ChainInspection, Slot};

/// aws-config's answer as a lens answer.
pub fn from_walk(inspection: &ChainInspection, plan: &ProfilePlan, profile: &str) -> LensAnswer {
    if let Some(resolved) = &inspection.resolved {
        let mut answer = LensAnswer::resolved(
            profile,
            &resolved.provider,
            source_of(resolved.slot, plan),
            Some(resolved.access_key_id.clone()),
        );
        if resolved.slot != Slot::Profile {
            answer.profile = None;
        }
        return answer;
    }
    if let Some((slot, message)) = &inspection.failure {
        let mut answer = LensAnswer::failed(profile, "CredentialsError", message.clone());
        answer.provider = Some(slot_provider(*slot, plan).to_string());
        answer.source = Some(source_of(*slot, plan));
        if *slot != Slot::Profile {
            answer.profile = None;
        }
        return answer;
    }
    if let Some(slot) = inspection.unverified {
        let mut answer = LensAnswer::new(Verdict::Unverified, profile)
            .with_provider(slot_provider(slot, plan), source_of(slot, plan));
        if slot != Slot::Profile {
            answer.profile = None;
        }
        return answer;
    }
    LensAnswer {
        error: Some(super::LensError {
            kind: "CredentialsNotLoaded".into(),
            message: "no provider in the default chain found credentials".into(),
        }),
        ..LensAnswer::new(Verdict::None, profile)
    }
}

/// The shared source kind of a slot's credentials.
fn source_of(slot: Slot, plan: &ProfilePlan) -> SourceKind {
    match slot {
        Slot::Environment => SourceKind::Environment,
        Slot::WebIdentity => SourceKind::WebIdentity,
        Slot::Container => SourceKind::Container,
        Slot::Imds => SourceKind::InstanceMetadata,
        Slot::Profile if !plan.hops.is_empty() => SourceKind::AssumeRole,
        Slot::Profile => match &plan.base {
            Some(BaseSource::CredentialProcess { .. }) => SourceKind::Process,
            Some(BaseSource::Sso { .. }) => SourceKind::Sso,
            Some(BaseSource::WebIdentity { .. }) => SourceKind::WebIdentity,
            Some(BaseSource::LoginSession { .. }) => SourceKind::Login,
            Some(BaseSource::NamedSource { .. }) => SourceKind::AssumeRole,
            Some(BaseSource::StaticKeys { .. }) | None => SourceKind::ProfileKeys,
        },
    }
}

fn slot_provider(slot: Slot, plan: &ProfilePlan) -> &'static str {
    match slot {
        Slot::Environment => "EnvironmentVariable",
        Slot::Profile => plan.provider_name().unwrap_or("ProfileFile"),
        Slot::WebIdentity => "WebIdentityToken",
        Slot::Container => "EcsContainer",
        Slot::Imds => "IMDSv2",
    }
}
