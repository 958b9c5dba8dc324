//! The findings catalogue: every problem credwiz can report, with a stable id.
//!
//! Ids are a public contract (JSON output, playbooks and scripts match on them),
//! so they are spelt once, here, and never renamed.

use serde::{Serialize, Serializer};
use std::fmt;

mod env_change;
pub use env_change::EnvEdit;

/// How bad a finding is. Errors make `credwiz check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The doctor-style mark shown in front of a line.
    pub fn mark(self) -> &'static str {
        match self {
            Severity::Info => "i",
            Severity::Warning => "!",
            Severity::Error => "✗",
        }
    }
}

macro_rules! finding_ids {
    ($( $variant:ident => $id:literal, $severity:ident, $what:literal; )*) => {
        /// A stable finding id. The string form (`env.partial_keys`) is the contract.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FindingId { $( $variant, )* }

        impl FindingId {
            /// Every id in the catalogue, in declaration order.
            pub const ALL: &'static [FindingId] = &[ $( FindingId::$variant, )* ];

            /// The stable dotted id.
            pub fn as_str(self) -> &'static str {
                match self { $( FindingId::$variant => $id, )* }
            }

            /// The usual severity; a finding may be raised with another one.
            pub fn default_severity(self) -> Severity {
                match self { $( FindingId::$variant => Severity::$severity, )* }
            }

            /// One line on what the finding means, for docs and help.
            pub fn meaning(self) -> &'static str {
                match self { $( FindingId::$variant => $what, )* }
            }

            /// Looks an id up by its dotted name.
            pub fn parse(id: &str) -> Option<FindingId> {
                match id { $( $id => Some(FindingId::$variant), )* _ => None }
            }
        }
    };
}

finding_ids! {
    EnvPartialKeys => "env.partial_keys", Error, "only one of AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY is set";
    EnvPlaceholderKey => "env.placeholder_key", Error, "a key is a documentation example or placeholder text";
    KeyWhitespace => "key.whitespace", Error, "a key carries spaces, quotes or line breaks";
    KeyMalformedId => "key.malformed_id", Error, "the access key id does not have the shape of an AWS key id";
    KeyMalformedSecret => "key.malformed_secret", Error, "the secret access key does not have the shape of an AWS secret";
    EnvMissingSessionToken => "env.missing_session_token", Error, "a temporary (ASIA) key without its session token";
    EnvStaleSessionToken => "env.stale_session_token", Error, "a long-term (AKIA) key with a leftover session token";
    EnvShadowsProfile => "env.shadows_profile", Warning, "environment keys win over the selected profile";
    ProfileNotFound => "profile.not_found", Error, "the selected profile exists in neither file";
    ProfileRoleWithoutSource => "profile.role_without_source", Error, "role_arn without source_profile, credential_source or web_identity_token_file";
    ProfileSourceProfileMissing => "profile.source_profile_missing", Error, "source_profile names a profile that does not exist";
    ProfileSourceProfileCycle => "profile.source_profile_cycle", Error, "source_profile references form a loop";
    ProfileInvalidCredentialSource => "profile.invalid_credential_source", Error, "credential_source names no known source";
    FilesCredentialsProfilePrefix => "files.credentials_profile_prefix", Error, "a [profile x] section in the credentials file, which the SDK ignores";
    FilesConfigMissingProfilePrefix => "files.config_missing_profile_prefix", Error, "a [x] section without the profile prefix in the config file, which the SDK ignores";
    FilesParseError => "files.parse_error", Error, "a line the SDK's parser rejects";
    FilesUnknownKey => "files.unknown_key", Warning, "a key the SDK does not know, often a misspelling";
    FilesDuplicateSection => "files.duplicate_section", Warning, "the same section appears twice; the SDK merges them";
    FilesDuplicateKey => "files.duplicate_key", Warning, "the same key appears twice in a profile; the later one wins";
    FilesEnvPathMissing => "files.env_path_missing", Error, "AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE names a file that does not exist";
    FilesUnreadable => "files.unreadable", Error, "an AWS file exists but cannot be read";
    FilesWrongEncoding => "files.wrong_encoding", Error, "an AWS file is not UTF-8 text (UTF-16 from Notepad, Latin-1)";
    FilesLinkLoop => "files.link_loop", Error, "an AWS file, or a folder on its path such as ~/.aws, is a loop of symbolic links";
    FilesLineEndings => "files.line_endings", Info, "the file has CRLF line endings or a byte-order mark";
    ProcessFailed => "process.failed", Error, "credential_process exited non-zero, timed out or could not start";
    ProcessBadOutput => "process.bad_output", Error, "credential_process printed something that is not valid credentials JSON";
    SsoTokenMissing => "sso.token_missing", Error, "no cached SSO token for this profile";
    SsoSessionMissing => "sso.session_missing", Error, "sso_session names an [sso-session] section that does not exist";
    SsoTokenExpired => "sso.token_expired", Error, "the cached SSO token has expired";
    RefreshBackup => "refresh.backup", Info, "a token cache was copied before the SDK refreshed it (--allow-refresh)";
    SsoRefreshNeeded => "sso.refresh_needed", Warning, "the SDK would refresh the cached SSO token now and rewrite its file; credwiz did not";
    LoginCacheMissing => "login.cache_missing", Error, "no cached console login (aws login) for this profile's login_session";
    LoginCacheMalformed => "login.cache_malformed", Error, "the cached console login cannot be read or parsed";
    LoginExpired => "login.expired", Error, "the cached console login expired or is about to; the SDK would refresh it";
    LoginRefreshFailed => "login.refresh_failed", Error, "the AWS sign-in service refused to refresh the console login";
    LoginSessionMismatch => "login.session_mismatch", Error, "the cached console login belongs to another account than login_session";
    LoginHidesSettings => "login.hides_settings", Warning, "login_session hides credential_process or static keys in the same profile";
    LoginSdkSupport => "login.sdk_support", Info, "a console-login profile needs extras in some SDKs";
    WebIdentityTokenFileMissing => "web_identity.token_file_missing", Error, "the web identity token file does not exist";
    ContainerEndpointUnreachable => "container.endpoint_unreachable", Error, "the container credentials endpoint does not answer";
    ContainerAuthTokenMissing => "container.auth_token_missing", Error, "the container endpoint wants an authorization token that is not set";
    ImdsUnreachable => "imds.unreachable", Info, "no instance metadata service answers here";
    ImdsNoRole => "imds.no_role", Error, "the instance has no IAM role attached";
    ImdsHopLimit => "imds.hop_limit", Error, "the IMDSv2 token answer is dropped one hop away (hop limit 1 seen from a container)";
    ImdsDisabled => "imds.disabled", Error, "instance metadata is turned off for the instance (403 on the token request)";
    ImdsCredentialsRefused => "imds.credentials_refused", Error, "an instance profile is attached but its credentials are not served";
    ChainNoCredentials => "chain.no_credentials", Error, "no provider in the default chain found credentials";
    ChainProviderFailed => "chain.provider_failed", Error, "a provider failed, which stops the default chain";
    ChainOfflineUnverified => "chain.offline_unverified", Info, "the winning provider needs the network or a process, skipped under --offline";
    CredsExpired => "creds.expired", Error, "the resolved credentials have expired";
    RegionMissing => "region.missing", Warning, "no region is configured";
    RegionInvalid => "region.invalid", Error, "the region is not an AWS region name (an availability zone, a typo, not a host label)";
    RuntimeContainerWithoutAwsDir => "runtime.container_without_aws_dir", Warning, "running in a container with no ~/.aws and no environment keys";
    StsInvalidClientTokenId => "sts.invalid_client_token_id", Error, "AWS does not know this access key id";
    StsSignatureMismatch => "sts.signature_mismatch", Error, "the secret does not belong to this access key id";
    StsExpiredToken => "sts.expired_token", Error, "the session token has expired";
    StsClockSkew => "sts.clock_skew", Error, "the local clock is more than 5 minutes off AWS's";
    StsUnreachable => "sts.unreachable", Error, "STS could not be reached";
    StsRegionNotEnabled => "sts.region_not_enabled", Error, "the token is not valid in this (opt-in) region";
    StsOtherError => "sts.other_error", Error, "STS rejected the call for another reason";
    IdentityRootAccount => "identity.root_account", Warning, "the credentials belong to the account root user";
    IdentityAccountMismatch => "identity.account_mismatch", Error, "the credentials belong to another account than expected";
    AuthzAccessDenied => "authz.access_denied", Error, "authentication works; the call is denied by a policy";
    S3WebsiteEndpointWithCredentials => "s3.website_endpoint_with_credentials", Error, "credentials sent to an S3 static-website endpoint";
    S3MixedAuth => "s3.mixed_auth", Error, "query-string and header authentication in one request";
    S3PresignedExpired => "s3.presigned_expired", Error, "the presigned URL has expired";
    S3PresignedInvalid => "s3.presigned_invalid", Error, "the presigned URL's X-Amz-Expires or X-Amz-Date is impossible";
    S3PresignedRegionMismatch => "s3.presigned_region_mismatch", Error, "the presigned URL is signed for another region than the bucket's";
    S3Sigv2Presign => "s3.sigv2_presign", Warning, "a Signature Version 2 presigned URL";
    S3AnonymousEndpointWithToken => "s3.anonymous_endpoint_with_token", Error, "a security token sent where only anonymous requests are accepted";
    S3CustomEndpoint => "s3.custom_endpoint", Info, "the endpoint is not AWS S3 but an S3-compatible service";
    S3VpcEndpoint => "s3.vpc_endpoint", Info, "the request goes through an S3 VPC interface endpoint";
    S3InvalidAccessKeyId => "s3.invalid_access_key_id", Error, "S3 does not know this access key id";
    S3SignatureMismatch => "s3.signature_mismatch", Error, "S3 computed another signature than the client";
    S3AccessDenied => "s3.access_denied", Error, "S3 authenticated the caller and denied the request";
    S3WrongRegion => "s3.wrong_region", Error, "the bucket lives in another region";
    S3NoSuchBucket => "s3.no_such_bucket", Error, "the bucket does not exist";
    S3Unreachable => "s3.unreachable", Error, "S3 could not be reached";
    SweepProfileTimedOut => "sweep.profile_timed_out", Error, "checking this profile took longer than the per-profile limit of --all-profiles";
    SdkPythonDiffers => "sdk.python_differs", Info, "botocore (boto3, AWS CLI) would resolve other credentials than aws-config, or fail where it works, or the reverse";
    SdkNodeDiffers => "sdk.node_differs", Info, "the Node.js SDK v3 would resolve other credentials than aws-config, or fail where it works, or the reverse";
}

impl FindingId {
    /// True for what only a call over the network can tell (STS, a live S3
    /// probe, a metadata endpoint, a sign-in refresh): a walk names a local
    /// cause (keys, files, env, caches) before it asks anything that feeds
    /// such a probe.
    pub fn from_network(self) -> bool {
        use FindingId::*;
        let family = self.as_str().split('.').next().unwrap_or_default();
        matches!(family, "sts" | "authz" | "identity" | "imds" | "container")
            || matches!(
                self,
                S3InvalidAccessKeyId
                    | S3SignatureMismatch
                    | S3AccessDenied
                    | S3WrongRegion
                    | S3NoSuchBucket
                    | S3Unreachable
                    | LoginRefreshFailed
            )
    }
}

impl fmt::Display for FindingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FindingId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem, with the evidence that shows it and the exact fix.
///
/// Evidence must already be masked: build it with `crate::text::mask`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: FindingId,
    pub severity: Severity,
    pub title: String,
    pub evidence: String,
    pub fix: String,
    /// Where in the user's AWS files the problem sits, when `credwiz fix`
    /// can repair it there (see `crate::fixes`). Not part of the JSON
    /// contract: it is for planning an edit, never for reading sentences.
    #[serde(skip)]
    pub site: Option<FileSite>,
    /// Where the fix is a change of environment: that change, which
    /// `--verify` replays the user's command with (empty otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env_change: Vec<EnvEdit>,
    /// A fix that repairs every profile sharing this cause at once (the
    /// login of one `sso-session`), for a sweep to group profiles by; not
    /// part of the JSON contract.
    #[serde(skip)]
    pub shared_fix: Option<String>,
}

/// The structured place of a file finding: enough for the fix registry to
/// plan an edit without reading the finding's sentences. Never holds a
/// secret; the edit reads the value from the file itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileSite {
    /// The file as credwiz read it.
    pub path: std::path::PathBuf,
    /// The 1-based line the finding is about (a key, a header), if any.
    pub line: Option<usize>,
    /// The profile or section name as the SDK sees it.
    pub section: Option<String>,
    /// The key the line sets, lower-cased.
    pub key: Option<String>,
    /// A second line the edit needs: the first copy of a duplicate section.
    pub other_line: Option<usize>,
    /// What the value was meant to be: the profile name a misspelt
    /// `source_profile` means.
    pub meant: Option<String>,
}

impl Finding {
    /// A finding at its id's usual severity.
    pub fn new(
        id: FindingId,
        title: impl Into<String>,
        evidence: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Finding {
            id,
            severity: id.default_severity(),
            title: title.into(),
            evidence: evidence.into(),
            fix: fix.into(),
            site: None,
            env_change: Vec::new(),
            shared_fix: None,
        }
    }

    /// The same finding with the place in a file where `credwiz fix` can repair it.
    pub fn at_site(mut self, site: FileSite) -> Self {
        self.site = Some(site);
        self
    }

    /// The same finding with the fix it shares with other profiles.
    pub fn with_shared_fix(mut self, fix: Option<String>) -> Self {
        self.shared_fix = fix;
        self
    }

    /// The same finding with the change of environment its fix makes.
    pub fn with_env_change(mut self, edits: Vec<EnvEdit>) -> Self {
        self.env_change = edits;
        self
    }

    /// The same finding at another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for id in FindingId::ALL {
            assert!(seen.insert(id.as_str()), "duplicate id {id}");
            assert_eq!(FindingId::parse(id.as_str()), Some(*id));
            assert!(id.as_str().contains('.'), "{id} has no family prefix");
        }
    }

    #[test]
    fn serializes_as_the_dotted_id() {
        let finding = Finding::new(FindingId::EnvPartialKeys, "t", "e", "f");
        let json = serde_json::to_value(&finding).expect("serializes");
        assert_eq!(json["id"], "env.partial_keys");
        assert_eq!(json["severity"], "error");
    }
}
