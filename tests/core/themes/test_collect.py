"""One way to say what to cluster, for the command line and the Suggest themes dialog."""

from __future__ import annotations

import pytest

from qualcode.core.model import CodeRole
from qualcode.core.themes import suggestions as sg
from qualcode.core.themes.clustered import Clustered


def test_collect_gathers_what_each_choice_names(transcript_project) -> None:
    project, doc = transcript_project
    code = project.codes.create("Production line", CodeRole.CODE)
    project.coding.apply(doc.id, 40, 80, code.id)
    emergent = project.codes.create("Feeling like a number", CodeRole.EMERGENT)
    project.coding.apply(doc.id, 90, 120, emergent.id)

    collected = sg.collect(project, Clustered.SEGMENTS, code="Production line")
    assert collected.mode is Clustered.SEGMENTS and collected.scope == {"code": "Production line"}
    assert [s.participant for s in collected.sources] == ["Maya"]
    collected = sg.collect(project, Clustered.EMERGENT, participant="Maya")
    assert [s.key for s in collected.sources] == ["Feeling like a number"]
    with pytest.raises(sg.SuggestionError, match="which code"):
        sg.collect(project, Clustered.SEGMENTS)
    with pytest.raises(sg.SuggestionError, match="which question"):
        sg.collect(project, Clustered.parse("question"))
