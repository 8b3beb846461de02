"""The API key format: `kc_<prefix>_<secret>`, and how it is hashed.

The secret is 32 random bytes from `secrets` (256 bits). A slow, salted password hash
(PBKDF2, Argon2) exists to make guessing low-entropy passwords expensive; nobody can
guess 256 random bits, so one SHA-256 of the key is as strong against a leaked database
and costs microseconds on every API call instead of a hundred milliseconds. An HMAC with
SECRET_KEY would add nothing against guessing and would break every key when SECRET_KEY is
rotated.

The prefix is not secret: it is shown in lists and admin so a key can be named when it is
revoked, and it finds the row, after which the hash is compared in constant time.

Keys made by DRF's old `authtoken` (40 hex characters, no `kc_`) were moved over by
migration 0002: their prefix is their first 8 characters.
"""

import hashlib
import hmac
import secrets
import string

PREFIX_LANGD = 8
_PREFIX_TECKEN = string.ascii_lowercase + string.digits
_GAMMAL_LANGD = 40  # rest_framework.authtoken's keys


def ny() -> tuple[str, str]:
    """Return a new key and its prefix."""
    prefix = "".join(secrets.choice(_PREFIX_TECKEN) for _ in range(PREFIX_LANGD))
    return f"kc_{prefix}_{secrets.token_urlsafe(32)}", prefix


def prefix_for(nyckel: str) -> str | None:
    """Return the prefix of a key as sent, or None when it cannot be one of ours."""
    if nyckel.startswith("kc_"):
        delar = nyckel.split("_", 2)
        if len(delar) == 3 and len(delar[1]) == PREFIX_LANGD and delar[2]:
            return delar[1]
        return None
    if len(nyckel) == _GAMMAL_LANGD:
        return nyckel[:PREFIX_LANGD]
    return None


def hash_for(nyckel: str) -> str:
    return hashlib.sha256(nyckel.encode()).hexdigest()


def stammer(nyckel: str, lagrad_hash: str) -> bool:
    """Compare the key with the stored hash in constant time."""
    return hmac.compare_digest(hash_for(nyckel), lagrad_hash)
