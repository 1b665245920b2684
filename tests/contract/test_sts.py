"""sts:GetCallerIdentity on the emulator's own endpoint, as Terraform's AWS provider calls it to
learn the account it builds ARNs with (AWS Query protocol: a form body, an XML answer)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.support.raw import post
from tests.support.server import RunningServer


def sts(url: str, key: str, secret: str = "not-checked") -> Any:
    return boto3.session.Session().client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key,
                                          aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}))


def test_the_callers_account_is_the_access_keys(embedded_server: RunningServer, account: str) -> None:
    identity = sts(embedded_server.url, account).get_caller_identity()
    assert (identity["Account"], identity["Arn"], identity["UserId"]) == (account, f"arn:aws:iam::{account}:root",
                                                                          account)


def test_a_key_that_is_not_an_account_id_is_the_default_account(embedded_server: RunningServer) -> None:
    assert sts(embedded_server.url, "AKIAIOSFODNN7EXAMPLE").get_caller_identity()["Account"] == "123456789012"


def test_the_answer_is_stss_xml(embedded_server: RunningServer, account: str) -> None:
    auth = (f"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/sts/aws4_request, SignedHeaders=host, "
            "Signature=0")
    answer = post(embedded_server.url, b"Action=GetCallerIdentity&Version=2011-06-15",
                  {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Authorization": auth})
    assert (answer.status, answer.headers["content-type"]) == (200, "text/xml")
    text = answer.body.decode()
    assert text.startswith('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
                           "<GetCallerIdentityResult>")
    assert f"<Account>{account}</Account>" in text
    assert f"<RequestId>{answer.headers['x-amzn-requestid']}</RequestId>" in text


def test_other_sts_actions_are_refused_in_stss_words(embedded_server: RunningServer, account: str) -> None:
    with pytest.raises(ClientError) as caught:
        sts(embedded_server.url, account).get_session_token()
    error = caught.value.response["Error"]
    assert (error["Code"], error["Message"]) == ("InvalidAction",
                                                 "Could not find operation GetSessionToken for version 2011-06-15")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
