//! The online part of the divergence suite: the answers the lenses borrow
//! from the Rust walk (assume-role through STS, web identity, SSO, a
//! credential_process, the container endpoint, instance metadata) checked
//! against real botocore and the real Node.js SDK, all three pointed at the
//! same loopback stubs. Each SDK honours the endpoint variable used here
//! (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_SSO`,
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI`, `AWS_EC2_METADATA_SERVICE_ENDPOINT`):
//! `every_sdk_honours_the_loopback_endpoint_variables` shows each stub was
//! asked by each SDK.

use super::sdk_facts::masked;
use super::sdk_lenses::{botocore, keys, node, oracles, Oracles, ROLE, START_URL};
use crate::support::sandbox::*;
use crate::support::world::{
    sso_cache_file, ContainerStub, ImdsStub, SilentServer, SsoPortalStub, StsBehaviour, StsStub,
    StubCredentials,
};
use serde_json::Value;

/// The stubs one scenario talks to; dropped (and stopped) with it.
#[derive(Default)]
struct Stubs {
    sts: Option<StsStub>,
    sso: Option<SsoPortalStub>,
    container: Option<ContainerStub>,
    imds: Option<ImdsStub>,
    silent: Option<SilentServer>,
}

impl Stubs {
    /// Requests each started stub received so far.
    fn asked(&self) -> Vec<(&'static str, usize)> {
        let mut asked = Vec::new();
        if let Some(s) = &self.sts {
            asked.push(("STS", s.requests().len()));
        }
        if let Some(s) = &self.sso {
            asked.push(("SSO portal", s.requests().len()));
        }
        if let Some(s) = &self.container {
            asked.push(("container endpoint", s.requests().len()));
        }
        if let Some(s) = &self.silent {
            asked.push(("silent server", s.connections()));
        }
        if let Some(s) = &self.imds {
            let credentials = s
                .requests()
                .iter()
                .filter(|r| r.path.contains("security-credentials"))
                .count();
            asked.push(("instance metadata", credentials));
        }
        asked
    }

    /// Masked keys the stubs handed out, any of which an SDK may hold.
    fn served_keys(&self) -> Vec<String> {
        let mut served = Vec::new();
        if let Some(s) = &self.sts {
            served.push(masked(&s.assumed_credentials().access_key_id));
        }
        if let Some(s) = &self.sso {
            served.extend(s.served().iter().map(|c| masked(&c.access_key_id)));
        }
        served
    }
}

struct Online {
    name: &'static str,
    sandbox: Sandbox,
    profile: Option<&'static str>,
    stubs: Stubs,
    /// The key every SDK must hold when it is the same for every call.
    key: Option<String>,
    /// True when both SDKs must ask every stub (they resolve through them).
    asks: bool,
}

/// botocore's method or Node's provider function from the oracle's answer.
fn node_provider(js: &Value) -> &'static str {
    let sources: Vec<&str> = js["source"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let has = |code: &str| sources.contains(&code);
    if has("CREDENTIALS_STS_ASSUME_ROLE_WEB_ID") || has("CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN") {
        "fromTokenFile"
    } else if has("CREDENTIALS_PROFILE_SOURCE_PROFILE") || has("CREDENTIALS_PROFILE_NAMED_PROVIDER")
    {
        "fromIni"
    } else if has("CREDENTIALS_PROFILE_SSO") || has("CREDENTIALS_SSO") {
        "fromSSO"
    } else if has("CREDENTIALS_PROFILE_PROCESS") || has("CREDENTIALS_PROCESS") {
        "fromProcess"
    } else if has("CREDENTIALS_HTTP") {
        "fromHttp"
    } else if has("CREDENTIALS_ENV_VARS") {
        "fromEnv"
    } else if has("CREDENTIALS_PROFILE") {
        "fromIni"
    } else {
        "fromInstanceMetadata"
    }
}

/// Everything is on loopback here, so an SDK's network error is its answer.
fn sdk_verdict(oracle: &Value) -> &str {
    match oracle["verdict"].as_str().unwrap_or("") {
        "remote" => "failed",
        other => other,
    }
}

fn compare(
    sdk: &str,
    s: &Online,
    lens: &Value,
    verdict: &str,
    provider: Option<&str>,
    oracle: &Value,
    problems: &mut Vec<String>,
) {
    let mut wrong = Vec::new();
    if lens["verdict"] != verdict {
        wrong.push("verdict");
    }
    match verdict {
        "resolved" => {
            if lens["provider"].as_str() != provider {
                wrong.push("provider");
            }
            let key = oracle["access_key_id"].as_str().unwrap_or("");
            let expected_key = match &s.key {
                Some(k) => lens["access_key_id"] == k.as_str() && key == k,
                // A fresh key per call: each holds one the stub served.
                None => s.stubs.served_keys().iter().any(|k| k == key),
            };
            if !expected_key {
                wrong.push("key");
            }
        }
        "failed" if lens["error"]["type"] != oracle["error"] => wrong.push("error type"),
        _ => {}
    }
    if !wrong.is_empty() {
        problems.push(format!(
            "{}: {sdk} lens {lens} but the real SDK {oracle} ({})",
            s.name,
            wrong.join(", ")
        ));
    }
}

fn check_online(o: &Oracles, s: &Online, problems: &mut Vec<String>) {
    let mut args = Vec::new();
    if let Some(p) = s.profile {
        args.extend(["--profile", p]);
    }
    let (out, json) = s.sandbox.check_json(&args);
    assert_no_secrets(s.name, &out);
    let py = botocore(o, &s.sandbox, s.profile);
    compare(
        "python",
        s,
        &json["sdks"]["python"],
        sdk_verdict(&py),
        py["method"].as_str(),
        &py,
        problems,
    );
    let js = node(o, &s.sandbox, s.profile);
    compare(
        "node",
        s,
        &json["sdks"]["node"],
        sdk_verdict(&js),
        Some(node_provider(&js)),
        &js,
        problems,
    );
    let rust_works = json["sdks"]["rust"]["verdict"] == "resolved";
    for (sdk, verdict, id) in [
        ("python", sdk_verdict(&py), "sdk.python_differs"),
        ("node", sdk_verdict(&js), "sdk.node_differs"),
    ] {
        let raised = finding_ids(&json).iter().any(|f| f == id);
        let lens_same = json["sdks"][sdk]["same_as_rust"].as_bool().unwrap_or(true);
        if raised == lens_same {
            problems.push(format!(
                "{}: {id} raised={raised} but same_as_rust={lens_same}",
                s.name
            ));
        }
        if (verdict == "resolved") != rust_works && !raised {
            problems.push(format!(
                "{}: {sdk} {verdict} vs rust {} without {id}",
                s.name, json["sdks"]["rust"]
            ));
        }
    }
}

fn sts_home(sts: &StsStub, config: &str) -> Sandbox {
    Sandbox::new()
        .credentials(&keys("default", KEY_ID))
        .config(config)
        .var("AWS_ENDPOINT_URL", &sts.url())
}

fn online_scenarios() -> Vec<Online> {
    let mut list = Vec::new();
    let role =
        format!("[profile r]\nrole_arn = {ROLE}\nsource_profile = default\nregion = eu-west-1\n");

    let sts = StsStub::start(StsBehaviour::Success);
    let key = masked(&sts.assumed_credentials().access_key_id);
    list.push(Online {
        name: "assume-role through AWS_ENDPOINT_URL",
        sandbox: sts_home(&sts, &role),
        profile: Some("r"),
        key: Some(key),
        asks: true,
        stubs: Stubs {
            sts: Some(sts),
            ..Stubs::default()
        },
    });

    let sts = StsStub::start(StsBehaviour::Success);
    let key = masked(&sts.assumed_credentials().access_key_id);
    list.push(Online {
        name: "assume-role through AWS_ENDPOINT_URL_STS",
        sandbox: Sandbox::new()
            .credentials(&keys("default", KEY_ID))
            .config(&role)
            .var("AWS_ENDPOINT_URL_STS", &sts.url())
            .var("AWS_PROFILE", "r"),
        profile: None,
        key: Some(key),
        asks: true,
        stubs: Stubs {
            sts: Some(sts),
            ..Stubs::default()
        },
    });

    let sts = StsStub::error(
        403,
        "AccessDenied",
        "User: arn:aws:iam::123456789012:user/u is not authorized to perform: sts:AssumeRole",
    );
    list.push(Online {
        name: "assume-role that STS refuses",
        sandbox: sts_home(&sts, &role),
        profile: Some("r"),
        key: None,
        asks: true,
        stubs: Stubs {
            sts: Some(sts),
            ..Stubs::default()
        },
    });

    let sts = StsStub::start(StsBehaviour::Success);
    let key = masked(&sts.assumed_credentials().access_key_id);
    list.push(Online {
        name: "role chain of two hops",
        sandbox: sts_home(
            &sts,
            &format!(
                "{role}[profile r2]\nrole_arn = {ROLE}2\nsource_profile = r\nregion = eu-west-1\n"
            ),
        ),
        profile: Some("r2"),
        key: Some(key),
        asks: true,
        stubs: Stubs {
            sts: Some(sts),
            ..Stubs::default()
        },
    });

    let sts = StsStub::start(StsBehaviour::Success);
    let key = masked(&sts.assumed_credentials().access_key_id);
    list.push(Online {
        name: "web identity from the environment",
        sandbox: Sandbox::new()
            .file("token", "header.payload.sig")
            .var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token")
            .var("AWS_ROLE_ARN", ROLE)
            .var("AWS_DEFAULT_REGION", "eu-west-1")
            .var("AWS_REGION", "eu-west-1")
            .var("AWS_ENDPOINT_URL", &sts.url()),
        profile: None,
        key: Some(key),
        asks: true,
        stubs: Stubs {
            sts: Some(sts),
            ..Stubs::default()
        },
    });

    let sts = StsStub::start(StsBehaviour::Success);
    let key = masked(&sts.assumed_credentials().access_key_id);
    let sandbox = Sandbox::new().file("token", "header.payload.sig");
    let token = sandbox.home_path().join("token").display().to_string();
    list.push(Online {
        name: "web identity in a profile",
        sandbox: sandbox
            .config(&format!(
                "[profile w]\nrole_arn = {ROLE}\nweb_identity_token_file = {token}\nregion = eu-west-1\n"
            ))
            .var("AWS_ENDPOINT_URL", &sts.url()),
        profile: Some("w"),
        key: Some(key),
        asks: true,
        stubs: Stubs { sts: Some(sts), ..Stubs::default() },
    });

    let sts = StsStub::start(StsBehaviour::Success);
    let key = masked(&sts.assumed_credentials().access_key_id);
    let imds = ImdsStub::with_role("web", StubCredentials::fresh());
    list.push(Online {
        name: "credential_source Ec2InstanceMetadata through STS",
        sandbox: imds_home(&imds)
            .config(&format!("[profile r]\nrole_arn = {ROLE}\ncredential_source = Ec2InstanceMetadata\nregion = eu-west-1\n"))
            .var("AWS_ENDPOINT_URL", &sts.url()),
        profile: Some("r"),
        key: Some(key),
        asks: true,
        stubs: Stubs { sts: Some(sts), imds: Some(imds), ..Stubs::default() },
    });

    let sts = StsStub::start(StsBehaviour::Success);
    let key = masked(&sts.assumed_credentials().access_key_id);
    let container = ContainerStub::start("/creds", StubCredentials::fresh(), None);
    list.push(Online {
        name: "credential_source EcsContainer through STS",
        sandbox: Sandbox::new()
            .config(&format!("[profile r]\nrole_arn = {ROLE}\ncredential_source = EcsContainer\nregion = eu-west-1\n"))
            .var("AWS_CONTAINER_CREDENTIALS_FULL_URI", &container.url())
            .var("AWS_ENDPOINT_URL", &sts.url()),
        profile: Some("r"),
        key: Some(key),
        asks: true,
        stubs: Stubs { sts: Some(sts), container: Some(container), ..Stubs::default() },
    });

    let imds = ImdsStub::with_role("web", StubCredentials::fresh());
    list.push(Online {
        name: "container endpoint refusing beside instance metadata serving a role",
        sandbox: imds_home(&imds).var(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/creds", refused_endpoint()),
        ),
        profile: None,
        key: None,
        asks: false,
        stubs: Stubs {
            imds: Some(imds),
            ..Stubs::default()
        },
    });

    let sso = SsoPortalStub::start();
    list.push(Online {
        name: "SSO profile with a cached token",
        sandbox: sso_home().var("AWS_ENDPOINT_URL_SSO", &sso.url()),
        profile: Some("s"),
        key: None,
        asks: true,
        stubs: Stubs {
            sso: Some(sso),
            ..Stubs::default()
        },
    });

    list.push(Online {
        name: "credential_process printing keys",
        sandbox: Sandbox::new().config(&format!(
            "[default]\ncredential_process = printf '{{\"Version\": 1, \"AccessKeyId\": \"{KEY_ID}\", \"SecretAccessKey\": \"{PLANTED_SECRET}\"}}'\n"
        )),
        profile: None,
        key: Some(masked(KEY_ID)),
        asks: true,
        stubs: Stubs::default(),
    });

    let served = StubCredentials::fresh();
    let key = masked(&served.access_key_id);
    let container = ContainerStub::start("/creds", served, None);
    list.push(Online {
        name: "container endpoint serving credentials",
        sandbox: Sandbox::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", &container.url()),
        profile: None,
        key: Some(key),
        asks: true,
        stubs: Stubs {
            container: Some(container),
            ..Stubs::default()
        },
    });

    let served = StubCredentials::fresh();
    let key = masked(&served.access_key_id);
    let container = ContainerStub::start("/creds", served, Some("Bearer credwiz-test"));
    list.push(Online {
        name: "container endpoint with an authorization token",
        sandbox: Sandbox::new()
            .var("AWS_CONTAINER_CREDENTIALS_FULL_URI", &container.url())
            .var("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer credwiz-test"),
        profile: None,
        key: Some(key),
        asks: true,
        stubs: Stubs {
            container: Some(container),
            ..Stubs::default()
        },
    });

    let container = ContainerStub::start("/creds", StubCredentials::fresh(), None);
    list.push(Online {
        name: "container endpoint answering 404",
        sandbox: Sandbox::new().var(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/elsewhere", container.base_url()),
        ),
        profile: None,
        key: None,
        asks: false,
        stubs: Stubs {
            container: Some(container),
            ..Stubs::default()
        },
    });

    list.push(Online {
        name: "container endpoint refusing connections",
        sandbox: Sandbox::new().var(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/creds", refused_endpoint()),
        ),
        profile: None,
        key: None,
        asks: false,
        stubs: Stubs::default(),
    });

    let served = StubCredentials::fresh();
    let key = masked(&served.access_key_id);
    let imds = ImdsStub::with_role("web", served);
    list.push(Online {
        name: "instance metadata serving a role",
        sandbox: imds_home(&imds),
        profile: None,
        key: Some(key),
        asks: true,
        stubs: Stubs {
            imds: Some(imds),
            ..Stubs::default()
        },
    });

    let imds = ImdsStub::no_role();
    list.push(Online {
        name: "instance metadata without a role",
        sandbox: imds_home(&imds),
        profile: None,
        key: None,
        asks: false,
        stubs: Stubs {
            imds: Some(imds),
            ..Stubs::default()
        },
    });

    let imds = ImdsStub::disabled();
    list.push(Online {
        name: "instance metadata turned off for the instance",
        sandbox: imds_home(&imds),
        profile: None,
        key: None,
        asks: false,
        stubs: Stubs {
            imds: Some(imds),
            ..Stubs::default()
        },
    });

    let silent = SilentServer::start();
    list.push(Online {
        name: "instance metadata accepting connections and never answering",
        sandbox: Sandbox::new()
            .unset("AWS_EC2_METADATA_DISABLED")
            .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &silent.url()),
        profile: None,
        key: None,
        asks: false,
        stubs: Stubs {
            silent: Some(silent),
            ..Stubs::default()
        },
    });

    let imds = ImdsStub::hop_limit();
    list.push(Online {
        name: "instance metadata behind the IMDSv2 hop limit",
        sandbox: imds_home(&imds),
        profile: None,
        key: None,
        asks: false,
        stubs: Stubs {
            imds: Some(imds),
            ..Stubs::default()
        },
    });

    list.push(Online {
        name: "instance metadata refusing connections",
        sandbox: Sandbox::new()
            .unset("AWS_EC2_METADATA_DISABLED")
            .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &refused_endpoint()),
        profile: None,
        key: None,
        asks: false,
        stubs: Stubs::default(),
    });

    let served = StubCredentials::fresh();
    let key = masked(&served.access_key_id);
    let imds = ImdsStub::with_role("web", served);
    list.push(Online {
        name: "AWS_PROFILE naming a missing profile with instance metadata",
        sandbox: imds_home(&imds)
            .credentials(&keys("default", KEY_ID))
            .var("AWS_PROFILE", "ghost"),
        profile: None,
        key: Some(key),
        asks: false,
        stubs: Stubs {
            imds: Some(imds),
            ..Stubs::default()
        },
    });
    list
}

fn sso_home() -> Sandbox {
    let token = format!(
        "{{\"startUrl\": \"{START_URL}\", \"region\": \"eu-west-1\", \"accessToken\": \"{PLANTED_TOKEN}\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}}"
    );
    Sandbox::new()
        .config(&format!(
            "[profile s]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\n"
        ))
        .file(&sso_cache_file("corp"), &token)
}

fn imds_home(imds: &ImdsStub) -> Sandbox {
    Sandbox::new()
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url())
}

#[test]
fn borrowed_answers_agree_with_the_real_sdks_online() {
    let Some(o) = oracles() else {
        eprintln!("no world venv or Node SDK; skipping the online divergence suite outside CI");
        return;
    };
    let scenarios = online_scenarios();
    let mut problems = Vec::new();
    for scenario in &scenarios {
        check_online(&o, scenario, &mut problems);
    }
    eprintln!("{} online scenarios", scenarios.len());
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Each stub a scenario points the SDKs at was asked by both real SDKs:
/// a variable an SDK ignored would leave its stub unasked (or send it off
/// the machine, which the oracles refuse).
#[test]
fn every_sdk_honours_the_loopback_endpoint_variables() {
    let Some(o) = oracles() else { return };
    let scenarios = online_scenarios();
    for scenario in scenarios.iter().filter(|s| s.asks) {
        for (sdk, run) in [
            (
                "botocore",
                botocore as fn(&Oracles, &Sandbox, Option<&str>) -> Value,
            ),
            ("node", node),
        ] {
            let before = scenario.stubs.asked();
            let answer = run(&o, &scenario.sandbox, scenario.profile);
            for ((stub, was), (_, now)) in before.iter().zip(scenario.stubs.asked()) {
                assert!(
                    now > *was,
                    "{}: {sdk} never asked the {stub} stub: {answer}",
                    scenario.name
                );
            }
        }
    }
}
