//! Error texts shaped like what each SDK and tool prints when credentials
//! fail, written for these tests (names, ids and paths are made up), with
//! the playbook triage must pick and the program it must name.

/// One pasted error.
pub struct Case {
    pub family: &'static str,
    /// What `error_facts.program` must say (`None`: nothing decides it).
    pub program: Option<&'static str>,
    pub playbook: &'static str,
    pub text: &'static str,
}

const fn case(
    family: &'static str,
    program: Option<&'static str>,
    playbook: &'static str,
    text: &'static str,
) -> Case {
    Case {
        family,
        program,
        playbook,
        text,
    }
}

const NO: &str = "no-credentials";
const EXPIRED: &str = "expired-token";

pub const BOTO3: &[Case] = &[
    case("boto3", Some("boto3"), EXPIRED, "Traceback (most recent call last):\n  File \"/srv/etl/load.py\", line 31, in <module>\n    rows = s3.list_objects_v2(Bucket=\"etl-staging\")\n  File \"/usr/lib/python3.12/site-packages/botocore/credentials.py\", line 2243, in _get_credentials\n    raise UnauthorizedSSOTokenError()\nbotocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.\n"),
    case("boto3", Some("boto3"), EXPIRED, "Traceback (most recent call last):\n  File \"report.py\", line 8, in <module>\n    session.client(\"sts\").get_caller_identity()\n  File \"/opt/venv/lib/python3.11/site-packages/botocore/utils.py\", line 3540, in __call__\n    raise SSOTokenLoadError(error_msg=error_msg)\nbotocore.exceptions.SSOTokenLoadError: Error loading SSO Token: Token for my-sso does not exist\n"),
    case("boto3", Some("boto3"), EXPIRED, "Traceback (most recent call last):\n  File \"/app/worker.py\", line 54, in run\n    creds = session.get_credentials().get_frozen_credentials()\n  File \"/app/.venv/lib/python3.12/site-packages/botocore/tokens.py\", line 304, in _refresher\n    raise TokenRetrievalError(\nbotocore.exceptions.TokenRetrievalError: Error when retrieving token from sso: Token has expired and refresh failed\n"),
    case("boto3", Some("boto3"), NO, "Traceback (most recent call last):\n  File \"sync.py\", line 12, in <module>\n    s3.put_object(Bucket=\"acme\", Key=\"a.csv\", Body=b\"\")\n  File \"/usr/local/lib/python3.10/site-packages/botocore/credentials.py\", line 1131, in load\n    raise PartialCredentialsError(\nbotocore.exceptions.PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY\n"),
    case("boto3", Some("boto3"), NO, "Traceback (most recent call last):\n  File \"deploy.py\", line 40, in <module>\n    client.describe_stacks()\n  File \"/usr/lib/python3/dist-packages/botocore/credentials.py\", line 1022, in _retrieve_credentials_using\n    raise CredentialRetrievalError(\nbotocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from custom-process: vault-helper: permission denied reading /etc/vault/token\n"),
    case("boto3", Some("boto3"), NO, "Traceback (most recent call last):\n  File \"/home/dev/tools/audit.py\", line 5, in <module>\n    session = boto3.Session(profile_name=\"staging\")\n  File \"/home/dev/.local/lib/python3.12/site-packages/botocore/session.py\", line 1029, in _get_profile_config\n    raise ProfileNotFound(profile=profile_name)\nbotocore.exceptions.ProfileNotFound: The config profile (staging) could not be found\n"),
    case("boto3", Some("boto3"), NO, "Traceback (most recent call last):\n  File \"main.py\", line 3, in <module>\n    print(boto3.client(\"sts\").get_caller_identity())\n  File \"/usr/lib/python3.12/site-packages/botocore/auth.py\", line 418, in add_auth\n    raise NoCredentialsError()\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials\n"),
    case("boto3", Some("boto3"), EXPIRED, "Traceback (most recent call last):\n  File \"nightly.py\", line 77, in <module>\n    sts.get_caller_identity()\nbotocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\n"),
];

pub const AWS_CLI: &[Case] = &[
    case("aws cli", Some("aws_cli"), EXPIRED, "\nError when retrieving token from sso: Token has expired and refresh failed\n"),
    case("aws cli", Some("aws_cli"), NO, "\nThe config profile (dev) could not be found\n"),
    case("aws cli", Some("aws_cli"), NO, "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n"),
    case("aws cli", Some("aws_cli"), NO, "Unable to locate credentials. You can configure credentials by running \"aws login\".\n"),
    case("aws cli", Some("aws_cli"), EXPIRED, "Your session has expired. Please reauthenticate using 'aws login'.\n"),
    case("aws cli 2026", Some("aws_cli"), EXPIRED, "aws: [ERROR]: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\n\nAdditional error details:\nType: Sender\n"),
    case("aws cli 2026", Some("aws_cli"), EXPIRED, "aws: [ERROR]: Error when retrieving token from sso: Token has expired and refresh failed\n"),
    case("aws cli 2026", Some("aws_cli"), NO, "aws: [ERROR]: Unable to locate credentials. You can configure credentials by running \"aws login\".\n"),
    case("aws cli 2026", Some("aws_cli"), NO, "aws: [ERROR]: The config profile (prod-admin) could not be found\n"),
    case("aws cli 2026", Some("aws_cli"), "auth-failure", "aws: [ERROR]: An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\n\nAdditional error details:\nType: Sender\n"),
    case("aws cli 2026", Some("aws_cli"), "access-denied", "aws: [ERROR]: An error occurred (AccessDenied) when calling the ListObjectsV2 operation: User: arn:aws:iam::111122223333:user/ci-runner is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::acme-reports\" because no identity-based policy allows the s3:ListBucket action\n\nAdditional error details:\nType: Sender\nBucketName: acme-reports\n"),
];

pub const NODE: &[Case] = &[
    case("node v3", Some("node"), NO, "CredentialsProviderError: Could not load credentials from any providers\n    at providers (/srv/api/node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js:142:13)\n    at /srv/api/node_modules/@smithy/property-provider/dist-cjs/index.js:97:33\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {\n  tryNextLink: false,\n  '$metadata': {}\n}\n"),
    case("node v3", Some("node"), EXPIRED, "CredentialsProviderError: The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.\n    at resolveSSOCredentials (/work/app/node_modules/@aws-sdk/credential-provider-sso/dist-cjs/index.js:88:13)\n    at async coalesceProvider (/work/app/node_modules/@smithy/property-provider/dist-cjs/index.js:111:18) {\n  tryNextLink: false\n}\n"),
    case("node v3", Some("node"), EXPIRED, "TokenProviderError: The SSO session token associated with profile=dev is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.\n    at validateTokenExpiry (/app/node_modules/@aws-sdk/token-providers/dist-cjs/index.js:71:11)\n"),
    case("node v3", Some("node"), EXPIRED, "CredentialsProviderError: Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.\n    at /app/node_modules/@aws-sdk/credential-provider-sso/dist-cjs/index.js:140:19\n"),
    case("node v3", Some("node"), EXPIRED, "ExpiredTokenException: The security token included in the request is expired\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)\n    at de_CommandError (/srv/app/node_modules/@aws-sdk/client-sts/dist-cjs/index.js:611:14) {\n  '$fault': 'client',\n  '$metadata': { httpStatusCode: 400, attempts: 1 }\n}\n"),
    case("node v3", Some("node"), NO, "CredentialsProviderError: Profile staging could not be found or parsed in shared credentials file.\n    at resolveProfileData (/srv/app/node_modules/@aws-sdk/credential-provider-ini/dist-cjs/index.js:222:9)\n"),
    case("node v2", Some("node"), NO, "CredentialsError: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1\n    at Timeout.connectTimeout [as _onTimeout] (/srv/legacy/node_modules/aws-sdk/lib/http/node.js:70:15)\n    at listOnTimeout (node:internal/timers:569:17) {\n  code: 'CredentialsError',\n  time: 2026-03-02T09:14:11.020Z\n}\n"),
];

pub const GO: &[Case] = &[
    case("go v2", Some("go"), NO, "operation error S3: ListBuckets, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, http response error StatusCode: 404, request to EC2 IMDS failed\n"),
    case("go v2", Some("go"), EXPIRED, "operation error STS: GetCallerIdentity, get identity: get credentials: failed to refresh cached credentials, refresh cached SSO token failed, unable to refresh SSO token, operation error SSO OIDC: CreateToken, https response error StatusCode: 400, RequestID: 5d2c9a7e-1f3b-4c8e-9a61-0b7d2e4f8c13, InvalidGrantException:\n"),
    case("go v1", Some("go"), NO, "NoCredentialProviders: no valid providers in chain. Deprecated.\n\tFor verbose messaging see aws.Config.CredentialsChainVerboseErrors\n"),
    case("terraform", Some("go"), NO, "╷\n│ Error: No valid credential sources found\n│ \n│   with provider[\"registry.terraform.io/hashicorp/aws\"],\n│   on providers.tf line 1, in provider \"aws\":\n│    1: provider \"aws\" {\n│ \n│ Please see https://registry.terraform.io/providers/hashicorp/aws\n│ for more information about providing credentials.\n│ \n│ Error: failed to refresh cached credentials, no EC2 IMDS role found,\n│ operation error ec2imds: GetMetadata, request canceled, context deadline\n│ exceeded\n╵\n"),
    case("terraform", Some("go"), EXPIRED, "╷\n│ Error: configuring Terraform AWS Provider: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, get identity: get credentials: failed to refresh cached credentials, the SSO session has expired or is invalid: expected token to be refreshed\n│ \n│   with provider[\"registry.terraform.io/hashicorp/aws\"],\n│   on main.tf line 12, in provider \"aws\":\n│   12: provider \"aws\" {\n│ \n╵\n"),
];

pub const JAVA: &[Case] = &[
    case("java v2", Some("java"), NO, "Exception in thread \"main\" software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(profileName=default, profileFile=ProfileFile(sections=[])), ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()]) : [SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. Access key must be specified either via environment variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId)., ProfileCredentialsProvider(profileName=default): Profile file contained no credentials for profile 'default']\n\tat software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build(SdkClientException.java:111)\n\tat com.example.Inventory.main(Inventory.java:22)\n"),
    case("java v2", Some("java"), EXPIRED, "software.amazon.awssdk.services.sts.model.StsException: The security token included in the request is expired (Service: Sts, Status Code: 400, Request ID: 8f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b)\n\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler.handleErrorResponse(CombinedResponseHandler.java:125)\n"),
];

pub const DOTNET: &[Case] = &[
    case(".net", Some("dotnet"), NO, "Unhandled exception. Amazon.Runtime.AmazonServiceException: Unable to get IAM security credentials from EC2 Instance Metadata Service.\n   at Amazon.Runtime.DefaultInstanceProfileAWSCredentials.FetchCredentials()\n   at Amazon.Runtime.DefaultInstanceProfileAWSCredentials.GetCredentials()\n   at Program.Main(String[] args) in /src/Program.cs:line 14\n"),
    case(".net", Some("dotnet"), NO, "Amazon.Runtime.AmazonClientException: Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\nException 1 of 3: The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.\nException 2 of 3: The web identity variables AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE were not set.\nException 3 of 3: Unable to find the \"default\" profile.\n   at Amazon.Runtime.FallbackCredentialsFactory.GetCredentials(Boolean fallbackToAnonymous)\n"),
    case(".net", Some("dotnet"), EXPIRED, "Amazon.SecurityToken.AmazonSecurityTokenServiceException: The security token included in the request is expired\n ---> Amazon.Runtime.Internal.HttpErrorResponseException: Exception of type 'Amazon.Runtime.Internal.HttpErrorResponseException' was thrown.\n   at Amazon.Runtime.HttpWebRequestMessage.ProcessHttpResponseMessage(HttpResponseMessage responseMessage)\n"),
];

pub const RUST: &[Case] = &[
    case("rust", Some("rust"), NO, "Error: dispatch failure\n\nCaused by:\n    0: other\n    1: the credential provider was not enabled\n    2: no providers in chain provided credentials\n"),
    case("rust", Some("rust"), NO, "thread 'main' panicked at src/main.rs:14:10:\ncalled `Result::unwrap()` on an `Err` value: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Other(None), source: CredentialsNotLoaded(CredentialsNotLoaded { source: \"no providers in chain provided credentials\" }) } })\n"),
    case("rust", Some("rust"), EXPIRED, "Error: dispatch failure\n\nCaused by:\n    0: other\n    1: an error occurred while loading credentials\n    2: the SSO token has expired and cannot be refreshed\n"),
    case("rust", Some("rust"), NO, "Error: dispatch failure\n\nCaused by:\n    0: other\n    1: an error occurred while loading credentials\n    2: ProviderError { source: \"process exited with status 1\" }\n"),
];

/// Every family's texts.
pub const ALL: &[&[Case]] = &[BOTO3, AWS_CLI, NODE, GO, JAVA, DOTNET, RUST];
