"""The ``audioldm-bridge`` argument parser: one line per subcommand in ``COMMANDS``."""

from __future__ import annotations

import argparse

from ..setup_cli import add_setup_commands
from . import client_cmds, fit, history, local, request, serve
from .version import package_version

EXIT_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (scripts and ReaScripts read stderr)."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# The subcommands, in the order `audioldm-bridge --help` lists them: (name, help, add_options, run).
# add_options(parser) adds the command's options (and may add nested subcommands with
# parser.add_subparsers(parser_class=type(parser)) and set their own func); run(args) returns the exit
# code. To add a command, write bridge/cli/<name>.py with both functions and add one line here.
COMMANDS = [
    ("generate", "generate in this process and write DAW-ready files", local.add_generate_options,
     local.cmd_generate),
    ("serve", "run the engine service (OSC and ZeroMQ)", serve.add_serve_options, serve.cmd_serve),
    ("request", "ask a running engine to generate; wait for and print the result", request.add_request_options,
     request.cmd_request),
    ("ping", "check that the engine answers", client_cmds.add_ping_options, client_cmds.cmd_ping),
    ("status", "state, model, device, queue, running jobs, uptime (--json: the raw reply)",
     client_cmds.add_status_options, client_cmds.cmd_status),
    ("cancel", "cancel a queued or running job", client_cmds.add_cancel_options, client_cmds.cmd_cancel),
    ("keygen", "make CURVE keys for a remote engine and its clients", serve.add_keygen_options, serve.cmd_keygen),
    ("models", "known models, whether cached locally, sizes", local.add_models_options, local.cmd_models),
    ("history", "search what the engine made (newest first); show ID, rebuild DIR…, forget ID",
     history.add_history_options, history.cmd_history),
    ("fit", "fit an audio file to a tempo and key (beats onto the grid, shifted into key), cut to length, "
            "written with a sidecar; no model loaded", fit.add_fit_options, fit.cmd_fit),
]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="audioldm-bridge", description="AudioLDM text-to-audio for DAWs (REAPER, Max) and scripts")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the engine does")
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}",
                        help="print the version of audioldm-bridge and exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, help_text, add_options, run in COMMANDS:
        command = sub.add_parser(name, help=help_text)
        add_options(command)
        if run is not None:
            command.set_defaults(func=run)
    add_setup_commands(sub, _Parser)  # setup reaper/max/model, doctor (bridge/setup_cli.py)
    return parser
