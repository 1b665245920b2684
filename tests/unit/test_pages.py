"""The paging rules alone: the 100-item ceiling and the answer-size bound."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from dx_emulator.operations import pages
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


@pytest.mark.parametrize("at", [
    datetime(2026, 11, 25, 10, 0, tzinfo=UTC), datetime(2026, 11, 25, 10, 0, 0, 1, tzinfo=UTC),
    datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=2))), datetime(2026, 1, 1),
])
def test_a_page_is_measured_as_if_each_timestamp_were_formatted(at: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    # Timestamps are measured by a stand-in, not formatted: a page still ends where str() would end it.
    views = [{"id": f"i{index:02d}", "at": at, "tags": [{"key": "k", "value": "é\""}]} for index in range(20)]
    exact = [len(json.dumps(view, default=str)) for view in views]
    monkeypatch.setattr(pages, "MAX_PAGE_BYTES", sum(exact[:7]))
    shown, token = paged(views, lambda view: str(view["id"]), PageRequest(None, None, "b"), lambda view: view)
    assert len(shown) == 7 and token is not None
    monkeypatch.setattr(pages, "MAX_PAGE_BYTES", sum(exact[:7]) - 1)
    assert len(paged(views, lambda view: str(view["id"]), PageRequest(None, None, "b"), lambda view: view)[0]) == 6


def test_a_whole_page_is_measured_as_json_dumps_would(monkeypatch: pytest.MonkeyPatch) -> None:
    # The page is measured by one encoder kept by the module (no circular-reference check): the same
    # text as json.dumps with the stand-ins, so a page just within the bound is still shown whole.
    at = datetime(2026, 11, 25, 10, 0, 0, 5, tzinfo=UTC)
    views = [{"id": f"i{index:02d}", "at": at, "n": 1.5, "none": None, "flag": True, "nested": [{"k": "é\"\n"}]}
             for index in range(20)]
    text = json.dumps(views, default=pages._measured)
    assert pages._MEASURE.encode(views) == text
    monkeypatch.setattr(pages, "MAX_PAGE_BYTES", len(text))
    assert paged(views, lambda view: str(view["id"]), PageRequest(None, None, "b"), lambda view: view) == (views, None)
