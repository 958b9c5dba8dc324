//! What a pasted error says, as typed facts: the error code, the service and
//! operation, the HTTP status, the bucket and key, the account and principal,
//! the region, the URL, the request id and the program that printed it.
//!
//! This is the one place that reads an error text. Every value is taken from
//! the raw text and then cleaned on its own (signatures and tokens hidden,
//! key ids masked), so facts can be shown anywhere and never carry a secret.

use crate::inputs::program::{self, Program};
use regex_lite::{Captures, Regex};
use serde::Serialize;
use std::sync::LazyLock;

/// Everything credwiz could read out of an error text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ErrorFacts {
    /// Error codes (`SignatureDoesNotMatch`, `NoCredentialsError`), in the
    /// order the text names them, without repeats.
    pub codes: Vec<String>,
    /// The service, lower case as in endpoints and IAM actions (`s3`, `sts`).
    pub service: Option<String>,
    /// The API operation (`PutObject`, `GetCallerIdentity`).
    pub operation: Option<String>,
    pub http_status: Option<u16>,
    pub bucket: Option<String>,
    pub key: Option<String>,
    /// The 12-digit account of the principal (or of the first ARN naming one).
    pub account: Option<String>,
    /// The IAM principal the error names (`User: arn:…`).
    pub principal_arn: Option<String>,
    /// The IAM action a denial names (`s3:GetObject`).
    pub action: Option<String>,
    /// Which kind of policy a denial blames, as its message says after
    /// "because" or "with an explicit deny in".
    pub denial: Option<Denial>,
    pub region: Option<String>,
    /// The first URL in the text, whole (query string kept, secrets hidden).
    pub url: Option<String>,
    pub request_id: Option<String>,
    pub program: Option<Program>,
}

mod patterns;
use patterns::*;

/// The kind of policy an AccessDenied message blames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Denial {
    NoIdentityPolicy,
    ExplicitIdentity,
    ResourcePolicy,
    Scp,
    Boundary,
    SessionPolicy,
}

impl Denial {
    /// The name playbooks match (`no_identity_policy`, `scp`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Denial::NoIdentityPolicy => "no_identity_policy",
            Denial::ExplicitIdentity => "explicit_identity",
            Denial::ResourcePolicy => "resource_policy",
            Denial::Scp => "scp",
            Denial::Boundary => "boundary",
            Denial::SessionPolicy => "session_policy",
        }
    }
}

/// The phrase of AWS's denial messages that names each kind, lower case.
const DENIAL_PHRASES: &[(&str, Denial)] = &[
    ("explicit deny in a service control policy", Denial::Scp),
    ("explicit deny in a permissions boundary", Denial::Boundary),
    ("explicit deny in a session policy", Denial::SessionPolicy),
    (
        "explicit deny in an identity-based policy",
        Denial::ExplicitIdentity,
    ),
    (
        "explicit deny in a resource-based policy",
        Denial::ResourcePolicy,
    ),
    ("no resource-based policy allows", Denial::ResourcePolicy),
    ("no identity-based policy allows", Denial::NoIdentityPolicy),
    ("no permissions boundary allows", Denial::Boundary),
    ("no session policy allows", Denial::SessionPolicy),
];

/// Reads every fact it can from an error text.
pub fn extract(text: &str) -> ErrorFacts {
    let mut facts = ErrorFacts {
        codes: codes(text),
        program: program::detect(text),
        ..ErrorFacts::default()
    };
    operation_and_service(text, &mut facts);
    facts.http_status = status(text);
    facts.request_id = first(&XML_REQUEST_ID, text, 1).or_else(|| first(&REQUEST_ID, text, 1));
    principal_and_account(text, &mut facts);
    facts.action = first(&ACTION, text, 1);
    let lower = text.to_ascii_lowercase();
    facts.denial = DENIAL_PHRASES
        .iter()
        .find(|(phrase, _)| lower.contains(phrase))
        .map(|(_, kind)| *kind);
    if let Some(url) = first(&URL, text, 0) {
        url_facts(
            url.trim_end_matches(['.', ',', ';', ':', ')', ']']),
            &mut facts,
        );
    }
    bucket_and_key(text, &mut facts);
    if facts.region.is_none() || text.contains("expecting '") {
        facts.region = region(text).or(facts.region.take());
    }
    if facts.service.is_none() {
        facts.service = facts
            .action
            .as_deref()
            .and_then(|a| a.split(':').next())
            .map(str::to_string)
            .or_else(|| facts.bucket.as_ref().map(|_| "s3".to_string()));
    }
    facts.clean();
    facts
}

impl ErrorFacts {
    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        *self == ErrorFacts::default()
    }

    /// True when the error is a denial by policy (AuthZ), not a rejected key.
    pub fn is_access_denied(&self) -> bool {
        self.codes
            .iter()
            .any(|c| DENIAL_CODES.contains(&c.as_str()))
            || self.action.is_some()
            || (self.http_status == Some(403) && self.codes.is_empty())
    }

    /// True when `code` is one of the error's codes (case ignored).
    pub fn has_code(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c.eq_ignore_ascii_case(code))
    }

    /// The value of a fact by the name playbooks use for it.
    pub fn value(&self, name: &str) -> Option<String> {
        match name {
            "code" => self.codes.first().cloned(),
            "service" => self.service.clone(),
            "operation" => self.operation.clone(),
            "http_status" => self.http_status.map(|s| s.to_string()),
            "bucket" => self.bucket.clone(),
            "key" => self.key.clone(),
            "account" => self.account.clone(),
            "principal" => self.principal_arn.clone(),
            "action" => self.action.clone(),
            "denial" => self.denial.map(|d| d.as_str().to_string()),
            "region" => self.region.clone(),
            "url" => self.url.clone(),
            "request_id" => self.request_id.clone(),
            "program" => self.program.map(program_name),
            _ => None,
        }
    }

    /// True when the fact `name` has `value` (codes: any of them), case ignored.
    pub fn is(&self, name: &str, value: &str) -> bool {
        if name == "code" {
            return self.has_code(value);
        }
        self.value(name)
            .is_some_and(|v| v.eq_ignore_ascii_case(value))
    }

    /// Fills what `self` lacks from `other` (codes are added), for a paste
    /// that arrives in pieces.
    pub fn merge(&mut self, other: ErrorFacts) {
        for code in other.codes {
            if !self.has_code(&code) {
                self.codes.push(code);
            }
        }
        macro_rules! fill {
            ($($field:ident),*) => { $( if self.$field.is_none() { self.$field = other.$field; } )* };
        }
        fill!(
            service,
            operation,
            http_status,
            bucket,
            key,
            account,
            principal_arn
        );
        fill!(action, denial, region, url, request_id, program);
    }

    /// Hides whatever might be secret in a value taken from untrusted text.
    fn clean(&mut self) {
        for value in [
            &mut self.bucket,
            &mut self.key,
            &mut self.principal_arn,
            &mut self.request_id,
        ]
        .into_iter()
        .flatten()
        {
            *value = clean_value(value);
        }
    }
}

/// The names of the facts, as playbooks use them.
pub const FACT_NAMES: &[&str] = &[
    "code",
    "service",
    "operation",
    "http_status",
    "bucket",
    "key",
    "account",
    "principal",
    "action",
    "denial",
    "region",
    "url",
    "request_id",
    "program",
];

/// The program's name as playbooks match it (`boto3`, `aws_cli`, `node`…).
pub fn program_name(program: Program) -> String {
    serde_json::to_value(program)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn first(re: &LazyLock<Option<Regex>>, text: &str, group: usize) -> Option<String> {
    let re = re.as_ref()?;
    re.captures(text)
        .and_then(|c| c.get(group))
        .map(|m| m.as_str().to_string())
}

fn all<'t>(re: &LazyLock<Option<Regex>>, text: &'t str) -> Vec<Captures<'t>> {
    match re.as_ref() {
        Some(re) => re.captures_iter(text).collect(),
        None => Vec::new(),
    }
}

/// Every code, by where it first appears.
fn codes(text: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let structured = [
        &BOTOCORE,
        &PY_EXCEPTION,
        &XML_CODE,
        &NAMED_CODE,
        &GO_API_ERROR,
        &RUST_UNHANDLED,
        &JAVA_CODE,
    ];
    for re in structured {
        for caps in all(re, text) {
            if let Some(m) = caps.get(1) {
                let code = m.as_str();
                let generic = matches!(code, "ClientError" | "Error" | "Unknown");
                if !generic && !code.chars().all(|c| c.is_ascii_digit()) {
                    found.push((m.start(), code.to_string()));
                }
            }
        }
    }
    for code in KNOWN_CODES {
        let mut from = 0;
        while let Some(at) = text[from..].find(code) {
            let start = from + at;
            let end = start + code.len();
            let bounded = |i: Option<char>| !i.is_some_and(|c| c.is_ascii_alphanumeric());
            if bounded(text[..start].chars().next_back()) && bounded(text[end..].chars().next()) {
                found.push((start, code.to_string()));
            }
            from = end;
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut codes: Vec<String> = Vec::new();
    for (_, code) in found {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

fn operation_and_service(text: &str, facts: &mut ErrorFacts) {
    if let Some(caps) = GO_OPERATION.as_ref().and_then(|re| re.captures(text)) {
        facts.service = caps.get(1).map(|m| service_id(m.as_str()));
        facts.operation = caps.get(2).map(|m| m.as_str().to_string());
    }
    if facts.operation.is_none() {
        facts.operation = first(&BOTOCORE, text, 2);
    }
    facts.service = facts
        .service
        .take()
        .or_else(|| first(&JAVA_SERVICE, text, 1).map(|s| service_id(&s)))
        .or_else(|| first(&JAVA_PACKAGE, text, 1))
        .or_else(|| first(&NODE_CLIENT, text, 1))
        .or_else(|| facts.operation.as_deref().and_then(service_of_operation));
}

/// `Amazon S3`, `S3`, `Sts` → `s3`, `sts`.
fn service_id(name: &str) -> String {
    name.trim()
        .trim_start_matches("Amazon ")
        .trim_start_matches("AWS ")
        .replace(' ', "")
        .to_ascii_lowercase()
}

fn service_of_operation(operation: &str) -> Option<String> {
    const STS: &[&str] = &[
        "GetCallerIdentity",
        "AssumeRole",
        "AssumeRoleWithWebIdentity",
        "AssumeRoleWithSAML",
        "GetSessionToken",
        "GetFederationToken",
    ];
    const S3: &[&str] = &[
        "Object",
        "Bucket",
        "Multipart",
        "UploadPart",
        "ListObjects",
        "ListBuckets",
    ];
    if STS.contains(&operation) {
        Some("sts".into())
    } else if S3.iter().any(|part| operation.contains(part)) {
        Some("s3".into())
    } else if operation == "GetRoleCredentials" {
        Some("sso".into())
    } else {
        None
    }
}

fn status(text: &str) -> Option<u16> {
    let botocore_numeric = first(&BOTOCORE, text, 1).filter(|c| c.len() == 3);
    first(&STATUS, text, 1)
        .or_else(|| first(&HTTP_LINE, text, 1))
        .or(botocore_numeric)
        .and_then(|s| s.parse().ok())
        .filter(|s| (100..600).contains(s))
}

fn principal_and_account(text: &str, facts: &mut ErrorFacts) {
    let mut any_account = None;
    for caps in all(&ARN, text) {
        let service = caps.get(1).map_or("", |m| m.as_str());
        let account = caps.get(3).map(|m| m.as_str().to_string());
        let resource = caps.get(4).map_or("", |m| m.as_str());
        let whole = caps.get(0).map_or("", |m| m.as_str());
        let principal = matches!(service, "iam" | "sts")
            && ["user/", "role/", "assumed-role/", "federated-user/", "root"]
                .iter()
                .any(|p| resource.starts_with(p));
        if principal && facts.principal_arn.is_none() {
            facts.principal_arn = Some(whole.trim_end_matches(['.', ':']).to_string());
            facts.account = account.clone();
        }
        if service == "s3" && facts.bucket.is_none() && !resource.is_empty() {
            let (bucket, key) = split_bucket_key(resource);
            facts.bucket = Some(bucket);
            facts.key = key;
        }
        any_account = any_account.or(account);
    }
    if facts.account.is_none() {
        facts.account = any_account;
    }
}

mod places;
use places::{bucket_and_key, clean_value, region, split_bucket_key, url_facts};

#[cfg(test)]
mod tests_s3;
#[cfg(test)]
mod tests_sdks;
