"""``backups`` and ``restore`` — the automatic backups beside a project.

    qualcode backups study.qualcode                 # newest first: time, reason, size, counts
    qualcode backups study.qualcode --keep 40       # keep 40 instead of 20
    qualcode restore study.qualcode latest          # to a new file beside the project
    qualcode restore study.qualcode 2025-03-14_10-02-45-120_merge.qualcode -o before-merge.qualcode
    qualcode restore study.qualcode latest --replace  # over the project (backed up first)
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backups", help="list the automatic backups of a project",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project")
    p.add_argument("--keep", type=int, metavar="N", help="keep the newest N backups from now on (default 20)")
    p.set_defaults(run=run_backups)

    p = sub.add_parser("restore", help="restore a backup (to a new file unless --replace)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project")
    p.add_argument("backup", help="a backup's file name (from `qualcode backups`), its path, or 'latest'")
    p.add_argument("-o", "--output", metavar="NEW", help="the new project file to write (must not exist)")
    p.add_argument("--replace", action="store_true",
                   help="restore over the project itself (it is backed up first)")
    p.set_defaults(run=run_restore)


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def run_backups(args: argparse.Namespace) -> int:
    from qualcode.core.safety.backups import KEEP_KEY, backup_folder, kept, list_backups, rotate

    if args.keep is not None:
        from qualcode.cli import CliError
        from qualcode.core.project import Project

        if args.keep < 1:
            raise CliError("--keep needs at least 1")
        with Project.open(args.project) as project:
            project.set_meta(KEEP_KEY, str(args.keep))
        gone = rotate(args.project, args.keep)
        print(f"{args.project}: the newest {args.keep} backups are kept" + (f" ({len(gone)} older ones deleted)"
                                                                            if gone else ""))
    backups = list_backups(args.project)
    folder = backup_folder(args.project)
    if not backups:
        print(f"No backups of {args.project} yet (they go in {folder})")
        return 0
    print(f"Backups of {args.project} in {folder}, newest first:")
    for b in backups:
        counts = "  ".join(f"{b.counts[k]:>5} {k}" for k in ("documents", "codes", "codings") if k in b.counts)
        print(f"  {b.created:%Y-%m-%d %H:%M:%S}  {b.reason:<17} {_size(b.size):>9}  {counts}  {b.name}")
    if args.keep is None:
        print(f"(the newest {kept(args.project)} are kept; change that with --keep N)")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from qualcode.core.safety.restore import restore

    written, backup = restore(args.project, args.backup, args.output, replace=args.replace)
    when = f"{backup.name} ({backup.created:%Y-%m-%d %H:%M:%S}, {backup.reason})"
    if args.replace:
        print(f"Restored {when} over {written}; the project as it was is now the newest backup")
    else:
        print(f"Restored {when} to {written}")
    return 0
