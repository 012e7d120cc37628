"""The export bucket in moto's S3 (the same server as Step Functions): large participant exports
are put there and handed out as presigned links, as on AWS."""

from __future__ import annotations

import contextlib
from typing import Any

from infra import naming

REGION = "eu-north-1"


def export_bucket_name(stage: str) -> str:
    return f"{naming.APP_NAME}-{stage}-exports"


def provision_export_bucket(s3_client: Any, endpoint: str, stage: str) -> dict[str, str]:
    """Create the bucket (idempotent: moto may be reused); the variables that point the app at it."""
    bucket = export_bucket_name(stage)
    with contextlib.suppress(s3_client.exceptions.BucketAlreadyOwnedByYou):
        s3_client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    return {"EXPORT_BUCKET": bucket, "S3_ENDPOINT": endpoint}
