"""The paging rules alone: the 100-item ceiling and the answer-size bound."""

from __future__ import annotations

from typing import Any

from dx_emulator.operations.pages import MAX_PAGE_BYTES, PAGE_MAX, PageRequest, paged


def render(item: str) -> dict[str, Any]:
    return {"id": item}


def test_more_than_100_asked_gives_100() -> None:
    items = [f"i{index:04d}" for index in range(150)]
    shown, token = paged(items, lambda item: item, PageRequest(PAGE_MAX, None, "b"), render)
    assert len(shown) == 100 and token is not None


def test_a_page_stops_before_its_answer_outgrows_lambda() -> None:
    # 30 VIFs at every limit once made a 7.3 MB answer, past Lambda's 6 MB: now they take two pages.
    big = "x" * (250 * 1024)
    items = [f"vif{index:02d}" for index in range(30)]
    shown, token = paged(items, lambda item: item, PageRequest(None, None, "b"), lambda item: {"id": item, "pad": big})
    assert 1 <= len(shown) < 30 and token is not None
    assert sum(len(view["pad"]) for view in shown) <= MAX_PAGE_BYTES
    # One item is always shown, however large, so paging never stalls.
    huge, _ = paged(items, lambda item: item, PageRequest(None, None, "b"),
                    lambda item: {"id": item, "pad": "x" * (MAX_PAGE_BYTES + 1)})
    assert len(huge) == 1
