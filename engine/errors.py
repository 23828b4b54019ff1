"""The engine's error type.

Like python-osc, the engine keeps its exceptions few: one base type carrying a machine-readable
``code`` (the service puts it on the wire unchanged) and a message that names the bad value.
"""


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
