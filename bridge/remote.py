"""The remote engine: ZeroMQ CURVE keys, a ZAP authenticator, and who may send OSC.

A studio GPU box serves other machines only with CURVE (encryption plus a list of allowed client
keys, checked by pyzmq's ZAP authenticator on the ROUTER *and* the PUB socket). OSC has no
encryption; beyond loopback, datagrams are accepted only from ``--osc-allow`` networks and the
rest are dropped and counted. See docs/SECURITY.md.

Key files are pyzmq's certificate format (``zmq.auth.create_certificates``): ``NAME.key`` holds the
public key, ``NAME.key_secret`` the public and the secret key.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import zmq
import zmq.auth

from engine.errors import InvalidInput

ZAP_DOMAIN = "audioldm"  # the authenticator's key list applies to sockets of this domain
KEYGEN_HINT = "make keys with `audioldm-bridge keygen DIR` (see docs/SECURITY.md)"


def keygen(folder: Path, client: str = "client") -> dict[str, Path]:
    """Write a server key pair (unless one exists) and a client key pair into ``folder``; copy the
    client's public key into ``folder/clients`` (the engine's ``--curve-clients``). Never overwrites."""
    folder = Path(folder).expanduser()
    if not client or not client.replace("-", "").replace("_", "").isalnum():
        raise InvalidInput(f"client name must be letters, digits, - or _, got {client!r}")
    if client == "server":
        raise InvalidInput("the client key cannot be called 'server'")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "clients").mkdir(exist_ok=True)
    if (folder / f"{client}.key").exists() or (folder / f"{client}.key_secret").exists():
        raise InvalidInput(f"{folder / (client + '.key')} already exists; choose another --client name")
    old_umask = os.umask(0o077) if os.name == "posix" else None  # secret files are never readable by others
    try:
        if not (folder / "server.key_secret").exists():
            zmq.auth.create_certificates(folder, "server")
        public, secret = (Path(p) for p in zmq.auth.create_certificates(folder, client))
    finally:
        if old_umask is not None:
            os.umask(old_umask)
    shutil.copyfile(public, folder / "clients" / public.name)
    for path in (folder / "server.key_secret", secret):
        _private(path)
    if os.name == "posix":  # public keys may be shared
        for path in (folder / "server.key", public, folder / "clients" / public.name):
            path.chmod(0o644)
    return {"server_public": folder / "server.key", "server_secret": folder / "server.key_secret",
            "client_public": public, "client_secret": secret, "clients": folder / "clients"}


def _private(path: Path) -> None:
    if os.name == "posix":
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)  # secret keys: owner only


def load_public(path) -> bytes:
    """The public key from a ``.key`` or ``.key_secret`` file."""
    public, _ = _load(path)
    return public


def load_pair(path) -> tuple[bytes, bytes]:
    """(public, secret) from a ``.key_secret`` file."""
    public, secret = _load(path)
    if not secret:
        raise InvalidInput(f"{path} holds no secret key; give the .key_secret file")
    return public, secret


def _load(path) -> tuple[bytes, bytes | None]:
    path = Path(path).expanduser()
    if not path.is_file():
        raise InvalidInput(f"key file {path} does not exist; {KEYGEN_HINT}")
    try:
        return zmq.auth.load_certificate(path)
    except (ValueError, OSError, KeyError, IndexError) as err:
        raise InvalidInput(f"{path} is not a ZeroMQ certificate file: {err}") from None


@dataclass
class CurveServer:
    """Server side: the engine's key pair and the folder of allowed client public keys."""

    public: bytes
    secret: bytes
    clients: Path

    @classmethod
    def from_files(cls, secret_file, clients_dir) -> "CurveServer":
        public, secret = load_pair(secret_file)
        clients = Path(clients_dir).expanduser()
        if not clients.is_dir():
            raise InvalidInput(f"--curve-clients {clients} is not a folder of allowed client keys; {KEYGEN_HINT}")
        if not list(clients.glob("*.key")):
            raise InvalidInput(f"--curve-clients {clients} holds no client public keys (*.key); {KEYGEN_HINT}")
        return cls(public=public, secret=secret, clients=clients)

    def start_authenticator(self, context: zmq.Context):
        """ZAP handler for every socket of ``context``: only listed client keys get in."""
        from zmq.auth.thread import ThreadAuthenticator

        auth = ThreadAuthenticator(context)
        auth.start()
        auth.configure_curve(domain=ZAP_DOMAIN, location=str(self.clients))
        return auth

    def secure(self, sock: zmq.Socket) -> None:
        """Make a socket a CURVE server (before bind). Its ZAP domain routes it to the authenticator."""
        sock.curve_secretkey = self.secret
        sock.curve_publickey = self.public
        sock.curve_server = True
        sock.zap_domain = ZAP_DOMAIN.encode()


def secure_client(sock: zmq.Socket, server_key, client_key) -> None:
    """Make a client socket talk CURVE to a remote engine (before connect)."""
    public, secret = load_pair(client_key)
    sock.curve_secretkey = secret
    sock.curve_publickey = public
    sock.curve_serverkey = load_public(server_key)


class OscAllowList:
    """Which senders may use OSC: loopback always, plus ``--osc-allow`` networks."""

    def __init__(self, cidrs=()):
        self.networks = []
        for cidr in cidrs:
            try:
                self.networks.append(ipaddress.ip_network(str(cidr), strict=False))
            except ValueError:
                raise InvalidInput(f"--osc-allow {cidr!r} is not a network like 192.168.1.0/24 or 10.0.0.5/32") from None
        self.dropped = 0

    def allows(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return address.is_loopback or any(address in network for network in self.networks)
