//! The IAM Identity Center portal's `GetRoleCredentials`, for SSO profiles.

use super::credentials::StubCredentials;
use super::recorded::RecordedRequest;
use super::server::{Handler, HttpStub, Reply};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Where the SDKs read a cached SSO token, relative to HOME: the SHA-1 of
/// the `sso-session` name (or, for a legacy profile, the start URL).
pub fn sso_cache_file(session_or_url: &str) -> String {
    use sha1::Digest;
    let digest = sha1::Sha1::digest(session_or_url.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!(".aws/sso/cache/{hex}.json")
}

/// The IAM Identity Center portal's `GetRoleCredentials`
/// (`GET /federation/credentials?account_id=…&role_name=…` with the cached
/// token in `x-amz-sso_bearer_token`): fresh credentials for any account and
/// role, distinct per call; 401 `UnauthorizedException` without a token.
/// Set its URL as `AWS_ENDPOINT_URL_SSO`. Records every request and every
/// credential it served (for leak checks).
pub struct SsoPortalStub {
    http: HttpStub,
    served: Arc<Mutex<Vec<StubCredentials>>>,
}

impl SsoPortalStub {
    pub fn start() -> SsoPortalStub {
        let served = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&served);
        let handler: Handler = Arc::new(move |request| {
            if request.header("x-amz-sso_bearer_token").is_none() {
                return Reply::new(
                    401,
                    "application/json",
                    "{\"message\":\"Session token not found or invalid\"}",
                )
                .header("x-amzn-ErrorType", "UnauthorizedException");
            }
            let credentials = StubCredentials::fresh();
            let expiration_ms = credentials
                .expiration
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or(0);
            let body = format!(
                "{{\"roleCredentials\":{{\"accessKeyId\":\"{}\",\"secretAccessKey\":\"{}\",\"sessionToken\":\"{}\",\"expiration\":{expiration_ms}}}}}",
                credentials.access_key_id, credentials.secret_access_key, credentials.token
            );
            log.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(credentials);
            Reply::new(200, "application/json", body)
        });
        SsoPortalStub {
            http: HttpStub::start(handler),
            served,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.http.listener.url()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }

    /// Every credential handed out so far.
    pub fn served(&self) -> Vec<StubCredentials> {
        self.served
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}
