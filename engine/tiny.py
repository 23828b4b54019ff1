"""The ``tiny`` test model: AudioLDM's exact structure at toy widths, seeded, built in-process.

Same component classes as cvssp/audioldm-s-full-v2 (CLAP text encoder with projection, a 4-level
UNet2DConditionModel with the simple-projection class embedding, a ×4 AutoencoderKL with 8
latent channels, a HiFi-GAN with upsample product 160 and 64 mel bins) and the real tokenizer, so
shapes and lengths behave exactly like the real model while a generation takes milliseconds.
Its weights are random: its output is test-model noise, and is labelled so wherever shown.
"""

from __future__ import annotations

import copy

from .building import build_components, read_configs

TINY_SEED = 1234

TEST_MODEL_LABEL = "tiny test model (random weights): the audio is noise, not AudioLDM output"


def tiny_configs() -> dict:
    """The shipped s-full-v2 configs with every width shrunk and nothing else changed."""
    configs = copy.deepcopy(read_configs())
    configs["text_encoder"].update(
        hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=37,
        projection_dim=32, projection_hidden_size=32, fusion_hidden_size=32,
    )
    configs["unet"].update(
        block_out_channels=[16, 16, 32, 32], cross_attention_dim=[16, 16, 32, 32], layers_per_block=1,
        norm_num_groups=8, attention_head_dim=4, projection_class_embeddings_input_dim=32,
    )
    configs["vae"].update(block_out_channels=[8, 16, 16], norm_num_groups=4, layers_per_block=1)
    configs["vocoder"].update(
        upsample_initial_channel=32, resblock_kernel_sizes=[3, 5], resblock_dilation_sizes=[[1, 3], [1, 3]],
        # At toy widths the real init (0.01) yields ~1e-10 output; 0.15 gives noise around -34 dBFS RMS,
        # loud enough for the loudness stages to have something to measure.
        initializer_range=0.15,
    )
    return configs


def build_tiny_components(seed: int = TINY_SEED) -> dict:
    return build_components(tiny_configs(), seed=seed)
