//! Files that are not files: a FIFO, `/dev/zero`, `/dev/urandom`, a
//! directory, a symbolic link loop or invalid UTF-8 where credwiz (or the SDK
//! inside it) reads an AWS file, a token file, an SSO cache or a playbook.
//! Each ends within seconds with a message naming the path and what it is,
//! and the right fix (no `chmod 600` for a directory).

use crate::harness::run_hostile;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use crate::support::world::sso_cache_file;
use std::path::Path;
use std::time::Duration;

const BOUND: Duration = Duration::from_secs(15);

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn keys() -> String {
    format!("[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n")
}

#[test]
fn a_fifo_as_the_config_file_is_reported_not_waited_on() {
    let sandbox = Sandbox::new().credentials(&keys());
    mkfifo(&sandbox.home_path().join(".aws/config"));
    for args in [
        &["check"][..],
        &["check", "--offline", "--json"],
        &["run", "no-credentials", "--offline", "--sdk", "rust"],
    ] {
        let run = run_hostile(&format!("FIFO config: {args:?}"), &sandbox, args, BOUND);
        assert_eq!(run.code(), Some(1), "{}", run.all());
        assert!(run.stdout().contains("FIFO"), "{}", run.stdout());
    }
    let run = run_hostile("FIFO config: check", &sandbox, &["check"], BOUND);
    assert!(
        run.stdout()
            .contains("the program would hang here: ~/.aws/config is a FIFO"),
        "{}",
        run.stdout()
    );
    assert!(!run.stdout().contains("chmod 600"), "{}", run.stdout());
    let run = run_hostile("FIFO config: resolve", &sandbox, &["resolve"], BOUND);
    assert_eq!(run.code(), Some(1));
    assert!(run.stderr().contains("would hang"), "{}", run.stderr());
}

#[test]
fn endless_devices_as_aws_files_are_reported() {
    for (variable, device) in [
        ("AWS_CONFIG_FILE", "/dev/zero"),
        ("AWS_CONFIG_FILE", "/dev/urandom"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero"),
    ] {
        let sandbox = Sandbox::new().var(variable, device);
        let label = format!("{variable}={device}");
        let run = run_hostile(&label, &sandbox, &["check"], BOUND);
        assert_eq!(run.code(), Some(1), "{label}: {}", run.all());
        assert!(
            run.stdout()
                .contains(&format!("{device}: a character device")),
            "{label}: {}",
            run.stdout()
        );
        let run = run_hostile(&label, &sandbox, &["resolve"], BOUND);
        assert_eq!(run.code(), Some(1), "{label}: {}", run.all());
    }
}

#[test]
fn dev_null_as_the_config_file_is_an_empty_file() {
    let sandbox = Sandbox::new().var("AWS_CONFIG_FILE", "/dev/null");
    let run = run_hostile(
        "AWS_CONFIG_FILE=/dev/null",
        &sandbox,
        &["check", "--offline"],
        BOUND,
    );
    assert!(!run.stdout().contains("cannot be read"), "{}", run.stdout());
}

#[test]
fn a_directory_a_link_loop_and_latin1_get_their_own_fix() {
    let dir = Sandbox::new();
    std::fs::create_dir_all(dir.home_path().join(".aws/config")).expect("mkdir");
    let looped = Sandbox::new();
    let aws = looped.home_path().join(".aws");
    std::fs::create_dir_all(&aws).expect("mkdir");
    std::os::unix::fs::symlink(aws.join("b"), aws.join("config")).expect("link");
    std::os::unix::fs::symlink(aws.join("config"), aws.join("b")).expect("link");
    let latin1 = Sandbox::new();
    std::fs::create_dir_all(latin1.home_path().join(".aws")).expect("mkdir");
    std::fs::write(
        latin1.home_path().join(".aws/config"),
        b"[default]\nregion = caf\xe9\n",
    )
    .expect("write");
    for (label, sandbox, says, fix) in [
        (
            "directory",
            &dir,
            "a directory, not a regular file",
            "replace ~/.aws/config",
        ),
        (
            "link loop",
            &looped,
            "a loop of symbolic links",
            "ls -l ~/.aws/config   # then remove the looping link",
        ),
        (
            "latin-1",
            &latin1,
            "not UTF-8 text (invalid byte at offset 22)",
            "save ~/.aws/config as UTF-8",
        ),
    ] {
        let run = run_hostile(label, sandbox, &["check", "--offline"], BOUND);
        let out = run.stdout();
        assert!(out.contains(says), "{label}: {out}");
        assert!(out.contains(fix), "{label}: {out}");
        assert!(!out.contains("chmod 600"), "{label}: {out}");
    }
}

#[test]
fn a_fifo_as_the_web_identity_token_file_is_reported() {
    let sandbox = Sandbox::new()
        .var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token")
        .var("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web")
        .var("AWS_REGION", "eu-west-1");
    mkfifo(&sandbox.home_path().join("token"));
    let run = run_hostile("FIFO token file", &sandbox, &["check"], BOUND);
    assert_eq!(run.code(), Some(1), "{}", run.all());
    assert!(
        run.stdout().contains("would hang here") && run.stdout().contains("token is a FIFO"),
        "{}",
        run.stdout()
    );
    let run = run_hostile("FIFO token file: resolve", &sandbox, &["resolve"], BOUND);
    assert_eq!(run.code(), Some(1), "{}", run.all());
}

#[test]
fn a_fifo_as_the_sso_cache_file_is_reported() {
    let sandbox = Sandbox::new().config(
        "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = dev\nregion = eu-west-1\n\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
    );
    // The cache file the SDK reads for session "corp".
    let cache = sandbox.home_path().join(sso_cache_file("corp"));
    mkfifo(&cache);
    let run = run_hostile(
        "FIFO SSO cache",
        &sandbox,
        &["check", "--profile", "sso"],
        BOUND,
    );
    assert_eq!(run.code(), Some(1), "{}", run.all());
    assert!(run.stdout().contains("would hang here"), "{}", run.stdout());
    assert!(run.stdout().contains("FIFO"), "{}", run.stdout());
}

#[test]
fn a_fifo_in_the_user_playbook_folder_is_a_broken_playbook() {
    let sandbox = Sandbox::new().var("XDG_CONFIG_HOME", "{home}/.config");
    mkfifo(
        &sandbox
            .home_path()
            .join(".config/credwiz/playbooks/stuck.toml"),
    );
    for args in [
        &["playbooks", "list"][..],
        &["playbooks", "check"],
        &["run", "no-credentials", "--offline"],
    ] {
        let run = run_hostile(&format!("FIFO playbook: {args:?}"), &sandbox, args, BOUND);
        assert!(
            run.all().contains("stuck.toml") && run.all().contains("FIFO"),
            "{args:?}: {}",
            run.all()
        );
    }
}

#[test]
fn a_fifo_as_the_console_login_cache_is_reported() {
    let arn = "arn:aws:sts::123456789012:assumed-role/dev/me";
    let sandbox = Sandbox::new().config(&format!(
        "[profile dev]\nregion = us-east-1\nlogin_session = {arn}\n"
    ));
    mkfifo(
        &sandbox
            .home_path()
            .join(crate::support::world::login_cache_file(arn)),
    );
    for args in [
        &["check", "--profile", "dev"][..],
        &["check", "--profile", "dev", "--offline"],
    ] {
        let run = run_hostile("FIFO login cache", &sandbox, args, BOUND);
        assert_eq!(run.code(), Some(1), "{args:?}: {}", run.all());
        assert!(run.stdout().contains("FIFO"), "{args:?}: {}", run.stdout());
    }
}

/// `/dev/zero` and `/dev/urandom` never end: as the web identity token file,
/// behind the SSO cache's name, or linked into the user playbook folder.
#[test]
fn endless_devices_as_token_cache_and_playbook_files_are_reported() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let token = Sandbox::new()
            .var("AWS_WEB_IDENTITY_TOKEN_FILE", device)
            .var("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web")
            .var("AWS_REGION", "eu-west-1");
        let run = run_hostile(&format!("token file {device}"), &token, &["check"], BOUND);
        assert_eq!(run.code(), Some(1), "{device}: {}", run.all());
        assert!(
            run.stdout()
                .contains(&format!("would hang here: {device} is a character device")),
            "{device}: {}",
            run.stdout()
        );

        let sso = Sandbox::new().config(
            "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = dev\nregion = eu-west-1\n\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
        );
        // sha1("corp"), the cache name the SDK uses for session "corp".
        let cache = sso
            .home_path()
            .join(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json");
        std::fs::create_dir_all(cache.parent().expect("parent")).expect("mkdir");
        std::os::unix::fs::symlink(device, &cache).expect("link");
        let run = run_hostile(
            &format!("SSO cache -> {device}"),
            &sso,
            &["check", "--profile", "sso"],
            BOUND,
        );
        assert_eq!(run.code(), Some(1), "{device}: {}", run.all());
        assert!(
            run.stdout().contains("would hang here") && run.stdout().contains("a character device"),
            "{device}: {}",
            run.stdout()
        );

        let playbooks = Sandbox::new().var("XDG_CONFIG_HOME", "{home}/.config");
        let folder = playbooks.home_path().join(".config/credwiz/playbooks");
        std::fs::create_dir_all(&folder).expect("mkdir");
        std::os::unix::fs::symlink(device, folder.join("endless.toml")).expect("link");
        for args in [
            &["playbooks", "list"][..],
            &["run", "no-credentials", "--offline"],
        ] {
            let run = run_hostile(
                &format!("playbook -> {device}: {args:?}"),
                &playbooks,
                args,
                BOUND,
            );
            assert!(
                run.all()
                    .contains("endless.toml: cannot read: a character device"),
                "{device} {args:?}: {}",
                run.all()
            );
        }
    }
}
