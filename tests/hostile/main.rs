//! Hostile input, broken pipes and slow servers. Each test is one way credwiz
//! was once broken, with its reproduction; each asserts an exit code of 0, 1,
//! 2 or 3 (never a signal), a bound on wall time, no planted secret in any
//! encoding in any output, and HOME unchanged.

#[path = "../support/mod.rs"]
mod support;
use support::sandbox;

mod colour;
mod command_output;
mod escapes;
mod files;
mod fuzz;
mod fuzz_regressions;
mod fuzz_server;
mod fuzz_server_cases;
mod fuzz_situation;
mod fuzz_world;
mod harness;
mod invariants;
mod leaks;
mod leaks_urls;
mod markdown;
mod messages;
mod messages_files;
mod network;
mod output;
mod processes;
mod properties;
mod properties_inert;
mod read_only;
mod shell_quoting;
mod shell_quoting_regions;
mod shell_quoting_roles;
mod supervision;
mod tui;
