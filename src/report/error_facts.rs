//! The facts read from a pasted error, as people read them: one line for
//! the wizard's triage and for `check`'s report.

use crate::inputs::error_facts::{Denial, ErrorFacts};
use crate::inputs::program::Program;

/// What an error says, in one line: `SignatureDoesNotMatch · PutObject on s3 · bucket b · …`.
pub fn line(facts: &ErrorFacts) -> Option<String> {
    let mut parts: Vec<String> = facts.codes.clone();
    match (&facts.operation, &facts.service) {
        (Some(op), Some(service)) => parts.push(format!("{op} on {service}")),
        (Some(op), None) => parts.push(op.clone()),
        (None, Some(service)) => parts.push(format!("service {service}")),
        (None, None) => {}
    }
    if let Some(status) = facts.http_status {
        parts.push(format!("HTTP {status}"));
    }
    let named = [
        ("bucket", &facts.bucket),
        ("key", &facts.key),
        ("principal", &facts.principal_arn),
        ("account", &facts.account),
        ("region", &facts.region),
        ("request id", &facts.request_id),
    ];
    for (name, value) in named {
        if let Some(value) = value {
            parts.push(format!("{name} {value}"));
        }
    }
    if let Some(action) = &facts.action {
        parts.push(format!("action {action}"));
    }
    if let Some(denial) = facts.denial {
        parts.push(format!("denied by {}", denial_label(denial)));
    }
    if let Some(program) = facts.program {
        parts.push(program_label(program).to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The program as people name it, with the SDK that decides its credentials.
pub fn program_label(program: Program) -> &'static str {
    match program {
        Program::Boto3 => "Python (boto3)",
        Program::AwsCli => "Python (AWS CLI)",
        Program::Node => "Node.js (SDK v3)",
        Program::Java => "Java (no lens)",
        Program::Go => "Go (no lens)",
        Program::Rust => "Rust (aws-config)",
        Program::DotNet => ".NET (no lens)",
    }
}

/// The kind of policy a denial blames, in words.
pub fn denial_label(denial: Denial) -> &'static str {
    match denial {
        Denial::NoIdentityPolicy => "no identity-based policy allowing it",
        Denial::ExplicitIdentity => "an explicit deny in an identity-based policy",
        Denial::ResourcePolicy => "a resource-based policy",
        Denial::Scp => "a service control policy",
        Denial::Boundary => "a permissions boundary",
        Denial::SessionPolicy => "a session policy",
    }
}
