"""The app's own unlock password, for a database that is not encrypted: only a salted scrypt
hash of it is kept in the settings.

It stops someone at a shared laptop from unlocking a locked window; it does not protect the
file itself (that is what encrypting the database is for), so a short PIN is allowed.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from panel_app import settings

MIN_LENGTH = 4
# scrypt's cost: about a tenth of a second, so guessing is slow but unlocking is not.
N, R, P = 2**14, 8, 1
SALT_BYTES = 16


def _hash(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def make_hash(secret: str) -> str:
    salt = os.urandom(SALT_BYTES)
    return f"scrypt${N}${R}${P}${salt.hex()}${_hash(secret, salt, N, R, P).hex()}"


def matches(secret: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        found = _hash(secret, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False  # a damaged setting never unlocks by accident
    return hmac.compare_digest(found, bytes.fromhex(digest))


def check_password(text: str) -> str | None:
    """Why ``text`` will not do as an unlock password, or None."""
    if len(text) < MIN_LENGTH:
        return f"An unlock password needs at least {MIN_LENGTH} characters."
    if text.strip() != text:
        return "An unlock password cannot start or end with a space."
    return None


def is_set() -> bool:
    return bool(settings.load().unlock_hash)


def set_password(secret: str) -> None:
    settings.update(unlock_hash=make_hash(secret))


def clear_password() -> None:
    settings.update(unlock_hash="")


def check(secret: str) -> bool:
    """Whether ``secret`` is the unlock password (False when none is set)."""
    stored = settings.load().unlock_hash
    return bool(stored) and matches(secret, stored)
