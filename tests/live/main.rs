//! credwiz and the SDKs against the loopback AWS world (moto and our stubs):
//! live checks, `s3 probe`, the world's own smoke tests, and the truth suite
//! comparing credwiz with aws-config's default chain. One binary, so the
//! suite links once and the tests share one moto server.

#[path = "../support/mod.rs"]
mod support;

mod chain_truth;
mod exit_codes;
mod imds_classes;
mod live_checks;
mod login_truth;
mod loopback_guard;
mod platform_walk;
mod s3_probe;
mod sdk_facts;
mod sdk_facts_rules;
mod sdk_facts_walked;
mod sdk_generated;
mod sdk_grammar;
mod sdk_lenses;
mod sdk_lenses_online;
mod sdk_lenses_walked;
mod sdk_probe;
mod sweep;
mod user_command;
mod walks_grounded;
mod world_smoke;
