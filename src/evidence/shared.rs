//! Work that many diagnoses of the same machine can share: each SSO
//! session's cached token, and one STS GetCallerIdentity per distinct
//! credential. A sweep over every profile hands one of these to
//! each profile's diagnosis; a single `credwiz check` has none.

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::MergedProfile;
use crate::inputs::login_cache::{self, LoginInspection};
use crate::probes::sso_cache::{self, SsoTokenState};
use crate::probes::sts::{self, StsOptions, StsOutcome};
use aws_credential_types::Credentials;
use sha1::{Digest, Sha1};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use tokio::sync::OnceCell;

/// Which credential a GetCallerIdentity answer belongs to. The secret and
/// token are kept only as digests, so the map never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CredentialKey {
    access_key_id: String,
    secret_digest: [u8; 20],
    token_digest: Option<[u8; 20]>,
    /// The call's region and endpoint can change its answer (opt-in regions).
    region: Option<String>,
}

impl CredentialKey {
    fn of(credentials: &Credentials, region: Option<&str>) -> Self {
        CredentialKey {
            access_key_id: credentials.access_key_id().to_string(),
            secret_digest: Sha1::digest(credentials.secret_access_key().as_bytes()).into(),
            token_digest: credentials
                .session_token()
                .map(|token| Sha1::digest(token.as_bytes()).into()),
            region: region.map(str::to_string),
        }
    }
}

/// How much work was shared, for the sweep's summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SharedCounts {
    /// GetCallerIdentity calls actually sent.
    pub identity_calls: usize,
    /// Diagnoses that reused an answer instead of calling again.
    pub identity_reused: usize,
    /// SSO token caches read from disk.
    pub sso_token_reads: usize,
    /// Diagnoses that reused a token already read.
    pub sso_token_reused: usize,
    /// Console-login caches read from disk.
    pub login_cache_reads: usize,
}

/// The shared work; cheap to clone behind an `Arc`, safe across tasks.
#[derive(Debug, Default)]
pub struct SharedWork {
    sso_tokens: Mutex<HashMap<String, SsoTokenState>>,
    login_caches: Mutex<HashMap<String, LoginInspection>>,
    identities: Mutex<HashMap<CredentialKey, Arc<OnceCell<StsOutcome>>>>,
    identity_calls: AtomicUsize,
    identity_reused: AtomicUsize,
    sso_token_reads: AtomicUsize,
    sso_token_reused: AtomicUsize,
    login_cache_reads: AtomicUsize,
}

impl SharedWork {
    /// Nothing shared yet.
    pub fn new() -> Self {
        SharedWork::default()
    }

    /// The cached SSO token of this profile's session, read once per session
    /// (or legacy start URL) however many profiles use it.
    pub fn sso_token(
        &self,
        env: &EnvSnapshot,
        profile: &MergedProfile,
        now: SystemTime,
    ) -> SsoTokenState {
        let Some(key) = profile
            .get("sso_session")
            .or_else(|| profile.get("sso_start_url"))
        else {
            return sso_cache::token_state(env, profile, now);
        };
        let mut tokens = match self.sso_tokens.lock() {
            Ok(tokens) => tokens,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(state) = tokens.get(key) {
            self.sso_token_reused.fetch_add(1, Ordering::Relaxed);
            return state.clone();
        }
        let state = sso_cache::token_state(env, profile, now);
        self.sso_token_reads.fetch_add(1, Ordering::Relaxed);
        tokens.insert(key.to_string(), state.clone());
        state
    }

    /// The console-login cache of this session, read once however many
    /// profiles (or role chains) end in it.
    pub fn login_cache(
        &self,
        env: &EnvSnapshot,
        session_arn: &str,
        now: SystemTime,
    ) -> LoginInspection {
        let mut caches = match self.login_caches.lock() {
            Ok(caches) => caches,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(cached) = caches.get(session_arn.trim()) {
            return cached.clone();
        }
        let cached = login_cache::inspect(env, session_arn, now);
        self.login_cache_reads.fetch_add(1, Ordering::Relaxed);
        caches.insert(session_arn.trim().to_string(), cached.clone());
        cached
    }

    /// GetCallerIdentity for these credentials, called once per distinct
    /// credential: profiles that share a key pair share the answer, and a
    /// second profile asking while the first call is in flight waits for it.
    pub async fn caller_identity(
        &self,
        credentials: Credentials,
        env: &EnvSnapshot,
        options: &StsOptions,
    ) -> StsOutcome {
        let key = CredentialKey::of(&credentials, options.region.as_deref());
        let cell = {
            let mut identities = match self.identities.lock() {
                Ok(identities) => identities,
                Err(poisoned) => poisoned.into_inner(),
            };
            identities.entry(key).or_default().clone()
        };
        let mut called = false;
        let outcome = cell
            .get_or_init(|| {
                called = true;
                self.identity_calls.fetch_add(1, Ordering::Relaxed);
                sts::caller_identity(credentials, env, options)
            })
            .await;
        if !called {
            self.identity_reused.fetch_add(1, Ordering::Relaxed);
        }
        outcome.clone()
    }

    /// What was shared so far.
    pub fn counts(&self) -> SharedCounts {
        SharedCounts {
            identity_calls: self.identity_calls.load(Ordering::Relaxed),
            identity_reused: self.identity_reused.load(Ordering::Relaxed),
            sso_token_reads: self.sso_token_reads.load(Ordering::Relaxed),
            sso_token_reused: self.sso_token_reused.load(Ordering::Relaxed),
            login_cache_reads: self.login_cache_reads.load(Ordering::Relaxed),
        }
    }
}
