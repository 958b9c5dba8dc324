//! The remote providers at the end of botocore's and Node's chains, from
//! the answers the container endpoint and instance metadata gave the Rust
//! walk, which every SDK would get too.
//!
//! Checked against both SDKs: a refused connection or an error status makes
//! botocore raise `CredentialRetrievalError` (after its retries), and makes
//! Node end the chain with "Could not load credentials from any providers"
//! without asking instance metadata; on a silent endpoint botocore raises
//! after its read timeouts while Node keeps waiting. Instance metadata
//! that serves no credentials (nothing listening, silent, the IMDSv2 hop
//! limit, no role, turned off, a refused role) ends both chains with nothing
//! found, as it does aws-config's.

use super::{borrow_remote, LensAnswer, LensError, LensInputs, SourceKind, Verdict};
use crate::probes::container_endpoint::ContainerEndpointClass;
use crate::probes::imds::ImdsClass;

/// What the endpoint's answer means for every SDK.
enum EndpointAnswer {
    /// Credentials, or an answer the Rust walk cannot vouch for: borrow it.
    Borrow,
    /// Refused, or answered with an error status.
    NoCredentials,
    /// Accepted the connection and said nothing.
    Silent,
}

fn endpoint_answer(inputs: &LensInputs<'_>) -> EndpointAnswer {
    if inputs.rust.source == Some(SourceKind::Container) && inputs.rust.verdict == Verdict::Resolved
    {
        return EndpointAnswer::Borrow;
    }
    match inputs.container {
        Some(ContainerEndpointClass::Refused) => EndpointAnswer::NoCredentials,
        Some(ContainerEndpointClass::Answered { status }) if !(200..300).contains(&status) => {
            EndpointAnswer::NoCredentials
        }
        Some(ContainerEndpointClass::Silent) => EndpointAnswer::Silent,
        _ => EndpointAnswer::Borrow,
    }
}

/// botocore's `ContainerProvider`.
pub(crate) fn python(inputs: &LensInputs<'_>, profile: &str) -> LensAnswer {
    let message = match endpoint_answer(inputs) {
        EndpointAnswer::Borrow => {
            return borrow_remote(inputs.rust, profile, "container-role", SourceKind::Container)
        }
        EndpointAnswer::NoCredentials => {
            "Error when retrieving credentials from container-role: the container endpoint refused the connection or answered without credentials"
        }
        EndpointAnswer::Silent => {
            "Error when retrieving credentials from container-role: Read timeout on the container endpoint"
        }
    };
    let mut answer = LensAnswer::failed(profile, "CredentialRetrievalError", message)
        .with_provider("container-role", SourceKind::Container);
    answer.profile = None;
    answer.borrowed_from_rust = true;
    answer
}

/// Node's `fromHttp`, then `fromContainerMetadata`, the chain's last links.
pub(crate) fn node(inputs: &LensInputs<'_>, profile: &str) -> LensAnswer {
    match endpoint_answer(inputs) {
        EndpointAnswer::Borrow | EndpointAnswer::Silent => {
            borrow_remote(inputs.rust, profile, "fromHttp", SourceKind::Container)
        }
        EndpointAnswer::NoCredentials => LensAnswer {
            error: Some(LensError {
                kind: "CredentialsProviderError".into(),
                message: "Could not load credentials from any providers (the container endpoint gave none; instance metadata is not asked)".into(),
            }),
            borrowed_from_rust: true,
            ..LensAnswer::new(Verdict::None, profile)
        },
    }
}

/// True when instance metadata answered the walk without credentials, in a
/// way every SDK gives up on at once.
fn metadata_gave_nothing(inputs: &LensInputs<'_>) -> bool {
    let rust_resolved_here = inputs.rust.source == Some(SourceKind::InstanceMetadata)
        && inputs.rust.verdict == Verdict::Resolved;
    !rust_resolved_here
        && matches!(
            inputs.imds,
            Some(
                ImdsClass::NothingListening(_)
                    | ImdsClass::Silent
                    | ImdsClass::HopLimit { .. }
                    | ImdsClass::NoRole
                    | ImdsClass::TokenForbidden
                    | ImdsClass::CredentialsRefused { .. }
            )
        )
}

/// botocore's `InstanceMetadataProvider` (`iam-role`), the chain's last.
pub(crate) fn python_imds(inputs: &LensInputs<'_>, profile: &str) -> LensAnswer {
    if metadata_gave_nothing(inputs) {
        return nothing_found(
            profile,
            "NoCredentialsError",
            "Unable to locate credentials",
        );
    }
    borrow_remote(
        inputs.rust,
        profile,
        "iam-role",
        SourceKind::InstanceMetadata,
    )
}

/// Node's `fromInstanceMetadata`, the chain's last.
pub(crate) fn node_imds(inputs: &LensInputs<'_>, profile: &str) -> LensAnswer {
    if metadata_gave_nothing(inputs) {
        return nothing_found(
            profile,
            "CredentialsProviderError",
            "Could not load credentials from any providers",
        );
    }
    borrow_remote(
        inputs.rust,
        profile,
        "fromInstanceMetadata",
        SourceKind::InstanceMetadata,
    )
}

fn nothing_found(profile: &str, kind: &str, message: &str) -> LensAnswer {
    LensAnswer {
        error: Some(LensError {
            kind: kind.into(),
            message: message.into(),
        }),
        borrowed_from_rust: true,
        ..LensAnswer::new(Verdict::None, profile)
    }
}
