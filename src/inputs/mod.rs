//! What credwiz reads before it runs anything: the environment, the AWS
//! files (and their raw text for the SDK lenses), the profile and region the
//! SDK would select, S3 requests the user gave, and which program printed a
//! pasted error. No network, no processes.

pub mod environment;
pub mod files;
pub mod profile_plan;
pub mod program;
pub mod raw_files;
pub mod region;
pub mod s3;
