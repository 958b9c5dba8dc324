//! An SDK error carried across a process boundary: its words, and STS's
//! typed refusal when there was one (the role-refusal probe reads it).

use aws_sdk_sts::operation::assume_role::AssumeRoleError;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::http::Response;

/// The source of a rebuilt error: the original's words, and STS's typed
/// refusal when there was one (the role-refusal probe reads it).
#[derive(Debug)]
pub struct Relayed {
    pub text: String,
    pub refusal: Option<SdkError<AssumeRoleError, Response>>,
}

impl std::fmt::Display for Relayed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for Relayed {}
