//! Everything that reads AWS configuration or talks to aws-config / aws-sdk-sts.

pub mod environment;
pub mod files;
pub mod mask;
