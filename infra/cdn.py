"""The front end: a private S3 bucket read by CloudFront through Origin Access Control, and one
distribution that serves the web client by default and sends /api/* to the API Gateway stage."""

from __future__ import annotations

from typing import Any

from infra import naming
from infra.app_functions import REST_API_LOGICAL_ID
from infra.parameters import HAS_CUSTOM_DOMAIN

Json = dict[str, Any]

BUCKET = "FrontendBucket"
DISTRIBUTION = "Distribution"
ORIGIN_ACCESS_CONTROL = "FrontendOriginAccessControl"
SPA_ROUTING = "SpaRoutingFunction"

# AWS managed policies (ids are fixed across accounts).
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
# Every viewer header but Host (API Gateway needs its own); with caching disabled this includes
# Authorization, which an origin request policy may otherwise not forward.
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03"

ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]

# Client-side routes (no file extension) get the app shell. A function on the default behaviour
# only: distribution-wide custom error responses would also rewrite the API's 403s and 404s.
SPA_ROUTING_CODE = """function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
"""


def frontend_resources(stage: str, api_gateway_stage: str) -> Json:
    prefix = f"{naming.APP_NAME}-{stage}"
    return {
        BUCKET: _bucket(),
        f"{BUCKET}Policy": _bucket_policy(),
        ORIGIN_ACCESS_CONTROL: _origin_access_control(prefix),
        SPA_ROUTING: _spa_routing(prefix),
        DISTRIBUTION: _distribution(prefix, api_gateway_stage),
    }


def _bucket() -> Json:
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
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
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]
            },
            "VersioningConfiguration": {"Status": "Enabled"},
            "LifecycleConfiguration": {
                "Rules": [
                    {
                        "Id": "ExpireReplacedAssets",
                        "Status": "Enabled",
                        "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                    }
                ]
            },
        },
    }


def _bucket_policy() -> Json:
    objects = {"Fn::Sub": f"${{{BUCKET}.Arn}}/*"}
    distribution_arn = {
        "Fn::Sub": f"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/${{{DISTRIBUTION}}}"
    }
    return {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": {"Ref": BUCKET},
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "ThisDistributionReads",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudfront.amazonaws.com"},
                        "Action": "s3:GetObject",
                        "Resource": objects,
                        "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}},
                    },
                    {
                        "Sid": "TlsOnly",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": [{"Fn::GetAtt": [BUCKET, "Arn"]}, objects],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    },
                ],
            },
        },
    }


def _origin_access_control(prefix: str) -> Json:
    return {
        "Type": "AWS::CloudFront::OriginAccessControl",
        "Properties": {
            "OriginAccessControlConfig": {
                # Names are unique per account, across regions.
                "Name": {"Fn::Sub": f"{prefix}-frontend-${{AWS::Region}}"},
                "OriginAccessControlOriginType": "s3",
                "SigningBehavior": "always",
                "SigningProtocol": "sigv4",
            }
        },
    }


def _spa_routing(prefix: str) -> Json:
    return {
        "Type": "AWS::CloudFront::Function",
        "Properties": {
            "Name": {"Fn::Sub": f"{prefix}-spa-routing-${{AWS::Region}}"},
            "AutoPublish": True,
            "FunctionConfig": {
                "Comment": "Client-side routes get /index.html",
                "Runtime": "cloudfront-js-2.0",
            },
            "FunctionCode": SPA_ROUTING_CODE,
        },
    }


def _distribution(prefix: str, api_gateway_stage: str) -> Json:
    return {
        "Type": "AWS::CloudFront::Distribution",
        "Properties": {
            "DistributionConfig": {
                "Enabled": True,
                "Comment": prefix,
                "HttpVersion": "http2and3",
                "IPV6Enabled": True,
                "PriceClass": "PriceClass_100",
                "DefaultRootObject": "index.html",
                "Aliases": {
                    "Fn::If": [HAS_CUSTOM_DOMAIN, [{"Ref": "PortalDomainName"}], {"Ref": "AWS::NoValue"}]
                },
                "ViewerCertificate": _viewer_certificate(),
                "Origins": [_frontend_origin(), _api_origin(api_gateway_stage)],
                "DefaultCacheBehavior": _frontend_behavior(),
                "CacheBehaviors": [_api_behavior()],
            }
        },
    }


def _viewer_certificate() -> Json:
    custom = {
        "AcmCertificateArn": {"Ref": "PortalCertificateArn"},
        "SslSupportMethod": "sni-only",
        "MinimumProtocolVersion": "TLSv1.2_2021",
    }
    return {"Fn::If": [HAS_CUSTOM_DOMAIN, custom, {"CloudFrontDefaultCertificate": True}]}


def _frontend_origin() -> Json:
    return {
        "Id": "frontend",
        "DomainName": {"Fn::GetAtt": [BUCKET, "RegionalDomainName"]},
        "S3OriginConfig": {"OriginAccessIdentity": ""},
        "OriginAccessControlId": {"Fn::GetAtt": [ORIGIN_ACCESS_CONTROL, "Id"]},
    }


def _api_origin(api_gateway_stage: str) -> Json:
    # The app's routes carry the /api prefix themselves, so /api/x goes to <stage>/api/x.
    return {
        "Id": "api",
        "DomainName": {
            "Fn::Sub": f"${{{REST_API_LOGICAL_ID}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}"
        },
        "OriginPath": f"/{api_gateway_stage}",
        "CustomOriginConfig": {
            "OriginProtocolPolicy": "https-only",
            "HTTPSPort": 443,
            "OriginSSLProtocols": ["TLSv1.2"],
        },
    }


def _frontend_behavior() -> Json:
    return {
        "TargetOriginId": "frontend",
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": ["GET", "HEAD"],
        "CachedMethods": ["GET", "HEAD"],
        "Compress": True,
        "CachePolicyId": CACHING_OPTIMIZED,
        "ResponseHeadersPolicyId": SECURITY_HEADERS,
        "FunctionAssociations": [
            {"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": [SPA_ROUTING, "FunctionARN"]}}
        ],
    }


def _api_behavior() -> Json:
    return {
        "PathPattern": "/api/*",
        "TargetOriginId": "api",
        # A redirect would turn a POST into a GET: plain HTTP is refused instead.
        "ViewerProtocolPolicy": "https-only",
        "AllowedMethods": ALL_METHODS,
        "CachedMethods": ["GET", "HEAD"],
        "Compress": True,
        "CachePolicyId": CACHING_DISABLED,
        "OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST_HEADER,
        "ResponseHeadersPolicyId": SECURITY_HEADERS,
    }
