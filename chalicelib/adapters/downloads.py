"""Files too large to answer with: put on S3 (the export bucket, whose objects expire after a
day) and handed out as a presigned GET link that works for a few minutes."""

from __future__ import annotations

import uuid
from functools import cached_property
from typing import Any, BinaryIO

from chalicelib.domain.errors import DependencyUnavailable
from chalicelib.domain.exports import LINK_SECONDS, DownloadLink
from chalicelib.settings import Settings

PREFIX = "exports/"  # the bucket's lifecycle rule expires this prefix


class S3Downloads:
    def __init__(self, settings: Settings, expires_in: int = LINK_SECONDS) -> None:
        self._settings = settings
        self._bucket = settings.export_bucket
        self._expires_in = expires_in

    @cached_property
    def _client(self) -> Any:
        """Built on the first large export only: most exports never need it."""
        import boto3
        from botocore.config import Config

        # Presigned links need SigV4 in the newer regions; a local endpoint (moto) has no
        # per-bucket host names, so it takes the bucket in the path.
        endpoint = self._settings.s3_endpoint
        config = Config(signature_version="s3v4", s3={"addressing_style": "path" if endpoint else "auto"})
        return boto3.client("s3", region_name=self._settings.region, endpoint_url=endpoint, config=config)

    def publish(self, file: BinaryIO, size: int, filename: str, media_type: str) -> DownloadLink:
        """Upload the file and give a link to it; raises DependencyUnavailable without a bucket."""
        if not self._bucket:
            raise DependencyUnavailable(
                "this export is too large to send directly and no download storage is set up"
            )
        key = f"{PREFIX}{uuid.uuid4().hex}/{filename}"
        disposition = f'attachment; filename="{filename}"'
        file.seek(0)
        self._client.put_object(
            Bucket=self._bucket,
            Key=key,
            Body=file,
            ContentLength=size,
            ContentType=media_type,
            ContentDisposition=disposition,
        )
        url = self._client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self._bucket, "Key": key, "ResponseContentDisposition": disposition},
            ExpiresIn=self._expires_in,
        )
        return DownloadLink(str(url), self._expires_in, size)
