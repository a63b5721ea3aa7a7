"""``pressgen api``: run the HTTP preview and validation service (:mod:`pressgen.service`).

It listens on 127.0.0.1 unless told otherwise: the service renders whatever it is
sent, so it belongs behind the CMS, not on the network. The limits (body size,
deadlines, CORS origins) are :class:`pressgen.service.http.ServiceLimits`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..errors import ExitCode
from ..pressroom import Pressroom
from ._output import err
from .errors import FindingsExit, print_findings


def api(
    project: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    max_body_bytes: int | None = None,
    cors_origins: tuple[str, ...] = (),
) -> None:
    """Serve the API; content errors are reported but do not stop it."""
    try:
        import uvicorn

        from ..service.http import ServiceLimits, create_app
        from ..service.server import is_loopback, server_config
    except ImportError:
        raise FindingsExit(
            [],
            ExitCode.USAGE,
            note="The service needs extra packages: pip install 'pressgen[api]'",
        ) from None
    limits = ServiceLimits(cors_origins=tuple(cors_origins))
    if max_body_bytes is not None:
        limits = dataclasses.replace(limits, max_body_bytes=max_body_bytes)
    room = Pressroom.from_path(project)
    if room.errors:
        print_findings(room.errors, err)
        err.print("Serving anyway: articles that use the broken content will report errors.")
    if not is_loopback(host):
        err.print(
            f"Listening on {host}: anyone who can reach this machine can call the service. "
            "Put it behind your CMS or a reverse proxy that checks who is calling."
        )
    uvicorn.Server(server_config(create_app(room, limits), host, port, limits)).run()
