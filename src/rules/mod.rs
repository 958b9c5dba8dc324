//! Findings from evidence, one file per family. Every finding credwiz
//! reports is produced here.

pub mod chain;
pub mod env;
pub mod files;
pub mod imds;
pub mod key;
pub mod login;
pub mod profile;
pub mod s3;
pub mod sts;
