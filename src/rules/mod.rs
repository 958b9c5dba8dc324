//! Findings from evidence, one file per family. Every finding credwiz
//! reports is produced here.

pub mod all;
pub mod assume_role;
pub mod chain;
pub mod env;
pub mod file_problem;
pub mod files;
pub mod imds;
pub mod key;
pub mod login;
pub mod process;
pub mod profile;
pub mod refresh;
pub mod region;
pub mod region_shape;
pub mod runtime;
pub mod s3;
pub mod s3_probe;
pub mod sdk;
mod sdk_env;
pub mod sso;
pub mod sts;
