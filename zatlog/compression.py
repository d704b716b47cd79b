"""zlib for event states: a window sized to the state instead of zlib's largest.

An event's serialised state is a few hundred bytes. ``zlib.compress`` sets up
its largest window (32 KiB, and 256 KiB of working memory) for each of them,
and that set-up costs ten times the compression itself. A window just large
enough for the state (at least 512 bytes) finds the same matches, so the
output is as small; only its two-byte header names the smaller window, and
``zlib.decompress`` (the library's reading side) reads it as any other.
"""

from __future__ import annotations

import zlib

from eventsourcing.compressor import ZlibCompressor


class SizedZlibCompressor(ZlibCompressor):
    """The library's zlib compressor, with a window no larger than the data needs."""

    def compress(self, data: bytes) -> bytes:
        window_bits = max(9, min(zlib.MAX_WBITS, len(data).bit_length()))
        compressor = zlib.compressobj(
            zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, window_bits, max(1, window_bits - 6)
        )
        return compressor.compress(data) + compressor.flush()
