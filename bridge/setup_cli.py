"""The `setup` (reaper, max, model) and `doctor` subcommands of ``audioldm-bridge``.

Kept out of bridge/cli/ (its parser.py only wires them in); nothing here imports torch at import time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .doctor import FAIL, INFO, OK, Marks

EXIT_FAILED = 1


def _fail(command: str, err: Exception) -> int:
    Marks(sys.stderr).line(FAIL, f"audioldm-bridge {command}: {err}")
    return EXIT_FAILED


def cmd_setup_reaper(args) -> int:
    from . import reaper_kb, setup_reaper

    marks = Marks()
    try:
        resource = reaper_kb.find_resource_dir(args.reaper_resource)
        if args.uninstall:
            outcome = setup_reaper.uninstall(resource, force=args.force)
            marks.line(OK, f"removed the AudioLDM actions from {resource} ({len(outcome.removed)} files, their "
                           f"Action list entries and the command/endpoint settings; your other AudioLDM settings and "
                           f"prompt history stay)")
            return 0
        if args.endpoint is None:
            from .client import default_endpoint

            default_endpoint()  # a bad $AUDIOLDM_BRIDGE_ENDPOINT is refused before anything is written
        command = args.command_path or setup_reaper.find_command()
        if command is None:
            raise setup_reaper.SetupError(
                "this environment has no audioldm-bridge command (install the package with pip, e.g. "
                "`pip install -e .` in a clone), or pass --command with its full path")
        outcome = setup_reaper.install(resource, Path(command), args.endpoint, force=args.force)
    except (setup_reaper.SetupError, OSError) as err:
        return _fail("setup reaper", err)
    marks.line(OK, f"scripts {outcome.version} in {outcome.folder} ({len(outcome.files)} files)")
    new = len(outcome.added_lines)
    marks.line(OK, f"{len(outcome.actions)} actions in REAPER's Action list, 'Script: AudioLDM - …' (reaper-kb.ini: "
                   f"{new} added, {len(outcome.actions) - new} already there)")
    marks.line(OK, "settings (reaper-extstate.ini, [AudioLDM]): "
               + ", ".join(f"{key} = {value}" for key, value in outcome.settings.items()))
    marks.line(INFO, "next: start REAPER, press ? and type AudioLDM; run `audioldm-bridge serve` (or let the first "
                     "action offer to start it)")
    return 0


def cmd_setup_max(args) -> int:
    from . import setup_max

    marks = Marks()
    try:
        folders = setup_max.find_packages_dirs(args.packages)
        for folder in folders:
            if args.uninstall:
                removed = setup_max.uninstall(folder)
                marks.line(OK if removed else INFO, f"removed {removed}" if removed
                           else f"nothing to remove in {folder}")
            else:
                target = setup_max.install(folder)
                version = setup_max.version_text(setup_max.package_info(target))
                marks.line(OK, f"Max package audioldm-bridge {version} in {target}")
    except (setup_max.SetupError, OSError) as err:
        return _fail("setup max", err)
    if not args.uninstall:
        if setup_max.max_running():
            marks.line(INFO, "Max is running: restart it so it finds the package")
        marks.line(INFO, "next: run `audioldm-bridge serve`; in Max, type audioldm.generator into an object box "
                         "(its help shows the rest)")
    return 0


def cmd_setup_model(args) -> int:
    from engine.catalog import DEFAULT_MODEL, LICENCE_NOTE

    name = args.name or DEFAULT_MODEL
    marks = Marks()
    if name == "tiny" or name.startswith("random:"):
        marks.line(OK, f"{name} is built in-process: nothing to download")
        return 0
    from huggingface_hub import constants

    from engine.errors import ModelUnavailable
    from engine.models import resolve_model_folder

    print(f"fetching {name} into the Hugging Face cache ({constants.HF_HUB_CACHE}); files already there are kept")
    try:
        folder = resolve_model_folder(name)
    except ModelUnavailable as err:
        if Path(name).expanduser().exists() or "/" not in name:
            return _fail("setup model", err)
        return _fail("setup model", ModelUnavailable(
            f"{err} With `audioldm-bridge setup model {name}` on a connected machine, copy its Hugging Face cache "
            f"folder to {constants.HF_HUB_CACHE} here (or point HF_HUB_CACHE at the copy)."))
    marks.line(OK, f"{name} ready: {folder}")
    print(LICENCE_NOTE)
    return 0


def cmd_doctor(args) -> int:
    from . import doctor

    return doctor.run(args.model, args.endpoint, args.reaper_resource, args.packages, args.osc_port, args.pub_port)


def add_setup_commands(sub, parser_class=argparse.ArgumentParser) -> None:
    """Add `setup` and `doctor` to the ``audioldm-bridge`` subparsers ``sub``."""
    from engine.catalog import DEFAULT_MODEL

    from .client import DEFAULT_ENDPOINT, ENDPOINT_ENV

    setup = sub.add_parser("setup", help="install the REAPER actions or the Max package, or download a model")
    kinds = setup.add_subparsers(dest="what", required=True, metavar="{reaper,max,model}", parser_class=parser_class)

    reaper = kinds.add_parser("reaper", help="install the AudioLDM actions into REAPER (quit REAPER first)",
                              description="Copies the scripts into REAPER's resource folder (Scripts/audioldm-bridge/"
                                          "AudioLDM), lists them in the Action list (reaper-kb.ini) and records this "
                                          "environment's audioldm-bridge command (reaper-extstate.ini), so the first "
                                          "action asks nothing. Re-running updates in place.")
    reaper.add_argument("--reaper-resource", type=Path, metavar="DIR",
                        help="REAPER's resource folder (default: %%APPDATA%%\\REAPER, ~/Library/Application "
                             "Support/REAPER or ~/.config/REAPER; a portable install's own folder)")
    reaper.add_argument("--command", dest="command_path", type=Path, metavar="PATH",
                        help="the audioldm-bridge command the actions run (default: this environment's)")
    reaper.add_argument("--endpoint",
                        help=f"engine endpoint the actions use (default: keep the one set, else ${ENDPOINT_ENV} if "
                             f"set, else {DEFAULT_ENDPOINT})")
    reaper.add_argument("--uninstall", action="store_true",
                        help="remove the scripts, their actions and the command/endpoint settings")
    reaper.add_argument("--force", action="store_true",
                        help="write even though REAPER is running (it may overwrite the changes when it quits)")
    reaper.set_defaults(func=cmd_setup_reaper)

    mx = kinds.add_parser("max", help="install the Max package into Max's Packages folder")
    mx.add_argument("--packages", type=Path, metavar="DIR",
                    help="Max's Packages folder (default: every one of ~/Documents/Max 9/Packages and "
                         "~/Documents/Max 8/Packages that exists)")
    mx.add_argument("--uninstall", action="store_true", help="remove the package")
    mx.set_defaults(func=cmd_setup_max)

    model = kinds.add_parser("model", help="download a checkpoint into the Hugging Face cache")
    model.add_argument("name", nargs="?", help=f"hub id (default {DEFAULT_MODEL}; see `audioldm-bridge models`)")
    model.set_defaults(func=cmd_setup_model)

    doctor = sub.add_parser("doctor", help="check the installation: each item ✓ or ✗ with its fix")
    doctor.add_argument("--model", default=DEFAULT_MODEL, help=f"model serve will load (default {DEFAULT_MODEL})")
    doctor.add_argument("--endpoint", help=f"engine endpoint (default: ${ENDPOINT_ENV} if set, else {DEFAULT_ENDPOINT})")
    doctor.set_defaults(endpoint_from_env=True)  # resolved by the CLI's main, as for the client commands
    doctor.add_argument("--osc-port", type=int, default=18000, help="serve's OSC port (default 18000)")
    doctor.add_argument("--pub-port", type=int, default=18003, help="serve's event port (default 18003)")
    doctor.add_argument("--reaper-resource", type=Path, metavar="DIR", help="REAPER's resource folder (default: the "
                                                                             "platform's)")
    doctor.add_argument("--packages", type=Path, metavar="DIR", help="Max's Packages folder (default: Max 9's and 8's)")
    doctor.set_defaults(func=cmd_doctor)
