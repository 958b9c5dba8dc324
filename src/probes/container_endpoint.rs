//! Whether the container credentials endpoint answers at all: one bounded
//! plain `GET` to the URI the SDKs use, run beside aws-config's own container
//! slot. Every SDK gets the same answer from that endpoint, so the SDK lenses
//! read this to predict botocore and Node where the Rust walk alone cannot
//! tell a refused connection from a silent one. Only the status is kept.

use crate::inputs::environment::EnvSnapshot;
use crate::probes::imds::{self, Answer, ImdsBounds, NoConnection};
use crate::probes::providers::ChainOptions;

/// The container link-local address a relative URI is resolved against.
const RELATIVE_URI_HOST: &str = "http://169.254.170.2";

/// How the container credentials endpoint answered a plain `GET`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerEndpointClass {
    /// Nothing listening: the connection was refused.
    Refused,
    /// No answer to the TCP handshake within the bound (no route, firewall).
    Unreachable,
    /// The connection was accepted, and no answer came within the bound.
    Silent,
    /// An HTTP answer with this status.
    Answered { status: u16 },
    /// The URI is not plain `http://host:port/path`, which this probe speaks.
    NotProbed,
}

/// The URI the SDKs ask: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on the
/// container address, else `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
pub fn endpoint(env: &EnvSnapshot) -> Option<String> {
    if let Some(relative) = env.get_nonblank("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
        return Some(format!("{RELATIVE_URI_HOST}{}", relative.trim()));
    }
    env.get_nonblank("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        .map(|full| full.trim().to_string())
}

/// Classifies the endpoint, or None offline or when no endpoint is set.
pub(crate) async fn classify_for_walk(
    env: &EnvSnapshot,
    options: &ChainOptions,
) -> Option<ContainerEndpointClass> {
    if options.offline {
        return None;
    }
    let uri = endpoint(env)?;
    let (probe_bounds, total) = imds::walk_bounds(options);
    let classified = tokio::time::timeout(total, classify(&uri, probe_bounds)).await;
    Some(classified.unwrap_or(ContainerEndpointClass::Silent))
}

/// One bounded `GET` of `uri`.
pub async fn classify(uri: &str, probe_bounds: ImdsBounds) -> ContainerEndpointClass {
    let (Some(address), Ok(url)) = (imds::host_port(uri), url::Url::parse(uri)) else {
        return ContainerEndpointClass::NotProbed;
    };
    let path = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    };
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return ContainerEndpointClass::NotProbed;
    }
    let get = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    match imds::request(&address, &get, probe_bounds).await {
        Answer::NoConnection(NoConnection::Refused) => ContainerEndpointClass::Refused,
        Answer::NoConnection(NoConnection::TimedOut) => ContainerEndpointClass::Unreachable,
        Answer::Silence => ContainerEndpointClass::Silent,
        Answer::Status(status, _) => ContainerEndpointClass::Answered { status },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_uri_wins_over_full_uri() {
        let env = EnvSnapshot::from_pairs([
            ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/x"),
        ]);
        assert_eq!(
            endpoint(&env).as_deref(),
            Some("http://169.254.170.2/v2/creds")
        );
        let env = EnvSnapshot::from_pairs([(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://127.0.0.1:9/x",
        )]);
        assert_eq!(endpoint(&env).as_deref(), Some("http://127.0.0.1:9/x"));
        assert_eq!(endpoint(&EnvSnapshot::default()), None);
    }

    #[tokio::test]
    async fn a_closed_port_is_refused_and_https_is_not_probed() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        let probe_bounds = ImdsBounds {
            connect: std::time::Duration::from_millis(300),
            answer: std::time::Duration::from_millis(300),
        };
        let uri = format!("http://127.0.0.1:{port}/creds");
        assert_eq!(
            classify(&uri, probe_bounds).await,
            ContainerEndpointClass::Refused
        );
        assert_eq!(
            classify("https://127.0.0.1:1/creds", probe_bounds).await,
            ContainerEndpointClass::NotProbed
        );
    }
}
