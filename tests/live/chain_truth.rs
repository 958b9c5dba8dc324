//! The truth suite: for each scenario, credwiz's `resolved.provider` must be
//! what aws-config's own `DefaultCredentialsChain` resolves in the same
//! environment (and null exactly when the SDK fails). Each scenario also
//! asserts its findings by id and that no planted secret reaches any output.

use crate::support::sandbox;
use crate::support::world::sso_cache_file;

use sandbox::*;

/// Runs one scenario: truth, findings, and secrets in all three formats.
fn verify(
    name: &str,
    sandbox: &Sandbox,
    profile: Option<&str>,
    sdk_fact: Option<&str>,
    expected: &[&str],
) {
    let mut extra: Vec<&str> = Vec::new();
    if let Some(p) = profile {
        extra.extend(["--profile", p]);
    }
    let (out, json) = sandbox.check_json(&extra);
    let credwiz_provider = json["resolved"]["provider"].as_str().map(str::to_string);
    let sdk = sandbox.sdk_provider(profile);
    assert_eq!(
        credwiz_provider, sdk,
        "{name}: credwiz says {credwiz_provider:?}, aws-config's DefaultCredentialsChain says {sdk:?}\n{json:#}"
    );
    assert_eq!(
        sdk.as_deref(),
        sdk_fact,
        "{name}: the SDK's behaviour differs from the fact this scenario pins"
    );
    let ids = finding_ids(&json);
    for id in expected {
        assert!(
            ids.iter().any(|found| found == id),
            "{name}: expected finding {id}, got {ids:?}\n{json:#}"
        );
    }
    let chain = json["chain"].as_array().expect("chain array");
    assert_eq!(chain.len(), 5, "{name}: five slots in chain order");
    let expected_code = if sdk.is_some() && !ids.iter().any(|id| is_error(&json, id)) {
        0
    } else {
        1
    };
    assert_eq!(
        out.status.code(),
        Some(expected_code),
        "{name}: exit code\n{json:#}"
    );
    assert_no_secrets(&format!("{name} --json"), &out);
    let mut human_args = vec!["check", "-v"];
    human_args.extend(extra.iter());
    assert_no_secrets(&format!("{name} human"), &sandbox.credwiz(&human_args));
    let mut md_args = vec!["check", "--markdown"];
    md_args.extend(extra.iter());
    assert_no_secrets(&format!("{name} markdown"), &sandbox.credwiz(&md_args));
}

fn is_error(json: &serde_json::Value, id: &str) -> bool {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|f| f["id"] == id && f["severity"] == "error")
}

fn static_pair(section: &str) -> String {
    format!("[{section}]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n")
}

fn env_keys(sandbox: Sandbox) -> Sandbox {
    sandbox
        .var("AWS_ACCESS_KEY_ID", KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
}

fn script(sandbox: Sandbox, name: &str, body: &str) -> Sandbox {
    let sandbox = sandbox.file(name, &format!("#!/bin/sh\n{body}\n"));
    let path = home_file(&sandbox, name);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    sandbox
}

fn process_json(expiration: &str) -> String {
    format!(
        r#"echo '{{"Version": 1, "AccessKeyId": "{TEMP_KEY_ID}", "SecretAccessKey": "{PLANTED_SECRET}", "SessionToken": "{PLANTED_TOKEN}", "Expiration": "{expiration}"}}'"#
    )
}

macro_rules! scenario {
    ($name:ident, $build:expr, profile = $profile:expr, sdk = $sdk:expr, findings = [$($id:literal),* $(,)?]) => {
        #[test]
        fn $name() {
            let sandbox: Sandbox = $build;
            verify(stringify!($name), &sandbox, $profile, $sdk, &[$($id),*]);
        }
    };
}

// --- nothing, and the environment slot --------------------------------------
scenario!(
    nothing_configured,
    Sandbox::new(),
    profile = None,
    sdk = None,
    findings = ["chain.no_credentials", "region.missing"]
);
scenario!(
    env_keys_resolve,
    env_keys(Sandbox::new()),
    profile = None,
    sdk = Some("EnvironmentVariable"),
    findings = ["sts.unreachable"]
);
scenario!(
    env_temporary_keys_with_token,
    Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", TEMP_KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
        .var("AWS_SESSION_TOKEN", PLANTED_TOKEN),
    profile = None,
    sdk = Some("EnvironmentVariable"),
    findings = []
);
scenario!(
    env_partial_key_id_only_falls_through,
    Sandbox::new().var("AWS_ACCESS_KEY_ID", KEY_ID),
    profile = None,
    sdk = None,
    findings = ["env.partial_keys", "chain.no_credentials"]
);
scenario!(
    env_partial_keys_fall_through_to_the_profile,
    Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", KEY_ID)
        .credentials(&static_pair("default")),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = ["env.partial_keys"]
);
scenario!(
    env_secret_only,
    Sandbox::new().var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET),
    profile = None,
    sdk = None,
    findings = ["env.partial_keys"]
);
scenario!(
    env_blank_values_count_as_unset,
    Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", "  ")
        .var("AWS_SECRET_ACCESS_KEY", " "),
    profile = None,
    sdk = None,
    findings = ["chain.no_credentials"]
);
scenario!(
    env_placeholder_keys_still_resolve,
    Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .var(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        ),
    profile = None,
    sdk = Some("EnvironmentVariable"),
    findings = ["env.placeholder_key"]
);
scenario!(
    env_key_with_trailing_space,
    Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", &format!("{KEY_ID} "))
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET),
    profile = None,
    sdk = Some("EnvironmentVariable"),
    findings = ["key.whitespace"]
);
scenario!(
    env_malformed_key_id_and_secret,
    Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", "akia-not-a-key")
        .var("AWS_SECRET_ACCESS_KEY", "short-secret-value"),
    profile = None,
    sdk = Some("EnvironmentVariable"),
    findings = ["key.malformed_id", "key.malformed_secret"]
);
scenario!(
    env_temporary_key_without_token,
    Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", TEMP_KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET),
    profile = None,
    sdk = Some("EnvironmentVariable"),
    findings = ["env.missing_session_token"]
);
scenario!(
    env_long_term_key_with_stale_token,
    env_keys(Sandbox::new()).var("AWS_SESSION_TOKEN", PLANTED_TOKEN),
    profile = None,
    sdk = Some("EnvironmentVariable"),
    findings = ["env.stale_session_token"]
);
scenario!(
    env_keys_win_over_aws_profile,
    env_keys(Sandbox::new())
        .var("AWS_PROFILE", "dev")
        .credentials(&static_pair("dev")),
    profile = None,
    sdk = Some("EnvironmentVariable"),
    findings = ["env.shadows_profile"]
);
scenario!(
    env_keys_win_over_profile_flag,
    env_keys(Sandbox::new()).credentials(&static_pair("dev")),
    profile = Some("dev"),
    sdk = Some("EnvironmentVariable"),
    findings = ["env.shadows_profile"]
);

// --- static profiles ---------------------------------------------------------
scenario!(
    default_profile_in_credentials,
    Sandbox::new()
        .credentials(&static_pair("default"))
        .config("[default]\nregion = eu-west-1\n"),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = []
);
scenario!(
    default_profile_keys_in_config,
    Sandbox::new().config(&static_pair("default")),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = []
);
scenario!(
    aws_profile_selects_named_profile,
    Sandbox::new()
        .var("AWS_PROFILE", "dev")
        .credentials(&static_pair("dev")),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = []
);
scenario!(
    profile_flag_selects_named_profile,
    Sandbox::new().credentials(&static_pair("dev")),
    profile = Some("dev"),
    sdk = Some("ProfileFile"),
    findings = []
);
scenario!(
    aws_profile_naming_a_missing_profile_falls_through,
    Sandbox::new()
        .var("AWS_PROFILE", "ghost")
        .credentials(&static_pair("default")),
    profile = None,
    sdk = None,
    findings = ["profile.not_found", "chain.no_credentials"]
);
// aws-runtime takes AWS_PROFILE as it is: set but empty names the profile "",
// not `default`, so [default]'s keys are never read.
scenario!(
    sdk_reads_an_empty_aws_profile_as_the_profile_named_empty,
    Sandbox::new()
        .var("AWS_PROFILE", "")
        .credentials(&static_pair("default")),
    profile = None,
    sdk = None,
    findings = ["profile.not_found", "chain.no_credentials"]
);
scenario!(
    profile_flag_naming_a_missing_profile_falls_through,
    Sandbox::new().credentials(&static_pair("default")),
    profile = Some("ghost"),
    sdk = None,
    findings = ["profile.not_found"]
);
scenario!(
    custom_credentials_file_path,
    Sandbox::new()
        .file("elsewhere/creds", &static_pair("default"))
        .var("AWS_SHARED_CREDENTIALS_FILE", "{home}/elsewhere/creds"),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = []
);
scenario!(
    config_file_variable_naming_a_missing_file,
    Sandbox::new()
        .var("AWS_CONFIG_FILE", "{home}/nope/config")
        .credentials(&static_pair("default")),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = ["files.env_path_missing"]
);
scenario!(
    quoted_secret_in_file_still_resolves,
    Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = \"{PLANTED_SECRET}\"\n"
    )),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = ["key.whitespace"]
);
scenario!(
    key_id_without_secret_in_profile,
    Sandbox::new().credentials(&format!("[default]\naws_access_key_id = {KEY_ID}\n")),
    profile = None,
    sdk = None,
    findings = ["env.partial_keys"]
);

// --- what the files' rules silently drop ----------------------------------
scenario!(
    profile_prefix_in_credentials_file_is_ignored,
    Sandbox::new()
        .var("AWS_PROFILE", "dev")
        .credentials(&static_pair("profile dev")),
    profile = None,
    sdk = None,
    findings = ["files.credentials_profile_prefix", "profile.not_found"]
);
scenario!(
    missing_profile_prefix_in_config_is_ignored,
    Sandbox::new()
        .var("AWS_PROFILE", "dev")
        .config(&static_pair("dev")),
    profile = None,
    sdk = None,
    findings = ["files.config_missing_profile_prefix", "profile.not_found"]
);
scenario!(duplicate_sections_are_merged, Sandbox::new().credentials(&format!("[default]\naws_access_key_id = {KEY_ID}\n\n[default]\naws_secret_access_key = {PLANTED_SECRET}\n")), profile = None, sdk = Some("ProfileFile"), findings = ["files.duplicate_section"]);
scenario!(
    misspelt_key_leaves_the_profile_without_keys,
    Sandbox::new().credentials(&format!(
        "[default]\naws_acess_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
    )),
    profile = None,
    sdk = None,
    findings = ["files.unknown_key"]
);
scenario!(
    crlf_credentials_file_resolves,
    Sandbox::new().credentials(&static_pair("default").replace('\n', "\r\n")),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = ["files.line_endings"]
);
scenario!(
    byte_order_mark_breaks_the_parser_and_stops_the_chain,
    Sandbox::new()
        .credentials(&format!("\u{feff}{}", static_pair("default")))
        .var("AWS_ACCESS_KEY_ID", ""),
    profile = None,
    sdk = None,
    findings = ["files.parse_error", "chain.provider_failed"]
);
scenario!(
    a_line_without_equals_stops_the_chain,
    Sandbox::new().credentials(&format!("{}region\n", static_pair("default"))),
    profile = None,
    sdk = None,
    findings = ["files.parse_error", "chain.provider_failed"]
);
scenario!(
    profile_default_wins_over_plain_default,
    Sandbox::new().config(&format!(
        "[default]\nregion = a\n{}",
        static_pair("profile default")
    )),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = ["files.duplicate_section"]
);

scenario!(
    credentials_path_that_is_a_directory_is_skipped,
    Sandbox::new()
        .file(".aws/credentials/not-a-file", "")
        .config(&static_pair("default")),
    profile = None,
    sdk = Some("ProfileFile"),
    findings = ["files.unreadable"]
);

// --- role chains that fail before any network call -----------------------
scenario!(
    role_without_source_stops_the_chain,
    Sandbox::new().config("[default]\nrole_arn = arn:aws:iam::123456789012:role/app\n"),
    profile = None,
    sdk = None,
    findings = ["profile.role_without_source", "chain.provider_failed"]
);
scenario!(
    missing_source_profile_falls_through,
    Sandbox::new().config(
        "[default]\nrole_arn = arn:aws:iam::123456789012:role/app\nsource_profile = ghost\n"
    ),
    profile = None,
    sdk = None,
    findings = ["profile.source_profile_missing", "chain.no_credentials"]
);
scenario!(source_profile_cycle_stops_the_chain, Sandbox::new().config("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n"), profile = Some("a"), sdk = None, findings = ["profile.source_profile_cycle"]);

scenario!(
    assume_role_without_a_region_fails_with_missing_signing_region,
    Sandbox::new().credentials(&static_pair("base")).config(
        "[default]\nrole_arn = arn:aws:iam::123456789012:role/app\nsource_profile = base\n"
    ),
    profile = None,
    sdk = None,
    findings = ["chain.provider_failed", "region.missing"]
);

// --- credential_process ------------------------------------------------------
scenario!(
    credential_process_succeeds,
    script(
        Sandbox::new(),
        "bin/creds",
        &process_json("2099-01-01T00:00:00Z")
    )
    .config(
        "[default]\ncredential_process = {home}/bin/creds\n"
            .replace("{home}", "$HOME")
            .as_str()
    ),
    profile = None,
    sdk = Some("CredentialProcess"),
    findings = []
);
scenario!(
    credential_process_fails,
    script(
        Sandbox::new(),
        "bin/creds",
        &format!("echo 'token {PLANTED_TOKEN} refused' >&2; exit 3")
    )
    .config("[default]\ncredential_process = $HOME/bin/creds\n"),
    profile = None,
    sdk = None,
    findings = ["process.failed"]
);
scenario!(
    credential_process_prints_bad_json,
    script(Sandbox::new(), "bin/creds", "echo 'not json at all'")
        .config("[default]\ncredential_process = $HOME/bin/creds\n"),
    profile = None,
    sdk = None,
    findings = ["process.bad_output"]
);
scenario!(
    credential_process_wrong_version,
    script(
        Sandbox::new(),
        "bin/creds",
        &process_json("2099-01-01T00:00:00Z").replace("\"Version\": 1", "\"Version\": 2")
    )
    .config("[default]\ncredential_process = $HOME/bin/creds\n"),
    profile = None,
    sdk = None,
    findings = ["process.bad_output"]
);
scenario!(
    credential_process_returns_expired_credentials,
    script(
        Sandbox::new(),
        "bin/creds",
        &process_json("2001-01-01T00:00:00Z")
    )
    .config("[default]\ncredential_process = $HOME/bin/creds\n"),
    profile = None,
    sdk = Some("CredentialProcess"),
    findings = ["creds.expired"]
);

// --- SSO ---------------------------------------------------------------------
scenario!(sso_session_without_cached_token_stops_the_chain, Sandbox::new().config("[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"), profile = None, sdk = None, findings = ["sso.token_missing"]);
scenario!(legacy_sso_with_expired_token_stops_the_chain, Sandbox::new().config("[default]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n").file(".aws/sso/cache/placeholder", "").file(&sso_cache_file("https://corp.awsapps.com/start"), &format!("{{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"{PLANTED_TOKEN}\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}}")), profile = None, sdk = None, findings = ["sso.token_expired"]);

// --- web identity, container, IMDS, runtime --------------------------------
scenario!(
    web_identity_env_with_missing_token_file_stops_the_chain,
    Sandbox::new()
        .var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/no-token")
        .var("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
    profile = None,
    sdk = None,
    findings = ["web_identity.token_file_missing"]
);
scenario!(web_identity_profile_with_missing_token_file, Sandbox::new().config("[default]\nrole_arn = arn:aws:iam::123456789012:role/irsa\nweb_identity_token_file = /nonexistent/token\n"), profile = None, sdk = None, findings = ["web_identity.token_file_missing"]);
scenario!(
    container_endpoint_refusing_connections_stops_the_chain,
    {
        let url = refused_endpoint();
        Sandbox::new().var(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{url}/creds"),
        )
    },
    profile = None,
    sdk = None,
    findings = ["container.endpoint_unreachable"]
);
scenario!(
    imds_enabled_but_silent_on_loopback,
    {
        let url = refused_endpoint();
        Sandbox::new()
            .unset("AWS_EC2_METADATA_DISABLED")
            .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)
    },
    profile = None,
    sdk = None,
    findings = ["imds.unreachable", "chain.no_credentials"]
);
scenario!(
    container_without_aws_dir,
    Sandbox::new().var("CREDWIZ_CONTAINER", "1"),
    profile = None,
    sdk = None,
    findings = ["runtime.container_without_aws_dir", "chain.no_credentials"]
);

/// Every finding id the foundation promises is asserted by some scenario above.
#[test]
fn every_promised_finding_id_is_asserted_by_a_scenario() {
    let source = include_str!("chain_truth.rs");
    // Each invocation, from `scenario!(` to its closing `);`, as one string.
    let scenarios: Vec<&str> = source
        .split("\nscenario!(")
        .skip(1)
        .filter_map(|chunk| chunk.split("\n);").next())
        .collect();
    assert!(
        scenarios.len() >= 40,
        "at least 40 scenarios, found {}",
        scenarios.len()
    );
    let promised = [
        "env.partial_keys",
        "env.placeholder_key",
        "key.whitespace",
        "key.malformed_id",
        "key.malformed_secret",
        "env.missing_session_token",
        "env.stale_session_token",
        "env.shadows_profile",
        "profile.not_found",
        "profile.role_without_source",
        "profile.source_profile_missing",
        "profile.source_profile_cycle",
        "files.credentials_profile_prefix",
        "files.config_missing_profile_prefix",
        "files.parse_error",
        "files.unknown_key",
        "files.duplicate_section",
        "files.env_path_missing",
        "process.failed",
        "process.bad_output",
        "sso.token_missing",
        "sso.token_expired",
        "web_identity.token_file_missing",
        "container.endpoint_unreachable",
        "imds.unreachable",
        "chain.no_credentials",
        "creds.expired",
        "region.missing",
        "runtime.container_without_aws_dir",
    ];
    for id in promised {
        let quoted = format!("\"{id}\"");
        assert!(
            scenarios.iter().any(|l| l
                .split("findings = [")
                .nth(1)
                .is_some_and(|f| f.contains(&quoted))),
            "no scenario asserts {id}"
        );
        assert!(
            credwiz::findings::FindingId::parse(id).is_some(),
            "{id} is not in the catalogue"
        );
    }
}
