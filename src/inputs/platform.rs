//! Where credwiz runs, from local evidence only (files under /sys and /proc,
//! marker files, environment variables): EC2, a container, Kubernetes,
//! Lambda, WSL. Instant, never the network.
//!
//! Each answer is `Some(true)` on positive evidence, `Some(false)` when the
//! place that would show it was readable and did not, and `None` when
//! nothing could be read (not Linux, a locked-down /sys).

use crate::inputs::environment::EnvSnapshot;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Test hook: the directory that stands in for `/` when reading /sys, /proc
/// and the container marker files. Tests point it at a fake tree.
pub const SYSROOT_VARIABLE: &str = "CREDWIZ_SYSROOT";

/// Largest marker file read; DMI and /proc files are a few bytes.
const MAX_MARKER_BYTES: u64 = 64 * 1024;

/// What the local evidence says about this machine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Platform {
    pub ec2: Option<bool>,
    pub container: Option<bool>,
    pub kubernetes: Option<bool>,
    pub lambda: Option<bool>,
    pub wsl: Option<bool>,
    /// What was seen, one short line each (paths and variable names).
    pub evidence: Vec<String>,
}

impl Platform {
    /// True only when the evidence positively says EC2.
    pub fn is_ec2(&self) -> bool {
        self.ec2 == Some(true)
    }

    /// True only when the evidence positively says WSL.
    pub fn is_wsl(&self) -> bool {
        self.wsl == Some(true)
    }

    /// True only when the evidence positively says a container.
    pub fn is_container(&self) -> bool {
        self.container == Some(true)
    }
}

/// The root to read marker files from: `/`, or the test hook's directory.
pub fn sysroot(env: &EnvSnapshot) -> PathBuf {
    env.get_nonblank(SYSROOT_VARIABLE)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// Reads every piece of evidence once.
pub fn detect(env: &EnvSnapshot, root: &Path) -> Platform {
    let mut platform = Platform::default();
    let evidence = &mut platform.evidence;
    platform.ec2 = ec2(root, evidence);
    platform.container = container(env, root, evidence);
    platform.kubernetes = Some(flag_variable(env, "KUBERNETES_SERVICE_HOST", evidence));
    platform.lambda = Some(flag_variable(env, "AWS_LAMBDA_FUNCTION_NAME", evidence));
    platform.wsl = wsl(env, root, evidence);
    platform
}

fn read_small(path: &Path) -> Option<String> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    file.take(MAX_MARKER_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

fn ec2(root: &Path, evidence: &mut Vec<String>) -> Option<bool> {
    let mut readable = false;
    for name in ["sys_vendor", "board_vendor"] {
        let path = root.join("sys/class/dmi/id").join(name);
        if let Some(text) = read_small(&path) {
            readable = true;
            if text.trim() == "Amazon EC2" {
                evidence.push(format!("/sys/class/dmi/id/{name} is \"Amazon EC2\""));
                return Some(true);
            }
        }
    }
    if let Some(text) = read_small(&root.join("sys/hypervisor/uuid")) {
        readable = true;
        if text.trim().to_ascii_lowercase().starts_with("ec2") {
            evidence.push("/sys/hypervisor/uuid starts with ec2".into());
            return Some(true);
        }
    }
    readable.then_some(false)
}

fn container(env: &EnvSnapshot, root: &Path, evidence: &mut Vec<String>) -> Option<bool> {
    match env.get("CREDWIZ_CONTAINER").map(str::trim) {
        Some("1") | Some("true") => {
            evidence.push("CREDWIZ_CONTAINER=1".into());
            return Some(true);
        }
        Some("0") | Some("false") => return Some(false),
        _ => {}
    }
    for marker in [".dockerenv", "run/.containerenv"] {
        if root.join(marker).exists() {
            evidence.push(format!("/{marker} exists"));
            return Some(true);
        }
    }
    for name in [
        "ECS_CONTAINER_METADATA_URI_V4",
        "ECS_CONTAINER_METADATA_URI",
    ] {
        if env.get_nonblank(name).is_some() {
            evidence.push(format!("{name} is set (ECS)"));
            return Some(true);
        }
    }
    let cgroup = read_small(&root.join("proc/1/cgroup"))?;
    let marker = ["docker", "kubepods", "containerd", "libpod"]
        .into_iter()
        .find(|m| cgroup.contains(m));
    match marker {
        Some(marker) => {
            evidence.push(format!("/proc/1/cgroup mentions {marker}"));
            Some(true)
        }
        None => Some(false),
    }
}

fn flag_variable(env: &EnvSnapshot, name: &str, evidence: &mut Vec<String>) -> bool {
    let set = env.get_nonblank(name).is_some();
    if set {
        evidence.push(format!("{name} is set"));
    }
    set
}

fn wsl(env: &EnvSnapshot, root: &Path, evidence: &mut Vec<String>) -> Option<bool> {
    if env.get_nonblank("WSL_DISTRO_NAME").is_some() {
        evidence.push("WSL_DISTRO_NAME is set".into());
        return Some(true);
    }
    let version = read_small(&root.join("proc/version"))?;
    let wsl = version.to_ascii_lowercase().contains("microsoft");
    if wsl {
        evidence.push("/proc/version mentions Microsoft (WSL)".into());
    }
    Some(wsl)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            std::fs::write(full, text).expect("write");
        }
        dir
    }

    #[test]
    fn nothing_readable_is_unknown_not_false() {
        let dir = tree(&[]);
        let platform = detect(&EnvSnapshot::default(), dir.path());
        assert_eq!(platform.ec2, None);
        assert_eq!(platform.container, None);
        assert_eq!(platform.wsl, None);
        assert_eq!(platform.lambda, Some(false));
        assert!(platform.evidence.is_empty());
    }

    #[test]
    fn dmi_vendor_and_xen_uuid_say_ec2() {
        let dir = tree(&[("sys/class/dmi/id/sys_vendor", "Amazon EC2\n")]);
        assert!(detect(&EnvSnapshot::default(), dir.path()).is_ec2());
        let dir = tree(&[(
            "sys/hypervisor/uuid",
            "ec2e1916-9099-7caf-fd21-012345abcdef\n",
        )]);
        assert!(detect(&EnvSnapshot::default(), dir.path()).is_ec2());
        let dir = tree(&[("sys/class/dmi/id/sys_vendor", "LENOVO\n")]);
        assert_eq!(detect(&EnvSnapshot::default(), dir.path()).ec2, Some(false));
    }

    #[test]
    fn container_kubernetes_lambda_and_wsl() {
        let dir = tree(&[
            (".dockerenv", ""),
            (
                "proc/version",
                "Linux version 5.15.90.1-microsoft-standard-WSL2",
            ),
        ]);
        let env = EnvSnapshot::from_pairs([
            ("KUBERNETES_SERVICE_HOST", "10.0.0.1"),
            ("AWS_LAMBDA_FUNCTION_NAME", "f"),
        ]);
        let platform = detect(&env, dir.path());
        assert!(platform.is_container());
        assert!(platform.is_wsl());
        assert_eq!(platform.kubernetes, Some(true));
        assert_eq!(platform.lambda, Some(true));
        assert_eq!(platform.evidence.len(), 4, "{:?}", platform.evidence);
        let cgroup = tree(&[("proc/1/cgroup", "0::/system.slice/docker-abc.scope\n")]);
        assert!(detect(&EnvSnapshot::default(), cgroup.path()).is_container());
        let host = tree(&[("proc/1/cgroup", "0::/init.scope\n")]);
        assert_eq!(
            detect(&EnvSnapshot::default(), host.path()).container,
            Some(false)
        );
    }
}
