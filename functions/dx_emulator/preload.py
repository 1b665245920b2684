"""Imported by the handler before any other module of the emulator's own.

What the handler has imported by then, and PynamoDB with botocore imported here, lives as long as
the process: several hundred thousand objects. ``gc.freeze()`` moves them out of the collector's
generations, so no collection walks them again. Without it, the young-generation collections that
the emulator's own import triggers walked them and took ~10 ms of every cold start
(docs/cold-start.md), and the full collections of a warm instance would walk them too.
"""

from __future__ import annotations

import gc

import pynamodb.models  # noqa: F401 - the store's modules use it; imported here to be frozen with the rest

gc.freeze()
