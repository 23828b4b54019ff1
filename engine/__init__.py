"""audioldm-bridge engine: AudioLDM loading, sampling and DAW-ready audio."""

__version__ = "0.2.0"
