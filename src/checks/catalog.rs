//! What each built-in check is called, what outcomes it can end in, and which
//! placeholders its evidence fills. Playbooks are validated against this list,
//! so a playbook can only branch on outcomes a check really produces.

/// The public description of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckSpec {
    /// The name playbooks use in `check = "..."`.
    pub name: &'static str,
    /// What it looks at, in one line.
    pub summary: &'static str,
    /// Every outcome it can end in.
    pub outcomes: &'static [&'static str],
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
];

/// Every built-in check, in the order the "check everything" walk runs them.
pub const CHECKS: &[CheckSpec] = &[
    CheckSpec {
        name: "env_keys",
        summary: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN in the environment",
        outcomes: &["none", "complete", "partial", "suspicious"],
    },
    CheckSpec {
        name: "session_token",
        summary: "whether the session token matches the kind of key (ASIA needs one, AKIA must not have one)",
        outcomes: &["not_applicable", "ok", "missing", "stale"],
    },
    CheckSpec {
        name: "profile_selection",
        summary: "which profile is selected (AWS_PROFILE, --profile or default) and whether it exists",
        outcomes: &["default_present", "default_absent", "named_found", "named_missing"],
    },
    CheckSpec {
        name: "aws_files",
        summary: "~/.aws/config and ~/.aws/credentials: present, readable, and free of what the SDK ignores",
        outcomes: &["absent", "clean", "problems"],
    },
    CheckSpec {
        name: "resolved_provider",
        summary: "which slot of the SDK's default chain resolved credentials",
        outcomes: &["environment", "profile", "web_identity", "container", "imds", "none", "failed", "unverified"],
    },
    CheckSpec {
        name: "profile_kind",
        summary: "how the selected profile gets credentials (static keys, role, process, SSO, console login, web identity)",
        outcomes: &["static_keys", "assume_role", "credential_process", "sso", "login", "web_identity", "none", "missing"],
    },
    CheckSpec {
        name: "key_shape",
        summary: "the resolved key pair: placeholders, whitespace, malformed id or secret",
        outcomes: &["ok", "placeholder", "whitespace", "malformed", "no_keys"],
    },
    CheckSpec {
        name: "credential_process",
        summary: "runs the profile's credential_process with a timeout and validates its JSON",
        outcomes: &["not_configured", "ok", "failed", "bad_output", "expired"],
    },
    CheckSpec {
        name: "sso_token",
        summary: "the cached SSO token for the profile's sso_session or sso_start_url",
        outcomes: &["not_configured", "valid", "missing", "expired"],
    },
    CheckSpec {
        name: "login_cache",
        summary: "the cached console login (aws login) for the profile's login_session",
        outcomes: &["not_configured", "valid", "missing", "malformed", "expired", "mismatch"],
    },
    CheckSpec {
        name: "runtime",
        summary: "where this process runs: a container, Lambda, an EC2 instance or a plain host (local evidence only)",
        outcomes: &["host", "container", "container_without_aws_dir", "ec2", "lambda"],
    },
    CheckSpec {
        name: "container_endpoint",
        summary: "the ECS/EKS container credentials endpoint, probed with tight bounds",
        outcomes: &["not_configured", "ok", "unreachable", "auth_token_missing"],
    },
    CheckSpec {
        name: "imds",
        summary: "the EC2 instance metadata service, probed with tight bounds",
        outcomes: &["disabled", "ok", "no_role", "unreachable", "hop_limit", "credentials_refused"],
    },
    CheckSpec {
        name: "sts_identity",
        summary: "STS GetCallerIdentity with the resolved credentials",
        outcomes: &[
            "ok",
            "root",
            "invalid_client_token_id",
            "signature_mismatch",
            "expired_token",
            "clock_skew",
            "unreachable",
            "region_not_enabled",
            "other_error",
            "no_credentials",
            "offline",
        ],
    },
    CheckSpec {
        name: "expiry",
        summary: "whether the resolved credentials have expired or expire soon",
        outcomes: &["no_expiry", "valid", "expiring_soon", "expired", "unknown"],
    },
    CheckSpec {
        name: "region",
        summary: "the region the SDK will use and where it came from",
        outcomes: &["set", "missing"],
    },
    CheckSpec {
        name: "s3_request",
        summary: "the S3 request your program sent (URL or curl, given or pasted): endpoint class and authentication",
        outcomes: &[
            "not_given",
            "clean",
            "website_with_credentials",
            "mixed_auth",
            "anonymous_endpoint_with_token",
            "presigned_expired",
            "presigned_region_mismatch",
            "sigv2_presign",
            "custom_endpoint",
            "vpc_endpoint",
        ],
    },
    CheckSpec {
        name: "s3_access",
        summary: "a live S3 probe of the named bucket with the resolved credentials",
        outcomes: &[
            "not_run",
            "ok",
            "invalid_access_key_id",
            "signature_mismatch",
            "access_denied",
            "wrong_region",
            "no_such_bucket",
            "unreachable",
        ],
    },
    CheckSpec {
        name: "endpoint",
        summary: "whether AWS_ENDPOINT_URL* sends calls to a custom or VPC endpoint",
        outcomes: &["aws_default", "custom", "vpc"],
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
            let outcomes: HashSet<_> = spec.outcomes.iter().collect();
            assert_eq!(outcomes.len(), spec.outcomes.len(), "{}", spec.name);
            assert!(find(spec.name).is_some());
        }
        assert!(find("no_such_check").is_none());
    }
}
