//! The AWS sign-in service's token endpoint, for console-login refreshes.

use super::recorded::RecordedRequest;
use super::server::{Handler, HttpStub, Reply};
use std::sync::Arc;

/// The AWS sign-in service's token endpoint, refusing every refresh:
/// `POST /v1/token` answers 400 `AccessDeniedException` with the OAuth2 error
/// code given (`TOKEN_EXPIRED`, `USER_CREDENTIALS_CHANGED`,
/// `INSUFFICIENT_PERMISSIONS`). Point the SDK at it with
/// `AWS_ENDPOINT_URL_SIGNIN=<url()>`.
pub struct SigninStub {
    http: HttpStub,
}

impl SigninStub {
    pub fn refusing(error_code: &str) -> SigninStub {
        let code = error_code.to_string();
        let handler: Handler = Arc::new(move |request| {
            if request.method != "POST" || !request.path.starts_with("/v1/token") {
                return Reply::new(404, "application/json", r#"{"message":"not found"}"#);
            }
            let body =
                serde_json::json!({"error": code, "message": "refresh refused by the test stub"});
            Reply::new(400, "application/json", body.to_string())
                .header("x-amzn-errortype", "AccessDeniedException")
        });
        SigninStub {
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

/// A throwaway P-256 key, as `aws login` stores it in a cache (`dpopKey`).
pub const TEST_DPOP_PEM: &str = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIPaBoL1HIJcQ8PDKAoEAzLy/DdtcxgjPlO45GRZQARL/oAoGCCqGSM49\nAwEHoUQDQgAEFVW+aEVEFrbSVH0oExZXp+FGzP4mmCXCdIwtHiKJ9jybgVWuaO/X\n+mSwKu8+OtvSXlcApMKZiv9Ng564Mvmb2A==\n-----END EC PRIVATE KEY-----\n";

/// Where aws-config reads the cached console login of `session_arn`,
/// relative to HOME: the SHA-256 of the trimmed ARN.
pub fn login_cache_file(session_arn: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(session_arn.trim().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!(".aws/login/cache/{hex}.json")
}
