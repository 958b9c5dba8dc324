//! An HTTP client that refuses every request, handed to the SDK's providers
//! under `--offline`. The providers still run their own local logic (read the
//! files, the token cache, the environment) but cannot reach any host, so
//! "offline" is enforced by construction rather than by care. The container
//! provider also resolves the host of a full URI before any request; offline,
//! it gets [`OfflineDns`], which asks no server.

use aws_smithy_runtime_api::client::dns::{DnsFuture, ResolveDns, ResolveDnsError};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The text every refused request's error carries, so that callers can tell
/// "skipped because offline" from a real failure.
pub const OFFLINE_MARKER: &str = "credwiz --offline: network access disabled";

/// Refuses every request with [`OFFLINE_MARKER`].
#[derive(Debug, Clone, Default)]
pub struct OfflineHttpClient;

impl HttpClient for OfflineHttpClient {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(RefusingConnector)
    }
}

#[derive(Debug)]
struct RefusingConnector;

impl HttpConnector for RefusingConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let host = request.uri().to_string();
        HttpConnectorFuture::ready(Err(ConnectorError::other(
            format!("{OFFLINE_MARKER} (would have called {host})").into(),
            None,
        )))
    }
}

/// Answers `localhost` itself and refuses every other name with
/// [`OFFLINE_MARKER`]. Offline, no lookup may reach a DNS server: it would
/// be network access, and a full URI whose userinfo holds a `/` ends its
/// authority early, so the "host" looked up is the key id before the `:`.
#[derive(Debug, Clone, Default)]
pub struct OfflineDns;

impl ResolveDns for OfflineDns {
    fn resolve_dns<'a>(&'a self, name: &'a str) -> DnsFuture<'a> {
        if name.eq_ignore_ascii_case("localhost") {
            return DnsFuture::ready(Ok(vec![
                IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(Ipv6Addr::LOCALHOST),
            ]));
        }
        // The name is not quoted: it may be part of a credential.
        DnsFuture::ready(Err(ResolveDnsError::new(format!(
            "{OFFLINE_MARKER} (would have looked up the container endpoint's host)"
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn offline_dns_answers_localhost_and_asks_no_server_for_anything_else() {
        let local = OfflineDns
            .resolve_dns("localhost")
            .await
            .expect("localhost");
        assert!(local.iter().all(IpAddr::is_loopback), "{local:?}");
        let refused = OfflineDns
            .resolve_dns("AKIAZ7VQXJ4PLM2RTW5Y")
            .await
            .expect_err("refused");
        let chain = format!("{:?}", refused);
        assert!(chain.contains(OFFLINE_MARKER), "{chain}");
        assert!(!chain.contains("AKIAZ7VQXJ4PLM2RTW5Y"), "{chain}");
    }
}
