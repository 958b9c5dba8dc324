//! The five slots of the default chain and what happened in each, as typed
//! reasons: checks and rules branch on [`SlotReason`], never on its words.

use serde::{Serialize, Serializer};
use std::fmt;

/// The five slots of the default chain, in the order the SDK tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    Environment,
    Profile,
    WebIdentity,
    Container,
    Imds,
}

impl Slot {
    /// Every slot in chain order.
    pub const ORDER: [Slot; 5] = [
        Slot::Environment,
        Slot::Profile,
        Slot::WebIdentity,
        Slot::Container,
        Slot::Imds,
    ];

    /// The slot's name as users read it.
    pub fn label(self) -> &'static str {
        match self {
            Slot::Environment => "environment variables",
            Slot::Profile => "shared config/credentials profile",
            Slot::WebIdentity => "web identity token (env)",
            Slot::Container => "container credentials endpoint (ECS/EKS)",
            Slot::Imds => "EC2 instance metadata (IMDS)",
        }
    }

    /// The slot's position in [`Slot::ORDER`].
    pub fn index(self) -> usize {
        match self {
            Slot::Environment => 0,
            Slot::Profile => 1,
            Slot::WebIdentity => 2,
            Slot::Container => 3,
            Slot::Imds => 4,
        }
    }
}

/// What happened in one slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotStatus {
    Resolved,
    NotConfigured,
    Failed,
    NotTried,
}

/// A network call or program a slot would have needed under `--offline`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfflineNeed {
    /// The profile runs credential_process, which was not started.
    Process {
        profile: String,
    },
    AssumeRole {
        profile: String,
        role_arn: String,
    },
    SsoPortal {
        profile: String,
    },
    ProfileCallsAws {
        profile: String,
    },
    WebIdentity,
    ContainerEndpoint,
    InstanceMetadata,
    Aws,
}

/// Why a slot ended the way it did. The SDK's own words, where it gave
/// some, are kept (scrubbed) as data for the views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotReason {
    /// The slot resolved credentials from this provider and source.
    Resolved {
        provider: String,
        source: String,
    },
    /// The diagnosis has not run yet.
    NotRunYet,
    EarlierResolved,
    EarlierFailed,
    /// Offline, an earlier slot needed the network or a program.
    OfflineEarlierStopped,
    /// An earlier slot would have refreshed (rewritten) the SSO token cache.
    EarlierStoppedForSsoRefresh,
    /// The program would refresh the cached SSO token now and rewrite this
    /// file; credwiz does not, without `--allow-refresh`.
    SsoRefreshNeeded {
        cache: String,
    },
    /// Offline, this slot would need the network or a program.
    Offline(OfflineNeed),
    EnvKeysUnset,
    EnvSecretUnset,
    EnvKeyIdUnset,
    /// Both keys are set, yet the SDK passed over them.
    EnvPassedOver {
        sdk: String,
    },
    /// Neither AWS file exists.
    NoAwsFiles,
    /// The profile provider had nothing for this profile.
    ProfileNotLoaded {
        profile: String,
        sdk: String,
    },
    WebIdentityUnset,
    ContainerUnset,
    ImdsDisabledByEnv,
    /// The metadata service answered, but without an instance role (HTTP 404).
    ImdsNoRole {
        sdk: String,
    },
    /// No metadata service answered.
    ImdsNoAnswer {
        sdk: String,
    },
    /// credwiz ran the profile's credential_process and it did not succeed.
    ProcessFailed {
        location: String,
        failure: ProcessFailure,
    },
    /// The provider returned an error, which stops the chain.
    ProviderError {
        sdk: String,
    },
    /// The provider would block forever on a file (a FIFO, a device), so
    /// credwiz did not hand it over.
    WouldBlock {
        what: String,
    },
    /// credwiz stopped the provider at its bound; the program would still wait.
    StoppedAfter {
        bound: std::time::Duration,
    },
    /// The cached console login is due for a refresh, which would rewrite
    /// its cache under ~/.aws, so the provider was not run.
    LoginRefreshNeeded {
        profile: String,
        when: String,
        cache: String,
    },
    /// The key that would sign a role's AssumeRole call holds a character no
    /// signer can send (the SDK's panics), so the provider was not run.
    UnsendableRoleSource {
        role_arn: String,
        source_profile: String,
        at: String,
        part: &'static str,
        problem: String,
    },
}

/// How a credential_process run failed, as the slot reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcessFailure {
    NotStarted {
        reason: String,
    },
    TimedOut {
        after_secs: u64,
    },
    Exited {
        exit: String,
    },
    BadOutput {
        problem: String,
    },
    /// It printed a key id no signer can send, and a role is assumed with it.
    UnsendableForRole {
        role_arn: String,
        problem: String,
    },
}

impl SlotReason {
    /// True when the slot was skipped because `--offline` forbids what it needs.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            SlotReason::Offline(_) | SlotReason::OfflineEarlierStopped
        )
    }

    /// Applies `clean` to every text the reason carries from outside credwiz.
    pub fn clean_texts(&mut self, clean: impl Fn(&mut String)) {
        match self {
            SlotReason::EnvPassedOver { sdk }
            | SlotReason::ProfileNotLoaded { sdk, .. }
            | SlotReason::ImdsNoRole { sdk }
            | SlotReason::ImdsNoAnswer { sdk }
            | SlotReason::ProviderError { sdk } => clean(sdk),
            SlotReason::ProcessFailed { failure, .. } => match failure {
                ProcessFailure::NotStarted { reason: text }
                | ProcessFailure::Exited { exit: text }
                | ProcessFailure::BadOutput { problem: text } => clean(text),
                ProcessFailure::UnsendableForRole { .. } => {}
                ProcessFailure::TimedOut { .. } => {}
            },
            _ => {}
        }
    }
}

/// One slot's outcome. `detail` in JSON is the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotResult {
    pub slot: Slot,
    pub status: SlotStatus,
    pub reason: SlotReason,
}

impl SlotResult {
    /// The reason in words, as every view shows it, with the untrusted
    /// names and messages it quotes made inert.
    pub fn detail(&self) -> String {
        crate::text::sanitize::sanitize_line(&self.reason.to_string()).into_owned()
    }
}

impl Serialize for SlotResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("SlotResult", 3)?;
        out.serialize_field("slot", &self.slot)?;
        out.serialize_field("status", &self.status)?;
        out.serialize_field("detail", &self.detail())?;
        out.end()
    }
}

impl fmt::Display for OfflineNeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OfflineNeed::Process { profile } => write!(
                f,
                "profile '{profile}' runs credential_process, which was not started"
            ),
            OfflineNeed::AssumeRole { profile, role_arn } => write!(
                f,
                "profile '{profile}' would call STS AssumeRole for {role_arn}"
            ),
            OfflineNeed::SsoPortal { profile } => {
                write!(f, "profile '{profile}' would call the SSO portal")
            }
            OfflineNeed::ProfileCallsAws { profile } => {
                write!(f, "profile '{profile}' would call AWS")
            }
            OfflineNeed::WebIdentity => f.write_str("would call STS AssumeRoleWithWebIdentity"),
            OfflineNeed::ContainerEndpoint => {
                f.write_str("would call the container credentials endpoint")
            }
            OfflineNeed::InstanceMetadata => {
                f.write_str("would call the instance metadata service")
            }
            OfflineNeed::Aws => f.write_str("would call AWS"),
        }
    }
}

impl fmt::Display for ProcessFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProcessFailure::NotStarted { reason } => write!(f, "could not start: {reason}"),
            ProcessFailure::TimedOut { after_secs } => {
                write!(f, "was killed after {after_secs}s without an answer")
            }
            ProcessFailure::Exited { exit } => write!(f, "failed ({exit})"),
            ProcessFailure::BadOutput { problem } => {
                write!(f, "printed invalid output: {problem}")
            }
            ProcessFailure::UnsendableForRole { role_arn, problem } => write!(
                f,
                "printed a key that cannot be sent to assume {role_arn}: its access key id holds {problem}"
            ),
        }
    }
}

impl fmt::Display for SlotReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlotReason::Resolved { provider, source } => write!(f, "{provider} from {source}"),
            SlotReason::NotRunYet => f.write_str("not run yet"),
            SlotReason::EarlierResolved => f.write_str("an earlier slot resolved credentials"),
            SlotReason::EarlierFailed => {
                f.write_str("an earlier slot failed, which stops the chain")
            }
            SlotReason::OfflineEarlierStopped => {
                f.write_str("offline: the walk stopped at an earlier slot that needs the network")
            }
            SlotReason::Offline(need) => write!(f, "offline: {need}"),
            SlotReason::EarlierStoppedForSsoRefresh => {
                f.write_str("the walk stopped before the SDK would rewrite the SSO token cache")
            }
            SlotReason::SsoRefreshNeeded { cache } => write!(
                f,
                "your program would refresh the cached SSO token now (it expires within 5 minutes) and rewrite {cache}; credwiz does not write there: rerun with --allow-refresh to let the SDK do it"
            ),
            SlotReason::EnvKeysUnset => {
                f.write_str("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
            }
            SlotReason::EnvSecretUnset => {
                f.write_str("AWS_SECRET_ACCESS_KEY is not set (AWS_ACCESS_KEY_ID is)")
            }
            SlotReason::EnvKeyIdUnset => {
                f.write_str("AWS_ACCESS_KEY_ID is not set (AWS_SECRET_ACCESS_KEY is)")
            }
            SlotReason::EnvPassedOver { sdk } => write!(f, "the SDK passed over them: {sdk}"),
            SlotReason::NoAwsFiles => f.write_str("no ~/.aws/config or ~/.aws/credentials file"),
            SlotReason::ProfileNotLoaded { profile, sdk } => {
                write!(f, "profile '{profile}': {sdk}")
            }
            SlotReason::WebIdentityUnset => {
                f.write_str("AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN are not set")
            }
            SlotReason::ContainerUnset => {
                f.write_str("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI are not set")
            }
            SlotReason::ImdsDisabledByEnv => {
                f.write_str("disabled by AWS_EC2_METADATA_DISABLED=true")
            }
            SlotReason::ImdsNoRole { sdk } | SlotReason::ImdsNoAnswer { sdk } => {
                write!(f, "no instance role answered: {sdk}")
            }
            SlotReason::ProcessFailed { location, failure } => {
                write!(f, "credential_process at {location} {failure}")
            }
            SlotReason::ProviderError { sdk } => f.write_str(sdk),
            SlotReason::WouldBlock { what } => f.write_str(what),
            SlotReason::StoppedAfter { bound } => {
                f.write_str(&crate::probes::bounds::stopped_after(*bound))
            }
            SlotReason::LoginRefreshNeeded {
                profile,
                when,
                cache,
            } => write!(
                f,
                "not run: the cached console login of profile '{profile}' {when}; the SDK would refresh it at the AWS sign-in service and rewrite {cache}, and credwiz does not write under ~/.aws"
            ),
            SlotReason::UnsendableRoleSource {
                role_arn,
                source_profile,
                at,
                part,
                problem,
            } => write!(
                f,
                "not run: the key that would sign the AssumeRole call for {role_arn} (profile '{source_profile}', {at}) cannot be sent: its {part} holds {problem}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_the_detail_field_in_words() {
        let result = SlotResult {
            slot: Slot::Imds,
            status: SlotStatus::NotConfigured,
            reason: SlotReason::ImdsDisabledByEnv,
        };
        let json = serde_json::to_value(&result).unwrap();
        assert_eq!(json["slot"], "imds");
        assert_eq!(json["status"], "not_configured");
        assert_eq!(json["detail"], "disabled by AWS_EC2_METADATA_DISABLED=true");
    }

    #[test]
    fn slot_index_matches_the_order() {
        for (i, slot) in Slot::ORDER.iter().enumerate() {
            assert_eq!(slot.index(), i);
        }
    }
}
