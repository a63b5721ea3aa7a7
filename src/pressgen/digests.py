"""Short content digests (BLAKE2b, 128 bits) used as cache keys and checksums."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def digest_text(text: str) -> str:
    return digest_bytes(text.encode())


def digest(value: Any) -> str:
    """Digest of any JSON-like value (keys sorted, so equal data gives equal digests)."""
    return digest_text(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False))
