//! The command line without the AWS world: `check --offline`, the JSON
//! schema, runbooks, `s3 inspect` and the shipped playbooks. One binary, so
//! the suite links once instead of once per file.

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod check_offline;
mod completions_man;
mod docs;
mod empty_aws_profile;
mod fix_files;
mod fix_plan;
mod json_schema;
mod lens_report;
mod many_profiles;
mod playbooks;
mod run_lens;
mod run_triage;
mod runbook_cli;
mod s3_cli;
mod s3_in_check;
mod s3_inspect;
mod sweep_equivalence;
mod unsendable_keys;
mod walk_situations;
