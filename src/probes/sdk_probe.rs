//! `--probe-sdk python|node`: the SDK installed on this machine, run for
//! real as ground truth for its lens. Off by default: it may run a
//! credential_process or call STS, SSO or a metadata service, exactly as the
//! user's program would.
//!
//! The child gets the same environment, a total time bound, and prints one
//! line of JSON with only the method (or credential source), the masked key
//! id and the error's type; nothing else it prints is kept.

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::program::Sdk;
use serde::Serialize;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::AsyncReadExt;

/// How long the real SDK may take, start to finish.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(20);

/// Output beyond this is not read: the scripts print one short line.
const MAX_OUTPUT: u64 = 64 * 1024;

const PYTHON_SCRIPT: &str = r#"
import json, sys
def mask(k):
    return "*" * max(len(k), 4) if len(k) < 12 else k[:4] + "*" * (len(k) - 8) + k[-4:]
out = {"verdict": "none", "provider": None, "access_key_id": None, "error_type": None}
try:
    import botocore.session
except ImportError:
    print(json.dumps({"verdict": "missing_sdk"}))
    sys.exit(0)
try:
    session = botocore.session.Session(profile=(sys.argv[1] or None))
    creds = session.get_credentials()
    if creds is not None:
        out["provider"] = creds.method
        out["access_key_id"] = mask(creds.get_frozen_credentials().access_key)
        out["verdict"] = "resolved"
except Exception as e:
    out["verdict"] = "failed"
    out["error_type"] = type(e).__name__
print(json.dumps(out))
"#;

const NODE_SCRIPT: &str = r#"
const mask = (k) => k.length < 12 ? "*".repeat(Math.max(k.length, 4)) : k.slice(0, 4) + "*".repeat(k.length - 8) + k.slice(-4);
const out = { verdict: "none", provider: null, access_key_id: null, error_type: null };
const provider = (s) => s.CREDENTIALS_ENV_VARS && !s.CREDENTIALS_PROFILE_SOURCE_PROFILE ? "fromEnv"
  : s.CREDENTIALS_PROFILE_PROCESS || s.CREDENTIALS_PROCESS ? "fromProcess"
  : s.CREDENTIALS_PROFILE_SSO || s.CREDENTIALS_PROFILE_SSO_LEGACY || s.CREDENTIALS_SSO ? "fromSSO"
  : s.CREDENTIALS_PROFILE_LOGIN ? "fromLoginCredentials"
  : s.CREDENTIALS_HTTP ? "fromHttp"
  : Object.keys(s).some((k) => k.startsWith("CREDENTIALS_PROFILE")) ? "fromIni"
  : s.CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN ? "fromTokenFile" : "fromInstanceMetadata";
(async () => {
  let fromNodeProviderChain;
  try {
    ({ fromNodeProviderChain } = require("@aws-sdk/credential-providers"));
  } catch (e) {
    process.stdout.write(JSON.stringify({ verdict: "missing_sdk" }) + "\n");
    return;
  }
  try {
    const profile = process.argv[1] || undefined;
    const init = { logger: { debug() {}, info() {}, warn() {}, error() {} } };
    if (profile) init.profile = profile;
    const c = await fromNodeProviderChain(init)();
    out.verdict = "resolved";
    out.provider = provider(c.$source ?? {});
    out.access_key_id = mask(c.accessKeyId);
  } catch (e) {
    const none = /Could not load credentials from any providers/.test(String(e?.message));
    out.verdict = none ? "none" : "failed";
    out.error_type = e?.name ?? "Error";
  }
  process.stdout.write(JSON.stringify(out) + "\n");
})();
"#;

/// What the real SDK said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SdkProbe {
    pub sdk: Sdk,
    /// `resolved`, `failed`, `none`, or `not_run` (no interpreter, no SDK,
    /// timed out, unreadable output; `note` says which).
    pub verdict: String,
    pub provider: Option<String>,
    pub access_key_id: Option<String>,
    pub error_type: Option<String>,
    /// Whether the lens predicted the same verdict, provider and key; None
    /// when the probe did not run or the lens could not tell.
    pub agrees_with_lens: Option<bool>,
    pub note: Option<String>,
}

#[derive(serde::Deserialize)]
struct ProbeLine {
    verdict: String,
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    access_key_id: Option<String>,
    #[serde(default)]
    error_type: Option<String>,
}

impl SdkProbe {
    fn not_run(sdk: Sdk, note: String) -> SdkProbe {
        SdkProbe {
            sdk,
            verdict: "not_run".into(),
            provider: None,
            access_key_id: None,
            error_type: None,
            agrees_with_lens: None,
            note: Some(note),
        }
    }
}

/// Runs the installed SDK once. `project_dir` is where the Node program's
/// `node_modules` lives; Python uses `python3` from PATH.
pub async fn run(
    sdk: Sdk,
    profile: Option<&str>,
    project_dir: Option<&Path>,
    env: &EnvSnapshot,
    timeout: Duration,
) -> SdkProbe {
    let (program, script, node_path) = match sdk {
        Sdk::Python => ("python3", PYTHON_SCRIPT, None),
        Sdk::Node => (
            "node",
            NODE_SCRIPT,
            Some(project_dir.unwrap_or(Path::new(".")).join("node_modules")),
        ),
        Sdk::Rust => {
            return SdkProbe::not_run(sdk, "the Rust chain is what credwiz runs itself".into())
        }
    };
    let mut command = tokio::process::Command::new(program);
    let flag = if sdk == Sdk::Python { "-c" } else { "-e" };
    command
        .args([flag, script, profile.unwrap_or("")])
        .env_clear()
        .envs(env.all())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    if let Some(path) = node_path {
        command.env("NODE_PATH", path);
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return SdkProbe::not_run(sdk, format!("could not start {program}: {e}")),
    };
    let Some(stdout) = child.stdout.take() else {
        return SdkProbe::not_run(sdk, "could not read the probe's output".into());
    };
    let collect = async {
        let mut out = Vec::new();
        let read = stdout.take(MAX_OUTPUT).read_to_end(&mut out).await;
        let status = child.wait().await;
        (read.and(status), out)
    };
    let out = match tokio::time::timeout(timeout, collect).await {
        Ok((Ok(_), out)) => out,
        Ok((Err(e), _)) => return SdkProbe::not_run(sdk, format!("{program} failed: {e}")),
        Err(_) => {
            return SdkProbe::not_run(
                sdk,
                format!(
                    "{program} did not finish within {}s and was killed",
                    timeout.as_secs()
                ),
            )
        }
    };
    let text = String::from_utf8_lossy(&out);
    match serde_json::from_str::<ProbeLine>(text.trim()) {
        Ok(line) if line.verdict == "missing_sdk" => SdkProbe::not_run(sdk, missing_sdk(sdk)),
        Ok(line) => SdkProbe {
            sdk,
            verdict: line.verdict,
            provider: line.provider,
            access_key_id: line.access_key_id,
            error_type: line.error_type,
            agrees_with_lens: None,
            note: None,
        },
        Err(_) => SdkProbe::not_run(sdk, format!("{program} printed no answer")),
    }
}

fn missing_sdk(sdk: Sdk) -> String {
    match sdk {
        Sdk::Node => {
            "@aws-sdk/credential-providers is not in the project's node_modules; give --project-dir"
                .into()
        }
        _ => "botocore is not installed for python3".into(),
    }
}
