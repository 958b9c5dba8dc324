//! The check registry: every built-in check a playbook can branch on, with
//! its outcomes and what each means for the user (its mark), the findings it
//! owns and the function that evaluates it. The playbook validator, the
//! runner, the wizard and every report read this one table; a new check is
//! one evaluation function and one entry here.

use crate::checks::outcomes;
use crate::diagnosis::Diagnosis;
use crate::findings::FindingId::{self, *};
use Mark::{Attention, Info, Ok, Problem};

/// What an outcome means for the user, shown as its mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// ✓ good, not merely "the check ran".
    Ok,
    /// · neutral information.
    Info,
    /// ! needs attention.
    Attention,
    /// ✗ a problem.
    Problem,
}

impl Mark {
    /// The doctor-style mark shown beside the evidence.
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Ok => "✓",
            Mark::Info => "·",
            Mark::Attention => "!",
            Mark::Problem => "✗",
        }
    }
}

/// A check's conclusion: the outcome it ended in and one line on what it saw.
pub type Conclusion = (&'static str, String);

/// The public description of one check.
#[derive(Debug, Clone, Copy)]
pub struct CheckSpec {
    /// The name playbooks use in `check = "..."`.
    pub name: &'static str,
    /// What it looks at, in one line.
    pub summary: &'static str,
    /// Every outcome it can end in, with what that outcome means.
    pub outcomes: &'static [(&'static str, Mark)],
    /// The findings that belong to this check: shown with its evidence, and
    /// an error or warning among them raises its mark.
    pub findings: &'static [FindingId],
    /// Reads a diagnosis and concludes.
    pub evaluate: fn(&Diagnosis) -> Conclusion,
}

impl CheckSpec {
    /// True when the check can end in this outcome.
    pub fn has_outcome(&self, outcome: &str) -> bool {
        self.outcomes.iter().any(|(name, _)| *name == outcome)
    }

    /// The declared mark of an outcome.
    pub fn mark_of(&self, outcome: &str) -> Option<Mark> {
        self.outcomes
            .iter()
            .find(|(name, _)| *name == outcome)
            .map(|(_, mark)| *mark)
    }

    /// The outcome names, in declaration order.
    pub fn outcome_names(&self) -> impl Iterator<Item = &'static str> {
        self.outcomes.iter().map(|(name, _)| *name)
    }
}

/// Placeholders any playbook text may use; filled from the latest evidence,
/// shown as `(unknown)` until a check has supplied them.
pub const PLACEHOLDERS: &[&str] = &[
    "profile",
    "profile_source",
    "provider",
    "source",
    "access_key",
    "region",
    "account",
    "arn",
    "config_file",
    "credentials_file",
    "sts_code",
    "expires_at",
    "bucket",
    "key",
    "operation",
    "expected_account",
    "sdk",
    "sdk_name",
    "sdk_answer",
    "rust_answer",
    "sdk_rule",
    "sdk_fix",
    "finding_fix",
];

/// Placeholders whose value is already a whole command (its values quoted
/// where it was made): a fix line takes it as it is instead of quoting it
/// as one argument.
pub const COMMAND_PLACEHOLDERS: &[&str] = &["sdk_fix", "finding_fix"];

/// Every built-in check, in the order the "check everything" walk runs them.
pub const CHECKS: &[CheckSpec] = &[
    CheckSpec {
        name: "env_keys",
        summary: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN in the environment",
        outcomes: &[("none", Info), ("complete", Ok), ("partial", Problem), ("suspicious", Problem)],
        findings: &[EnvPartialKeys, EnvPlaceholderKey, KeyWhitespace, KeyMalformedId, KeyMalformedSecret, EnvMissingSessionToken, EnvStaleSessionToken, EnvShadowsProfile],
        evaluate: outcomes::env_keys,
    },
    CheckSpec {
        name: "session_token",
        summary: "whether the session token matches the kind of key (ASIA needs one, AKIA must not have one)",
        outcomes: &[("not_applicable", Info), ("ok", Ok), ("missing", Problem), ("stale", Problem)],
        findings: &[EnvMissingSessionToken, EnvStaleSessionToken],
        evaluate: outcomes::session_token,
    },
    CheckSpec {
        name: "profile_selection",
        summary: "which profile is selected (AWS_PROFILE, --profile or default) and whether it exists",
        outcomes: &[("default_present", Ok), ("default_absent", Info), ("named_found", Ok), ("named_missing", Problem)],
        findings: &[ProfileNotFound],
        evaluate: outcomes::profile_selection,
    },
    CheckSpec {
        name: "aws_files",
        summary: "~/.aws/config and ~/.aws/credentials: present, readable, and free of what the SDK ignores",
        outcomes: &[("absent", Attention), ("clean", Ok), ("problems", Problem)],
        findings: &[FilesCredentialsProfilePrefix, FilesConfigMissingProfilePrefix, FilesParseError, FilesUnknownKey, FilesDuplicateSection, FilesDuplicateKey, FilesEnvPathMissing, FilesUnreadable, FilesWrongEncoding, FilesLinkLoop, FilesLineEndings],
        evaluate: outcomes::aws_files,
    },
    CheckSpec {
        name: "resolved_provider",
        summary: "which slot of the SDK's default chain resolved credentials",
        outcomes: &[("environment", Ok), ("profile", Ok), ("web_identity", Ok), ("container", Ok), ("imds", Ok), ("none", Problem), ("failed", Problem), ("unverified", Attention)],
        findings: &[ChainNoCredentials, ChainProviderFailed, ChainOfflineUnverified, RefreshBackup],
        evaluate: outcomes::resolved_provider,
    },
    CheckSpec {
        name: "profile_kind",
        summary: "how the selected profile gets credentials (static keys, role, process, SSO, console login, web identity)",
        outcomes: &[("static_keys", Ok), ("assume_role", Ok), ("credential_process", Ok), ("sso", Ok), ("login", Ok), ("web_identity", Ok), ("none", Info), ("missing", Problem)],
        findings: &[ProfileNotFound, ProfileRoleWithoutSource, ProfileSourceProfileMissing, ProfileSourceProfileCycle, ProfileInvalidCredentialSource],
        evaluate: outcomes::profile_kind,
    },
    CheckSpec {
        name: "key_shape",
        summary: "the resolved key pair: placeholders, whitespace, malformed id or secret",
        outcomes: &[("ok", Ok), ("placeholder", Problem), ("whitespace", Problem), ("malformed", Problem), ("no_keys", Info)],
        findings: &[EnvPlaceholderKey, KeyWhitespace, KeyMalformedId, KeyMalformedSecret],
        evaluate: outcomes::key_shape,
    },
    CheckSpec {
        name: "credential_process",
        summary: "runs the profile's credential_process with a timeout and validates its JSON",
        outcomes: &[("not_configured", Info), ("ok", Ok), ("failed", Problem), ("bad_output", Problem), ("expired", Problem)],
        findings: &[ProcessFailed, ProcessBadOutput, CredsExpired],
        evaluate: outcomes::credential_process,
    },
    CheckSpec {
        name: "sso_token",
        summary: "the cached SSO token for the profile's sso_session or sso_start_url",
        outcomes: &[("not_configured", Info), ("valid", Ok), ("missing", Problem), ("expired", Problem)],
        findings: &[SsoTokenMissing, SsoTokenExpired, SsoRefreshNeeded],
        evaluate: outcomes::sso_token,
    },
    CheckSpec {
        name: "login_cache",
        summary: "the cached console login (aws login) for the profile's login_session",
        outcomes: &[("not_configured", Info), ("valid", Ok), ("missing", Problem), ("malformed", Problem), ("expired", Problem), ("mismatch", Problem)],
        findings: &[LoginCacheMissing, LoginCacheMalformed, LoginExpired, LoginRefreshFailed, LoginSessionMismatch, LoginHidesSettings, LoginSdkSupport],
        evaluate: outcomes::login_cache,
    },
    CheckSpec {
        name: "runtime",
        summary: "where this process runs: a container, Lambda, an EC2 instance or a plain host (local evidence only)",
        outcomes: &[("host", Info), ("container", Info), ("container_without_aws_dir", Problem), ("ec2", Info), ("lambda", Info)],
        findings: &[RuntimeContainerWithoutAwsDir],
        evaluate: outcomes::runtime,
    },
    CheckSpec {
        name: "container_endpoint",
        summary: "the ECS/EKS container credentials endpoint, probed with tight bounds",
        outcomes: &[("not_configured", Info), ("ok", Ok), ("unreachable", Problem), ("auth_token_missing", Problem)],
        findings: &[ContainerEndpointUnreachable, ContainerAuthTokenMissing],
        evaluate: outcomes::container_endpoint,
    },
    CheckSpec {
        name: "imds",
        summary: "the EC2 instance metadata service, probed with tight bounds",
        outcomes: &[("disabled", Info), ("ok", Ok), ("no_role", Problem), ("unreachable", Problem), ("hop_limit", Problem), ("credentials_refused", Problem)],
        findings: &[ImdsUnreachable, ImdsNoRole, ImdsHopLimit, ImdsDisabled, ImdsCredentialsRefused],
        evaluate: outcomes::imds,
    },
    CheckSpec {
        name: "sts_identity",
        summary: "STS GetCallerIdentity with the resolved credentials",
        outcomes: &[("ok", Ok), ("root", Ok), ("invalid_client_token_id", Problem), ("signature_mismatch", Problem), ("expired_token", Problem), ("clock_skew", Problem), ("unreachable", Problem), ("region_not_enabled", Problem), ("other_error", Problem), ("no_credentials", Problem), ("offline", Info)],
        findings: &[StsInvalidClientTokenId, StsSignatureMismatch, StsExpiredToken, StsClockSkew, StsUnreachable, StsRegionNotEnabled, StsOtherError, IdentityRootAccount, IdentityAccountMismatch, AuthzAccessDenied],
        evaluate: outcomes::sts_identity,
    },
    CheckSpec {
        name: "expiry",
        summary: "whether the resolved credentials have expired or expire soon",
        outcomes: &[("no_expiry", Info), ("valid", Ok), ("expiring_soon", Attention), ("expired", Problem), ("unknown", Info)],
        findings: &[CredsExpired],
        evaluate: outcomes::expiry,
    },
    CheckSpec {
        name: "region",
        summary: "the region the SDK will use and where it came from",
        outcomes: &[("set", Ok), ("missing", Problem), ("invalid", Problem)],
        findings: &[RegionMissing, RegionInvalid],
        evaluate: outcomes::region,
    },
    CheckSpec {
        name: "s3_request",
        summary: "the S3 request your program sent (URL or curl, given or pasted): endpoint class and authentication",
        outcomes: &[("not_given", Info), ("clean", Ok), ("website_with_credentials", Problem), ("mixed_auth", Problem), ("anonymous_endpoint_with_token", Problem), ("presigned_expired", Problem), ("presigned_region_mismatch", Problem), ("sigv2_presign", Attention), ("custom_endpoint", Info), ("vpc_endpoint", Info)],
        findings: &[S3WebsiteEndpointWithCredentials, S3MixedAuth, S3PresignedExpired, S3PresignedRegionMismatch, S3Sigv2Presign, S3AnonymousEndpointWithToken, S3CustomEndpoint, S3VpcEndpoint],
        evaluate: outcomes::s3_request,
    },
    CheckSpec {
        name: "s3_access",
        summary: "a live S3 probe of the named bucket with the resolved credentials",
        outcomes: &[("not_run", Info), ("ok", Ok), ("invalid_access_key_id", Problem), ("signature_mismatch", Problem), ("access_denied", Problem), ("wrong_region", Problem), ("no_such_bucket", Problem), ("unreachable", Problem)],
        findings: &[S3InvalidAccessKeyId, S3SignatureMismatch, S3AccessDenied, S3WrongRegion, S3NoSuchBucket, S3Unreachable],
        evaluate: outcomes::s3_access,
    },
    CheckSpec {
        name: "sdk_lens",
        summary: "whether botocore (Python, AWS CLI) and the Node.js SDK would resolve what aws-config resolves",
        outcomes: &[("same", Ok), ("python_differs", Attention), ("node_differs", Attention), ("both_differ", Attention)],
        findings: &[SdkPythonDiffers, SdkNodeDiffers],
        evaluate: outcomes::sdk_lens,
    },
    CheckSpec {
        name: "program_lens",
        summary: "whether the SDK of your program (the lens the walk follows) would resolve what aws-config resolves",
        outcomes: &[("same", Ok), ("other_credentials", Attention), ("fails_where_rust_resolves", Problem), ("resolves_where_rust_fails", Attention)],
        // Its summary names the rule; `sdk_lens` owns the difference findings.
        findings: &[],
        evaluate: outcomes::program_lens,
    },
    CheckSpec {
        name: "endpoint",
        summary: "whether AWS_ENDPOINT_URL* sends calls to a custom or VPC endpoint",
        outcomes: &[("aws_default", Ok), ("custom", Info), ("vpc", Info)],
        findings: &[S3CustomEndpoint, S3VpcEndpoint],
        evaluate: outcomes::endpoint,
    },
];

/// Looks a check up by the name playbooks use.
pub fn find(name: &str) -> Option<&'static CheckSpec> {
    CHECKS.iter().find(|spec| spec.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_outcomes_are_unique() {
        let mut names = HashSet::new();
        for spec in CHECKS {
            assert!(names.insert(spec.name), "duplicate check {}", spec.name);
            let outcomes: HashSet<_> = spec.outcome_names().collect();
            assert_eq!(outcomes.len(), spec.outcomes.len(), "{}", spec.name);
            assert!(find(spec.name).is_some());
        }
        assert!(find("no_such_check").is_none());
    }

    #[test]
    fn every_outcome_a_check_reaches_is_declared() {
        let d = Diagnosis::pending("default");
        for spec in CHECKS {
            let (outcome, _) = (spec.evaluate)(&d);
            assert!(spec.has_outcome(outcome), "{} → {outcome}", spec.name);
        }
    }
}
