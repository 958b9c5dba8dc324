//! What credwiz reads before it runs anything: the environment, the AWS
//! files, the profile and region the SDK would select, and S3 requests the
//! user gave. No network, no processes.

pub mod environment;
pub mod files;
pub mod gathered;
pub mod profile_plan;
pub mod profile_selection;
pub mod region;
pub mod request;
pub mod s3;

pub use gathered::Inputs;
pub use request::DiagnoseRequest;
