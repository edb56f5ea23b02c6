"""Encryption at rest: the SQLite database, its WAL and its backups encrypted with SQLCipher.

The passphrase is turned into SQLCipher's key once, with SQLCipher 4's own derivation
(PBKDF2-HMAC-SHA512, 256,000 rounds, over the 16-byte salt at the start of the file), and every
connection is then opened with that raw key. SQLCipher would otherwise run the slow derivation
again for each connection it opens, and opening the app opens several (checks, backup,
upgrade, work). The file stays a standard SQLCipher 4 database that opens with the passphrase
in any SQLCipher tool. The app remembers only that a file is encrypted, never the passphrase.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from panel_app import settings
from panel_app.errors import DatabaseError

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
SALT_BYTES = 16
KDF_ROUNDS = 256_000
KEY_BYTES = 32
MIN_LENGTH = 8


class WrongPassphraseError(DatabaseError):
    """The passphrase given does not open the file (or the file is not an encrypted database)."""


def wrong_passphrase(path: Path) -> WrongPassphraseError:
    log.info("a passphrase that does not open %s was given", path)
    return WrongPassphraseError(
        "That passphrase does not open this database. Check it, and Caps Lock, and try "
        "again; nothing has been changed."
    )


@dataclass(frozen=True)
class Key:
    """SQLCipher's raw key and the salt it was derived with (hex), never the passphrase."""

    key: bytes = field(repr=False)
    salt: bytes

    @property
    def literal(self) -> str:
        """The key as SQLCipher's ``x'…'`` blob literal, key then salt."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    def matches(self, passphrase: str) -> bool:
        """Whether ``passphrase`` gives this key (in constant time; it takes a derivation)."""
        return hmac.compare_digest(derive(passphrase, self.salt).key, self.key)


def derive(passphrase: str, salt: bytes) -> Key:
    raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)
    return Key(raw, salt)


def new_key(passphrase: str) -> Key:
    """A key for a file not written yet: a fresh random salt."""
    return derive(passphrase, os.urandom(SALT_BYTES))


def key_for(path: Path, passphrase: str) -> Key:
    """The key ``passphrase`` gives for the existing encrypted file at ``path``."""
    with path.open("rb") as handle:
        salt = handle.read(SALT_BYTES)
    if len(salt) < SALT_BYTES:
        raise wrong_passphrase(path)
    return derive(passphrase, salt)


def check_passphrase(text: str) -> str | None:
    """Why ``text`` will not do as a passphrase, or None."""
    if len(text) < MIN_LENGTH:
        return f"A passphrase needs at least {MIN_LENGTH} characters; a few words are best."
    if text.strip() != text:
        return "A passphrase cannot start or end with a space (it would be easy to mistype)."
    if any(ord(ch) < 32 for ch in text):
        return "A passphrase cannot hold control characters."
    return None


def is_encrypted(path: Path) -> bool:
    """Whether the file exists and is not a plain SQLite database (SQLCipher's first page is
    all ciphertext, the salt first; a plain database starts with SQLite's header)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False
    return len(header) == len(SQLITE_MAGIC) and header != SQLITE_MAGIC


# -- connections --------------------------------------------------------------------------------
def _module() -> Any:
    import sqlcipher3

    return sqlcipher3


def errors() -> tuple[type[Exception], ...]:
    """The exceptions a SQLCipher connection raises (its own classes, not sqlite3's)."""
    return (_module().Error,)


def key_connection(connection: Any, key: Key | None) -> None:
    """Key a fresh connection before anything reads it. Temporary tables and sorts stay in
    memory: SQLCipher encrypts its temporary files, but memory is never written at all."""
    cursor = connection.cursor()
    # A wrong passphrase is answered in plain English; SQLCipher need not print to stderr too.
    cursor.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        cursor.execute(f'PRAGMA key = "{key.literal}"')
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()


def connect(path: Path, key: Key | None, read_only: bool = False) -> Any:
    """A SQLCipher connection to ``path``, keyed (``key`` None opens a plain file)."""
    target = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    connection = _module().connect(target, uri=True)
    try:
        key_connection(connection, key)
    except BaseException:
        connection.close()
        raise
    return connection


def opens(path: Path, key: Key) -> bool:
    """Whether ``key`` opens the file (reading its schema is the test: SQLCipher checks the
    first page's HMAC)."""
    try:
        connection = connect(path, key, read_only=True)
    except errors():
        return False
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except errors():
        return False
    finally:
        connection.close()
    return True


def engine_url(path: Path, key: Key, read_only: bool = False) -> URL:
    """SQLAlchemy's pysqlcipher URL; its dialect sends ``PRAGMA key="<password>"``, which with
    the blob literal as the password is SQLCipher's raw-key form."""
    if read_only:
        return URL.create(
            "sqlite+pysqlcipher",
            password=key.literal,
            database=f"file:{path}",
            query={"mode": "ro", "uri": "true"},
        )
    return URL.create("sqlite+pysqlcipher", password=key.literal, database=str(path))


# -- what the app remembers ----------------------------------------------------------------------
def _known() -> list[str]:
    return [p for p in settings.load().encrypted_databases if isinstance(p, str)]


def remembered(path: Path) -> bool:
    """Whether this computer knows ``path`` to be encrypted (so a start must ask)."""
    return str(path.resolve()) in _known()


def remember(path: Path, encrypted: bool) -> None:
    known = [p for p in _known() if p != str(path.resolve())]
    if encrypted:
        known.append(str(path.resolve()))
    settings.update(encrypted_databases=known)
