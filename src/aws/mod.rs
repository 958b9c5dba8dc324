//! Everything that reads AWS configuration or talks to aws-config / aws-sdk-sts.

pub mod chain;
pub mod environment;
pub mod files;
pub mod key_bytes;
pub mod mask;
pub mod offline_http;
pub mod profile_plan;
pub mod s3_probe;
pub mod sts;
