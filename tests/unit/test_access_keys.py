"""Where a hosted endpoint's access keys come from: inline JSON, or Secrets Manager through
Powertools Parameters (cached, so a key added to the secret is seen within the cache time)."""

from __future__ import annotations

import json

import boto3
import pytest
from moto import mock_aws

from dx_emulator.auth import keys

KEYS = {"AKIDONE000000000001": {"secretAccessKey": "s1", "account": "111122223333"}}


def test_inline() -> None:
    loaded = keys.load(json.dumps(KEYS), None)
    assert (dict(loaded.secrets), dict(loaded.accounts)) == ({"AKIDONE000000000001": "s1"},
                                                             {"AKIDONE000000000001": "111122223333"})


def test_from_secrets_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        secrets = boto3.client("secretsmanager", region_name="us-east-1")
        arn = secrets.create_secret(Name="dx-emulator/keys", SecretString=json.dumps(KEYS))["ARN"]
        loaded = keys.load(None, arn)
        assert dict(loaded.accounts) == {"AKIDONE000000000001": "111122223333"}
        secrets.put_secret_value(SecretId=arn, SecretString=json.dumps({**KEYS, "AKIDTWO000000000002": {
            "secretAccessKey": "s2", "account": "444455556666"}}))
        assert set(keys.load(None, arn).secrets) == {"AKIDONE000000000001"}  # cached for five minutes
        from aws_lambda_powertools.utilities import parameters

        parameters.clear_caches()  # type: ignore[no-untyped-call]
        assert set(keys.load(None, arn).secrets) == {"AKIDONE000000000001", "AKIDTWO000000000002"}


@pytest.mark.parametrize(("document", "message"), [
    ([], "access keys must be a JSON object"),
    ({"K": {"account": "111122223333"}}, "access key K: needs a secretAccessKey string"),
    ({"K": {"secretAccessKey": "s", "account": "12"}}, "access key K: account must be 12 digits"),
])
def test_bad_documents(document: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        keys.parse(document)
