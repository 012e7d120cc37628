"""The export bucket: participant exports too large for a Lambda answer are put here and handed
out as presigned links (chalicelib/adapters/downloads.py). Private, encrypted, TLS only, and every
object gone a day after it was written: an export is personal data with a short purpose."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

EXPORT_BUCKET = "ExportBucket"
EXPIRY_DAYS = 1


def export_bucket_resources() -> Json:
    return {EXPORT_BUCKET: _bucket(), f"{EXPORT_BUCKET}Policy": _tls_only()}


def bucket_reference() -> Json:
    """The bucket's name for the functions' EXPORT_BUCKET (CloudFormation names it)."""
    return {"Ref": EXPORT_BUCKET}


def _bucket() -> Json:
    # Emptied by its own lifecycle within a day, so deleting the stack can delete it too.
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Delete",
        "UpdateReplacePolicy": "Delete",
        "Properties": {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": True}
                ]
            },
            "LifecycleConfiguration": {
                "Rules": [
                    {
                        "Id": "ExportsLiveOneDay",
                        "Status": "Enabled",
                        "ExpirationInDays": EXPIRY_DAYS,
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": EXPIRY_DAYS},
                    }
                ]
            },
        },
    }


def _tls_only() -> Json:
    objects = {"Fn::Sub": f"${{{EXPORT_BUCKET}.Arn}}/*"}
    return {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": {"Ref": EXPORT_BUCKET},
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "TlsOnly",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": [{"Fn::GetAtt": [EXPORT_BUCKET, "Arn"]}, objects],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    }
                ],
            },
        },
    }
