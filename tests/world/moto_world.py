"""Starts moto's server on a free loopback port, builds the credwiz test world
in it, turns request authentication on, and reports the world as one JSON line.

Run by tests/support/world/moto.rs with the venv's python. The server lives until
this process's stdin closes (the Rust harness holds the other end), so a test
process that dies, even by SIGKILL, never leaves a server behind.

The JSON line carries secret keys for the harness; nothing else prints it.
Diagnostics go to stderr only.
"""

import json
import logging
import os
import sys
import urllib.request

# Defence in depth: nothing this process starts may reach a real AWS endpoint.
for name in list(os.environ):
    if name.startswith("AWS_"):
        del os.environ[name]
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

REGION = "us-east-1"
# Setup runs before auth is enforced, so any key is accepted for it.
SETUP_KEY = ("AKIASETUPSETUPSETUP0", "setup-secret-never-used-once-auth-is-on")

ALLOW_ALL = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}
DENY_S3 = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*"},
    ],
}


def trust(principal):
    """A trust policy for `principal`: moto matches an exact ARN, a list of
    ARNs, or "*" (it does not understand account-root principals)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": principal},
                "Action": "sts:AssumeRole",
            }
        ],
    }


def client(service, endpoint):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=SETUP_KEY[0],
        aws_secret_access_key=SETUP_KEY[1],
        config=Config(retries={"max_attempts": 1}),
    )


def make_user(iam, name, policy):
    user = iam.create_user(UserName=name)["User"]
    iam.put_user_policy(
        UserName=name, PolicyName=f"{name}-policy", PolicyDocument=json.dumps(policy)
    )
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {
        "user_name": name,
        "arn": user["Arn"],
        "access_key_id": key["AccessKeyId"],
        "secret_access_key": key["SecretAccessKey"],
    }


def make_role(iam, name, principal, policy):
    role = iam.create_role(
        RoleName=name, AssumeRolePolicyDocument=json.dumps(trust(principal))
    )["Role"]
    iam.put_role_policy(
        RoleName=name, PolicyName=f"{name}-policy", PolicyDocument=json.dumps(policy)
    )
    return {"role_name": name, "arn": role["Arn"]}


def main():
    # werkzeug logs every request to stderr; keep stderr for real problems.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"

    account_id = client("sts", endpoint).get_caller_identity()["Account"]
    iam = client("iam", endpoint)
    admin = make_user(iam, "credwiz-admin", ALLOW_ALL)
    no_s3 = make_user(iam, "credwiz-no-s3", DENY_S3)
    # Only the admin user may assume credwiz-role (so credwiz-no-s3 gets
    # AccessDenied); anyone may assume credwiz-chained-role, which is what lets
    # a credwiz-role session assume it in a chain.
    role = make_role(iam, "credwiz-role", admin["arn"], ALLOW_ALL)
    chained = make_role(iam, "credwiz-chained-role", "*", ALLOW_ALL)
    s3 = client("s3", endpoint)
    s3.create_bucket(Bucket="credwiz-bucket")
    s3.put_object(Bucket="credwiz-bucket", Key="hello.txt", Body=b"hello from moto\n")

    # moto 5 reads the body as a bare number: how many more requests may go
    # unauthenticated. 0 means every request from now on is checked.
    request = urllib.request.Request(
        f"{endpoint}/moto-api/reset-auth",
        data=b"0",
        method="POST",
        # Not form-encoded, or Flask consumes the body before moto reads it.
        headers={"Content-Type": "text/plain"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200:
            raise SystemExit(f"reset-auth answered HTTP {response.status}")

    world = {
        "endpoint": endpoint,
        "region": REGION,
        "account_id": account_id,
        "admin": admin,
        "no_s3": no_s3,
        "role": role,
        "chained_role": chained,
        "bucket": "credwiz-bucket",
    }
    sys.stdout.write("CREDWIZ-WORLD " + json.dumps(world) + "\n")
    sys.stdout.flush()

    # Serve until the harness closes our stdin (or dies).
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
