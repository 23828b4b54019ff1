"""`audioldm-bridge doctor`: one screen of checks, each ✓ or ✗ with the fix.

A ✗ is something needed that is missing or wrong; the exit status is then 1. A – line is
information (REAPER or Max not found here is not a fault: use the other, or neither). torch is
imported only inside the checks that need it.
"""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from . import reaper_kb, setup_max, setup_reaper

OK, FAIL, INFO = "ok", "fail", "info"


@dataclass
class Check:
    status: str  # OK, FAIL or INFO
    text: str
    fix: str = ""


class Marks:
    """✓ ✗ – → where the terminal can print them, [ok] [X] [-] -> where it cannot (a cp1252 console)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.encoding = getattr(self.stream, "encoding", None) or "ascii"
        try:
            "✓✗–→".encode(self.encoding)
            self.unicode = True
        except (UnicodeEncodeError, LookupError):
            self.unicode = False
        self.symbols = ({OK: "✓", FAIL: "✗", INFO: "–"} if self.unicode else {OK: "[ok]", FAIL: "[X]", INFO: "[-]"})
        self.arrow = "→" if self.unicode else "->"

    def safe(self, text: str) -> str:
        try:
            text.encode(self.encoding)
            return text
        except (UnicodeEncodeError, LookupError):
            return text.encode(self.encoding, "replace").decode(self.encoding, "replace")

    def line(self, status: str, text: str, fix: str = "") -> None:
        print(self.safe(f"{self.symbols[status]} {text}"), file=self.stream)
        if fix:
            print(self.safe(f"    {self.arrow} {fix}"), file=self.stream)


# --- the checks ------------------------------------------------------------------------------------------


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < (3, 10):
        return Check(FAIL, f"Python {version}", "audioldm-bridge needs Python 3.10 or newer")
    return Check(OK, f"Python {version} ({sys.executable})")


def check_torch() -> tuple[Check, object]:
    try:
        import torch
    except ImportError as err:
        return Check(FAIL, f"torch cannot be imported ({err})",
                     "pip install torch (https://pytorch.org/get-started/locally/ for a CUDA build)"), None
    return Check(OK, f"torch {torch.__version__}"), torch


def check_device(torch) -> Check:
    from engine.models import cpu_has_native_bf16, pick_device, pick_stage_dtypes

    device = pick_device("auto")
    dtypes = pick_stage_dtypes(device, "auto")
    unet = str(dtypes["unet"]).removeprefix("torch.")
    others = [f"{stage} {str(dt).removeprefix('torch.')}" for stage, dt in dtypes.items() if dt != dtypes["unet"]]
    dtype = unet + (f" ({', '.join(others)})" if others else "")
    if device.type == "cuda":
        where = f"cuda ({torch.cuda.get_device_name(device)})"
        why = "fp16 on CUDA"
    elif device.type == "mps":
        where, why = "mps (Apple GPU)", "Apple GPU"
    else:
        where = "cpu"
        why = ("this CPU computes bf16 natively (AVX512-BF16/AMX)" if cpu_has_native_bf16()
               else "this CPU has no native bf16 (emulated bf16 is 7-70x slower), so fp32")
        if unet == "float32" and cpu_has_native_bf16():
            why = "native bf16 here, but bf16 is switched off"
    return Check(OK, f"device {where}; --dtype auto picks {dtype}: {why}")


def check_model(model: str) -> Check:
    from engine.catalog import DEFAULT_MODEL

    if model == "tiny" or model.startswith("random:"):
        return Check(OK, f"model {model}: built in-process (test model: its output is noise)")
    from engine.errors import ModelUnavailable
    from engine.models import check_model_folder

    fix = f"audioldm-bridge setup model{'' if model == DEFAULT_MODEL else ' ' + model}"
    path = Path(model).expanduser()
    if path.is_dir():
        try:
            check_model_folder(path)
        except ModelUnavailable as err:
            return Check(FAIL, f"model folder {path}: {err}", "use a complete diffusers folder")
        return Check(OK, f"model folder {path}")
    from huggingface_hub import constants, snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        folder = Path(snapshot_download(model, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return Check(FAIL, f"model {model} is not in the Hugging Face cache ({constants.HF_HUB_CACHE})",
                     f"{fix} (offline: run it on a connected machine and copy the cache folder here)")
    try:
        check_model_folder(folder)
    except ModelUnavailable as err:
        return Check(FAIL, f"model {model} in the cache is incomplete: {err}", fix)
    return Check(OK, f"model {model} in the Hugging Face cache ({folder})")


def _port_free(port: int, kind: int) -> bool:
    with socket.socket(socket.AF_INET, kind) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def check_engine(endpoint: str, osc_port: int, pub_port: int) -> Check:
    from engine.errors import EngineError

    from .client import BridgeClient

    try:
        with BridgeClient(endpoint, timeout=1.5, retries=1) as client:
            status = client.status()
        return Check(OK, f"engine answering at {endpoint}: model {status.get('model')}, device {status.get('device')}")
    except EngineError:
        pass
    except Exception as err:  # a malformed endpoint
        return Check(FAIL, f"cannot reach {endpoint}: {err}", "use an endpoint like tcp://127.0.0.1:18002")
    zmq_port = int(endpoint.rsplit(":", 1)[-1]) if endpoint.rsplit(":", 1)[-1].isdigit() else None
    local = any(host in endpoint for host in ("127.0.0.1", "localhost", "0.0.0.0"))
    if not local:
        return Check(FAIL, f"no engine answers at {endpoint}", "start `audioldm-bridge serve` there, or check the address")
    taken = [f"{port} ({what})" for port, kind, what in
             [(osc_port, socket.SOCK_DGRAM, "OSC"), (zmq_port, socket.SOCK_STREAM, "ZeroMQ requests"),
              (pub_port, socket.SOCK_STREAM, "ZeroMQ events")]
             if port is not None and not _port_free(port, kind)]
    if taken:
        return Check(FAIL, f"no engine answers at {endpoint} and port {', '.join(taken)} is taken by another program",
                     "stop that program, or serve on other ports (serve --osc-port/--zmq-port/--pub-port) and "
                     "point the clients there")
    return Check(OK, f"no engine running; its ports are free ({osc_port} OSC, {zmq_port}, {pub_port}): "
                     f"`audioldm-bridge serve` starts it (the REAPER actions offer to)")


def check_reaper(explicit: Path | None) -> list[Check]:
    try:
        resource = reaper_kb.find_resource_dir(explicit)
    except reaper_kb.SetupError as err:
        if explicit is not None:
            return [Check(FAIL, str(err), "pass the REAPER resource folder")]
        return [Check(INFO, f"REAPER: no resource folder at {reaper_kb.default_resource_dir()} (not installed, or "
                            f"portable: --reaper-resource DIR)")]
    source_version = setup_reaper.package_version(setup_reaper.assets.reaper_scripts_dir())
    state = setup_reaper.installed_state(resource)
    fix = "audioldm-bridge setup reaper" + (f' --reaper-resource "{resource}"' if explicit else "") + \
        " (with REAPER closed)"
    if state.version is None:
        return [Check(FAIL, f"REAPER ({resource}): the AudioLDM actions are not installed", fix)]
    problems = []
    if not state.same_files:
        problems.append(f"installed scripts {state.version} differ from this package's {source_version}")
    if state.missing_actions:
        problems.append(f"not in the Action list: {', '.join(state.missing_actions)}")
    if not state.command:
        problems.append("the command's path is not set (the first action would ask for it)")
    elif not Path(state.command).is_file():
        problems.append(f"the command {state.command} does not exist")
    if problems:
        return [Check(FAIL, f"REAPER ({resource}): {'; '.join(problems)}", fix)]
    return [Check(OK, f"REAPER ({resource}): AudioLDM actions {state.version} installed and registered, "
                      f"command {state.command}")]


def check_max(explicit: Path | None) -> list[Check]:
    try:
        folders = setup_max.find_packages_dirs(explicit)
    except setup_max.SetupError as err:
        if explicit is not None:
            return [Check(FAIL, str(err), "pass the Max Packages folder")]
        looked = " or ".join(str(folder) for folder in setup_max.default_packages_dirs())
        return [Check(INFO, f"Max: no Packages folder at {looked} (not installed?)")]
    source_version = setup_max.version_text(setup_max.package_info(setup_max.assets.max_package_dir()))
    checks = []
    for folder in folders:
        state = setup_max.installed_state(folder)
        fix = "audioldm-bridge setup max" + (f' --packages "{folder}"' if explicit else "")
        if state.version is None:
            checks.append(Check(FAIL, f"Max ({folder}): the audioldm-bridge package is not installed", fix))
        elif not state.same_files:
            checks.append(Check(FAIL, f"Max ({folder}): installed package {state.version} differs from this "
                                      f"package's {source_version}", fix))
        else:
            checks.append(Check(OK, f"Max ({folder}): audioldm-bridge package {state.version} installed"))
    return checks


def run(model: str, endpoint: str, reaper_resource: Path | None = None, packages: Path | None = None,
        osc_port: int = 18000, pub_port: int = 18003, stream=None) -> int:
    marks = Marks(stream)

    def show(check: Check) -> Check:
        marks.line(check.status, check.text, check.fix)
        return check

    checks = [show(check_python())]
    torch_check, torch = check_torch()
    checks.append(show(torch_check))
    if torch is not None:
        checks.append(show(check_device(torch)))
        checks.append(show(check_model(model)))
    checks.append(show(check_engine(endpoint, osc_port, pub_port)))
    for check in [*check_reaper(reaper_resource), *check_max(packages)]:
        checks.append(show(check))
    failed = sum(check.status == FAIL for check in checks)
    if failed:
        print(f"\n{failed} problem{'s' if failed > 1 else ''}: run the fix{'es' if failed > 1 else ''} shown above.",
              file=marks.stream)
        return 1
    print("\nAll set.", file=marks.stream)
    return 0
