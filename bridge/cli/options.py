"""Option groups shared by several subcommands: the model, the render options, the client's connection."""

from __future__ import annotations

import argparse
from pathlib import Path


def default_out_dir() -> Path:
    import platformdirs

    return platformdirs.user_music_path() / "audioldm-bridge"


def add_model_options(parser: argparse.ArgumentParser) -> None:
    from engine.catalog import DEFAULT_MODEL

    parser.add_argument("--model", default=DEFAULT_MODEL,
                        help=f"hub id, local diffusers folder, 'tiny' or 'random:audioldm-s-full-v2' (default {DEFAULT_MODEL})")
    parser.add_argument("--device", default="auto",
                        help="auto (cuda → mps → cpu), cpu, cuda, cuda:N, mps (default auto)")
    parser.add_argument("--dtype", default="auto", choices=["auto", "fp32", "fp16", "bf16", "float32", "float16",
                                                             "bfloat16"], metavar="DTYPE",
                        help="auto (fp16 on cuda; bf16 on a CPU with native bf16, text encoder fp32; else fp32), "
                             "fp32 (bit-faithful), fp16, bf16 (default auto)")
    parser.add_argument("--compile", action="store_true",
                        help="torch.compile the UNet, VAE decoder and vocoder (worth it on a GPU; each new clip "
                             "length compiles once; `serve` warms up 1, 2 and 4 bars at 120 BPM)")
    parser.add_argument("--clap-model", help="CLAP model that ranks --best-of candidates: hub id or local folder "
                                             "(default laion/clap-htsat-unfused; a tiny one with --model tiny)")


def add_render_options(parser: argparse.ArgumentParser, prompt_optional: bool = False) -> None:
    """Options shared by `generate` (in-process) and `request` (through the service).

    Defaults are None: an option not given is left out of the request and the protocol's default
    applies (the same values the help texts name), so `request --request-file` can tell what was typed.
    """
    parser.add_argument("prompt", nargs="?" if prompt_optional else None,
                        help="what to generate, e.g. 'warm analog bass, 90s house'")
    length = parser.add_argument_group("length (seconds, or bars/beats at a tempo)")
    length.add_argument("--seconds", type=float, help="length in seconds, 0.1..60 (default: none, give --seconds or "
                        "--bars; with --init-audio the input's length)")
    length.add_argument("--bars", type=float, help="length in bars of --time-sig at --bpm (default: none, give --bars "
                        "or --seconds)")
    length.add_argument("--beats", type=float,
                        help="extra beats (in units of the time signature's denominator; default 0)")
    length.add_argument("--bpm", type=float, help="quarter notes per minute, REAPER's convention (default 120)")
    length.add_argument("--time-sig", help="time signature N/D (default 4/4)")
    parser.add_argument("--out", type=Path, help="output folder (default: your Music folder/audioldm-bridge)")
    parser.add_argument("--name", dest="name_hint", help="file name hint (slugified; never a path; default: "
                        "from the prompt)")
    parser.add_argument("--sample-rate", type=int, help="8000..384000 (default 48000)")
    parser.add_argument("--stereo", action="store_true", help="dual-mono stereo file instead of mono")
    parser.add_argument("--format", choices=["wav24", "wav16", "wav32f", "flac"], help="default wav24")
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("--lufs", type=float, help="integrated loudness target (default -14 LUFS)")
    loud.add_argument("--peak", type=float, help="normalize the sample peak to this dBFS instead "
                      "(default: off, --lufs applies)")
    loud.add_argument("--no-normalize", action="store_true", help="leave the level alone (ceiling still applies)")
    parser.add_argument("--ceiling", type=float, help="true-peak ceiling in dBTP (default -1)")
    parser.add_argument("--loop", action="store_true", help="make the file loop seamlessly")
    parser.add_argument("--variations", type=int, help="default 1")
    parser.add_argument("--seed", type=int, help="the same seed gives the same audio (default: a random one; the "
                        "sidecar records each variation's seed)")
    parser.add_argument("--steps", type=int, help="default 10")
    parser.add_argument("--guidance", type=float, help="default 2.5")
    parser.add_argument("--negative", help="negative prompt: what to avoid (default: none)")
    parser.add_argument("--scheduler", help="ddim (default), dpmsolver++, euler, pndm, lms")
    parser.add_argument("--eta", type=float, help="default 0")
    edit = parser.add_argument_group("audio in (the length defaults to the input's)")
    edit.add_argument("--init-audio", type=Path, metavar="FILE", help="audio to transform (style transfer), "
                      "repaint or extend; any soundfile-readable file (default: none, text only)")
    edit.add_argument("--init-range", metavar="START:END",
                      help="use only this part of the input file (seconds); --repaint then counts from START "
                           "(default: the whole file)")
    edit.add_argument("--strength", type=float, help="0 keeps the input, 1 ignores it (default 0.5; 1 for "
                      "--repaint/--extend-*)")
    edit.add_argument("--repaint", metavar="START:END", help="regenerate this region (seconds), keep the rest "
                      "(default: none)")
    edit.add_argument("--extend-bars", type=float, metavar="N", help="continue the input by N bars at "
                      "--bpm/--time-sig (default: none)")
    edit.add_argument("--extend-seconds", type=float, metavar="S",
                      help="continue the input by S seconds (default: none)")
    blend = parser.add_argument_group("between prompts (docs/PROTOCOL.md: Between prompts)")
    blend.add_argument("--morph-to", metavar="TEXT", help="a second prompt: blend from PROMPT to it by --morph, "
                       "or render a --sweep (default: none)")
    blend.add_argument("--morph", type=float, metavar="AMOUNT", help="0 is PROMPT, 1 is --morph-to, exactly "
                       "(default: none)")
    blend.add_argument("--sweep", type=int, metavar="N", help="N files from PROMPT to --morph-to, one seed, in "
                       "order (default: none)")
    blend.add_argument("--audio-prompt", type=Path, metavar="FILE", help="more like this sound (needs a CLAP whose "
                       "text tower is the model's; PROMPT then only names the files; default: none)")
    parser.add_argument("--best-of", type=int, metavar="N",
                        help="generate N candidates, keep the --variations best by CLAP audio-text similarity "
                             "(default: off, no ranking)")
    parser.add_argument("--align", choices=["none", "onset"], help="onset: move the first strong onset to sample 0 "
                        "(default none)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of paths")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar (shown only when stderr is a terminal, and not with --json)")


def add_client_options(parser: argparse.ArgumentParser) -> None:
    from ..client import DEFAULT_ENDPOINT, ENDPOINT_ENV

    parser.add_argument("--endpoint", "--engine",
                        help=f"engine's ZeroMQ endpoint, e.g. tcp://gpu-box:18002 or gpu-box:18002 (default: "
                             f"${ENDPOINT_ENV} if set, else {DEFAULT_ENDPOINT})")
    parser.set_defaults(endpoint_from_env=True)  # resolved by main: the variable, else the default
    parser.add_argument("--server-key", type=Path, help="a remote engine's public key (server.key from keygen; "
                        "default: none, plain ZeroMQ to a local engine)")
    parser.add_argument("--client-key", type=Path, help="your secret key (NAME.key_secret from keygen; "
                        "default: none)")
    parser.add_argument("--reply-timeout", type=float, default=5.0, help="seconds of silence before a retry (default 5)")
    parser.add_argument("--retries", type=int, default=3,
                        help="resends after the first try (default 3; 0: one try): an engine that does not answer "
                             "is reported after --reply-timeout × (--retries + 1)")

