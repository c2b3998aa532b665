"""The reflexive journal and memos: what the researcher thought, when, and about what.

IPA asks for reflexivity and an audit trail: a dated research diary,
memos on codes, themes, documents and the project, and a record of how the
themes came to be.  ``entries`` keeps the journal, ``links`` says what an
entry is about, ``memos`` one memo per thing, ``commands`` the undoable
edits, and ``history`` reads the themes' story out of the audit log.
"""
