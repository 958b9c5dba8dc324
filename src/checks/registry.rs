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
    /// Every outcome it can end in, with what that outcome means (its mark)
    /// and a short label in the user's words, shown instead of the id.
    pub outcomes: &'static [(&'static str, Mark, &'static str)],
    /// True when the evaluation needs what only a network probe (or a
    /// helper program) finds; the wizard evaluates the others on the local
    /// facts at once, while the network probes still run.
    pub needs_network: bool,
    /// The findings that belong to this check: shown with its evidence, and
    /// an error or warning among them raises its mark.
    pub findings: &'static [FindingId],
    /// Reads a diagnosis and concludes.
    pub evaluate: fn(&Diagnosis) -> Conclusion,
}

impl CheckSpec {
    /// True when the check can end in this outcome.
    pub fn has_outcome(&self, outcome: &str) -> bool {
        self.outcomes.iter().any(|(name, ..)| *name == outcome)
    }

    /// The declared mark of an outcome.
    pub fn mark_of(&self, outcome: &str) -> Option<Mark> {
        self.outcomes
            .iter()
            .find(|(name, ..)| *name == outcome)
            .map(|(_, mark, _)| *mark)
    }

    /// The label of an outcome in the user's words (`nothing set`).
    pub fn label_of(&self, outcome: &str) -> Option<&'static str> {
        self.outcomes
            .iter()
            .find(|(name, ..)| *name == outcome)
            .map(|(.., label)| *label)
    }

    /// The outcomes declared without a label (the validator refuses them).
    pub fn unlabelled(&self) -> impl Iterator<Item = &'static str> {
        self.outcomes
            .iter()
            .filter(|(.., label)| label.trim().is_empty())
            .map(|(name, ..)| *name)
    }

    /// The outcome names, in declaration order.
    pub fn outcome_names(&self) -> impl Iterator<Item = &'static str> {
        self.outcomes.iter().map(|(name, ..)| *name)
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
        needs_network: false,
        summary: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN in the environment",
        outcomes: &[("none", Info, "nothing set"), ("complete", Ok, "both keys set"), ("partial", Problem, "only half of the pair"), ("suspicious", Problem, "a key looks wrong")],
        findings: &[EnvPartialKeys, EnvPlaceholderKey, KeyWhitespace, KeyMalformedId, KeyMalformedSecret, EnvMissingSessionToken, EnvStaleSessionToken, EnvShadowsProfile],
        evaluate: outcomes::env_keys,
    },
    CheckSpec {
        name: "session_token",
        needs_network: true,
        summary: "whether the session token matches the kind of key (ASIA needs one, AKIA must not have one)",
        outcomes: &[("not_applicable", Info, "no key to match"), ("ok", Ok, "token fits the key"), ("missing", Problem, "token missing"), ("stale", Problem, "token left over")],
        findings: &[EnvMissingSessionToken, EnvStaleSessionToken],
        evaluate: outcomes::session_token,
    },
    CheckSpec {
        name: "profile_selection",
        needs_network: false,
        summary: "which profile is selected (AWS_PROFILE, --profile or default) and whether it exists",
        outcomes: &[("default_present", Ok, "default profile found"), ("default_absent", Info, "no default profile"), ("named_found", Ok, "profile found"), ("named_missing", Problem, "profile missing")],
        findings: &[ProfileNotFound],
        evaluate: outcomes::profile_selection,
    },
    CheckSpec {
        name: "aws_files",
        needs_network: false,
        summary: "~/.aws/config and ~/.aws/credentials: present, readable, and free of what the SDK ignores",
        outcomes: &[("absent", Attention, "no AWS files"), ("clean", Ok, "files look right"), ("problems", Problem, "files have problems")],
        findings: &[FilesCredentialsProfilePrefix, FilesConfigMissingProfilePrefix, FilesParseError, FilesUnknownKey, FilesDuplicateSection, FilesDuplicateKey, FilesEnvPathMissing, FilesUnreadable, FilesWrongEncoding, FilesLinkLoop, FilesLineEndings],
        evaluate: outcomes::aws_files,
    },
    CheckSpec {
        name: "resolved_provider",
        needs_network: true,
        summary: "which slot of the SDK's default chain resolved credentials",
        outcomes: &[("environment", Ok, "from the environment"), ("profile", Ok, "from a profile"), ("web_identity", Ok, "from web identity"), ("container", Ok, "from the container"), ("imds", Ok, "from instance metadata"), ("none", Problem, "nothing resolved"), ("failed", Problem, "a source failed"), ("unverified", Attention, "not verified")],
        findings: &[ChainNoCredentials, ChainProviderFailed, ChainOfflineUnverified, RefreshBackup],
        evaluate: outcomes::resolved_provider,
    },
    CheckSpec {
        name: "profile_kind",
        needs_network: false,
        summary: "how the selected profile gets credentials (static keys, role, process, SSO, console login, web identity)",
        outcomes: &[("static_keys", Ok, "static keys"), ("assume_role", Ok, "a role"), ("credential_process", Ok, "a helper program"), ("sso", Ok, "SSO"), ("login", Ok, "console login"), ("web_identity", Ok, "web identity"), ("none", Info, "no credentials in it"), ("missing", Problem, "profile missing")],
        findings: &[ProfileNotFound, ProfileRoleWithoutSource, ProfileSourceProfileMissing, ProfileSourceProfileCycle, ProfileInvalidCredentialSource],
        evaluate: outcomes::profile_kind,
    },
    CheckSpec {
        name: "key_shape",
        needs_network: true,
        summary: "the resolved key pair: placeholders, whitespace, malformed id or secret",
        outcomes: &[("ok", Ok, "key looks right"), ("placeholder", Problem, "placeholder key"), ("whitespace", Problem, "stray whitespace"), ("malformed", Problem, "malformed key"), ("no_keys", Info, "no keys")],
        findings: &[EnvPlaceholderKey, KeyWhitespace, KeyMalformedId, KeyMalformedSecret],
        evaluate: outcomes::key_shape,
    },
    CheckSpec {
        name: "credential_process",
        needs_network: true,
        summary: "runs the profile's credential_process with a timeout and validates its JSON",
        outcomes: &[("not_configured", Info, "none configured"), ("ok", Ok, "helper works"), ("failed", Problem, "helper failed"), ("bad_output", Problem, "unusable output"), ("expired", Problem, "expired output")],
        findings: &[ProcessFailed, ProcessBadOutput, CredsExpired],
        evaluate: outcomes::credential_process,
    },
    CheckSpec {
        name: "sso_token",
        needs_network: false,
        summary: "the cached SSO token for the profile's sso_session or sso_start_url",
        outcomes: &[("not_configured", Info, "no SSO"), ("valid", Ok, "login valid"), ("no_session", Problem, "no such SSO session"), ("missing", Problem, "not logged in"), ("expired", Problem, "login expired")],
        findings: &[SsoSessionMissing, SsoTokenMissing, SsoTokenExpired, SsoRefreshNeeded],
        evaluate: outcomes::sso_token,
    },
    CheckSpec {
        name: "login_cache",
        needs_network: false,
        summary: "the cached console login (aws login) for the profile's login_session",
        outcomes: &[("not_configured", Info, "no console login"), ("valid", Ok, "login valid"), ("missing", Problem, "not logged in"), ("malformed", Problem, "cache damaged"), ("expired", Problem, "login expired"), ("mismatch", Problem, "other session")],
        findings: &[LoginCacheMissing, LoginCacheMalformed, LoginExpired, LoginRefreshFailed, LoginSessionMismatch, LoginHidesSettings, LoginSdkSupport],
        evaluate: outcomes::login_cache,
    },
    CheckSpec {
        name: "runtime",
        needs_network: false,
        summary: "where this process runs: a container, Lambda, an EC2 instance or a plain host (local evidence only)",
        outcomes: &[("host", Info, "on a plain host"), ("container", Info, "in a container"), ("container_without_aws_dir", Problem, "container without ~/.aws"), ("ec2", Info, "on EC2"), ("lambda", Info, "on Lambda")],
        findings: &[RuntimeContainerWithoutAwsDir],
        evaluate: outcomes::runtime,
    },
    CheckSpec {
        name: "container_endpoint",
        needs_network: true,
        summary: "the ECS/EKS container credentials endpoint, probed with tight bounds",
        outcomes: &[("not_configured", Info, "none set"), ("ok", Ok, "answers"), ("unreachable", Problem, "unreachable"), ("auth_token_missing", Problem, "token missing")],
        findings: &[ContainerEndpointUnreachable, ContainerAuthTokenMissing],
        evaluate: outcomes::container_endpoint,
    },
    CheckSpec {
        name: "imds",
        needs_network: true,
        summary: "the EC2 instance metadata service, probed with tight bounds",
        outcomes: &[("disabled", Info, "turned off"), ("ok", Ok, "answers"), ("no_role", Problem, "no role"), ("unreachable", Problem, "unreachable"), ("hop_limit", Problem, "hop limit too low"), ("credentials_refused", Problem, "credentials refused")],
        findings: &[ImdsUnreachable, ImdsNoRole, ImdsHopLimit, ImdsDisabled, ImdsCredentialsRefused],
        evaluate: outcomes::imds,
    },
    CheckSpec {
        name: "sts_identity",
        needs_network: true,
        summary: "STS GetCallerIdentity with the resolved credentials",
        outcomes: &[("ok", Ok, "identity confirmed"), ("root", Ok, "root user"), ("invalid_client_token_id", Problem, "key unknown to AWS"), ("signature_mismatch", Problem, "secret does not match"), ("expired_token", Problem, "token expired"), ("clock_skew", Problem, "clock is off"), ("unreachable", Problem, "STS unreachable"), ("region_not_enabled", Problem, "region not enabled"), ("other_error", Problem, "STS refused"), ("no_credentials", Problem, "no credentials to ask with"), ("offline", Info, "not asked")],
        findings: &[StsInvalidClientTokenId, StsSignatureMismatch, StsExpiredToken, StsClockSkew, StsUnreachable, StsRegionNotEnabled, StsOtherError, IdentityRootAccount, IdentityAccountMismatch, AuthzAccessDenied],
        evaluate: outcomes::sts_identity,
    },
    CheckSpec {
        name: "expiry",
        needs_network: true,
        summary: "whether the resolved credentials have expired or expire soon",
        outcomes: &[("no_expiry", Info, "does not expire"), ("valid", Ok, "still valid"), ("expiring_soon", Attention, "expires soon"), ("expired", Problem, "expired"), ("unknown", Info, "expiry unknown")],
        findings: &[CredsExpired],
        evaluate: outcomes::expiry,
    },
    CheckSpec {
        name: "region",
        needs_network: false,
        summary: "the region the SDK will use and where it came from",
        outcomes: &[("set", Ok, "region set"), ("missing", Problem, "no region"), ("invalid", Problem, "invalid region")],
        findings: &[RegionMissing, RegionInvalid],
        evaluate: outcomes::region,
    },
    CheckSpec {
        name: "s3_request",
        needs_network: false,
        summary: "the S3 request your program sent (URL or curl, given or pasted): endpoint class and authentication",
        outcomes: &[("not_given", Info, "no request given"), ("clean", Ok, "request looks right"), ("website_with_credentials", Problem, "website endpoint"), ("mixed_auth", Problem, "two kinds of auth"), ("anonymous_endpoint_with_token", Problem, "token on anonymous URL"), ("presigned_expired", Problem, "link expired"), ("presigned_region_mismatch", Problem, "link for another region"), ("sigv2_presign", Attention, "old-style link"), ("custom_endpoint", Info, "custom endpoint"), ("vpc_endpoint", Info, "VPC endpoint")],
        findings: &[S3WebsiteEndpointWithCredentials, S3MixedAuth, S3PresignedExpired, S3PresignedRegionMismatch, S3Sigv2Presign, S3AnonymousEndpointWithToken, S3CustomEndpoint, S3VpcEndpoint],
        evaluate: outcomes::s3_request,
    },
    CheckSpec {
        name: "s3_access",
        needs_network: true,
        summary: "a live S3 probe of the named bucket with the resolved credentials",
        outcomes: &[("not_run", Info, "not tried"), ("ok", Ok, "S3 answers"), ("invalid_access_key_id", Problem, "key unknown to S3"), ("signature_mismatch", Problem, "signature refused"), ("access_denied", Problem, "access denied"), ("wrong_region", Problem, "wrong region"), ("no_such_bucket", Problem, "no such bucket"), ("unreachable", Problem, "S3 unreachable")],
        findings: &[S3InvalidAccessKeyId, S3SignatureMismatch, S3AccessDenied, S3WrongRegion, S3NoSuchBucket, S3Unreachable],
        evaluate: outcomes::s3_access,
    },
    CheckSpec {
        name: "sdk_lens",
        needs_network: true,
        summary: "whether botocore (Python, AWS CLI) and the Node.js SDK would resolve what aws-config resolves",
        outcomes: &[("same", Ok, "every SDK agrees"), ("python_differs", Attention, "Python differs"), ("node_differs", Attention, "Node.js differs"), ("both_differ", Attention, "Python and Node.js differ")],
        findings: &[SdkPythonDiffers, SdkNodeDiffers],
        evaluate: outcomes::sdk_lens,
    },
    CheckSpec {
        name: "program_lens",
        needs_network: true,
        summary: "whether the SDK of your program (the lens the walk follows) would resolve what aws-config resolves",
        outcomes: &[("same", Ok, "your SDK agrees"), ("other_credentials", Attention, "other credentials"), ("fails_where_rust_resolves", Problem, "your SDK fails here"), ("resolves_where_rust_fails", Attention, "your SDK finds credentials")],
        // Its summary names the rule; `sdk_lens` owns the difference findings.
        findings: &[],
        evaluate: outcomes::program_lens,
    },
    CheckSpec {
        name: "endpoint",
        needs_network: false,
        summary: "whether AWS_ENDPOINT_URL* sends calls to a custom or VPC endpoint",
        outcomes: &[("aws_default", Ok, "AWS endpoints"), ("custom", Info, "custom endpoint"), ("vpc", Info, "VPC endpoint")],
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
    fn every_outcome_has_a_label_in_words() {
        for spec in CHECKS {
            assert_eq!(spec.unlabelled().count(), 0, "{}", spec.name);
            for (name, _, label) in spec.outcomes {
                assert!(!label.contains('_'), "{}.{name}: {label}", spec.name);
                assert_eq!(spec.label_of(name), Some(*label));
            }
        }
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
