//! Read-only by default: an SSO token in its refresh window is refreshed by
//! the SDK, which rewrites `~/.aws/sso/cache/<sha1>.json`. credwiz reports
//! that the program would refresh it and leaves the file alone; only
//! `--allow-refresh` lets the SDK do it. HOME is hashed before and after.

use crate::harness::{command, hash_tree, run_hostile};
use crate::sandbox::Sandbox;
use crate::support::world::{rfc3339, sso_cache_file, SsoOidcStub};
use std::time::{Duration, SystemTime};

fn refreshable_sso(endpoint: &str) -> Sandbox {
    let now = SystemTime::now();
    let soon = rfc3339(now + Duration::from_secs(120));
    let later = rfc3339(now + Duration::from_secs(30 * 24 * 3600));
    Sandbox::new()
        .config(
            "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = dev\nregion = eu-west-1\n\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
        )
        .file(
            &sso_cache_file("corp"),
            &format!(
                r#"{{"startUrl":"https://corp.awsapps.com/start","region":"eu-west-1","accessToken":"CachedAccessToken0123456789abcdefXYZ","expiresAt":"{soon}","clientId":"ClientId0123456789","clientSecret":"ClientSecret0123456789abcdefXYZ","registrationExpiresAt":"{later}","refreshToken":"CachedRefreshToken0123456789abcdefXYZ"}}"#
            ),
        )
        .var("AWS_ENDPOINT_URL", endpoint)
}

#[test]
fn a_token_in_its_refresh_window_is_reported_not_refreshed() {
    let oidc = SsoOidcStub::start();
    let sandbox = refreshable_sso(&oidc.url());
    for args in [
        &["check", "--profile", "sso"][..],
        &["check", "--profile", "sso", "--json"],
        &["run", "no-credentials", "--profile", "sso"],
    ] {
        // run_hostile asserts HOME unchanged.
        let run = run_hostile(
            "SSO token in its refresh window",
            &sandbox,
            args,
            Duration::from_secs(20),
        );
        assert!(
            run.stdout().contains("would refresh the cached SSO token"),
            "{args:?}: {}",
            run.stdout()
        );
    }
    assert!(
        !oidc.requests().iter().any(|r| r.path.starts_with("/token")),
        "credwiz asked for a token refresh"
    );
}

#[test]
fn allow_refresh_lets_the_sdk_refresh_and_rewrite_the_cache() {
    let oidc = SsoOidcStub::start();
    let sandbox = refreshable_sso(&oidc.url());
    let before = hash_tree(sandbox.home_path());
    let out = command(&sandbox, &["check", "--profile", "sso", "--allow-refresh"])
        .output()
        .expect("credwiz");
    assert!(matches!(out.status.code(), Some(0..=3)), "{out:?}");
    assert!(
        oidc.requests().iter().any(|r| r.path.starts_with("/token")),
        "the SDK did not refresh: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_ne!(
        before,
        hash_tree(sandbox.home_path()),
        "the SDK wrote nothing"
    );
}

#[test]
fn with_allow_refresh_credwiz_keeps_a_copy_of_the_sso_cache_first() {
    let oidc = SsoOidcStub::start();
    let sandbox = refreshable_sso(&oidc.url());
    let cache_dir = sandbox.home_path().join(".aws/sso/cache");
    let cache = std::fs::read_dir(&cache_dir)
        .expect("cache dir")
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|e| e == "json"))
        .expect("the cached token");
    let before = std::fs::read(&cache).expect("cache");
    let out = command(
        &sandbox,
        &["check", "--json", "--profile", "sso", "--allow-refresh"],
    )
    .output()
    .expect("credwiz");
    let mut copy = cache.clone().into_os_string();
    copy.push(".credwiz-backup");
    assert_eq!(
        std::fs::read(&copy).expect("the copy credwiz kept"),
        before,
        "the copy holds the token as it was"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        json["findings"].to_string().contains("refresh.backup"),
        "{json:#}"
    );
}
