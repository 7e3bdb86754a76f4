"""Entry point of `kaplc`: parses arguments, opens the workspace, runs one command, maps errors to exit codes.

Exit status: 0 done; 2 bad input or refused work (one-line reason on stderr, nothing written);
1 an unexpected error (logged to the data folder's log file).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..errors import KaplcError
from ..i18n import _, set_language
from ..paths import resolve_data_dir
from . import (
    commands_backup,
    commands_district,
    commands_pdf,
    commands_personnel,
    commands_plc,
    commands_portfolio,
    commands_report,
    commands_review,
    commands_school,
    commands_server,
    commands_survey,
    commands_sync,
    commands_workspace,
)
from .argparse_strings import translate_argparse
from .output import refuse

EXIT_OK, EXIT_BUG, EXIT_REFUSED = 0, 1, 2


class _ThaiHelpFormatter(argparse.HelpFormatter):
    """Thai writes no spaces between words: argparse's wrapping cut runs of Thai text mid-syllable ("ไว / ้").
    Lines break at spaces only; a long run of Thai stays whole."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap

        return textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        return textwrap.fill(
            " ".join(text.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ThaiHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise KaplcError(
            _("Wrong command-line arguments: {reason}. Run “kaplc --help” to see the options.").format(reason=message)
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kaplc", description=_("KA-PLC Desktop on the command line."))
    parser.add_argument(
        "--version", action="version", version=f"kaplc {__version__}", help=_("show the program's version and exit")
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_(
            "data folder (default: KAPLC_DATA_DIR, a kaplc-data folder beside the program, or the user data folder)"
        ),
    )
    parser.add_argument(
        "--db-url",
        metavar="URL",
        help=_(
            "a PostgreSQL database shared by the office's staff, postgresql://user:password@server/database "
            "(default: KAPLC_DB_URL, the server the data folder was set up on, or the folder's own database)"
        ),
    )
    parser.add_argument("--lang", choices=("th", "en"), help=_("language of messages (default Thai)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands_workspace.register(sub)
    commands_personnel.register(sub)
    commands_school.register(sub)
    commands_sync.register(sub)
    commands_review.register(sub)
    commands_district.register(sub)
    commands_plc.register(sub)
    commands_survey.register(sub)
    commands_portfolio.register(sub)
    commands_report.register(sub)
    commands_pdf.register(sub)
    commands_backup.register(sub)
    commands_server.register(sub)
    return parser


def _early_option(argv: Sequence[str], name: str) -> str | None:
    """An option needed before parsing (the language of the help, the folder of the crash log)."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(_early_option(args_list, "--lang"))  # before building the parser, so help is in the chosen language
    translate_argparse()
    try:
        args = build_parser().parse_args(args_list)
        if not getattr(args, "handler", None):
            build_parser().print_help()
            return EXIT_REFUSED
        args.data_dir_path = resolve_data_dir(args.data_dir)
        return int(args.handler(args) or EXIT_OK)
    except KaplcError as exc:
        refuse(exc.message)
        return EXIT_REFUSED
    except BrokenPipeError:  # the output was piped into a program that stopped reading (| head): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        refuse(_("Interrupted; nothing was changed."))
        return EXIT_REFUSED
    except Exception as exc:
        from ..crash_log import log_exception
        from ..error_messages import as_user_error

        friendly = as_user_error(exc)
        if friendly is not None:
            refuse(friendly.message)
            return EXIT_REFUSED

        data_dir = resolve_data_dir(_early_option(args_list, "--data-dir"))
        log_path = log_exception(data_dir, *sys.exc_info())
        from ..support_contact import support_contact

        refuse(
            _(
                "An unexpected error happened; nothing you saved before is lost. Details were written to {path}; "
                "please send that file to {contact}, with what you were doing."
            ).format(path=log_path, contact=support_contact(data_dir))
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
