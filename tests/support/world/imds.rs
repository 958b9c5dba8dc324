//! An IMDSv2 stub: session tokens, the role listing and role credentials.

use super::credentials::StubCredentials;
use super::recorded::RecordedRequest;
use super::server::{Handler, HttpStub, Reply};
use super::time::rfc3339;
use super::unique;
use std::sync::Arc;
use std::time::SystemTime;

/// What the instance looks like to IMDS.
#[derive(Clone, Debug)]
pub enum ImdsMode {
    /// An instance profile with this role name and credentials.
    Role {
        name: String,
        credentials: StubCredentials,
    },
    /// No instance profile: the role listing answers 404.
    NoRole,
    /// The IMDSv2 hop limit seen from a container: the token `PUT` is never
    /// answered, while a plain `GET` is answered 401 at once.
    HopLimit,
    /// Instance metadata turned off for the instance: 403 on the token `PUT`.
    Disabled,
    /// A role is listed but its credentials are refused (500).
    CredentialsRefused { name: String },
}

/// An IMDSv2 endpoint. Point the SDK at it with
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT=<url()>` (and without
/// `AWS_EC2_METADATA_DISABLED`).
///
/// * `PUT /latest/api/token` needs `X-aws-ec2-metadata-token-ttl-seconds`
///   (1–21600, else 400) and returns the token, echoing the TTL header;
/// * every `GET` needs `X-aws-ec2-metadata-token: <token>` (else 401);
/// * `GET /latest/meta-data/iam/security-credentials/` lists the role (404 in
///   [`ImdsMode::NoRole`]), `GET …/<role>` returns the credentials JSON;
/// * anything else is 404.
pub struct ImdsStub {
    http: HttpStub,
    token: String,
}

impl ImdsStub {
    pub fn start(mode: ImdsMode) -> ImdsStub {
        let token = format!("credwiz-imds-token-{}", unique());
        let expected = token.clone();
        let handler: Handler = Arc::new(move |request| imds_reply(request, &mode, &expected));
        ImdsStub {
            http: HttpStub::start(handler),
            token,
        }
    }

    /// An instance whose profile has role `name` with `credentials`.
    pub fn with_role(name: &str, credentials: StubCredentials) -> ImdsStub {
        Self::start(ImdsMode::Role {
            name: name.into(),
            credentials,
        })
    }

    /// An instance without an instance profile.
    pub fn no_role() -> ImdsStub {
        Self::start(ImdsMode::NoRole)
    }

    /// The hop limit from inside a container: token `PUT` unanswered, `GET` 401.
    pub fn hop_limit() -> ImdsStub {
        Self::start(ImdsMode::HopLimit)
    }

    /// Instance metadata turned off: 403 on the token `PUT`.
    pub fn disabled() -> ImdsStub {
        Self::start(ImdsMode::Disabled)
    }

    /// Role `name` listed, its credentials refused with 500.
    pub fn credentials_refused(name: &str) -> ImdsStub {
        Self::start(ImdsMode::CredentialsRefused { name: name.into() })
    }

    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub fn url(&self) -> String {
        self.http.listener.url()
    }

    /// The session token this stub hands out and requires.
    pub fn token(&self) -> &str {
        &self.token
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }
}

const IMDS_CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

fn imds_reply(request: &RecordedRequest, mode: &ImdsMode, token: &str) -> Reply {
    let path = request.path.split('?').next().unwrap_or("");
    if path == "/latest/api/token" {
        match mode {
            ImdsMode::HopLimit => return Reply::silent(),
            ImdsMode::Disabled => return Reply::new(403, "text/plain", ""),
            _ => {}
        }
        if request.method != "PUT" {
            return Reply::new(405, "text/plain", "token requests must be PUT");
        }
        let ttl = request
            .header("x-aws-ec2-metadata-token-ttl-seconds")
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|ttl| (1..=21600).contains(ttl));
        return match ttl {
            Some(ttl) => Reply::new(200, "text/plain", token)
                .header("X-aws-ec2-metadata-token-ttl-seconds", ttl.to_string()),
            None => Reply::new(400, "text/plain", "missing or invalid token TTL"),
        };
    }
    if request.method != "GET" {
        return Reply::new(405, "text/plain", "");
    }
    if request.header("x-aws-ec2-metadata-token") != Some(token) {
        return Reply::new(401, "text/plain", "");
    }
    match (mode, path.strip_prefix(IMDS_CREDENTIALS_PATH)) {
        (ImdsMode::Role { name, .. }, Some("")) => Reply::new(200, "text/plain", name.clone()),
        (ImdsMode::CredentialsRefused { name }, Some("")) => {
            Reply::new(200, "text/plain", name.clone())
        }
        (ImdsMode::CredentialsRefused { name }, Some(role)) if role == name => {
            Reply::new(500, "text/plain", "")
        }
        (ImdsMode::Role { name, credentials }, Some(role)) if role == name => {
            let body = serde_json::json!({
                "Code": "Success",
                "LastUpdated": rfc3339(SystemTime::now()),
                "Type": "AWS-HMAC",
                "AccessKeyId": credentials.access_key_id,
                "SecretAccessKey": credentials.secret_access_key,
                "Token": credentials.token,
                "Expiration": rfc3339(credentials.expiration),
            });
            Reply::new(200, "text/plain", body.to_string())
        }
        _ => Reply::new(
            404,
            "text/html",
            "<html><body><h1>404 - Not Found</h1></body></html>",
        ),
    }
}
