"""IPA in two levels on the sample interviews: statements → PETs per participant → GETs linking PETs."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from qualcode.core.coding.undo import UndoStack
from qualcode.core.model import CodeRole
from qualcode.core.project import Project
from qualcode.core.themes import levels, terms
from qualcode.core.themes.accept import AcceptError, AcceptSuggestion
from qualcode.core.themes.clustered import Clustered
from qualcode.core.themes.suggestions import SuggestionError, collect, suggest_themes
from qualcode.store.schema import CodeRow, CodingRow, ThemeLinkRow

PARTICIPANTS = ("Daniel", "Gareth", "Maya", "Priya", "Ruth", "Tom")
_built: dict[str, Path] = {}


def _builder():
    """sample_projects/build_samples.py, which builds the sample interviews (as tests/reports does)."""
    name = "qualcode_build_samples"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[3] / "sample_projects" / "build_samples.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _copy(kind: str, tmp_path: Path) -> Path:
    """The sample interviews with their emergent themes (``emergent``: unplaced; ``full``: under themes)."""
    if kind not in _built:
        path = Path(tmp_path.parent / f"levels-{kind}.qualcode")
        _builder().build_interviews(path, kind).close()
        _built[kind] = path
    target = tmp_path / f"{kind}.qualcode"
    shutil.copyfile(_built[kind], target)
    return target


@pytest.fixture
def statements(tmp_path: Path):
    project = Project.open(_copy("emergent", tmp_path))
    yield project
    project.close()


def _state(project: Project) -> tuple[list, list, list]:
    """Every code (with where it sits and whose it is), coding and link: what must not change."""
    with project.read() as s:
        codes = sorted((r.id, r.guid, r.name, r.role, r.parent_id, r.position, r.participant_id)
                       for r in s.scalars(select(CodeRow)))
        codings = sorted((r.id, r.segment_id, r.code_id) for r in s.scalars(select(CodingRow)))
        links = sorted((r.group_id, r.personal_id) for r in s.scalars(select(ThemeLinkRow)))
    return codes, codings, links


def _make_pets(project: Project, undo: UndoStack) -> None:
    for who in PARTICIPANTS:
        data = suggest_themes(project, collect(project, Clustered.STATEMENTS, participant=who), backend="tfidf")
        undo.push(AcceptSuggestion(data))


def test_statements_become_each_participants_own_pets(statements: Project) -> None:
    undo = UndoStack(statements)
    _make_pets(statements, undo)
    names = levels.participant_names(statements)
    for who in PARTICIPANTS:
        pets = levels.personal_themes(statements, who)
        assert pets and all(names[p.participant_id] == who for p in pets)
        for pet in pets:  # each PET holds statements, all of them coded in this participant's transcript
            for st in levels.statements_under(statements, pet.id):
                assert {e.participant for e in statements.queries.codings_of_code(st.id)} == {who}
    # Every statement is in exactly one PET now; none is left at the top level.
    assert not [c for c in statements.codes.children(None) if c.role == CodeRole.EMERGENT]
    assert levels.level_report(statements) == []


def test_accepting_group_themes_keeps_every_pet_and_statement_in_place(statements: Project) -> None:
    undo = UndoStack(statements)
    _make_pets(statements, undo)
    before = _state(statements)
    data = suggest_themes(statements, collect(statements, Clustered.PERSONAL_THEMES), backend="tfidf")
    assert {i["participant"] for c in data["clusters"] for i in c["items"]} == set(PARTICIPANTS)
    undo.push(AcceptSuggestion(data))
    after = _state(statements)
    old_codes = {c[0]: c for c in before[0]}
    for code in after[0]:  # no code that was there moved, was renamed or changed hands
        if code[0] in old_codes:
            assert code == old_codes[code[0]]
    assert set(old_codes) <= {c[0] for c in after[0]} and before[1] == after[1]
    linked = {pet for _group, pet in after[2]}
    placed = [i for c in data["clusters"] if c.get("parent") and not c.get("rejected") for i in c["items"]]
    assert linked and len(linked) == len({i["code_id"] for i in placed})
    assert levels.counts(statements).linked_personal_themes == len(linked)
    assert levels.level_report(statements) == []  # nothing left empty
    # Undo restores exactly the state before; redo the state after, ids and guids included.
    undo.undo()
    assert _state(statements) == before
    undo.redo()
    assert _state(statements) == after


def test_a_pet_suggestion_needs_a_known_participant(statements: Project) -> None:
    with pytest.raises(SuggestionError, match="participant"):
        collect(statements, Clustered.STATEMENTS)
    with pytest.raises(SuggestionError, match="Nobody"):
        collect(statements, Clustered.STATEMENTS, participant="Nobody")
    data = suggest_themes(statements, collect(statements, Clustered.STATEMENTS, participant="Maya"),
                          backend="tfidf")
    data["scope"] = {}
    with pytest.raises(AcceptError, match="participant"):
        AcceptSuggestion(data).do(statements)


def _as_schema_4(path: Path) -> None:
    """Take a project back to how schema 4 stored it: no PET owner column, no links, no terms setting.

    SQLite cannot drop a column with a foreign key, so the code table is rebuilt
    without it (SQLite's own recipe for a table change).
    """
    con = sqlite3.connect(path)
    (create,) = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'code'").fetchone()
    lines = [line for line in create.splitlines() if "participant_id" not in line]
    lines[-2] = lines[-2].rstrip().rstrip(",")  # the line before the closing parenthesis
    old_create = "\n".join(lines).replace("CREATE TABLE code", "CREATE TABLE code_v4", 1)
    columns = ", ".join(r[1] for r in con.execute("PRAGMA table_info(code)") if r[1] != "participant_id")
    con.executescript(f"""
        PRAGMA foreign_keys = OFF;
        DROP TABLE theme_link;
        DROP INDEX ix_code_participant_id;
        {old_create};
        INSERT INTO code_v4 ({columns}) SELECT {columns} FROM code;
        DROP TABLE code;
        ALTER TABLE code_v4 RENAME TO code;
        DELETE FROM meta WHERE key = 'ipa_terms';
        UPDATE meta SET value = '4' WHERE key = 'schema_version';
    """)
    assert "participant_id" not in {r[1] for r in con.execute("PRAGMA table_info(code)")}
    con.close()


def test_a_schema_4_project_upgrades_without_loss_and_reports_what_is_ambiguous(tmp_path: Path) -> None:
    path = _copy("full", tmp_path)
    with Project.open(path) as project:
        before = [(c[0], c[1], c[2], c[3], c[4], c[5]) for c in _state(project)[0]], _state(project)[1]
        n_statements = sum(c.role == CodeRole.EMERGENT for c in project.codes.list())
    _as_schema_4(path)
    project = Project.open(path)
    try:
        codes, codings, links = _state(project)
        assert ([c[:6] for c in codes], codings) == before and links == []
        counts = levels.counts(project)
        assert counts.statements == n_statements and counts.personal_themes == 0 and counts.group_themes > 0
        assert terms.edition_of(project) is terms.Edition.Y2009  # the words it was written in
        report = levels.level_report(project)
        assert len(report) == n_statements  # each statement sits straight under a group theme: named
        assert all("straight under the group theme" in line for line in report)
    finally:
        project.close()


def test_new_projects_use_the_2022_words_and_the_setting_switches_them(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "new.qualcode")
    assert terms.terms_of(project).personal_themes == "personal experiential themes"
    assert terms.terms_of(project).group_short == "GET"
    terms.set_edition(project, "2009")
    assert terms.terms_of(project).statements == "emergent themes"
    assert terms.terms_of(project).group_theme == "superordinate theme"
    with pytest.raises(terms.TermsError, match="2022 or 2009"):
        terms.set_edition(project, "2015")
    project.close()


def test_deleting_or_merging_a_linked_pet_keeps_its_links_for_undo(statements: Project) -> None:
    undo = UndoStack(statements)
    _make_pets(statements, undo)
    data = suggest_themes(statements, collect(statements, Clustered.PERSONAL_THEMES), backend="tfidf")
    undo.push(AcceptSuggestion(data))
    before = _state(statements)
    linked = sorted({pet for _group, pet in before[2]})
    pet = statements.codes.get(linked[0])
    record = statements.codes.delete(pet.id)
    assert pet.id not in {p for _g, p in _state(statements)[2]}
    statements.codes.undelete(record)
    assert _state(statements) == before
    # Merging a linked PET into another of the same participant's PETs: the target gains its links.
    name_of = levels.participant_names(statements)
    others = [p for p in levels.personal_themes(statements, name_of[pet.participant_id or -1]) if p.id != pet.id]
    target = others[0]
    groups = {g for g, p in before[2] if p == pet.id}
    merged = statements.codes.merge(pet.id, target.id)
    assert groups <= {g for g, p in _state(statements)[2] if p == target.id}
    statements.codes.unmerge(merged)
    assert _state(statements) == before


def test_moving_statements_out_of_old_themes_leaves_none_empty_and_undo_restores_them(tmp_path: Path) -> None:
    with Project.open(_copy("full", tmp_path)) as project:  # statements sit under the one-level themes
        undo = UndoStack(project)
        before = _state(project)
        data = suggest_themes(project, collect(project, Clustered.STATEMENTS, participant="Maya"), backend="tfidf")
        with pytest.raises(AcceptError, match="already sit under themes"):
            AcceptSuggestion(data).do(project)  # asked first: nothing moves without --move
        assert _state(project) == before
        records = []
        for who in PARTICIPANTS:
            data = suggest_themes(project, collect(project, Clustered.STATEMENTS, participant=who), backend="tfidf")
            command = AcceptSuggestion(data, allow_moves=True)
            undo.push(command)
            assert command.record is not None
            records.append(command.record)
            assert not [line for line in levels.level_report(project) if line.endswith("is empty")]
        # Once every participant's statements are in their PETs, the old themes held nothing: removed, and said so.
        assert any(r.cleared for r in records)
        assert any("left empty by the moves removed" in r.summary for r in records)
        assert not [c for c in project.codes.list() if c.role in (CodeRole.THEME, CodeRole.SUBTHEME)
                    and not project.codes.children(c.id)]
        after = _state(project)
        for _ in PARTICIPANTS:
            undo.undo()
        assert _state(project) == before
        for _ in PARTICIPANTS:
            undo.redo()
        assert _state(project) == after


def test_the_recurrence_of_group_themes_counts_participants_through_their_pets(statements: Project) -> None:
    undo = UndoStack(statements)
    _make_pets(statements, undo)
    data = suggest_themes(statements, collect(statements, Clustered.PERSONAL_THEMES), backend="tfidf")
    undo.push(AcceptSuggestion(data))
    table = levels.group_recurrence(statements)
    assert table.participants == tuple(sorted(PARTICIPANTS))
    names = levels.participant_names(statements)
    owner = {p.id: names[p.participant_id] for p in levels.personal_themes(statements) if p.participant_id}
    linked = levels.links(statements)
    for get in levels.group_themes(statements):
        subs = statements.codes.children(get.id)
        by_hand = {owner[pet] for sub in subs for pet in linked.get(sub.id, [])}
        row = table.row(str(get.id))
        assert set(row.participants) == by_hand
        assert row.below_threshold == (len(by_hand) * 2 < len(PARTICIPANTS))


def test_a_pet_refuses_another_participants_statement(statements: Project) -> None:
    data = suggest_themes(statements, collect(statements, Clustered.STATEMENTS, participant="Maya"), backend="tfidf")
    toms = collect(statements, Clustered.STATEMENTS, participant="Tom").sources[0]
    sub = next(c for c in data["clusters"] if c.get("parent") and not c.get("unclustered"))
    sub["items"].append({"id": toms.key, "participant": "Tom", "code_id": toms.code_id})
    before = _state(statements)
    with pytest.raises(AcceptError, match="Tom's transcript"):
        AcceptSuggestion(data).do(statements)
    assert _state(statements) == before


def test_info_names_what_an_upgraded_project_leaves_to_the_researcher(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from qualcode.cli import main

    path = _copy("full", tmp_path)
    _as_schema_4(path)
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["ipa_notes"] and all("straight under the group theme" in n for n in info["ipa_notes"])
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    # A whole one-level analysis is one line with the count, not a hundred lines.
    assert f"note: {len(info['ipa_notes'])} statements sit straight under group themes" in out
    assert "note: the statement" not in out


def test_undoing_the_creation_of_a_linked_theme_is_refused(tmp_path: Path) -> None:
    from qualcode.core.themes.codes import CodeError

    with Project.create(tmp_path / "p.qualcode") as project:
        pet = project.codes.create("Feeling held", CodeRole.PERSONAL)
        get = project.codes.create("Being looked after", CodeRole.THEME)
        with project.transaction() as s:
            s.add(ThemeLinkRow(group_id=get.id, personal_id=pet.id))
        with pytest.raises(CodeError, match="in use"):
            project.codes.delete_created(get.id)
        assert levels.links(project) == {get.id: [pet.id]}


def test_a_code_made_a_pet_belongs_to_the_one_participant_coded_under_it(statements: Project) -> None:
    from qualcode.core.themes.roles import ChangeCodeRole

    undo = UndoStack(statements)
    maya = collect(statements, Clustered.STATEMENTS, participant="Maya").sources[:2]
    holder = statements.codes.create("Being held", CodeRole.THEME)
    for src in maya:
        assert src.code_id is not None
        statements.codes.move(src.code_id, holder.id)
    before = _state(statements)
    undo.push(ChangeCodeRole(holder.id, CodeRole.PERSONAL, holder.name))
    assert [p.id for p in levels.personal_themes(statements, "Maya")] == [holder.id]
    undo.undo()
    assert _state(statements) == before


def test_each_role_has_its_word_in_each_edition() -> None:
    new, old = terms.TERMS[terms.Edition.Y2022], terms.TERMS[terms.Edition.Y2009]
    assert terms.role_word(CodeRole.EMERGENT, new) == "Experiential statement"
    assert terms.role_word(CodeRole.EMERGENT, old) == "Emergent theme"
    assert terms.role_word(CodeRole.THEME, new) == "Group experiential theme"
    assert terms.role_word(CodeRole.THEME, old) == "Superordinate theme"
    assert terms.role_word(CodeRole.PERSONAL, new) == "Personal experiential theme"
    assert all(terms.role_word(role, words) for role in CodeRole for words in (new, old))


def test_a_group_theme_without_sub_themes_links_the_pets_listed_on_it(statements: Project) -> None:
    undo = UndoStack(statements)
    _make_pets(statements, undo)
    pets = [levels.personal_themes(statements, who)[0] for who in ("Maya", "Tom")]
    names = levels.participant_names(statements)
    data = {"mode": "personal-themes", "clusters": [
        {"label": "Being looked after", "parent": None,
         "items": [{"id": p.name, "participant": names[p.participant_id or -1], "code_id": p.id} for p in pets]}]}
    undo.push(AcceptSuggestion(data))
    (get,) = [g for g in levels.group_themes(statements) if g.name == "Being looked after"]
    assert levels.links(statements)[get.id] == sorted(p.id for p in pets)
    assert set(levels.group_recurrence(statements).row(str(get.id)).participants) == {"Maya", "Tom"}
