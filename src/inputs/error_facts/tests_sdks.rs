//! The extractor on error texts shaped as each SDK and tool prints them.

use super::*;

pub(super) const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
pub(super) const SIGNATURE: &str =
    "4f2a9c0d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f";

fn code(facts: &ErrorFacts) -> Option<&str> {
    facts.codes.first().map(String::as_str)
}

#[test]
fn boto3_upload_signature_mismatch() {
    let text = r#"Traceback (most recent call last):
  File "/srv/app/venv/lib/python3.12/site-packages/boto3/s3/transfer.py", line 372, in upload_file
    future.result()
  File "/srv/app/venv/lib/python3.12/site-packages/s3transfer/futures.py", line 103, in result
    return self._coordinator.result()
botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/srv/app/publish.py", line 18, in <module>
    s3.upload_file("report.csv", "acme-reports", "2026/report.csv")
boto3.exceptions.S3UploadFailedError: Failed to upload report.csv to acme-reports/2026/report.csv: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method."#;
    let facts = extract(text);
    assert_eq!(facts.codes, ["SignatureDoesNotMatch"]);
    assert_eq!(facts.operation.as_deref(), Some("PutObject"));
    assert_eq!(facts.service.as_deref(), Some("s3"));
    assert_eq!(facts.bucket.as_deref(), Some("acme-reports"));
    assert_eq!(facts.key.as_deref(), Some("2026/report.csv"));
    assert_eq!(facts.program, Some(Program::Boto3));
}

#[test]
fn boto3_no_credentials_traceback() {
    let text = r#"Traceback (most recent call last):
  File "/home/dev/sync.py", line 9, in <module>
    s3.list_objects_v2(Bucket="team-data", Prefix="in/")
  File "/usr/lib/python3/dist-packages/botocore/client.py", line 565, in _api_call
    return self._make_api_call(operation_name, kwargs)
  File "/usr/lib/python3/dist-packages/botocore/auth.py", line 418, in add_auth
    raise NoCredentialsError()
botocore.exceptions.NoCredentialsError: Unable to locate credentials"#;
    let facts = extract(text);
    assert_eq!(code(&facts), Some("NoCredentialsError"));
    assert_eq!(facts.bucket.as_deref(), Some("team-data"));
    assert_eq!(facts.program, Some(Program::Boto3));
    assert_eq!(
        facts.program.and_then(Program::sdk),
        Some(program::Sdk::Python)
    );
}

#[test]
fn botocore_client_error_with_response_metadata() {
    let text = "botocore.exceptions.ClientError: An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\n{'Error': {'Type': 'Sender', 'Code': 'InvalidClientTokenId'}, 'ResponseMetadata': {'RequestId': 'c6104cbe-af31-11e0-8154-cbc7ccf896c7', 'HTTPStatusCode': 403}}";
    let facts = extract(text);
    assert_eq!(facts.codes, ["InvalidClientTokenId"]);
    assert_eq!(facts.operation.as_deref(), Some("GetCallerIdentity"));
    assert_eq!(facts.service.as_deref(), Some("sts"));
    assert_eq!(facts.http_status, Some(403));
    assert_eq!(
        facts.request_id.as_deref(),
        Some("c6104cbe-af31-11e0-8154-cbc7ccf896c7")
    );
}

#[test]
fn boto3_expired_token() {
    let text = "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.";
    let facts = extract(text);
    assert_eq!(facts.codes, ["ExpiredToken"]);
    assert_eq!(facts.operation.as_deref(), Some("ListBuckets"));
    assert_eq!(facts.service.as_deref(), Some("s3"));
}

#[test]
fn boto3_endpoint_connection_error_keeps_the_url() {
    let text = r#"botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://sts.ap-southeast-2.amazonaws.com/""#;
    let facts = extract(text);
    assert_eq!(code(&facts), Some("EndpointConnectionError"));
    assert_eq!(facts.service.as_deref(), Some("sts"));
    assert_eq!(facts.region.as_deref(), Some("ap-southeast-2"));
    assert_eq!(
        facts.url.as_deref(),
        Some("https://sts.ap-southeast-2.amazonaws.com/")
    );
}

#[test]
fn boto3_sso_token_error() {
    let text = "botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.";
    let facts = extract(text);
    assert_eq!(facts.codes, ["UnauthorizedSSOTokenError"]);
    assert_eq!(facts.program, Some(Program::Boto3));
}

#[test]
fn boto3_partial_credentials() {
    let text = "botocore.exceptions.PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY";
    assert_eq!(extract(text).codes, ["PartialCredentialsError"]);
}

#[test]
fn python_kwargs_name_bucket_and_key() {
    let text = r#"  File "/app/etl.py", line 31, in load
    obj = s3.get_object(Bucket='raw-events-eu', Key='2026/11/23/events.json')
botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied"#;
    let facts = extract(text);
    assert_eq!(facts.codes, ["AccessDenied"]);
    assert_eq!(facts.bucket.as_deref(), Some("raw-events-eu"));
    assert_eq!(facts.key.as_deref(), Some("2026/11/23/events.json"));
    assert!(facts.is_access_denied());
}

#[test]
fn cli_v2_sts_signature_mismatch() {
    let text = "\nAn error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n";
    let facts = extract(text);
    assert_eq!(facts.codes, ["SignatureDoesNotMatch"]);
    assert_eq!(facts.service.as_deref(), Some("sts"));
    assert_eq!(facts.program, Some(Program::AwsCli));
}

#[test]
fn cli_s3_cp_upload_failed() {
    let text = "upload failed: ./build/site.zip to s3://deploy-artifacts/releases/site.zip An error occurred (InvalidAccessKeyId) when calling the PutObject operation: The AWS Access Key Id you provided does not exist in our records.";
    let facts = extract(text);
    assert_eq!(facts.codes, ["InvalidAccessKeyId"]);
    assert_eq!(facts.operation.as_deref(), Some("PutObject"));
    assert_eq!(facts.bucket.as_deref(), Some("deploy-artifacts"));
    assert_eq!(facts.key.as_deref(), Some("releases/site.zip"));
    assert_eq!(facts.program, Some(Program::AwsCli));
}

#[test]
fn cli_s3_ls_numeric_code_is_a_status() {
    let text =
        "fatal error: An error occurred (403) when calling the HeadObject operation: Forbidden";
    let facts = extract(text);
    assert_eq!(facts.http_status, Some(403));
    assert!(facts.codes.is_empty(), "{:?}", facts.codes);
    assert_eq!(facts.operation.as_deref(), Some("HeadObject"));
    assert_eq!(facts.service.as_deref(), Some("s3"));
}

#[test]
fn cli_v1_no_credentials() {
    let text =
        "Unable to locate credentials. You can configure credentials by running \"aws configure\".";
    let facts = extract(text);
    assert!(facts.codes.is_empty());
    assert!(facts.bucket.is_none() && facts.url.is_none());
}

#[test]
fn cli_access_denied_names_principal_action_and_account() {
    let text = "An error occurred (AccessDenied) when calling the ListBuckets operation: User: arn:aws:iam::123456789012:user/ci-deploy is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action";
    let facts = extract(text);
    assert_eq!(
        facts.principal_arn.as_deref(),
        Some("arn:aws:iam::123456789012:user/ci-deploy")
    );
    assert_eq!(facts.account.as_deref(), Some("123456789012"));
    assert_eq!(facts.action.as_deref(), Some("s3:ListAllMyBuckets"));
    assert!(facts.is_access_denied());
}

#[test]
fn cli_assumed_role_denial_on_an_s3_arn() {
    let text = "An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::210987654321:assumed-role/etl-runner/i-0abc123 is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::finance-exports/q3/summary.parquet\" with an explicit deny in a resource-based policy";
    let facts = extract(text);
    assert_eq!(facts.account.as_deref(), Some("210987654321"));
    assert_eq!(
        facts.principal_arn.as_deref(),
        Some("arn:aws:sts::210987654321:assumed-role/etl-runner/i-0abc123")
    );
    assert_eq!(facts.bucket.as_deref(), Some("finance-exports"));
    assert_eq!(facts.key.as_deref(), Some("q3/summary.parquet"));
    assert_eq!(facts.action.as_deref(), Some("s3:GetObject"));
}

#[test]
fn cli_auth_failure_from_ec2() {
    let text = "An error occurred (AuthFailure) when calling the DescribeInstances operation: AWS was not able to validate the provided access credentials";
    let facts = extract(text);
    assert_eq!(facts.codes, ["AuthFailure"]);
    assert_eq!(facts.operation.as_deref(), Some("DescribeInstances"));
}

#[test]
fn cli_authorization_header_malformed_gives_the_expected_region() {
    let text = "An error occurred (AuthorizationHeaderMalformed) when calling the ListObjectsV2 operation: The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'";
    let facts = extract(text);
    assert_eq!(facts.codes, ["AuthorizationHeaderMalformed"]);
    assert_eq!(facts.region.as_deref(), Some("eu-central-1"));
}

#[test]
fn node_v3_error_with_metadata() {
    let text = r#"SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.
    at throwDefaultError (/srv/api/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)
    at /srv/api/node_modules/@aws-sdk/client-s3/dist-cjs/index.js:4713:12 {
  '$fault': 'client',
  '$metadata': {
    httpStatusCode: 403,
    requestId: '8F2A61C3D9B07E45',
    extendedRequestId: 'lXb4Kp0mQ9yFzR2sT8vW1nH6jC3dA5gE7uI0oP4qL8xZ2yB6cN9',
    cfId: undefined,
    attempts: 1,
    totalRetryDelay: 0
  },
  Code: 'SignatureDoesNotMatch',
  AWSAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  StringToSign: 'AWS4-HMAC-SHA256\n20261123T101010Z',
  SignatureProvided: '4f2a9c0d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f'
}"#;
    let facts = extract(text);
    assert_eq!(facts.codes, ["SignatureDoesNotMatch"]);
    assert_eq!(facts.http_status, Some(403));
    assert_eq!(facts.request_id.as_deref(), Some("8F2A61C3D9B07E45"));
    assert_eq!(facts.service.as_deref(), Some("s3"));
    assert_eq!(facts.program, Some(Program::Node));
}

#[test]
fn node_credentials_provider_error() {
    let text = "CredentialsProviderError: Could not load credentials from any providers\n    at /app/node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js:125:15 {\n  tryNextLink: false,\n  '$metadata': {}\n}";
    let facts = extract(text);
    assert_eq!(facts.codes, ["CredentialsProviderError"]);
    assert_eq!(facts.program, Some(Program::Node));
}

#[test]
fn node_no_such_bucket_names_the_bucket() {
    let text = "NoSuchBucket: The specified bucket does not exist\n    at de_NoSuchBucketRes (/app/node_modules/@aws-sdk/client-s3/dist-cjs/index.js:4951:21) {\n  '$fault': 'client',\n  '$metadata': { httpStatusCode: 404, requestId: 'TX1BX9Z7QKMB2C4D', attempts: 1, totalRetryDelay: 0 },\n  Code: 'NoSuchBucket',\n  BucketName: 'acme-imgs-prod'\n}";
    let facts = extract(text);
    assert_eq!(facts.codes, ["NoSuchBucket"]);
    assert_eq!(facts.http_status, Some(404));
    assert_eq!(facts.bucket.as_deref(), Some("acme-imgs-prod"));
    assert_eq!(facts.request_id.as_deref(), Some("TX1BX9Z7QKMB2C4D"));
}

#[test]
fn node_sts_expired_token_exception() {
    let text = "ExpiredTokenException: The security token included in the request is expired\n    at /app/node_modules/@aws-sdk/client-sts/dist-cjs/index.js:301:18 {\n  '$metadata': { httpStatusCode: 400, requestId: '0f5e9d1a-3b8c-4a2e-9f61-7c2d4b8e1a30', attempts: 1 },\n  Type: 'Sender',\n  Code: 'ExpiredTokenException'\n}";
    let facts = extract(text);
    assert_eq!(facts.codes, ["ExpiredTokenException"]);
    assert_eq!(facts.service.as_deref(), Some("sts"));
    assert_eq!(facts.http_status, Some(400));
}

#[test]
fn java_v2_s3_exception() {
    let text = "software.amazon.awssdk.services.s3.model.S3Exception: The AWS Access Key Id you provided does not exist in our records. (Service: S3, Status Code: 403, Request ID: 5XYH0Q2RW8N3KJ7A, Extended Request ID: y2Lr8kP3mZ0wQ6tX9sV1uB4nC7dE5fG2hJ8kL0aS3dF6gH9jK1lZ4xC7vB0nM=)\n\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler.handleErrorResponse(CombinedResponseHandler.java:125)";
    let facts = extract(text);
    assert_eq!(facts.service.as_deref(), Some("s3"));
    assert_eq!(facts.http_status, Some(403));
    assert_eq!(facts.request_id.as_deref(), Some("5XYH0Q2RW8N3KJ7A"));
    assert_eq!(facts.program, Some(Program::Java));
}

#[test]
fn java_v1_message_with_error_code() {
    let text = "com.amazonaws.services.s3.model.AmazonS3Exception: The request signature we calculated does not match the signature you provided. (Service: Amazon S3; Status Code: 403; Error Code: SignatureDoesNotMatch; Request ID: 7D3F4A1B9C2E8F60; S3 Extended Request ID: abc=), S3 Extended Request ID: abc=";
    let facts = extract(text);
    assert_eq!(facts.codes, ["SignatureDoesNotMatch"]);
    assert_eq!(facts.service.as_deref(), Some("s3"));
    assert_eq!(facts.http_status, Some(403));
    assert_eq!(facts.request_id.as_deref(), Some("7D3F4A1B9C2E8F60"));
    assert_eq!(facts.program, Some(Program::Java));
}

#[test]
fn java_sts_exception() {
    let text = "software.amazon.awssdk.services.sts.model.StsException: The security token included in the request is invalid. (Service: Sts, Status Code: 403, Request ID: 2b7c5f1e-9d4a-4c3b-8e6f-1a0d9c8b7e6f)";
    let facts = extract(text);
    assert_eq!(facts.service.as_deref(), Some("sts"));
    assert_eq!(facts.http_status, Some(403));
    assert_eq!(
        facts.request_id.as_deref(),
        Some("2b7c5f1e-9d4a-4c3b-8e6f-1a0d9c8b7e6f")
    );
}

#[test]
fn java_no_credentials_in_the_chain() {
    let text = "software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(profileName=default), ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()])";
    let facts = extract(text);
    assert_eq!(facts.program, Some(Program::Java));
    assert!(facts.codes.is_empty());
}

#[test]
fn go_v2_api_error() {
    let text = "operation error S3: PutObject, https response error StatusCode: 403, RequestID: 9QXR3S2M1P0N8B7V, HostID: tYk0Qx3RmN8pL2vZ6sW9cJ4fH1dG7bA5eU0iO3yT8rE2wQ6=, api error SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.";
    let facts = extract(text);
    assert_eq!(facts.codes, ["SignatureDoesNotMatch"]);
    assert_eq!(facts.service.as_deref(), Some("s3"));
    assert_eq!(facts.operation.as_deref(), Some("PutObject"));
    assert_eq!(facts.http_status, Some(403));
    assert_eq!(facts.request_id.as_deref(), Some("9QXR3S2M1P0N8B7V"));
    assert_eq!(facts.program, Some(Program::Go));
}

#[test]
fn go_v2_sts_invalid_token() {
    let text = "operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 4e1f2a3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b, api error InvalidClientTokenId: The security token included in the request is invalid.";
    let facts = extract(text);
    assert_eq!(facts.codes, ["InvalidClientTokenId"]);
    assert_eq!(facts.service.as_deref(), Some("sts"));
    assert_eq!(facts.operation.as_deref(), Some("GetCallerIdentity"));
}

#[test]
fn go_v2_dial_error_keeps_the_endpoint() {
    let text = r#"operation error STS: GetCallerIdentity, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://sts.eu-north-1.amazonaws.com/": dial tcp: lookup sts.eu-north-1.amazonaws.com: no such host"#;
    let facts = extract(text);
    assert_eq!(facts.service.as_deref(), Some("sts"));
    assert_eq!(facts.region.as_deref(), Some("eu-north-1"));
    assert_eq!(
        facts.url.as_deref(),
        Some("https://sts.eu-north-1.amazonaws.com/")
    );
    assert_eq!(facts.request_id, None);
    assert_eq!(facts.http_status, None);
}

#[test]
fn rust_sdk_unhandled_and_dispatch_failure() {
    let text = "Error: service error: unhandled error (InvalidClientTokenId): Error { code: \"InvalidClientTokenId\", message: \"The security token included in the request is invalid.\", aws_request_id: \"3d2c1b0a-9f8e-4d7c-6b5a-4f3e2d1c0b9a\" }";
    let facts = extract(text);
    assert_eq!(facts.codes, ["InvalidClientTokenId"]);
    assert_eq!(
        facts.request_id.as_deref(),
        Some("3d2c1b0a-9f8e-4d7c-6b5a-4f3e2d1c0b9a")
    );
    let dispatch = extract("Error: dispatch failure: other: connection refused (os error 111)");
    assert_eq!(dispatch.program, Some(Program::Rust));
}
