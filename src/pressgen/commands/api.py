"""``pressgen api``: run the HTTP preview and validation service (:mod:`pressgen.service`)."""

from __future__ import annotations

from pathlib import Path

from ..errors import ExitCode
from ..pressroom import Pressroom
from ._output import err
from .errors import FindingsExit, print_findings


def api(project: Path, *, host: str, port: int) -> None:
    """Serve the API; content errors are reported but do not stop it."""
    try:
        import uvicorn

        from ..service.http import create_app
    except ImportError:
        raise FindingsExit(
            [],
            ExitCode.USAGE,
            note="The service needs extra packages: pip install 'pressgen[api]'",
        ) from None
    room = Pressroom.from_path(project)
    if room.errors:
        print_findings(room.errors, err)
        err.print("Serving anyway: articles that use the broken content will report errors.")
    uvicorn.run(create_app(room), host=host, port=port, log_level="info")
