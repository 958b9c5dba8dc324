//! `credwiz __sdk-profile-slot REQUEST` (hidden): the worker side of
//! `probes::isolated_slot`. It runs one aws-config provider (or the whole
//! chain) in a process group of its own and prints the answer for the credwiz that started it.
//! Signals keep their default action here, so a helper that ends this
//! group is seen by the parent as the signal it sent.

use crate::probes::isolated_answer::{Answer, Request, Task};
use crate::probes::providers::{provider_config, run_slot_provider};
use crate::probes::slot::Slot;
use aws_credential_types::provider::ProvideCredentials;
use std::io::Write;

/// Runs the request and prints the answer (JSON, to the parent's pipe).
/// Exit 2 when the request cannot be read (only credwiz writes it).
pub async fn sdk_worker(request: &str) -> i32 {
    let Ok(request) = serde_json::from_str::<Request>(request) else {
        crate::text::output::eprint_line("credwiz: this subcommand is credwiz's own");
        return 2;
    };
    let options = request.to_options();
    let result = match request.task {
        Task::WholeChain => {
            let mut builder =
                aws_config::default_provider::credentials::DefaultCredentialsChain::builder();
            if let Some(profile) = &options.profile_override {
                builder = builder.profile_name(profile);
            }
            builder.build().await.provide_credentials().await
        }
        Task::ProfileSlot => {
            let config = provider_config(&options);
            run_slot_provider(Slot::Profile, &config, &options).await
        }
        Task::ImdsSlot => {
            let config = provider_config(&options);
            run_slot_provider(Slot::Imds, &config, &options).await
        }
    };
    // To the parent's pipe, byte for byte: a terminal never sees it.
    let answer = serde_json::to_vec(&Answer::of(&result)).unwrap_or_default();
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&answer).and_then(|()| stdout.flush()) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}
