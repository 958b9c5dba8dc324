//! The rules: each looks at the endpoint and the authentication and may
//! raise one finding, with a fix that names the real bucket, key and region.

mod auth;
mod endpoint;
pub mod inspection;
mod presign;
mod presign_values;

use crate::findings::Finding;
use crate::inputs::s3::auth::AuthSignals;
use crate::inputs::s3::endpoint::{Endpoint, EndpointClass};
use crate::text::mask::mask_key_id;

/// What the rules look at.
pub(crate) struct Context<'a> {
    pub endpoint: &'a Endpoint,
    pub signals: &'a AuthSignals,
    /// Seconds since the epoch.
    pub now: u64,
}

/// Every finding for the request, in a stable order.
pub(crate) fn all(ctx: &Context) -> Vec<Finding> {
    [
        auth::mixed_auth(ctx),
        auth::website_with_credentials(ctx),
        auth::anonymous_endpoint_with_token(ctx),
        presign_values::presigned_values_invalid(ctx),
        presign::presigned_expired(ctx),
        presign::presigned_region_mismatch(ctx),
        auth::temporary_key_without_token(ctx),
        presign::sigv2_presign(ctx),
        endpoint::custom_endpoint(ctx),
        endpoint::vpc_endpoint(ctx),
    ]
    .into_iter()
    .flatten()
    .collect()
}

impl Context<'_> {
    pub(super) fn bucket(&self) -> &str {
        self.endpoint.bucket.as_deref().unwrap_or("BUCKET")
    }

    pub(super) fn key(&self) -> &str {
        self.endpoint.key.as_deref().unwrap_or("KEY")
    }

    pub(super) fn website(&self) -> bool {
        self.endpoint.class == EndpointClass::Website
    }

    /// The REST API URL for the same bucket and key. Buckets with dots get
    /// path style, because their virtual host does not match S3's certificate.
    pub(super) fn rest_url(&self, region: Option<&str>) -> String {
        let region = region
            .or(self.endpoint.region.as_deref())
            .unwrap_or("REGION");
        let suffix = if region.starts_with("cn-") {
            "amazonaws.com.cn"
        } else {
            "amazonaws.com"
        };
        let key = self.endpoint.key.as_deref().unwrap_or_default();
        if self.bucket().contains('.') {
            format!("https://s3.{region}.{suffix}/{}/{key}", self.bucket())
        } else {
            format!("https://{}.s3.{region}.{suffix}/{key}", self.bucket())
        }
    }

    /// `aws s3 presign …` for this bucket and key, with the endpoint URL
    /// when the server is not AWS.
    pub(super) fn presign_command(&self, region: Option<&str>) -> String {
        use crate::text::shell::quote;
        let region = region
            .or(self.endpoint.region.as_deref())
            .map_or("<bucket-region>".into(), quote);
        let object = format!("s3://{}/{}", self.bucket(), self.key());
        let mut command = format!(
            "aws s3 presign {} --region {region} --expires-in 3600",
            quote(&object)
        );
        if self.endpoint.class == EndpointClass::Custom {
            command.push_str(&format!(" --endpoint-url {}", quote(&self.endpoint_url())));
        }
        command
    }

    pub(super) fn endpoint_url(&self) -> String {
        self.endpoint.origin.clone()
    }

    pub(super) fn key_id_note(&self) -> String {
        match self.signals.key_id() {
            Some(id) => format!(" (key {})", mask_key_id(id)),
            None => String::new(),
        }
    }
}
