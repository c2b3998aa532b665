"""The project file's tables (SQLAlchemy 2 ORM, portable types only).

Every row that another tool may refer to carries a stable ``guid`` beside
its integer id, for REFI-QDA exchange and for merging a second analyst's
project.  Only portable column types are used so that the same schema runs
on SQLite (one file per project) and PostgreSQL (a team server).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Connection,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, deferred, mapped_column, object_session


def new_guid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


def table_of(model: type[Base]) -> Table:
    """A model's ``Table``, for schema steps and bulk statements.

    Every model here maps one plain table; SQLAlchemy types ``__table__`` as
    any ``FromClause`` (a model may map a join), so this says which it is.
    """
    table = model.__table__
    assert isinstance(table, Table), f"{model.__name__} does not map a single table"
    return table


class MetaRow(Base):
    """Key/value facts about the project: schema version, name, settings."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CoderRow(Base):
    __tablename__ = "coder"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ParticipantRow(Base):
    """A case: an interview participant (pseudonym) or a survey respondent."""

    __tablename__ = "participant"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    pseudonym: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="participant")  # or "respondent"


class AttributeRow(Base):
    """An attribute (variable) with its type: text, number, category or date."""

    __tablename__ = "attribute"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(20), default="text")


class AttributeValueRow(Base):
    __tablename__ = "attribute_value"
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attribute.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str | None] = mapped_column(Text, nullable=True)


class QuestionRow(Base):
    """An open survey question; blank answers are counted for prevalence bases."""

    __tablename__ = "question"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    blank_count: Mapped[int] = mapped_column(Integer, default=0)


class DocumentRow(Base):
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))  # "transcript" | "answer"
    # Deferred: the navigator lists documents without loading their text.
    text: Mapped[str] = deferred(mapped_column(Text))
    line_starts: Mapped[str] = deferred(mapped_column(Text))  # JSON list of ints
    line_width: Mapped[int] = mapped_column(Integer)
    length: Mapped[int] = mapped_column(Integer)
    source_name: Mapped[str] = mapped_column(String(500), default="")
    source_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True, index=True
    )
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), nullable=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class TurnRow(Base):
    """A speaker turn; the interviewer's are left out of statistics on request."""

    __tablename__ = "turn"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(200))
    is_interviewer: Mapped[bool] = mapped_column(Boolean, default=False)
    timestamp: Mapped[str | None] = mapped_column(String(32), nullable=True)


class CodeRow(Base):
    """A code, sub-theme, superordinate theme or emergent theme (by ``role``)."""

    __tablename__ = "code"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    name: Mapped[str] = mapped_column(String(500))
    role: Mapped[str] = mapped_column(String(20), default="code")
    colour: Mapped[str] = mapped_column(String(9), default="#4e79a7")
    description: Mapped[str] = mapped_column(Text, default="")
    inclusion: Mapped[str] = mapped_column(Text, default="")
    exclusion: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("code.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A personal experiential theme (role "personal") belongs to one participant (schema 5).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True, index=True
    )


class ThemeLinkRow(Base):
    """A group experiential theme (or its sub-theme) gathering a personal one (schema 5).

    A link, not a parent: accepting group themes never moves a PET, so the
    participant's own table stays whole under the group level.
    """

    __tablename__ = "theme_link"
    group_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), primary_key=True)
    personal_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), primary_key=True,
                                             index=True)


class SegmentRow(Base):
    """A span of a document, ``text[start:end]`` in code points."""

    __tablename__ = "segment"
    __table_args__ = (Index("ix_segment_doc_span", "document_id", "start", "end"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CodingRow(Base):
    """A code applied to a segment by a coder."""

    __tablename__ = "coding"
    __table_args__ = (UniqueConstraint("segment_id", "code_id", "coder_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), index=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class NoteRow(Base):
    """An exploratory note on a segment: descriptive, linguistic, conceptual or free."""

    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="free")
    text: Mapped[str] = mapped_column(Text, default="")
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coder.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MemoRow(Base):
    """A memo on the project, a code or a document (reflexive writing)."""

    __tablename__ = "memo"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    target: Mapped[str] = mapped_column(String(20))  # "project" | "code" | "document"
    code_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), nullable=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), nullable=True
    )
    title: Mapped[str] = mapped_column(String(500), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coder.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditRow(Base):
    """Who changed what, when: the raw material of the audit trail."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    coder: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32), default="")
    target_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    # The researcher's action the row belongs to (schema 6): every row written in one
    # transaction shares it, so the audit trail can tell the themes an accepted suggestion
    # created from ones made by hand.  Older rows have none.
    batch: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)


@event.listens_for(AuditRow, "before_insert")
def _same_batch_per_transaction(_mapper: Mapper, _conn: Connection, row: AuditRow) -> None:
    """Give an audit row its transaction's batch (one session is one transaction in qualcode)."""
    if row.batch is None:
        session = object_session(row)
        row.batch = session.info.setdefault("audit_batch", new_guid()) if session is not None else new_guid()


class JournalEntryRow(Base):
    """A dated entry of the reflexive journal, about the project or one thing in it (schema 6).

    A link names what it is about by guid, not by foreign key, so an entry
    outlives the code or document it was written about (a merge, a delete)
    and comes back linked when that is undone; ``link_label`` keeps the
    thing's name as it was when the entry was linked, for the audit trail.
    """

    __tablename__ = "journal_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    written_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    link_kind: Mapped[str] = mapped_column(String(20), default="")  # "" | document | lines | code | theme
    document_guid: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    first_line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    code_guid: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    link_label: Mapped[str] = mapped_column(String(500), default="")
    coder: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class EmbeddingRow(Base):
    """Cached sentence embeddings, keyed by model and text hash."""

    __tablename__ = "embedding"
    __table_args__ = (UniqueConstraint("model_id", "text_hash"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    model_id: Mapped[str] = mapped_column(String(200))
    text_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)




class PseudonymRow(Base):
    """One replacement made by pseudonymisation, kept apart from the text.

    The text holds only the replacement; this table is the record for the
    ethics file.  ``original`` stays empty unless the researcher asked to
    keep the real names in the project.
    """

    __tablename__ = "pseudonym"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    replacement: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="person")  # person | place | organisation | other
    occurrences: Mapped[int] = mapped_column(Integer, default=0)
    original: Mapped[str | None] = mapped_column(Text, nullable=True)
    coder: Mapped[str] = mapped_column(String(200), default="")
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CoderDocumentRow(Base):
    """A document a coder has coded through, whether or not they applied any code.

    Agreement needs to know what each coder *saw*: in an answer the second
    coder read and left uncoded every code is absent, not missing.  Rows are
    written when a second coder's project is merged and when a consensus is
    started; without rows, a coder is taken to have coded the documents (or,
    for survey answers, the questions) where they applied a code.
    """

    __tablename__ = "coder_document"
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    origin: Mapped[str] = mapped_column(String(20), default="merge")  # merge | consensus | marked
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ConsensusDecisionRow(Base):
    """How coders resolved one disagreement: whose codings the consensus took, and why.

    ``taken`` lists the coders whose codings of the code on the unit were
    copied to the consensus coder (empty: neither); ``coding_ids`` are the
    consensus codings made, so the decision can be undone exactly.
    """

    __tablename__ = "consensus_decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20))  # answer | line | sentence | overlap
    coders: Mapped[str] = mapped_column(Text, default="[]")  # JSON: the coders compared
    taken: Mapped[str] = mapped_column(Text, default="[]")  # JSON: whose codings the consensus took
    comment: Mapped[str] = mapped_column(Text, default="")
    consensus_coder: Mapped[str] = mapped_column(String(200), default="consensus")
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    coding_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON: consensus codings made
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
