//! Everything that does I/O beyond reading the inputs: aws-config's providers
//! slot by slot, STS, S3, credential_process, the SSO cache, the container
//! runtime. Probes return typed results and never print.

pub mod blocking;
pub mod bounds;
pub mod cache_backup;
pub mod chain;
pub mod clients;
pub mod container_endpoint;
pub mod credential_process;
pub mod imds;
pub mod isolated_answer;
pub mod isolated_slot;
pub mod offline_http;
pub mod process_group;
pub mod providers;
pub mod relayed_error;
pub mod role_refusal;
pub mod runtime;
pub mod s3;
pub mod sdk_probe;
pub mod slot;
mod slot_reasons;
pub mod sso_cache;
pub mod sts;
pub mod supervisor;
pub mod user_command;
