"""The model family, as plain data: importing this costs nothing (the CLI builds its help from it
without loading torch)."""

DEFAULT_MODEL = "cvssp/audioldm-s-full-v2"

#: The AudioLDM family on the hub, with the exact parameter counts of the published checkpoints.
KNOWN_MODELS = {
    "cvssp/audioldm-s-full-v2": 420_980_338,
    "cvssp/audioldm-s-full": 420_980_338,
    "cvssp/audioldm": 420_980_338,
    "cvssp/audioldm-m-full": 651_898_354,
    "cvssp/audioldm-l-full": 975_082_866,
}

LICENCE_NOTE = "AudioLDM weights are licensed CC BY-NC-SA 4.0: non-commercial use only."

#: Sizes differ only in the UNet's widths (derived; the totals match the hub model cards).
RANDOM_UNET_WIDTHS = {
    "audioldm-s-full-v2": [128, 256, 384, 640],
    "audioldm-m-full": [192, 384, 576, 960],
    "audioldm-l-full": [256, 512, 768, 1280],
}
