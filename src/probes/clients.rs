//! One factory for the AWS service clients credwiz signs calls with (STS,
//! S3): the resolved credentials, the region, the endpoint the user's SDK
//! would use, one attempt and bounded waits.

use aws_config::BehaviorVersion;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use aws_types::region::Region;
use aws_types::sdk_config::SdkConfig;
use std::time::Duration;

/// How long one call may take: to connect, and in all.
#[derive(Debug, Clone, Copy)]
pub struct CallBounds {
    pub connect: Duration,
    pub total: Duration,
}

/// The configuration a service client is built from.
pub fn service_config(
    credentials: Credentials,
    region: &str,
    endpoint: Option<&str>,
    bounds: CallBounds,
) -> SdkConfig {
    let mut config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        // One attempt: a retry would hide which answer the program got.
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(bounds.connect)
                .operation_attempt_timeout(bounds.total)
                .operation_timeout(bounds.total)
                .build(),
        );
    if let Some(url) = endpoint {
        config = config.endpoint_url(url);
    }
    config.build()
}
