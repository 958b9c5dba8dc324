//! An STS client configured by hand, for talking to moto and the stubs.

use super::credentials::StaticKey;
use super::WORLD_REGION;
use crate::support::loopback::assert_loopback_url;
use std::time::Duration;

/// An STS client configured by hand: `endpoint`, static `key`, region
/// us-east-1, no retries, 2 s connect and 5 s operation timeouts. It never
/// consults the environment, `~/.aws` or IMDS.
pub fn sts_client(endpoint: &str, key: &StaticKey) -> aws_sdk_sts::Client {
    sts_client_with_timeout(endpoint, key, Duration::from_secs(5))
}

/// [`sts_client`] with a chosen operation timeout.
pub fn sts_client_with_timeout(
    endpoint: &str,
    key: &StaticKey,
    timeout: Duration,
) -> aws_sdk_sts::Client {
    assert_loopback_url("sts_client endpoint", endpoint);
    let credentials = aws_credential_types::Credentials::new(
        key.access_key_id.clone(),
        key.secret_access_key.clone(),
        key.session_token.clone(),
        None,
        "credwiz-test-world",
    );
    let config = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new(WORLD_REGION))
        .endpoint_url(endpoint)
        .credentials_provider(credentials)
        .retry_config(aws_sdk_sts::config::retry::RetryConfig::disabled())
        .timeout_config(
            // One bound for the whole call. Connect and read limits equal to it
            // would race it, and which fires first (a DispatchFailure or a
            // TimeoutError) would depend on the machine's load.
            aws_sdk_sts::config::timeout::TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2).min(timeout * 2))
                .read_timeout(timeout * 2)
                .operation_timeout(timeout)
                .build(),
        )
        .build();
    aws_sdk_sts::Client::from_conf(config)
}
