//! The peer of credwiz's offline check in `scripts/bench`: aws-config's own
//! `DefaultCredentialsChain`, untouched, resolving one profile of the shared
//! files (the first argument, else AWS_PROFILE, else default) and printing
//! only the provider that answered. Exit 1 when the chain fails.

use aws_config::default_provider::credentials::DefaultCredentialsChain;
use aws_credential_types::provider::ProvideCredentials;

fn main() {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("bare_chain: no runtime: {e}");
            std::process::exit(2);
        }
    };
    let code = runtime.block_on(async {
        let mut builder = DefaultCredentialsChain::builder();
        if let Some(profile) = std::env::args().nth(1) {
            builder = builder.profile_name(&profile);
        }
        match builder.build().await.provide_credentials().await {
            Ok(credentials) => {
                println!(
                    "{}",
                    credwiz::probes::providers::provider_name(&credentials)
                );
                0
            }
            Err(e) => {
                eprintln!("bare_chain: the chain failed: {e}");
                1
            }
        }
    });
    std::process::exit(code);
}
