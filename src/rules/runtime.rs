//! The finding for a container that has no way to credentials.

use crate::findings::{Finding, FindingId};
use crate::inputs::environment::EnvSnapshot;

/// The container-without-credentials finding, when it applies.
pub fn findings(env: &EnvSnapshot, in_container: bool, has_aws_dir: bool) -> Vec<Finding> {
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
