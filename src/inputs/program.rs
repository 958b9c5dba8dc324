//! Which program printed an error text, and so whose credential resolution
//! it used. Pure text matching, no I/O.

use serde::Serialize;

/// The SDK whose credential resolution a program uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sdk {
    Rust,
    Python,
    Node,
}

/// What kind of program printed an error text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    Boto3,
    AwsCli,
    Node,
    Java,
    Go,
    Rust,
}

impl Program {
    /// The lens that predicts this program's resolution (the AWS CLI and
    /// boto3 both resolve through botocore; Java and Go have no lens).
    pub fn sdk(self) -> Option<Sdk> {
        match self {
            Program::Boto3 | Program::AwsCli => Some(Sdk::Python),
            Program::Node => Some(Sdk::Node),
            Program::Rust => Some(Sdk::Rust),
            Program::Java | Program::Go => None,
        }
    }
}

/// Lower-case markers per program, most specific program first.
const MARKERS: &[(Program, &[&str])] = &[
    (
        Program::AwsCli,
        &["aws: error", "aws: [error]", "usage: aws "],
    ),
    (
        Program::Boto3,
        &["botocore", "boto3", "traceback (most recent call last)"],
    ),
    (
        Program::Node,
        &["@aws-sdk/", "credentialsprovidererror", "$metadata"],
    ),
    (Program::Java, &["software.amazon.awssdk", "com.amazonaws."]),
    (Program::Go, &["operation error "]),
    (Program::Rust, &["dispatch failure", "aws_sdk_"]),
];

/// Detects the program from pasted text; None when nothing decides it.
pub fn detect(text: &str) -> Option<Program> {
    let lower = text.to_ascii_lowercase();
    let found = MARKERS
        .iter()
        .find(|(_, markers)| markers.iter().any(|m| lower.contains(m)))
        .map(|(program, _)| *program);
    // botocore's wording without a traceback around it is how the CLI prints it.
    found.or_else(|| {
        (lower.contains("an error occurred (") && lower.contains(" when calling the "))
            .then_some(Program::AwsCli)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_programs_apart() {
        let cases = [
            ("Traceback (most recent call last):\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials", Program::Boto3),
            ("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: x", Program::AwsCli),
            ("CredentialsProviderError: Could not load credentials from any providers", Program::Node),
            ("software.amazon.awssdk.services.s3.model.S3Exception: Access Denied", Program::Java),
            ("operation error STS: GetCallerIdentity, https response error StatusCode: 403", Program::Go),
            ("Error: dispatch failure: io error", Program::Rust),
        ];
        for (text, program) in cases {
            assert_eq!(detect(text), Some(program), "{text}");
        }
        assert_eq!(detect("it broke"), None);
        assert_eq!(Program::AwsCli.sdk(), Some(Sdk::Python));
        assert_eq!(Program::Go.sdk(), None);
    }
}
