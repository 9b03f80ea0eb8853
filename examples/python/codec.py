"""The project's payload codec in Python: AES-256-GCM, as codec/encryption-codec.ts writes it.

Metadata `encoding: binary/encrypted`, `encryption-key-id`, `encryption-cipher: AES-256-GCM`; data is a
12-byte nonce, the ciphertext and a 16-byte tag; the plaintext is the original Payload serialised.
Keys come as in PAYLOAD_CODEC_KEYS: "id:base64key[,id:base64key...]", the first one encrypts.
"""

import base64
import os
from typing import Iterable, List, Sequence

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

ENCODING = b"binary/encrypted"
CIPHER = b"AES-256-GCM"


def parse_keys(text: str) -> List[tuple]:
    """ "k1:<base64>,k0:<base64>" -> [("k1", key bytes), ("k0", key bytes)]"""
    keys = []
    lines = [line for line in text.splitlines() if not line.strip().startswith("#")]
    for entry in ",".join(lines).split(","):
        entry = entry.strip()
        if not entry:
            continue
        key_id, _, encoded = entry.partition(":")
        key = base64.b64decode(encoded.strip())
        if len(key) != 32:
            raise ValueError(f"key {key_id.strip()}: an AES-256 key is 32 bytes, not {len(key)}")
        keys.append((key_id.strip(), key))
    if not keys:
        raise ValueError("no keys: give PAYLOAD_CODEC_KEYS as id:base64key")
    return keys


class EncryptionCodec(PayloadCodec):
    def __init__(self, keys: Sequence[tuple]) -> None:
        self._encrypting_id, key = keys[0]
        self._encrypting = AESGCM(key)
        self._by_id = {key_id: AESGCM(key) for key_id, key in keys}

    async def encode(self, payloads: Iterable[Payload]) -> List[Payload]:
        encoded = []
        for payload in payloads:
            nonce = os.urandom(12)
            sealed = nonce + self._encrypting.encrypt(nonce, payload.SerializeToString(), None)
            metadata = {
                "encoding": ENCODING,
                "encryption-key-id": self._encrypting_id.encode(),
                "encryption-cipher": CIPHER,
            }
            encoded.append(Payload(metadata=metadata, data=sealed))
        return encoded

    async def decode(self, payloads: Iterable[Payload]) -> List[Payload]:
        decoded = []
        for payload in payloads:
            if payload.metadata.get("encoding") != ENCODING:
                decoded.append(payload)  # written without encryption: read as it is
                continue
            key_id = payload.metadata.get("encryption-key-id", b"").decode()
            if key_id not in self._by_id:
                raise ValueError(f"payload encrypted with key {key_id!r}, which is not among the keys given")
            nonce, sealed = payload.data[:12], payload.data[12:]
            decoded.append(Payload.FromString(self._by_id[key_id].decrypt(nonce, sealed, None)))
        return decoded
