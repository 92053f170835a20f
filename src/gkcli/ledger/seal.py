"""Applicants' personal data in the record cache, sealed with a key only the ledger file gives.

The cache (ledger/cache.py) keeps the records read from a large ledger file in the user's
cache folder. Names, ID numbers, phones and addresses (personal.FIELDS, all of them) are kept
there only as ciphertext: the key is
derived from the sha256 of the ledger file's bytes, which the cache itself never holds
(it names and checks entries by one-way functions of that digest). Whoever can read the
ledger file can open the entry, which tells them nothing the ledger does not; a copy of the
cache folder alone (a backup, a shared home, a stolen laptop's cache) tells nothing about
an applicant. Authenticated: a wrong key or a changed byte gives None, never other data.

The cipher is AES-256-GCM from the `cryptography` package, with a fresh random 96-bit nonce
for every write. It is imported only when personal data is sealed or opened, so commands
that never do so do not pay for loading it.

The key, the check value and the wrapping pad are each SHA-256 of a purpose label and the
digest (`_derived`). That is kept rather than HKDF on purpose: the digest is already a
uniformly distributed 256-bit value (a SHA-256 output), so HKDF's extract step would add
nothing, and a hash of the secret with a fixed label, distinct for each purpose, is a proper
one-step key derivation: one-way, and its outputs for different labels are independent, so
the check value the cache stores gives nothing towards the key. It also stays in the standard
library, so `check` and `wrap`, used whenever an entry is looked up, never load
`cryptography`. No derivation can add strength the ledger lacks: the key is as hard to guess
as the ledger file's whole content.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from ..model import Case
from ..personal import FIELDS

SEALED = "sealed personal data"  # the key of the sealed columns beside the tables of an entry
_NONCE = 12  # bytes: the 96-bit nonce GCM is made for
_TAG = 16  # bytes: GCM's full-length tag, kept apart from the ciphertext
_AAD = b"gkcli cache: sealed personal data columns"  # authenticated with them, not stored
_COLUMNS = tuple(Case._fields.index(name) for name in FIELDS)  # where they are among a case's fields


def _derived(digest: bytes, purpose: bytes) -> bytes:
    return hashlib.sha256(b"gkcli cache\0" + purpose + b"\0" + digest).digest()


def check(digest: bytes) -> bytes:
    """What an entry keeps to recognise the content it was read from (the digest itself would be the key)."""
    return _derived(digest, b"check")


def wrap(inner: bytes, outer: bytes) -> bytes:
    """Digest `inner` (of an earlier content) readable only with digest `outer`; its own inverse."""
    return _xor(inner, _derived(outer, b"wrap"))


def seal(columns: dict[str, Any], digest: bytes) -> dict[str, Any]:
    """The columns to keep for a file whose bytes have sha256 `digest`: the cases' personal data
    taken out and kept sealed, when any case has some."""
    fields, lines = columns["case"]
    if not lines:
        return columns
    personal = [fields[i] for i in _COLUMNS]
    if not any(map(any, personal)):  # none recorded: nothing to seal
        return columns
    plain = _joined(personal, len(lines))
    nonce = os.urandom(_NONCE)
    sealed = _aead(digest).encrypt(nonce, plain, _AAD)  # the ciphertext, then the tag
    kept = list(fields)
    for i in _COLUMNS:
        kept[i] = None
    return {**columns, "case": (kept, lines), SEALED: (nonce, sealed[:-_TAG], sealed[-_TAG:])}


def unseal(columns: dict[str, Any], digest: bytes) -> dict[str, Any] | None:
    """`seal` undone with the same digest; None when the entry was not sealed with it or was changed."""
    sealed = columns.pop(SEALED, None)
    if sealed is None:
        return columns
    from cryptography.exceptions import InvalidTag

    try:
        nonce, cipher, tag = sealed
        if len(nonce) != _NONCE or len(tag) != _TAG:
            return None
        plain = _aead(digest).decrypt(nonce, cipher + tag, _AAD)
        fields, lines = columns["case"]
        personal = _split(plain, len(lines))
        fields = list(fields)
        for i, column in zip(_COLUMNS, personal, strict=True):
            fields[i] = column
    except (InvalidTag, TypeError, ValueError):  # another key, a changed byte, or not what `seal` wrote
        return None
    return {**columns, "case": (fields, lines)}


def _joined(personal: list[tuple[str, ...]], count: int) -> bytes:
    """The columns as text: every value, NUL between (split in C, twice as quick as JSON), or as
    JSON when a value holds a NUL itself (TOML can write one as \\u0000); a first letter says which."""
    text = "\0".join(map("\0".join, personal))
    if text.count("\0") == len(personal) * count - 1:
        text = "N" + text
    else:
        import json

        text = "J" + json.dumps(personal)
    return text.encode("utf-8", "surrogatepass")


def _split(plain: bytes, count: int) -> list[list[str]]:
    text = plain.decode("utf-8", "surrogatepass")
    if text.startswith("J"):
        import json

        return json.loads(text[1:])
    values = text[1:].split("\0")
    if not text.startswith("N") or len(values) != len(_COLUMNS) * count:
        raise ValueError("not the columns sealed")
    return [values[i * count : (i + 1) * count] for i in range(len(_COLUMNS))]


def _aead(digest: bytes):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(_derived(digest, b"aes-256-gcm key"))


def _xor(data: bytes, stream: bytes) -> bytes:
    """Byte by byte exclusive or, as one large integer operation (in C, linear in the length)."""
    return (int.from_bytes(data, "little") ^ int.from_bytes(stream[: len(data)], "little")).to_bytes(len(data), "little")
