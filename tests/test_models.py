"""Model resolution and loading: local folders (.bin and .safetensors), the HF cache offline,
the full-size architecture from the shipped configs, and clear errors."""

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from engine import models
from engine.errors import ModelUnavailable
from engine.sampler import AudioLDMSampler, SamplingJob
from engine.tiny import build_tiny_components

REPO = Path(__file__).resolve().parents[1]
FAKE_COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture(scope="module")
def tiny_folders(tmp_path_factory):
    """The tiny model saved twice in the hub layout: all safetensors, and all .bin (old hub revisions)."""
    parts = build_tiny_components()
    root = tmp_path_factory.mktemp("models")
    return {kind: models.save_components(parts, root / kind, weights=kind) for kind in ("safetensors", "bin")}


def _reference_audio(components):
    return AudioLDMSampler(components)([SamplingJob("wind chimes", 24, [3])])[0][0]


@pytest.mark.parametrize("kind", ["safetensors", "bin"])
def test_local_folder_loads_both_weight_formats(tiny_folders, tiny_components, kind):
    folder = tiny_folders[kind]
    suffix = ".safetensors" if kind == "safetensors" else ".bin"
    assert all(list((folder / c).glob(f"*{suffix}")) for c in ("text_encoder", "unet", "vae", "vocoder"))
    loaded = models.load_model(str(folder), device="cpu", dtype="fp32")  # as tiny_components, on every CPU
    assert loaded.source == str(folder) and not loaded.is_test_model
    np.testing.assert_array_equal(_reference_audio(loaded), _reference_audio(tiny_components))


def _fake_hf_cache(cache: Path, repo_id: str, folder: Path) -> Path:
    """The layout huggingface_hub writes: refs/main → a commit whose snapshot holds the files."""
    repo_dir = cache / f"models--{repo_id.replace('/', '--')}"
    (repo_dir / "refs").mkdir(parents=True)
    (repo_dir / "refs" / "main").write_text(FAKE_COMMIT)
    shutil.copytree(folder, repo_dir / "snapshots" / FAKE_COMMIT)
    return repo_dir / "snapshots" / FAKE_COMMIT


def _cli(args, env_extra, cwd):
    env = {**os.environ, **env_extra}
    return subprocess.run([sys.executable, "-m", "bridge.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_hub_id_resolves_from_the_hf_cache_offline(tiny_folders, tmp_path):
    """The real loading path: hub id → huggingface_hub → HF cache, with HF_HUB_OFFLINE=1."""
    cache = tmp_path / "hub"
    _fake_hf_cache(cache, "cvssp/audioldm-s-full-v2", tiny_folders["bin"])
    out = tmp_path / "out"
    result = _cli(["generate", "hiss", "--seconds", "0.5", "--model", "cvssp/audioldm-s-full-v2",
                   "--out", str(out), "--json", "--seed", "1"],
                  {"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(cache), "PYTHONPATH": str(REPO)}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["model"] == "cvssp/audioldm-s-full-v2"
    assert Path(reply["files"][0]["path"]).is_file() and reply["files"][0]["samples"] == 24000


def test_uncached_model_offline_is_one_clear_error(tmp_path):
    result = _cli(["generate", "hiss", "--seconds", "1", "--model", "cvssp/audioldm-m-full", "--out", str(tmp_path)],
                  {"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path / "empty"), "PYTHONPATH": str(REPO)},
                  cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "'cvssp/audioldm-m-full' is not in the local Hugging Face cache" in lines[0]
    assert "HF_HUB_OFFLINE=1" in lines[0] and "hf download cvssp/audioldm-m-full" in lines[0]
    assert "--model tiny" in lines[0]
    assert not list(tmp_path.glob("*.wav"))


def _unreachable_hub(tmp_path, cache: Path) -> dict:
    """HF_HUB_OFFLINE unset, and a hub endpoint where nothing listens (refused at once, as offline)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return {"HF_HUB_OFFLINE": "", "HF_ENDPOINT": f"http://127.0.0.1:{port}", "HF_HUB_CACHE": str(cache),
            "PYTHONPATH": str(REPO)}


@pytest.mark.parametrize("offline", ["HF_HUB_OFFLINE", "unreachable hub"])
def test_a_mistyped_model_id_is_not_sent_to_hf_download(tiny_folders, tmp_path, offline):
    """Offline the hub cannot say whether a repo exists: an id that is neither known nor cached is
    named as such, with what is cached and the known ids — not "run hf download <typo>"."""
    cache = tmp_path / "hub"
    _fake_hf_cache(cache, "cvssp/audioldm", tiny_folders["safetensors"])
    env = ({"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(cache), "PYTHONPATH": str(REPO)} if offline == "HF_HUB_OFFLINE"
           else _unreachable_hub(tmp_path, cache))
    result = _cli(["generate", "hiss", "--seconds", "1", "--model", "cvssp/audioldm-s-ful-v2", "--out", str(tmp_path)],
                  env, cwd=tmp_path)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "'cvssp/audioldm-s-ful-v2' is not a known AudioLDM model and is not in the local Hugging Face cache" in line
    assert "Did you mean cvssp/audioldm-s-full-v2?" in line
    assert "In the cache: cvssp/audioldm;" in line and "cvssp/audioldm-l-full" in line  # cached, and known ids
    assert "hf download cvssp/audioldm-s-ful-v2" not in line


def test_an_unreachable_hub_is_not_blamed_on_hf_hub_offline(tmp_path):
    """HF_HUB_OFFLINE was not set: the message says what was tried (the hub, unreachable), and how to
    get the model, without telling the user to undo a setting they never made."""
    env = _unreachable_hub(tmp_path, tmp_path / "empty")
    result = _cli(["generate", "hiss", "--seconds", "1", "--model", "cvssp/audioldm-m-full", "--out", str(tmp_path)],
                  env, cwd=tmp_path)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "'cvssp/audioldm-m-full' is not in the local Hugging Face cache" in line
    assert f"the hub at {env['HF_ENDPOINT']} could not be reached" in line
    assert "hf download cvssp/audioldm-m-full" in line and "HF_HUB_OFFLINE" not in line


def test_cache_lookup_in_process(tiny_folders, tmp_path, monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    snapshot = _fake_hf_cache(tmp_path, "cvssp/audioldm", tiny_folders["safetensors"])
    assert models.resolve_model_folder("cvssp/audioldm", cache_dir=tmp_path) == snapshot
    assert models.cached_models(tmp_path)["cvssp/audioldm"] > 0
    with pytest.raises(ModelUnavailable, match="'cvssp/audioldm-l-full' is not in the local Hugging Face cache"):
        models.resolve_model_folder("cvssp/audioldm-l-full", cache_dir=tmp_path)


@pytest.mark.parametrize(
    "model_id, message",
    [
        ("./no/such/folder", "model folder './no/such/folder' does not exist"),
        ("audioldm-s-full-v2", "unknown model 'audioldm-s-full-v2'"),
        ("random:audioldm-xl", "unknown random model 'audioldm-xl'"),
    ],
)
def test_unavailable_models_name_themselves(model_id, message):
    with pytest.raises(ModelUnavailable, match=message):
        models.load_model(model_id, device="cpu")


def test_incomplete_folder_names_what_is_missing(tiny_folders, tmp_path):
    broken = shutil.copytree(tiny_folders["safetensors"], tmp_path / "broken")
    (broken / "vae" / "diffusion_pytorch_model.safetensors").unlink()
    shutil.rmtree(broken / "tokenizer")
    with pytest.raises(ModelUnavailable, match=r"missing vae/diffusion_pytorch_model.safetensors or .*\.bin, tokenizer/"):
        models.load_model(str(broken), device="cpu")


#: Exact parameter counts of the published checkpoints, per component, as /work/shared/models/README.md
#: records them ("Sizes (parameters, exact)"; m and l differ only in the UNet). The facts the
#: architecture builder and the catalog answer to; the test below checks this transcription.
PUBLISHED_SIZES = {
    "audioldm-s-full-v2": {"unet": 185_036_552, "vae": 55_376_873, "text_encoder": 125_302_016, "vocoder": 55_264_897},
    "audioldm-m-full": {"unet": 415_954_568, "vae": 55_376_873, "text_encoder": 125_302_016, "vocoder": 55_264_897},
    "audioldm-l-full": {"unet": 739_139_080, "vae": 55_376_873, "text_encoder": 125_302_016, "vocoder": 55_264_897},
}
MODELS_README = Path("/work/shared/models/README.md")


@functools.lru_cache(maxsize=None)
def built_sizes(name):
    """Parameters per component of the architecture the engine builds for ``name``, on the meta
    device (shapes only: no memory, no time)."""
    with torch.device("meta"):
        parts = models.build_random_components(name)
    return {k: sum(p.numel() for p in parts[k].parameters()) for k in ("text_encoder", "unet", "vae", "vocoder")}


@pytest.mark.skipif(not MODELS_README.is_file(), reason="the workplace's model facts are not on this machine")
def test_published_sizes_are_transcribed_from_the_model_facts():
    text = MODELS_README.read_text()
    rows = {m[0].strip(): [c.strip() for c in m[1:]] for m in re.findall(
        r"^\| ([a-z ]+?)(?: \(.*?\))? \| ([\d,]+) \| ([\d,]+|same) \| ([\d,]+|same) \|$", text, flags=re.M)}
    for column, name in enumerate(PUBLISHED_SIZES):
        for part, label in [("unet", "unet"), ("vae", "vae"), ("text_encoder", "text encoder"),
                            ("vocoder", "vocoder")]:
            cell = rows[label][column]
            cell = rows[label][0] if cell == "same" else cell
            assert int(cell.replace(",", "")) == PUBLISHED_SIZES[name][part], (name, part)
        assert int(rows["total"][column].replace(",", "")) == sum(PUBLISHED_SIZES[name].values())


@pytest.mark.parametrize("name", list(PUBLISHED_SIZES))
def test_random_full_size_architectures_have_the_published_sizes(name):
    assert built_sizes(name) == PUBLISHED_SIZES[name]


def _size_of(model_id):
    """Which architecture a hub id is: -m-/-l- in the name, else the small one (s-full, s-full-v2 and
    the original cvssp/audioldm share the s architecture)."""
    for size in ("m", "l"):
        if f"-{size}-" in model_id:
            return f"audioldm-{size}-full"
    return "audioldm-s-full-v2"


@pytest.mark.parametrize("model_id", list(models.KNOWN_MODELS))
def test_catalog_counts_are_the_built_architectures(model_id):
    """`models --json` shows these numbers: each must be what the architecture really holds."""
    assert models.KNOWN_MODELS[model_id] == sum(built_sizes(_size_of(model_id)).values())


@pytest.mark.slow
def test_full_size_hub_layout_with_mixed_weight_formats(tmp_path, monkeypatch):
    """Shipped configs + random weights, saved as the hub has them (.bin and .safetensors), loaded offline."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    parts = models.build_random_components("audioldm-s-full-v2", seed=1)
    folder = models.save_components(parts, tmp_path / "s", weights={
        "text_encoder": "bin", "unet": "bin", "vae": "safetensors", "vocoder": "safetensors"})
    for rel in ("unet/config.json", "vae/config.json"):
        shipped = json.loads((models.SHIPPED_CONFIG_DIR / rel).read_text())
        saved = json.loads((folder / rel).read_text())
        assert all(saved[k] == v for k, v in shipped.items() if not k.startswith("_"))
    loaded = models.load_model(str(folder), device="cpu", dtype="fp32")  # compared with the fp32 weights below
    assert loaded.parameter_count == 420_980_338
    for name in ("unet", "vocoder"):
        original = dict(parts[name].named_parameters())
        for key, value in list(getattr(loaded, name).named_parameters())[::25]:
            torch.testing.assert_close(value, original[key], rtol=0, atol=0)


def test_device_and_dtype_choice(monkeypatch):
    monkeypatch.setenv(models.CPU_BF16_ENV, "0")
    assert models.pick_device("cpu").type == "cpu"
    assert models.pick_dtype(torch.device("cpu")) == torch.float32
    assert models.pick_dtype(torch.device("cuda")) == torch.float16
    assert models.pick_dtype(torch.device("cpu"), "bf16") == torch.bfloat16
    with pytest.raises(ModelUnavailable, match="unknown dtype 'fp8'"):
        models.pick_dtype(torch.device("cpu"), "fp8")
    if not torch.cuda.is_available():
        with pytest.raises(ModelUnavailable, match="CUDA is not available"):
            models.pick_device("cuda")
        assert models.pick_device("auto").type in ("cpu", "mps")


def test_loaded_model_is_resident_in_eval_mode(tiny_components):
    for name in ("text_encoder", "unet", "vae", "vocoder"):
        module = getattr(tiny_components, name)
        assert not module.training
        assert all(not p.requires_grad for p in module.parameters())
    assert tiny_components.is_test_model


def test_components_repr_is_short_and_leaves_the_scheduler_alone(tiny_components):
    """pytest prints fixtures in a failure's traceback: repr must not dump the model, nor run the
    scheduler's repr, which rewrites its config's ``_diffusers_version`` (diffusers' to_json_string)."""
    before = dict(tiny_components.scheduler.config)
    text = repr(tiny_components)
    assert dict(tiny_components.scheduler.config) == before
    assert "model_id='tiny'" in text and "float32" in text and len(text) < 1000, text


def test_requested_dtype_is_applied():
    components = models.load_model("tiny", device="cpu", dtype="bf16")
    assert all(getattr(components, n).dtype == torch.bfloat16 for n in ("text_encoder", "unet", "vae", "vocoder"))
    assert components.dtype == torch.bfloat16


# --- dtype per stage, SDPA, compile ------------------------------------------------------------------


def test_native_bf16_is_what_the_cpu_flags_say():
    """torch's answer against the kernel's own list of CPU flags (Linux only)."""
    cpuinfo = Path("/proc/cpuinfo")
    if not cpuinfo.is_file():
        pytest.skip("no /proc/cpuinfo to compare with")
    flags = set(next(line for line in cpuinfo.read_text().splitlines() if line.startswith("flags")).split())
    assert models.cpu_has_native_bf16() == bool({"avx512_bf16", "amx_tile"} & flags)


@pytest.mark.parametrize("native", [True, False])
def test_auto_dtype_per_device_and_cpu(monkeypatch, native):
    """Both answers of the CPU check, forced through the documented override whatever this CPU is."""
    monkeypatch.setenv(models.CPU_BF16_ENV, "1" if native else "0")
    assert models.auto_uses_cpu_bf16() is native
    cpu = models.pick_stage_dtypes(torch.device("cpu"))
    if native:  # bf16 where it is fast; the text encoder stays fp32 (measured: costs < 1 %)
        assert cpu == {"text_encoder": torch.float32, "unet": torch.bfloat16, "vae": torch.bfloat16,
                       "vocoder": torch.bfloat16}
    else:
        assert set(cpu.values()) == {torch.float32}
    assert models.pick_dtype(torch.device("cpu")) == cpu["unet"]
    assert set(models.pick_stage_dtypes(torch.device("cuda")).values()) == {torch.float16}
    assert set(models.pick_stage_dtypes(torch.device("mps")).values()) == {torch.float32}
    # an explicit dtype is every stage's, whatever the CPU can do
    assert set(models.pick_stage_dtypes(torch.device("cpu"), "fp32").values()) == {torch.float32}
    assert set(models.pick_stage_dtypes(torch.device("cpu"), "bf16").values()) == {torch.bfloat16}


def test_the_cpu_bf16_override_unset_asks_the_hardware(monkeypatch):
    monkeypatch.delenv(models.CPU_BF16_ENV, raising=False)
    assert models.auto_uses_cpu_bf16() == models.cpu_has_native_bf16()
    monkeypatch.setenv(models.CPU_BF16_ENV, " ")
    assert models.auto_uses_cpu_bf16() == models.cpu_has_native_bf16()


@pytest.mark.parametrize("value", ["yes", "true", "2", "bf16"])
def test_a_bad_cpu_bf16_override_is_refused_by_name(monkeypatch, value, tmp_path, capsys):
    from bridge.cli import main

    monkeypatch.setenv(models.CPU_BF16_ENV, value)
    with pytest.raises(ModelUnavailable, match=rf"AUDIOLDM_BRIDGE_CPU_BF16 must be 0 .* or 1 .*got '{value}'"):
        models.pick_stage_dtypes(torch.device("cpu"))
    # only auto on the CPU reads it: an explicit dtype or CUDA's auto never depend on it
    assert set(models.pick_stage_dtypes(torch.device("cpu"), "fp32").values()) == {torch.float32}
    assert set(models.pick_stage_dtypes(torch.device("cuda")).values()) == {torch.float16}
    # the CLI says so in one line, no traceback
    assert main(["generate", "hiss", "--seconds", "0.5", "--model", "tiny", "--device", "cpu",
                 "--out", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert "AUDIOLDM_BRIDGE_CPU_BF16 must be 0" in err and repr(value) in err and "Traceback" not in err


def test_auto_on_a_bf16_cpu_loads_mixed_stages_and_names_them(monkeypatch, tiny_components, tmp_path):
    from engine.length import MusicalLength
    from engine.render import Engine, RenderRequest

    monkeypatch.setenv(models.CPU_BF16_ENV, "1")
    mixed = models.load_model("tiny", device="cpu", dtype="auto")
    assert mixed.text_encoder.dtype == torch.float32
    assert all(getattr(mixed, n).dtype == torch.bfloat16 for n in ("unet", "vae", "vocoder"))
    assert mixed.dtype == torch.bfloat16 and mixed.dtype_name == "bfloat16 (text_encoder float32)"
    # same weights, rounded: the bf16 stages hold the fp32 model's values, nothing else
    for name in ("unet", "vocoder"):
        ref = dict(getattr(tiny_components, name).named_parameters())
        for key, value in getattr(mixed, name).named_parameters():
            torch.testing.assert_close(value, ref[key].to(torch.bfloat16), rtol=0, atol=0)
    files = Engine(mixed).render(RenderRequest(prompt="hiss", length=MusicalLength.from_seconds(0.32),
                                               out_dir=tmp_path, seed=3, steps=2, loudness="off"))
    assert files[0].metadata["dtype"] == "bfloat16 (text_encoder float32)"
    assert json.loads(files[0].sidecar.read_text())["dtype"] == "bfloat16 (text_encoder float32)"
    # bf16 stays close to fp32 (≥ 20 dB SNR on the tiny model); the fp32 path itself is held to 1e-5
    job = SamplingJob("hiss", 32, [3], steps=4)
    ref = AudioLDMSampler(tiny_components)([job])[0][0]
    ours = AudioLDMSampler(mixed)([job])[0][0]
    assert ours.dtype == np.float32
    snr = 10 * np.log10(np.sum(ref**2) / np.sum((ours - ref) ** 2))
    assert 20 < snr < 200, snr


def test_checkpoint_weights_load_directly_in_the_requested_dtype(tiny_folders, tiny_components):
    loaded = models.load_model(str(tiny_folders["safetensors"]), device="cpu", dtype="bf16")
    for name in ("text_encoder", "unet", "vae", "vocoder"):
        ref = dict(getattr(tiny_components, name).named_parameters())
        params = list(getattr(loaded, name).named_parameters())
        assert {p.dtype for _, p in params} == {torch.bfloat16}
        for key, value in params[::7]:
            torch.testing.assert_close(value, ref[key].to(torch.bfloat16), rtol=0, atol=0)


def test_attention_runs_on_pytorch_sdpa(tiny_components):
    from diffusers.models.attention_processor import AttnProcessor2_0

    for name in ("unet", "vae"):
        processors = getattr(tiny_components, name).attn_processors
        assert processors and all(isinstance(p, AttnProcessor2_0) for p in processors.values())


@pytest.mark.slow  # dynamo traces the UNet, VAE decoder and vocoder: ~30 s of CPU even for the tiny model
def test_compile_warms_up_the_live_lengths_and_then_never_recompiles(tiny_components, monkeypatch, tmp_path):
    """torch.compile wiring with a counting backend (runs the traced graphs eagerly: exact, no codegen)."""
    from engine import render
    from engine.length import MusicalLength

    live_frames = [render.RenderRequest(prompt="x", length=length, out_dir=tmp_path).sampling_job().frames
                   for length in render.LIVE_WARM_UP_LENGTHS]
    assert live_frames == [200, 400, 800]  # 1, 2 and 4 bars at 120 BPM (2, 4, 8 s) in 10 ms frames
    monkeypatch.setattr(render, "LIVE_WARM_UP_LENGTHS", (MusicalLength.from_seconds(0.32),))  # one cheap shape

    compiled_graphs = []

    def counting_backend(graph_module, example_inputs):
        compiled_graphs.append(graph_module)
        return graph_module.forward

    import torch._dynamo

    torch._dynamo.reset()
    components = models.load_model("tiny", device="cpu", dtype="fp32", compile=counting_backend)  # as tiny_components
    assert components.compiled is counting_backend
    engine = render.Engine(components)
    assert not engine.sampler.fast_vocoder  # the compiled vocoder module runs, not the eager 2-D path
    assert engine.warm_up() == [32]  # a compiled engine warms up the live lengths by default
    assert compiled_graphs
    after_warm_up = len(compiled_graphs)
    job = SamplingJob("snare", 32, [5], steps=3)
    ours = engine.sampler([job])[0][0]
    assert len(compiled_graphs) == after_warm_up  # a warmed-up length compiles nothing more
    ref = AudioLDMSampler(tiny_components)([job])[0][0]
    np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-5)
    torch._dynamo.reset()


@pytest.mark.slow
def test_inductor_compiled_tiny_model_matches_eager(tiny_components):
    """The real compiler (C++ codegen on the CPU): minutes on 2 cores, hence slow."""
    import torch._dynamo

    torch._dynamo.reset()
    components = models.load_model("tiny", device="cpu", dtype="fp32", compile=True)  # as tiny_components, on any CPU
    job = SamplingJob("snare", 48, [5], steps=2)
    ours = AudioLDMSampler(components)([job])[0][0]
    ref = AudioLDMSampler(tiny_components)([job])[0][0]
    np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-4)
    torch._dynamo.reset()
