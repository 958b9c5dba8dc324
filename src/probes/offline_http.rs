//! An HTTP client that refuses every request, handed to the SDK's providers
//! under `--offline`. The providers still run their own local logic (read the
//! files, the token cache, the environment) but cannot reach any host, so
//! "offline" is enforced by construction rather than by care.

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;

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
