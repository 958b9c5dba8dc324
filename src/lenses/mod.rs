//! SDK lenses: what each SDK's default credential chain would resolve from
//! the same inputs the Rust chain inspection reads.
//!
//! A lens is a pure function. The Rust lens reports aws-config's live walk;
//! the Python (botocore) and Node.js (SDK v3) lenses replay those SDKs' own
//! rules over the environment and the raw file text. What the walk itself
//! ran or read (a credential_process, a missing token file, an expired SSO
//! token) gives a verdict (`walked.rs`); where an answer needs the network
//! (STS, SSO, a container endpoint, IMDS), they borrow the Rust walk's
//! outcome for the same source or say `unverified`. The rules are checked against the real SDKs in
//! `tests/sdk_lenses.rs`.

pub(crate) mod blocked;
pub mod node;
pub(crate) mod node_sso;
pub mod python;
pub(crate) mod python_legacy;
pub(crate) mod python_role;
pub(crate) mod python_sso;
pub(crate) mod remote_metadata;
pub(crate) mod role_refused;
pub mod rust;
pub mod walked;

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::hazards::BlockingFile;
use crate::inputs::program::Sdk;
use crate::inputs::raw_files::RawFiles;
use crate::probes::container_endpoint::ContainerEndpointClass;
use crate::probes::imds::ImdsClass;
use crate::probes::role_refusal::RoleRefusal;
use serde::Serialize;

/// What a program using that SDK would end up with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Credentials resolved.
    Resolved,
    /// A provider raised an error that stops the chain.
    Failed,
    /// No provider found anything.
    None,
    /// The winning provider needs a remote answer or a process that was not asked.
    Unverified,
}

/// The error an SDK would raise: botocore's exception class or Node's error name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LensError {
    #[serde(rename = "type")]
    pub kind: String,
    pub message: String,
}

/// Where the credentials come from, in terms every SDK shares; lenses are
/// compared on this, not on provider names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Environment,
    ProfileKeys,
    Process,
    AssumeRole,
    WebIdentity,
    Sso,
    Login,
    LegacyFile,
    Container,
    InstanceMetadata,
}

impl SourceKind {
    /// True when the source names a profile (its answer depends on which one).
    pub(crate) fn uses_profile(self) -> bool {
        matches!(
            self,
            SourceKind::ProfileKeys
                | SourceKind::Process
                | SourceKind::AssumeRole
                | SourceKind::Sso
                | SourceKind::Login
        )
    }
}

/// An SDK-specific rule that decided (part of) a lens's answer, named so a
/// finding can say exactly why that SDK disagrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// botocore reads `AWS_DEFAULT_PROFILE` before `AWS_PROFILE`.
    DefaultProfileVariableFirst,
    /// botocore drops environment keys when a profile is named explicitly.
    ExplicitProfileDropsEnvKeys,
    /// Node skips environment keys whenever a profile is set.
    ProfileSkipsEnvKeys,
    /// botocore raises on a key id without its secret.
    PartialEnvKeysRaise,
    /// `AWS_SECURITY_TOKEN` / `aws_security_token` win in botocore.
    SecurityTokenWins,
    /// `AWS_CREDENTIAL_EXPIRATION` in the past makes botocore refuse env keys.
    ExpiredEnvKeysRefused,
    /// botocore stops with ProfileNotFound where others fall through.
    MissingProfileStops,
    /// Static keys in the credentials file come before credential_process etc.
    StaticKeysFirst,
    /// botocore tries web identity env variables before the shared files.
    WebIdentityEnvFirst,
    /// botocore's strict parser rejects the file.
    StrictParserRejects,
    /// botocore decodes the files as UTF-8 and stops at a byte it cannot.
    NotUtf8File,
    /// botocore keeps inline comments in values.
    InlineCommentKept,
    /// A parser (Node's, or botocore's on lines it accepts) reads a file
    /// aws-config rejects.
    LenientParser,
    /// Node's key names are case-sensitive.
    CaseSensitiveKeys,
    /// botocore reads only `AWS_DEFAULT_REGION` for its STS client.
    RegionVariable,
    /// A file only botocore reads (`~/.boto`, `AWS_CREDENTIAL_FILE`).
    LegacyFile,
    /// `credential_source` is case-sensitive in botocore.
    CredentialSourceCase,
    /// An empty file variable: no file for botocore, the default for Node.
    EmptyFileVariable,
    /// Node's `credential_source = Ec2InstanceMetadata` asks instance metadata
    /// even when `AWS_EC2_METADATA_DISABLED` is set.
    Ec2SourceIgnoresMetadataDisabled,
    /// botocore keeps the config file's later section of `[default]` and
    /// `[profile default]`; aws-config and Node keep `[profile default]`.
    LaterDefaultSectionWins,
    /// Node passes over `credential_source = EcsContainer` without the
    /// container variables and goes on down its chain.
    ContainerSourcePassedOver,
    /// A credential_process printed credentials whose `Expiration` has
    /// passed: botocore raises, Node passes on, aws-config uses them.
    ExpiredProcessCredentials,
    /// A role session name shorter than STS's minimum of 2 characters:
    /// botocore refuses it before calling STS; aws-config and Node send it.
    ShortRoleSessionName,
    /// A role profile with `mfa_serial`: botocore asks for a code at the
    /// terminal (EOFError without one); aws-config ignores the setting.
    MfaPrompt,
}

/// One SDK's predicted answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LensAnswer {
    pub verdict: Verdict,
    /// botocore's `method`, Node's provider function, or aws-config's provider.
    pub provider: Option<String>,
    /// The profile the SDK would use.
    pub profile: Option<String>,
    /// Masked key id, when it comes from local data.
    pub access_key_id: Option<String>,
    pub error: Option<LensError>,
    pub same_as_rust: bool,
    /// True when the answer is the Rust walk's for the same remote source.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub borrowed_from_rust: bool,
    #[serde(skip)]
    pub source: Option<SourceKind>,
    /// The SDK-specific rules that decided this answer, in the order applied.
    #[serde(skip)]
    pub rules: Vec<Rule>,
}

impl LensAnswer {
    pub(crate) fn new(verdict: Verdict, profile: &str) -> LensAnswer {
        LensAnswer {
            verdict,
            provider: None,
            profile: Some(profile.to_string()),
            access_key_id: None,
            error: None,
            same_as_rust: true,
            borrowed_from_rust: false,
            source: None,
            rules: Vec::new(),
        }
    }

    pub(crate) fn resolved(
        profile: &str,
        provider: &str,
        kind: SourceKind,
        key: Option<String>,
    ) -> LensAnswer {
        LensAnswer {
            provider: Some(provider.to_string()),
            source: Some(kind),
            access_key_id: key,
            ..LensAnswer::new(Verdict::Resolved, profile)
        }
    }

    pub(crate) fn failed(profile: &str, kind: &str, message: impl Into<String>) -> LensAnswer {
        LensAnswer {
            error: Some(LensError {
                kind: kind.to_string(),
                message: message.into(),
            }),
            ..LensAnswer::new(Verdict::Failed, profile)
        }
    }

    pub(crate) fn with_rule(mut self, rule: Rule) -> LensAnswer {
        if !self.rules.contains(&rule) {
            self.rules.push(rule);
        }
        self
    }

    pub(crate) fn with_provider(mut self, provider: &str, kind: SourceKind) -> LensAnswer {
        self.provider = Some(provider.to_string());
        self.source = Some(kind);
        self
    }

    /// True when a program using this SDK gets working credentials (or would,
    /// once the remote answer comes).
    pub fn works(&self) -> bool {
        matches!(self.verdict, Verdict::Resolved | Verdict::Unverified)
    }

    /// True when this answer and the Rust one would make the program behave
    /// the same: both fail, or both resolve from the same source (and the
    /// same profile and key where those are known).
    pub fn agrees_with(&self, rust: &LensAnswer) -> bool {
        // Waiting for a code typed at a terminal is never what aws-config does.
        if self.rules.contains(&Rule::MfaPrompt) {
            return false;
        }
        if self.works() != rust.works() {
            return false;
        }
        if !self.works() {
            return true;
        }
        if self.source != rust.source {
            return false;
        }
        if self.source.is_some_and(SourceKind::uses_profile) && self.profile != rust.profile {
            return false;
        }
        match (&self.access_key_id, &rust.access_key_id) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => true,
        }
    }
}

/// Everything a lens reads.
pub struct LensInputs<'a> {
    pub env: &'a EnvSnapshot,
    pub raw: &'a RawFiles,
    pub files: &'a crate::inputs::sdk_files::SdkFiles,
    /// `--profile`, which every SDK takes as an explicit profile.
    pub profile_flag: Option<&'a str>,
    pub rust: &'a LensAnswer,
    /// True when aws-config's parser rejected a shared file.
    pub rust_files_rejected: bool,
    /// How the container endpoint answered the Rust walk, when it was asked:
    /// every SDK gets the same answer there.
    pub container: Option<ContainerEndpointClass>,
    /// How instance metadata answered the Rust walk, when it was asked.
    pub imds: Option<&'a ImdsClass>,
    /// STS's refusal of the Rust walk's AssumeRole call, when it refused.
    pub role_refusal: Option<&'a RoleRefusal>,
    /// The file the Rust walk stopped at because reading it would block.
    pub blocked: Option<&'a BlockingFile>,
    /// The credential_process the Rust walk ran, when it ran one.
    pub process: Option<walked::ProcessRun<'a>>,
    /// Web identity token files the walk found missing.
    pub missing_token_files: &'a [std::path::PathBuf],
    /// The SSO token cache the walk read, when its profile uses SSO.
    pub sso_token: Option<&'a crate::probes::sso_cache::SsoTokenState>,
}

/// All three answers, as the JSON `sdks` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SdkAnswers {
    pub rust: LensAnswer,
    pub python: LensAnswer,
    pub node: LensAnswer,
}

impl SdkAnswers {
    /// One SDK's answer.
    pub fn get(&self, sdk: Sdk) -> &LensAnswer {
        match sdk {
            Sdk::Rust => &self.rust,
            Sdk::Python => &self.python,
            Sdk::Node => &self.node,
        }
    }

    /// One SDK's answer, to clean it.
    pub(crate) fn get_mut(&mut self, sdk: Sdk) -> &mut LensAnswer {
        match sdk {
            Sdk::Rust => &mut self.rust,
            Sdk::Python => &mut self.python,
            Sdk::Node => &mut self.node,
        }
    }

    /// Every lens still waiting for the walk.
    pub fn pending(profile: &str) -> SdkAnswers {
        let answer = LensAnswer::new(Verdict::Unverified, profile);
        SdkAnswers {
            rust: answer.clone(),
            python: answer.clone(),
            node: answer,
        }
    }

    /// The SDKs whose answer differs from Rust's.
    pub fn differing(&self) -> impl Iterator<Item = Sdk> + '_ {
        [Sdk::Python, Sdk::Node]
            .into_iter()
            .filter(|sdk| !self.get(*sdk).same_as_rust)
    }
}

/// Runs every lens.
pub fn evaluate(inputs: &LensInputs<'_>) -> SdkAnswers {
    let mut python = blocked::apply(python::resolve(inputs), inputs);
    let mut node = blocked::apply(node::resolve(inputs), inputs);
    python.same_as_rust = python.agrees_with(inputs.rust);
    node.same_as_rust = node.agrees_with(inputs.rust);
    SdkAnswers {
        rust: inputs.rust.clone(),
        python,
        node,
    }
}

/// The answer for a source that needs a remote answer or a process: the Rust
/// walk's when it resolved the same kind of source for the same profile,
/// else `unverified`.
pub(crate) fn borrow_remote(
    rust: &LensAnswer,
    profile: &str,
    provider: &str,
    kind: SourceKind,
) -> LensAnswer {
    let same_source = rust.source == Some(kind)
        && (!kind.uses_profile() || rust.profile.as_deref() == Some(profile));
    // Only a live success is the same answer: a Rust failure may be Rust's own
    // (a missing signing region) rather than the remote's.
    if same_source && rust.verdict == Verdict::Resolved {
        let mut answer = rust.clone();
        answer.provider = Some(provider.to_string());
        answer.profile = Some(profile.to_string());
        answer.borrowed_from_rust = true;
        answer.rules.clear();
        return answer;
    }
    LensAnswer::new(Verdict::Unverified, profile).with_provider(provider, kind)
}

/// A masked key id from a local value.
pub(crate) fn masked(key: &str) -> Option<String> {
    Some(crate::text::mask::mask_key_id(key))
}
