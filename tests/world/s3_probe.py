"""Asks the moto world's S3 a few questions with boto3 and prints the answers
as JSON: an error code, or "ok". Used by tests/live/world_smoke.rs to pin how moto's
S3 treats each key (the Rust side has no S3 SDK).

Reads CREDWIZ_WORLD_ENDPOINT, CREDWIZ_WORLD_BUCKET and, for each user
ADMIN / NO_S3, CREDWIZ_<USER>_KEY_ID and CREDWIZ_<USER>_SECRET. Prints only
error codes, never a key.
"""

import json
import os

import boto3
import botocore.config
import botocore.exceptions

endpoint = os.environ["CREDWIZ_WORLD_ENDPOINT"]
bucket = os.environ["CREDWIZ_WORLD_BUCKET"]
if not endpoint.startswith("http://127.0.0.1:"):
    raise SystemExit(f"refusing a non-loopback endpoint: {endpoint}")


def s3(key_id, secret):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=botocore.config.Config(retries={"max_attempts": 1}),
    )


def outcome(call):
    try:
        call()
        return "ok"
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]


admin = (os.environ["CREDWIZ_ADMIN_KEY_ID"], os.environ["CREDWIZ_ADMIN_SECRET"])
no_s3 = (os.environ["CREDWIZ_NO_S3_KEY_ID"], os.environ["CREDWIZ_NO_S3_SECRET"])
answers = {
    "admin_list_buckets": outcome(lambda: s3(*admin).list_buckets()),
    "admin_get_object": outcome(lambda: s3(*admin).get_object(Bucket=bucket, Key="hello.txt")),
    "no_s3_list_buckets": outcome(lambda: s3(*no_s3).list_buckets()),
    "no_s3_get_object": outcome(lambda: s3(*no_s3).get_object(Bucket=bucket, Key="hello.txt")),
    "unknown_key_list_buckets": outcome(
        lambda: s3("AKIAUNKNOWNUNKNOWN00", admin[1]).list_buckets()
    ),
    "wrong_secret_list_buckets": outcome(lambda: s3(admin[0], "wrong" * 8).list_buckets()),
}
print(json.dumps(answers, sort_keys=True))
