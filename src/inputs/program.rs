//! Which program printed an error text, and so which SDK's resolver decided
//! the credentials it used. Pure text matching, no I/O.

use serde::Serialize;

/// The SDK whose credential resolution a program uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sdk {
    Rust,
    Python,
    Node,
}

impl Sdk {
    /// Every lens credwiz has, in the order reports list them.
    pub const ALL: [Sdk; 3] = [Sdk::Rust, Sdk::Python, Sdk::Node];

    /// The lens name as typed on the command line and shown in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Sdk::Rust => "rust",
            Sdk::Python => "python",
            Sdk::Node => "node",
        }
    }

    /// The SDK as users know it.
    pub fn label(self) -> &'static str {
        match self {
            Sdk::Rust => "Rust (aws-config)",
            Sdk::Python => "Python (boto3/botocore, AWS CLI v1)",
            Sdk::Node => "Node.js (AWS SDK for JavaScript v3)",
        }
    }

    /// Parses a lens name (`rust`, `python`, `node`).
    pub fn parse(text: &str) -> Option<Sdk> {
        match text.trim().to_ascii_lowercase().as_str() {
            "rust" => Some(Sdk::Rust),
            "python" | "boto3" | "botocore" => Some(Sdk::Python),
            "node" | "nodejs" | "javascript" | "js" => Some(Sdk::Node),
            _ => None,
        }
    }
}

/// What kind of program printed an error text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    Boto3,
    AwsCli,
    Node,
    Java,
    /// Go (the SDK v2, and Terraform's AWS provider, which is built on it).
    Go,
    Rust,
    /// .NET (the AWS SDK for .NET).
    #[serde(rename = "dotnet")]
    DotNet,
}

impl Program {
    /// The lens that predicts this program's resolution (AwsCli and Boto3 →
    /// Python; Java, Go and .NET have no lens).
    pub fn sdk(self) -> Option<Sdk> {
        match self {
            Program::Boto3 | Program::AwsCli => Some(Sdk::Python),
            Program::Node => Some(Sdk::Node),
            Program::Rust => Some(Sdk::Rust),
            Program::Java | Program::Go | Program::DotNet => None,
        }
    }
}

/// Markers, most specific first: the first program with a marker in the text wins.
const MARKERS: &[(Program, &[&str])] = &[
    (
        Program::AwsCli,
        &[
            "aws: error:",
            "aws: [error]",
            "usage: aws [options]",
            "unable to locate credentials. you can configure credentials by running \"aws configure\"",
            "\naws ",
        ],
    ),
    (
        Program::Boto3,
        &[
            "botocore.exceptions",
            "boto3",
            "botocore",
            "traceback (most recent call last)",
            "nocredentialserror",
            "partialcredentialserror",
            "unauthorizedssotokenerror",
            "ssotokenloaderror",
            "tokenretrievalerror",
            "credentialretrievalerror",
            "exceptions.profilenotfound",
        ],
    ),
    (
        Program::Node,
        &[
            "@aws-sdk/",
            "credentialsprovidererror",
            "$metadata",
            "node_modules",
            "could not load credentials from any providers",
            "at process.processticksandrejections",
        ],
    ),
    (
        Program::Java,
        &[
            "software.amazon.awssdk",
            "com.amazonaws.",
            "sdkclientexception",
            "unable to load credentials from any of the providers in the chain",
        ],
    ),
    (
        Program::DotNet,
        &[
            "amazon.runtime.",
            "amazonclientexception",
            "amazonserviceexception",
            "unable to get iam security credentials from ec2 instance metadata service",
            "failed to resolve aws credentials",
        ],
    ),
    (
        Program::Go,
        &[
            "operation error ",
            "aws-sdk-go",
            "failed to retrieve credentials",
            "failed to refresh cached credentials",
            "no ec2 imds role found",
            "nocredentialproviders",
            "no valid credential sources found",
            "registry.terraform.io/hashicorp/aws",
        ],
    ),
    (
        Program::Rust,
        &[
            "dispatch failure",
            "aws_sdk_",
            "aws_config",
            "credentialsnotloaded",
            "the credential provider was not enabled",
            "no providers in chain provided credentials",
        ],
    ),
];

/// The AWS CLI's own words, which botocore also prints inside a Python
/// traceback: they name the CLI only when no marker above names a program.
const CLI_WORDS: &[&str] = &[
    "token has expired and refresh failed",
    "error when retrieving token from sso",
    "the config profile (",
    "unable to locate credentials",
    "please reauthenticate using 'aws login'",
];

/// Detects the program that printed a pasted error text. None when nothing
/// decides it.
pub fn detect(text: &str) -> Option<Program> {
    let lower = text.to_ascii_lowercase();
    let found = MARKERS
        .iter()
        .find(|(_, markers)| markers.iter().any(|m| lower.contains(m)))
        .map(|(program, _)| *program);
    // "An error occurred (X) when calling the Y operation" is botocore's
    // wording, printed by boto3 and by the AWS CLI alike; a bare one (no
    // traceback, no Python marker) is how the CLI shows it.
    let botocore_words = (lower.contains("an error occurred (")
        && lower.contains(" when calling the "))
        || CLI_WORDS.iter().any(|w| lower.contains(w));
    found.or_else(|| botocore_words.then_some(Program::AwsCli))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTO3_TRACEBACK: &str = "Traceback (most recent call last):\n  File \"/app/sync.py\", line 12, in <module>\n    s3.list_buckets()\n  File \"/usr/lib/python3.11/site-packages/botocore/client.py\", line 565, in _api_call\n    return self._make_api_call(operation_name, kwargs)\n  File \"/usr/lib/python3.11/site-packages/botocore/auth.py\", line 418, in add_auth\n    raise NoCredentialsError()\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials\n";

    const BOTO3_CLIENT_ERROR: &str = "Traceback (most recent call last):\n  File \"main.py\", line 4, in <module>\n    sts.get_caller_identity()\nbotocore.exceptions.ClientError: An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\n";

    const CLI_ERROR: &str = "\nAn error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n";

    const CLI_NO_CREDENTIALS: &str = "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n";

    const NODE_ERROR: &str = "CredentialsProviderError: Could not load credentials from any providers\n    at /srv/app/node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js:125:15\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {\n  tryNextLink: false,\n  '$metadata': {}\n}\n";

    const NODE_SERVICE_ERROR: &str = "InvalidClientTokenId: The security token included in the request is invalid.\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20) {\n  '$fault': 'client',\n  '$metadata': { httpStatusCode: 403, requestId: 'c0ffee' }\n}\n";

    const RUST_ERROR: &str = "Error: dispatch failure\n\nCaused by:\n    0: other\n    1: the credential provider was not enabled\n    2: no providers in chain provided credentials\n";

    const JAVA_ERROR: &str = "Exception in thread \"main\" software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain\n";

    const GO_ERROR: &str = "operation error STS: GetCallerIdentity, failed to resolve service endpoint, an AWS region is required, but was not found\n";

    #[test]
    fn python_tracebacks_pick_boto3_and_the_python_lens() {
        assert_eq!(detect(BOTO3_TRACEBACK), Some(Program::Boto3));
        assert_eq!(detect(BOTO3_CLIENT_ERROR), Some(Program::Boto3));
        assert_eq!(Program::Boto3.sdk(), Some(Sdk::Python));
    }

    #[test]
    fn aws_cli_texts_pick_the_cli_and_the_python_lens() {
        assert_eq!(detect(CLI_ERROR), Some(Program::AwsCli));
        assert_eq!(detect(CLI_NO_CREDENTIALS), Some(Program::AwsCli));
        assert_eq!(
            detect("aws: error: argument --profile: expected one argument"),
            Some(Program::AwsCli)
        );
        assert_eq!(Program::AwsCli.sdk(), Some(Sdk::Python));
    }

    #[test]
    fn node_errors_pick_the_node_lens() {
        assert_eq!(detect(NODE_ERROR), Some(Program::Node));
        assert_eq!(detect(NODE_SERVICE_ERROR), Some(Program::Node));
        assert_eq!(Program::Node.sdk(), Some(Sdk::Node));
    }

    #[test]
    fn rust_java_and_go_errors_are_told_apart() {
        assert_eq!(detect(RUST_ERROR), Some(Program::Rust));
        assert_eq!(Program::Rust.sdk(), Some(Sdk::Rust));
        assert_eq!(detect(JAVA_ERROR), Some(Program::Java));
        assert_eq!(detect(GO_ERROR), Some(Program::Go));
        assert_eq!(Program::Java.sdk(), None);
        assert_eq!(Program::Go.sdk(), None);
        assert_eq!(
            detect("Amazon.Runtime.AmazonClientException: Failed to resolve AWS credentials."),
            Some(Program::DotNet)
        );
        assert_eq!(Program::DotNet.sdk(), None);
    }

    #[test]
    fn short_excerpts_are_told_apart_too() {
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
    }

    #[test]
    fn text_that_names_no_program_decides_nothing() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("AccessDenied: not authorized"), None);
    }

    #[test]
    fn lens_names_parse() {
        assert_eq!(Sdk::parse("Python"), Some(Sdk::Python));
        assert_eq!(Sdk::parse("node"), Some(Sdk::Node));
        assert_eq!(Sdk::parse("rust"), Some(Sdk::Rust));
        assert_eq!(Sdk::parse("java"), None);
        for sdk in Sdk::ALL {
            assert_eq!(Sdk::parse(sdk.as_str()), Some(sdk));
        }
    }
}
