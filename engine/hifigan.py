"""HiFi-GAN (transformers' ``SpeechT5HifiGan``) with its 1-D convolutions run as NHWC 2-D convolutions.

oneDNN runs channels-last 2-D convolutions faster than 1-D ones on the CPU (~10 % less vocoder
time on a 2-core EPYC, BENCHMARKS.md): same weights, same operations, step for step, results at
float rounding level. The sampler uses it on the CPU where :func:`hifigan_supported` says the
vocoder is exactly the structure reproduced here.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def hifigan_supported(vocoder) -> bool:
    """True for a SpeechT5HifiGan whose structure :func:`hifigan_forward` reproduces exactly."""
    try:
        from transformers import SpeechT5HifiGan
        from transformers.models.speecht5.modeling_speecht5 import HifiGanResidualBlock
    except ImportError:
        return False
    if type(vocoder) is not SpeechT5HifiGan or type(vocoder).forward.__qualname__ != "SpeechT5HifiGan.forward":
        return False
    if type(vocoder).__call__ is not torch.nn.Module.__call__ or vocoder._forward_hooks or vocoder._forward_pre_hooks:
        return False
    convs = [m for m in vocoder.modules() if isinstance(m, (torch.nn.Conv1d, torch.nn.ConvTranspose1d))]
    return (
        all(type(block) is HifiGanResidualBlock for block in vocoder.resblocks)
        and all(m.padding_mode == "zeros" and m.groups == 1 and not m._forward_hooks and not m._forward_pre_hooks
                for m in convs)
        and all(m.output_padding == (0,) for m in vocoder.upsampler)
        and len(vocoder.resblocks) == vocoder.num_upsamples * vocoder.num_kernels
    )


def _conv(conv, x: torch.Tensor) -> torch.Tensor:
    """``conv`` (Conv1d or ConvTranspose1d) applied to x of shape (N, C, 1, L) in channels-last."""
    weight = conv.weight.unsqueeze(2)  # (out, in, 1, k) or (in, out, 1, k)
    if isinstance(conv, torch.nn.ConvTranspose1d):
        return F.conv_transpose2d(x, weight, conv.bias, stride=(1, conv.stride[0]), padding=(0, conv.padding[0]),
                                  dilation=(1, conv.dilation[0]))
    return F.conv2d(x, weight, conv.bias, stride=(1, conv.stride[0]), padding=(0, conv.padding[0]),
                    dilation=(1, conv.dilation[0]))


def hifigan_forward(vocoder, spectrogram: torch.Tensor) -> torch.Tensor:
    """``SpeechT5HifiGan.forward`` for a batched (batch, frames, mel bins) input, step for step.

    oneDNN runs NHWC 2-D convolutions faster than 1-D ones on the CPU: same weights, same
    operations, differences at float rounding level.
    """
    cfg = vocoder.config
    if cfg.normalize_before:
        spectrogram = (spectrogram - vocoder.mean) / vocoder.scale
    x = spectrogram.transpose(2, 1).unsqueeze(2).contiguous(memory_format=torch.channels_last)
    x = _conv(vocoder.conv_pre, x)
    for i in range(vocoder.num_upsamples):
        x = F.leaky_relu(x, cfg.leaky_relu_slope)
        x = _conv(vocoder.upsampler[i], x)
        res_state = None
        for j in range(vocoder.num_kernels):
            out = _resblock(vocoder.resblocks[i * vocoder.num_kernels + j], x)
            res_state = out if res_state is None else res_state.add_(out)
        x = res_state / vocoder.num_kernels
    x = F.leaky_relu(x)
    x = _conv(vocoder.conv_post, x)
    return torch.tanh(x).reshape(x.shape[0], -1)


def _resblock(block, x: torch.Tensor) -> torch.Tensor:
    for conv1, conv2 in zip(block.convs1, block.convs2):
        residual = x
        x = _conv(conv1, F.leaky_relu(x, block.leaky_relu_slope))
        x = _conv(conv2, F.leaky_relu(x, block.leaky_relu_slope))
        x = x + residual
    return x
