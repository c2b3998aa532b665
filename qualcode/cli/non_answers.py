"""``non-answers`` — review and edit the answers a project treats as saying nothing.

    qualcode non-answers survey.qualcode                      # the list, and what it flags per question
    qualcode non-answers survey.qualcode --remove nothing     # "Nothing" answers "How could we improve?"
    qualcode non-answers survey.qualcode --add "no idea" --add "see above"

Non-answers ("N/A", "-", "none" …) are left out of every survey base and
count unless a report is asked to ``--count-non-answers``; the list is kept
in the project, so every report of the project uses the same one.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("non-answers", help="review and edit the answers treated as non-answers ('N/A', '-' …)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project")
    p.add_argument("--add", action="append", default=[], metavar="PHRASE",
                   help="treat answers that say only this as non-answers; repeatable")
    p.add_argument("--remove", action="append", default=[], metavar="PHRASE",
                   help="no longer treat this phrase as a non-answer; repeatable")
    p.add_argument("--reset", action="store_true", help="go back to qualcode's own list")
    p.set_defaults(run=run_non_answers)


def run_non_answers(args: argparse.Namespace) -> int:
    from qualcode.cli.basic import open_project
    from qualcode.core.errors import NotFound
    from qualcode.core.surveys import non_answers

    with open_project(args.project) as project:
        if args.reset or args.add or args.remove:
            phrases = list(non_answers.DEFAULT_PHRASES) if args.reset else non_answers.phrases(project)
            known = {non_answers.normalise(p) for p in phrases}
            for phrase in args.remove:
                if non_answers.normalise(phrase) not in known:
                    raise NotFound(f"‘{phrase}’ is not on the list (it has: {', '.join(phrases)})")
            gone = {non_answers.normalise(p) for p in args.remove}
            phrases = [p for p in phrases if non_answers.normalise(p) not in gone] + list(args.add)
            non_answers.set_phrases(project, phrases)
        print("Non-answers: answers that are only punctuation, or only one of: "
              + ", ".join(f"“{p}”" for p in non_answers.phrases(project))
              + " (case, spaces and the punctuation around them ignored)")
        for question, _ in project.documents.questions():
            found = non_answers.find(project, question.id)
            print(f"{question.name}: {found.summary(most=12) or 'no non-answers'}")
    return 0
