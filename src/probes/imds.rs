//! Tells apart why instance metadata gave no credentials, with a few bounded
//! plain-HTTP requests to the same endpoint the SDK uses: nothing listening,
//! a silent service, the IMDSv2 hop limit (the token `PUT` is dropped one hop
//! away, typically inside a container, while a plain `GET` is answered), IMDS
//! turned off for the instance, no instance profile, or a profile whose
//! credentials are refused. Credential values in an answer are never kept.

use crate::inputs::environment::EnvSnapshot;
use crate::probes::bounds;
use crate::probes::providers::ChainOptions;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const TOKEN_PATH: &str = "/latest/api/token";
const PLAIN_PATH: &str = "/latest/meta-data/";
const ROLES_PATH: &str = "/latest/meta-data/iam/security-credentials/";
/// Largest answer read; role names and credential documents are small.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// How connecting failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoConnection {
    Refused,
    /// No answer to the TCP handshake within the bound (no route, firewall).
    TimedOut,
}

/// Why instance metadata did or did not give credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImdsClass {
    /// `AWS_EC2_METADATA_DISABLED=true`: the SDK does not ask.
    DisabledByVariable,
    NothingListening(NoConnection),
    /// Connections are accepted but neither request gets an answer.
    Silent,
    /// The token `PUT` goes unanswered while a plain `GET` is answered.
    HopLimit {
        plain_status: u16,
    },
    /// `403` on the token `PUT`: instance metadata is turned off for the instance.
    TokenForbidden,
    /// `404` on the role listing: no instance profile is attached.
    NoRole,
    /// A role is listed but its credentials are not served.
    CredentialsRefused {
        role: String,
        status: u16,
    },
    /// A role and its credentials are served.
    Served {
        role: String,
    },
    /// Anything else, by the status of the step that went wrong.
    Unexpected {
        step: ImdsStep,
        status: u16,
    },
    /// The endpoint is not plain `http://host:port`, which this probe speaks.
    NotProbed,
}

/// The request a status belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImdsStep {
    Token,
    RoleListing,
}

/// Bounds of each request.
#[derive(Debug, Clone, Copy)]
pub struct ImdsBounds {
    pub connect: Duration,
    pub answer: Duration,
}

/// The endpoint the SDK uses: `AWS_EC2_METADATA_SERVICE_ENDPOINT`, the IPv6
/// address in IPv6 mode, else `http://169.254.169.254`.
pub fn endpoint(env: &EnvSnapshot) -> String {
    if let Some(url) = env.get_nonblank("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
        return url.trim().to_string();
    }
    match env.get_nonblank("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") {
        Some(mode) if mode.trim().eq_ignore_ascii_case("ipv6") => "http://[fd00:ec2::254]".into(),
        _ => "http://169.254.169.254".into(),
    }
}

/// The bounds of a metadata probe run beside the SDK's own slot: each
/// request's, and the whole probe's.
pub(crate) fn walk_bounds(options: &ChainOptions) -> (ImdsBounds, Duration) {
    let each = ImdsBounds {
        connect: options.probe_connect_timeout,
        answer: options.probe_read_timeout,
    };
    let total = if options.sdk_timeouts {
        bounds::METADATA_TOTAL_SDK
    } else {
        bounds::METADATA_TOTAL
    };
    (each, total)
}

/// The IMDS probe next to the SDK's own slot, with the same bounds; never offline.
pub(crate) async fn classify_for_walk(
    env: &EnvSnapshot,
    options: &ChainOptions,
) -> Option<ImdsClass> {
    if options.offline {
        return None;
    }
    let (each, total) = walk_bounds(options);
    tokio::time::timeout(total, classify(env, each)).await.ok()
}

/// Classifies instance metadata at `endpoint`, within about two bounds.
pub async fn classify(env: &EnvSnapshot, bounds: ImdsBounds) -> ImdsClass {
    if env.is_true("AWS_EC2_METADATA_DISABLED") {
        return ImdsClass::DisabledByVariable;
    }
    let Some(address) = host_port(&endpoint(env)) else {
        return ImdsClass::NotProbed;
    };
    let token_put = format!(
        "PUT {TOKEN_PATH} HTTP/1.1\r\nHost: {address}\r\nX-aws-ec2-metadata-token-ttl-seconds: 21600\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let plain_get =
        format!("GET {PLAIN_PATH} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    // Both at once: a hop-limit diagnosis costs one bound, not two.
    let (token, plain) = tokio::join!(
        request(&address, &token_put, bounds),
        request(&address, &plain_get, bounds)
    );
    let token = match (token, plain) {
        (Answer::NoConnection(how), _) => return ImdsClass::NothingListening(how),
        (Answer::Silence, Answer::Status(plain_status, _)) => {
            return ImdsClass::HopLimit { plain_status }
        }
        (Answer::Silence, _) => return ImdsClass::Silent,
        (Answer::Status(403, _), _) => return ImdsClass::TokenForbidden,
        (Answer::Status(200, body), _) => body.trim().to_string(),
        (Answer::Status(status, _), _) => {
            return ImdsClass::Unexpected {
                step: ImdsStep::Token,
                status,
            }
        }
    };
    roles(&address, &token, bounds).await
}

async fn roles(address: &str, token: &str, bounds: ImdsBounds) -> ImdsClass {
    let get = |path: &str| {
        format!(
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nX-aws-ec2-metadata-token: {token}\r\nConnection: close\r\n\r\n"
        )
    };
    let role = match request(address, &get(ROLES_PATH), bounds).await {
        Answer::Status(404, _) => return ImdsClass::NoRole,
        Answer::Status(200, body) => match body.lines().next().map(str::trim) {
            Some(role) if !role.is_empty() => role.to_string(),
            _ => return ImdsClass::NoRole,
        },
        Answer::Status(status, _) => {
            return ImdsClass::Unexpected {
                step: ImdsStep::RoleListing,
                status,
            }
        }
        Answer::Silence | Answer::NoConnection(_) => return ImdsClass::Silent,
    };
    let path = format!("{ROLES_PATH}{role}");
    match request(address, &get(&path), bounds).await {
        Answer::Status(200, body) if served_credentials(&body) => ImdsClass::Served { role },
        Answer::Status(status, _) => ImdsClass::CredentialsRefused { role, status },
        Answer::Silence | Answer::NoConnection(_) => {
            ImdsClass::CredentialsRefused { role, status: 0 }
        }
    }
}

/// True when a credentials document says `Code: Success` and has a key id.
/// Only those two fields are looked at; the values are dropped at once.
fn served_credentials(body: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(body)
        .map(|doc| {
            doc.get("Code").and_then(|c| c.as_str()) == Some("Success")
                && doc.get("AccessKeyId").is_some_and(|k| k.is_string())
        })
        .unwrap_or(false)
}

/// `host:port` of a plain-http URL.
pub(crate) fn host_port(endpoint: &str) -> Option<String> {
    let url = url::Url::parse(endpoint).ok()?;
    if url.scheme() != "http" {
        return None;
    }
    let host = match url.host()? {
        url::Host::Ipv6(ip) => format!("[{ip}]"),
        other => other.to_string(),
    };
    Some(format!("{host}:{}", url.port_or_known_default()?))
}

/// What one bounded plain-HTTP request got.
pub(crate) enum Answer {
    NoConnection(NoConnection),
    Silence,
    Status(u16, String),
}

/// One request to `address`, bounded by `bounds`.
pub(crate) async fn request(address: &str, request: &str, bounds: ImdsBounds) -> Answer {
    let stream = match tokio::time::timeout(bounds.connect, TcpStream::connect(address)).await {
        Err(_) => return Answer::NoConnection(NoConnection::TimedOut),
        Ok(Err(_)) => return Answer::NoConnection(NoConnection::Refused),
        Ok(Ok(stream)) => stream,
    };
    match tokio::time::timeout(bounds.answer, exchange(stream, request)).await {
        Ok(Some((status, body))) => Answer::Status(status, body),
        _ => Answer::Silence,
    }
}

/// Sends the request and reads the answer to its end (`Connection: close`).
async fn exchange(mut stream: TcpStream, request: &str) -> Option<(u16, String)> {
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 || answer.len() >= MAX_ANSWER_BYTES {
            break;
        }
        answer.extend_from_slice(&chunk[..read]);
    }
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, body.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_follows_the_sdk_variables() {
        let env =
            EnvSnapshot::from_pairs([("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9")]);
        assert_eq!(endpoint(&env), "http://127.0.0.1:9");
        let env = EnvSnapshot::from_pairs([("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")]);
        assert_eq!(endpoint(&env), "http://[fd00:ec2::254]");
        assert_eq!(endpoint(&EnvSnapshot::default()), "http://169.254.169.254");
        assert_eq!(
            host_port("http://[fd00:ec2::254]").as_deref(),
            Some("[fd00:ec2::254]:80")
        );
        assert_eq!(host_port("https://x"), None);
    }

    #[test]
    fn only_code_and_key_id_decide_served() {
        assert!(served_credentials(
            r#"{"Code":"Success","AccessKeyId":"ASIA"}"#
        ));
        assert!(!served_credentials(
            r#"{"Code":"AssumeRoleUnauthorizedAccess"}"#
        ));
        assert!(!served_credentials("<html>"));
    }
}
