//! IAM Identity Center's OIDC `CreateToken` (the SSO token refresh) and the
//! portal's `GetRoleCredentials` on one loopback port, so that a profile
//! whose cached SSO token is in its refresh window can be refreshed for
//! real: the SDK then rewrites the cache file, which credwiz must not let it
//! do unless asked.

use super::credentials::StubCredentials;
use super::recorded::RecordedRequest;
use super::server::{Handler, HttpStub, Reply};
use std::sync::Arc;
use std::time::SystemTime;

/// `POST /token` answers a fresh access token (one hour); any other request
/// gets role credentials as the portal would. Set its URL as
/// `AWS_ENDPOINT_URL`.
pub struct SsoOidcStub {
    http: HttpStub,
}

impl SsoOidcStub {
    pub fn start() -> SsoOidcStub {
        let handler: Handler = Arc::new(move |request| {
            if request.method == "POST" && request.path.starts_with("/token") {
                return Reply::new(
                    200,
                    "application/json",
                    "{\"accessToken\":\"RefreshedAccessToken0123456789abcdefXYZ\",\"expiresIn\":3600,\"tokenType\":\"Bearer\",\"refreshToken\":\"RefreshedRefreshToken0123456789abcdefXYZ\"}",
                );
            }
            let credentials = StubCredentials::fresh();
            let expiration_ms = credentials
                .expiration
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or(0);
            Reply::new(
                200,
                "application/json",
                format!(
                    "{{\"roleCredentials\":{{\"accessKeyId\":\"{}\",\"secretAccessKey\":\"{}\",\"sessionToken\":\"{}\",\"expiration\":{expiration_ms}}}}}",
                    credentials.access_key_id, credentials.secret_access_key, credentials.token
                ),
            )
        });
        SsoOidcStub {
            http: HttpStub::start(handler),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.http.listener.url()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }
}
