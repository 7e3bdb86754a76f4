"""kaplc server move: a district's data moves from its folder to the office's shared PostgreSQL server."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import _
from .output import emit_json, say


def register(sub: Any) -> None:
    server = sub.add_parser("server", help=_("the shared PostgreSQL database of a district office"))
    s = server.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(server))
    move = s.add_parser(
        "move",
        help=_(
            "copy this folder's data into an empty database on the server and work there from now on "
            "(the folder's own file is kept, renamed)"
        ),
    )
    move.add_argument("url", metavar="URL", help=_("postgresql://user:password@server/database"))
    move.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    move.set_defaults(handler=move_cmd)
    connect = s.add_parser(
        "connect", help=_("work in this data folder on the office's server database (as another member of staff)")
    )
    connect.add_argument("url", metavar="URL", help=_("postgresql://user:password@server/database"))
    connect.set_defaults(handler=connect_cmd)


def move_cmd(args: argparse.Namespace) -> int:
    from ..workspace_move import move_to_server

    result = move_to_server(args.data_dir_path, args.url)
    if args.json:
        emit_json({"rows": result.rows, "server": result.server, "kept_file": str(result.kept_file)})
        return 0
    say(
        _(
            "Moved {rows} rows to {server}. This folder now works on the server; its own database is kept as "
            "{file}. The other staff can work on the same data with: kaplc --db-url … (or Settings → Database)."
        ).format(rows=result.rows, server=result.server, file=result.kept_file)
    )
    return 0


def connect_cmd(args: argparse.Namespace) -> int:
    from ..workspace_move import connect_to_server

    title = connect_to_server(args.data_dir_path, args.url)
    say(_("This folder now works on the server database of {workspace}.").format(workspace=title))
    return 0
