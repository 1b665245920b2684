"""The AWS errors the emulator answers with, one class per AWS error code.

Every layer raises these; only the protocol layer turns them into bytes. The code is the AWS
shape name (what botocore reports as ``Error.Code``), the message is what a user reads.
"""

from __future__ import annotations


class DirectConnectError(Exception):
    """An error AWS would answer with. Subclasses fix the code and HTTP status."""

    code = "DirectConnectClientException"
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ClientException(DirectConnectError):
    """Invalid input or a request the current state refuses (AWS: DirectConnectClientException)."""

    code = "DirectConnectClientException"


class ServerException(DirectConnectError):
    """Something failed on our side. The model says 500; SDKs retry on it, as they should."""

    code = "DirectConnectServerException"
    status = 500


class StoreUnavailable(ServerException):
    """DynamoDB failed, throttled past the retries, or could not be reached: nothing was written."""


class LimitExceededException(DirectConnectError):
    code = "LimitExceededException"


class DuplicateTagKeysException(DirectConnectError):
    code = "DuplicateTagKeysException"


class TooManyTagsException(DirectConnectError):
    code = "TooManyTagsException"


class SerializationException(DirectConnectError):
    """The body, or a value in it, is not of the type the service model declares."""

    code = "SerializationException"


class UnknownOperationException(DirectConnectError):
    code = "UnknownOperationException"


class InvalidAction(DirectConnectError):
    """An STS action the endpoint does not serve (STS's own code)."""

    code = "InvalidAction"


class RequestEntityTooLargeException(DirectConnectError):
    """A body over the size limit, refused before it is decoded or parsed."""

    code = "RequestEntityTooLargeException"
    status = 413


class NotFoundException(ClientException):
    """An unknown id. Still a DirectConnectClientException on the wire, as AWS answers it."""


# Authentication: AWS's own codes and statuses, for endpoints that verify signatures (auth/sigv4.py)
# and for credential scopes no signature could be valid for (scope.py).


class MissingAuthenticationTokenException(DirectConnectError):
    code = "MissingAuthenticationTokenException"
    status = 403


class IncompleteSignatureException(DirectConnectError):
    code = "IncompleteSignatureException"
    status = 400


class UnrecognizedClientException(DirectConnectError):
    code = "UnrecognizedClientException"
    status = 403


class InvalidSignatureException(DirectConnectError):
    code = "InvalidSignatureException"
    status = 403


class XAmzContentSHA256Mismatch(DirectConnectError):
    code = "XAmzContentSHA256Mismatch"
    status = 400
