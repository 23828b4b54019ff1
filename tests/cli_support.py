"""Shared by the CLI tests: one engine with the tiny model on free loopback ports per test module, and its
request endpoint. Test modules import the fixture from here (`from cli_support import service`)."""

import pytest

from bridge.service import ServiceConfig, serving
from engine.render import Engine


@pytest.fixture(scope="module")
def service(tiny_components, tmp_path_factory):
    # Requests name out_dirs in their own tmp folders, as REAPER names the project's: allowed like --allow-out.
    config = ServiceConfig.on_free_ports(tmp_path_factory.mktemp("out"), allow_out=(tmp_path_factory.getbasetemp(),))
    with serving(Engine(tiny_components), config, shutdown_grace_s=5) as svc:
        yield svc


def endpoint(svc) -> str:
    return svc.endpoints()["zmq"]["requests"]
