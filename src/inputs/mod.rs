//! What credwiz reads before it runs anything: the environment, the AWS
//! files (and their raw text for the SDK lenses), the profile and region the
//! SDK would select, S3 requests the user gave, which program printed a
//! pasted error, and where it runs. No network, no processes. Every file is
//! read through [`bounded_file`].

pub mod bounded_file;
pub mod command;
pub mod dangling_link;
pub mod environment;
pub mod error_facts;
pub mod files;
pub mod gathered;
pub mod hazards;
pub mod login_cache;
pub(crate) mod node_ini;
pub mod node_kind;
pub mod platform;
pub mod profile_plan;
pub mod profile_selection;
pub mod program;
pub(crate) mod python_ini;
pub mod raw_files;
pub mod region;
pub mod request;
pub mod s3;
pub mod sdk_files;
pub mod sso_refresh;

pub use gathered::Inputs;
pub use request::DiagnoseRequest;
