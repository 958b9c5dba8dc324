//! Whether credwiz runs inside a container, where `~/.aws` from the host is
//! usually absent and credentials must come from the environment or a role.

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

/// True when the home directory holds a `.aws` folder, or a link by that
/// name (even one that loops or dangles: the folder is not "missing", and
/// the file findings say what is wrong with it).
pub fn home_has_aws_dir(env: &EnvSnapshot) -> bool {
    env.home_dir().is_some_and(|h| {
        let aws = h.join(".aws");
        aws.is_dir() || std::fs::symlink_metadata(&aws).is_ok_and(|m| m.is_symlink())
    })
}
