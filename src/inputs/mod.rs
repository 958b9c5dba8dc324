//! What credwiz reads before it runs anything: the environment, the AWS
//! files, the profile and region the SDK would select, and S3 requests the
//! user gave. No network, no processes.

pub mod environment;
pub mod error_facts;
pub mod files;
pub mod profile_plan;
pub mod program;
pub mod region;
pub mod s3;
