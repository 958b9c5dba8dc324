//! Whether credwiz runs inside a container, where `~/.aws` from the host is
//! usually absent and credentials must come from the environment or a role.

use crate::findings::{Finding, FindingId};
use crate::inputs::environment::EnvSnapshot;
use std::path::Path;

/// True inside Docker, Podman, containerd or Kubernetes. `CREDWIZ_CONTAINER`
/// (`1` / `0`) overrides the detection where its markers are missing.
pub fn in_container(env: &EnvSnapshot, root: &Path) -> bool {
    match env.get("CREDWIZ_CONTAINER").map(str::trim) {
        Some("1") | Some("true") => return true,
        Some("0") | Some("false") => return false,
        _ => {}
    }
    if root.join(".dockerenv").exists() || root.join("run/.containerenv").exists() {
        return true;
    }
    std::fs::read_to_string(root.join("proc/1/cgroup"))
        .map(|text| {
            ["docker", "kubepods", "containerd", "libpod"]
                .iter()
                .any(|m| text.contains(m))
        })
        .unwrap_or(false)
}

/// The container-without-credentials finding, when it applies.
pub fn findings(env: &EnvSnapshot, in_container: bool) -> Vec<Finding> {
    let has_aws_dir = env.home_dir().is_some_and(|h| h.join(".aws").is_dir());
    let has_env_keys = env.get_nonblank("AWS_ACCESS_KEY_ID").is_some();
    let has_role_source = [
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ]
    .iter()
    .any(|v| env.get_nonblank(v).is_some());
    if !in_container || has_aws_dir || has_env_keys || has_role_source {
        return Vec::new();
    }
    vec![Finding::new(
        FindingId::RuntimeContainerWithoutAwsDir,
        "running in a container with no ~/.aws and no credentials in the environment",
        format!("HOME={}; the host's ~/.aws is not visible inside the container", env.get("HOME").unwrap_or("(unset)")),
        "docker run -v \"$HOME/.aws:/root/.aws:ro\" -e AWS_PROFILE ...   # or pass keys: -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY; on ECS/EKS attach a task role / IRSA",
    )]
}
