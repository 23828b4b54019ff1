"""The engine's error type.

Like python-osc, the engine keeps its exceptions few: one base type carrying a machine-readable
``code`` (the service puts it on the wire unchanged) and a message that names the bad value.
"""

import errno


class EngineError(Exception):
    """A failure a client can act on. ``code`` is one of the protocol's error codes."""

    code = "internal"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)


class InvalidInput(EngineError, ValueError):
    """A request field has a bad value (wrong type, out of range, empty...)."""

    code = "bad_request"


class ModelUnavailable(EngineError):
    """The requested model cannot be loaded (not cached while offline, typo, bad folder)."""

    code = "model_unavailable"


class Cancelled(EngineError):
    """The job was cancelled; raised between denoising steps."""

    code = "cancelled"


# Fault classification: which failures the worker (bridge.worker) reports as their own error codes.
# Here, beside the error types and importable without torch: the upload store (and so the thin
# client) uses is_disk_full and must not import the engine.


def is_disk_full(err: OSError) -> bool:
    """No space left (or over the user's quota) where a file was being written."""
    return err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def is_out_of_memory(err: BaseException) -> bool:
    """A device or host allocation failure (torch's OutOfMemoryError on CUDA, MPS's RuntimeError, MemoryError)."""
    if isinstance(err, MemoryError) or type(err).__name__ == "OutOfMemoryError":
        return True
    return isinstance(err, RuntimeError) and "out of memory" in str(err).lower()
