"""Letters of Authorization and Connecting Facility Assignment (LOA-CFA) as AWS hands them out: a
PDF naming the port, its location and who may order the cross connect [doc: application/pdf is the
only content type]. Built by hand: one page of text needs no PDF library."""

from __future__ import annotations

from datetime import UTC, datetime

from ..errors import ClientException

PDF = "application/pdf"


def checked_content_type(content_type: str | None) -> str:
    if content_type not in (None, PDF):
        raise ClientException(f"loaContentType {content_type} is not supported: the only supported value is {PDF}")
    return PDF


def _text(value: str) -> str:
    """A PDF string literal's content: ASCII, with its delimiters escaped."""
    ascii_only = value.encode("ascii", "replace").decode("ascii")
    return ascii_only.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def loa_document(*, resource_id: str, name: str, location: str, bandwidth: str, device: str, account: str,
                 provider: str | None, issued_at: float) -> bytes:
    """A one-page PDF with the LOA's particulars, one per line."""
    lines = [
        "LETTER OF AUTHORIZATION AND CONNECTING FACILITY ASSIGNMENT (LOA-CFA)",
        "Issued by the AWS Direct Connect emulator: not valid for ordering a cross connect.",
        f"Port: {resource_id} ({name})",
        f"Location: {location}",
        f"Device: {device}",
        f"Bandwidth: {bandwidth}",
        f"Requester: account {account}" + (f" with provider {provider}" if provider else ""),
        f"Issued: {datetime.fromtimestamp(issued_at, UTC).strftime('%Y-%m-%d %H:%M:%S UTC')}",
    ]
    stream = "BT /F1 11 Tf 50 760 Td 14 TL " + " ".join(f"({_text(line)}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{content}\nendobj\n".encode("ascii")
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    body += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return body
