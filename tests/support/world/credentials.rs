//! The keys of the world: a static key pair and the temporary credentials the
//! stubs hand out. `Debug` never shows a secret or a token.

use super::time::{offset_now, rfc3339};
use super::unique;
use std::time::{Duration, SystemTime};

/// A key pair (and optional session token). `Debug` never shows the secret
/// or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct StaticKey {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl StaticKey {
    pub fn new(access_key_id: &str, secret_access_key: &str) -> Self {
        StaticKey {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
        }
    }

    pub fn with_token(mut self, token: &str) -> Self {
        self.session_token = Some(token.into());
        self
    }

    /// The secret and token, for "no output contains these" assertions.
    pub fn secrets(&self) -> Vec<&str> {
        let mut secrets = vec![self.secret_access_key.as_str()];
        secrets.extend(self.session_token.as_deref());
        secrets
    }
}

impl std::fmt::Debug for StaticKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticKey")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Temporary credentials served by [`ImdsStub`], [`ContainerStub`] and
/// [`StsStub`]'s AssumeRole. `Debug` hides the secret and token.
#[derive(Clone)]
pub struct StubCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub token: String,
    pub expiration: SystemTime,
}

impl StubCredentials {
    /// Fresh `ASIA…` credentials valid for an hour, distinct per call.
    pub fn fresh() -> Self {
        let n = unique();
        StubCredentials {
            access_key_id: format!("ASIASTUB{:012}", n),
            secret_access_key: format!("stubSecret{n:04}/wJalrXUtnFEMIK7MDENGbPxRfiCY"),
            token: format!("StubSessionToken{n:04}IQoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMSJHMEUCIQ"),
            expiration: SystemTime::now() + Duration::from_secs(3600),
        }
    }

    /// Sets the expiration relative to now (negative: already expired).
    pub fn expiring_in(mut self, offset_secs: i64) -> Self {
        self.expiration = offset_now(offset_secs);
        self
    }

    pub fn key(&self) -> StaticKey {
        StaticKey::new(&self.access_key_id, &self.secret_access_key).with_token(&self.token)
    }

    pub fn secrets(&self) -> Vec<&str> {
        vec![self.secret_access_key.as_str(), self.token.as_str()]
    }
}

impl std::fmt::Debug for StubCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StubCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("expiration", &rfc3339(self.expiration))
            .finish_non_exhaustive()
    }
}
