"""Opening the workspace a command works on."""

from __future__ import annotations

import argparse

from ..context import AppContext
from ..crash_log import setup_logging
from ..services.workspace import WorkspaceInfo, require_district, require_school


def open_context(args: argparse.Namespace, create: bool = False) -> AppContext:
    ctx = AppContext.open(args.data_dir_path, create=create, server_url=getattr(args, "db_url", None))
    setup_logging(args.data_dir_path)
    return ctx


def open_school(args: argparse.Namespace) -> tuple[AppContext, WorkspaceInfo]:
    ctx = open_context(args)
    try:
        info = require_school(ctx.workspace.get())
    except BaseException:
        ctx.close()
        raise
    return ctx, info


def open_district(args: argparse.Namespace) -> AppContext:
    """The district's workspace (a school's is refused with a sentence saying whose command it is)."""
    ctx = open_context(args)
    try:
        require_district(ctx.workspace.get())
    except BaseException:
        ctx.close()
        raise
    return ctx
