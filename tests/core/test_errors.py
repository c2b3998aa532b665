"""One error contract: every refusal is a QualcodeError, and there is one Cancelled."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import qualcode
from qualcode.core.errors import Cancelled, InvalidValue, NotFound, QualcodeError, user_message

PACKAGE = Path(qualcode.__file__).parent


def _modules_outside_the_gui() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(qualcode.__path__, "qualcode."):
        if info.name.startswith("qualcode.gui") or info.name.endswith("__main__"):
            continue  # the GUI has its own tests; __main__ runs the command line when imported
        names.append(info.name)
    return names


def _exception_classes() -> list[type[BaseException]]:
    """Public exception classes; a private one (``_Stop``) may steer control flow inside one module."""
    found = []
    for name in _modules_outside_the_gui():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == name
                    and not value.__name__.startswith("_")):
                found.append(value)
    return found


def test_every_exception_class_outside_the_gui_is_a_refusal() -> None:
    classes = _exception_classes()
    assert len(classes) >= 15  # the walk found the package's classes (ProjectError, ImportRefused …)
    strays = [f"{c.__module__}.{c.__qualname__}" for c in classes if not issubclass(c, QualcodeError)]
    assert strays == []


def test_only_one_class_says_cancelled_in_the_whole_package() -> None:
    defined = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and "cancel" in node.name.lower():
                defined.append(f"{path.relative_to(PACKAGE.parent).as_posix()}:{node.name}")
    assert defined == ["qualcode/core/errors.py:Cancelled"]


def test_the_old_cancelled_names_are_the_one_cancelled() -> None:
    from qualcode.analysis import embeddings, entities
    from qualcode.core.surveys import importing
    from qualcode.core.transcripts import pseudonymise

    assert embeddings.Cancelled is entities.FindingCancelled is importing.ImportCancelled is Cancelled
    assert pseudonymise.PseudonymiseCancelled is Cancelled
    assert Cancelled().exit_status == 130


def test_a_missing_thing_is_a_refusal_and_still_a_key_error(project) -> None:
    with pytest.raises(NotFound) as caught:
        project.documents.get(999)
    assert isinstance(caught.value, KeyError)
    # Shown as written: no quotes (KeyError would add them), one line, naming the thing.
    assert str(caught.value) == caught.value.message == "no document 999 in this project (it may have been deleted)"
    assert user_message(caught.value) == caught.value.message
    assert caught.value.exit_status == 2


def test_a_value_that_cannot_be_used_is_a_refusal_and_still_a_value_error(project) -> None:
    with (pytest.raises(InvalidValue, match="‘colour’ is not an attribute type; choose one of") as caught,
          project.transaction() as s):
        project.participants.define_attribute_in(s, "eyes", "colour")
    assert isinstance(caught.value, ValueError)


def test_a_project_from_a_newer_qualcode_is_refused_by_core(tmp_path: Path) -> None:
    from sqlalchemy import text

    from qualcode.core.project import Project, ProjectError, ProjectTooNew
    from qualcode.store.engine import make_engine
    from qualcode.store.migrations import SCHEMA_VERSION

    path = tmp_path / "new.qualcode"
    Project.create(path).close()
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(SCHEMA_VERSION + 1)})
    engine.dispose()
    with pytest.raises(ProjectTooNew) as caught:
        Project.open(path)
    assert isinstance(caught.value, ProjectError)
    assert caught.value.message.startswith(f"{path}: this project was saved by a newer qualcode")


def test_a_file_without_a_schema_version_is_refused_by_core(tmp_path: Path) -> None:
    import sqlite3

    from qualcode.core.project import Project, ProjectError

    path = tmp_path / "other.qualcode"
    sqlite3.connect(path).execute("CREATE TABLE notes (x)").connection.close()
    with pytest.raises(ProjectError, match="not a qualcode project \\(it has no schema version\\)"):
        Project.open(path)


def test_a_bug_is_shown_with_its_kind() -> None:
    assert user_message(ZeroDivisionError("division by zero")) == "ZeroDivisionError: division by zero"
    assert QualcodeError("first line\nsecond").message == "first line"
