//! What each registered check concludes from a diagnosis, grouped by what
//! it looks at. Each function returns the outcome and a one-line summary; the registry declares what each outcome means.

mod chain;
mod credentials;
mod profile;
mod program_lens;
mod s3;
mod sdk;
mod sts;

pub(crate) use chain::{container_endpoint, endpoint, imds, region, resolved_provider, runtime};
pub(crate) use credentials::{env_keys, expiry, key_shape, session_token};
pub(crate) use profile::{
    aws_files, credential_process, login_cache, profile_kind, profile_selection, sso_token,
};
pub(crate) use program_lens::program_lens;
pub(crate) use s3::{s3_access, s3_request};
pub(crate) use sdk::sdk_lens;
pub(crate) use sts::sts_identity;

use crate::diagnosis::Diagnosis;
use crate::findings::FindingId;

/// A check's conclusion: its outcome and a one-line summary (the registry's
/// `Conclusion`, spelt out so this layer does not lean on the registry).
pub(crate) type Outcome = (&'static str, String);

pub(crate) fn has_any(d: &Diagnosis, ids: &[FindingId]) -> bool {
    d.findings.iter().any(|f| ids.contains(&f.id))
}
