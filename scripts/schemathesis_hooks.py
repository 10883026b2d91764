"""Schemathesis hooks for Sealbridge (loaded by scripts/schemathesis.sh through SCHEMATHESIS_HOOKS).

Request bodies: the binary media types of the API (CMS, RFC 3161) are sent as raw bytes, like
application/octet-stream; schemathesis knows no serializer for them otherwise and skips the operation.

Response bodies: application/pkcs7-signature must be a DER CMS ContentInfo and application/timestamp-reply a DER
TimeStampResp (parsed with asn1crypto, installed beside schemathesis); the parsed body is handed on as hex text
so the spec's `type: string` schema applies.
"""
import schemathesis

for media_type in (
    "application/pkcs7-signature",
    "application/pkcs7-mime",
    "application/cms",
    "application/timestamp-query",
):
    schemathesis.serializer.alias(media_type, "application/octet-stream")


@schemathesis.deserializer("application/pkcs7-signature")
def _cms(ctx, response):
    from asn1crypto import cms

    info = cms.ContentInfo.load(response.content, strict=True)
    if info["content_type"].native != "signed_data":
        raise ValueError(f"the signature is a {info['content_type'].native}, not SignedData")
    info["content"].native  # parse the whole structure
    return response.content.hex()


@schemathesis.deserializer("application/timestamp-reply")
def _timestamp_reply(ctx, response):
    from asn1crypto import cms, core, tsp

    class TimeStampResp(core.Sequence):
        # asn1crypto 1.5.1's tsp.TimeStampResp wrongly makes timeStampToken mandatory (RFC 3161: OPTIONAL)
        _fields = [("status", tsp.PKIStatusInfo), ("time_stamp_token", cms.ContentInfo, {"optional": True})]

    reply = TimeStampResp.load(response.content, strict=True)
    status = reply["status"]["status"].native
    if status in ("granted", "granted_with_mods"):
        token = reply["time_stamp_token"]
        if token["content_type"].native != "signed_data":
            raise ValueError("the time-stamp token is not SignedData")
        info = token["content"]["encap_content_info"]["content"].parsed
        if not isinstance(info, tsp.TSTInfo):
            raise ValueError("the token does not carry a TSTInfo")
        info.native  # parse the whole structure
    elif status not in ("rejection", "waiting", "revocation_warning", "revocation_notification"):
        raise ValueError(f"unknown PKIStatus {status}")
    elif reply["time_stamp_token"].native is not None:
        raise ValueError(f"a {status} reply carries a token")
    return response.content.hex()
