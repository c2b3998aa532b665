-- A qualcode project as schema version 2 wrote it (before the pseudonym
-- mapping table). Used to test upgrades; do not edit by hand.
BEGIN TRANSACTION;
CREATE TABLE attribute (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	type VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE attribute_value (
	participant_id INTEGER NOT NULL, 
	attribute_id INTEGER NOT NULL, 
	value TEXT, 
	PRIMARY KEY (participant_id, attribute_id), 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE, 
	FOREIGN KEY(attribute_id) REFERENCES attribute (id) ON DELETE CASCADE
);
CREATE TABLE audit (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	coder VARCHAR(200) NOT NULL, 
	action VARCHAR(64) NOT NULL, 
	target_type VARCHAR(32) NOT NULL, 
	target_id INTEGER, 
	detail TEXT NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "audit" VALUES(1,'2026-11-25 06:15:44.948293','Researcher','create project','project',NULL,'{"name": "Schema two study"}');
INSERT INTO "audit" VALUES(2,'2026-11-25 06:15:44.959471','Ann','add participant','participant',1,'{"pseudonym": "Maya"}');
INSERT INTO "audit" VALUES(3,'2026-11-25 06:15:44.962895','Ann','import document','document',1,'{"title": "Maya", "source": "maya.txt", "participant": "Maya"}');
INSERT INTO "audit" VALUES(4,'2026-11-25 06:15:44.971691','Ann','create code','code',1,'{"name": "Being held", "role": "code", "parent": null}');
INSERT INTO "audit" VALUES(5,'2026-11-25 06:15:44.980309','Ann','apply code','coding',1,'{"code": "Being held", "document": 1, "start": 31, "end": 85}');
INSERT INTO "audit" VALUES(6,'2026-11-25 06:15:44.984097','Ann','add note','note',1,'{"kind": "conceptual", "document": 1, "start": 31, "end": 85}');
CREATE TABLE code (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	name VARCHAR(500) NOT NULL, 
	role VARCHAR(20) NOT NULL, 
	colour VARCHAR(9) NOT NULL, 
	description TEXT NOT NULL, 
	inclusion TEXT NOT NULL, 
	exclusion TEXT NOT NULL, 
	example TEXT NOT NULL, 
	parent_id INTEGER, 
	position INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	FOREIGN KEY(parent_id) REFERENCES code (id) ON DELETE RESTRICT
);
INSERT INTO "code" VALUES(1,'863e775a-e3bb-4ee1-99e1-5c53471330ff','Being held','code','#4e79a7','','','','',NULL,1,'2026-11-25 06:15:44.971007');
CREATE TABLE coder (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (name)
);
INSERT INTO "coder" VALUES(1,'e1506c86-5e40-44e2-bccc-76bdb205e716','Ann','2026-11-25 06:15:44.952106');
CREATE TABLE coding (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	segment_id INTEGER NOT NULL, 
	code_id INTEGER NOT NULL, 
	coder_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (segment_id, code_id, coder_id), 
	UNIQUE (guid), 
	FOREIGN KEY(segment_id) REFERENCES segment (id) ON DELETE CASCADE, 
	FOREIGN KEY(code_id) REFERENCES code (id) ON DELETE CASCADE, 
	FOREIGN KEY(coder_id) REFERENCES coder (id)
);
INSERT INTO "coding" VALUES(1,'966421b6-6497-4265-9fa7-341fec612f40',1,1,1,'2026-11-25 06:15:44.979687');
CREATE TABLE document (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	title VARCHAR(500) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	text TEXT, 
	line_starts TEXT, 
	line_width INTEGER NOT NULL, 
	length INTEGER NOT NULL, 
	source_name VARCHAR(500) NOT NULL, 
	source_hash VARCHAR(64) NOT NULL, 
	imported_at DATETIME NOT NULL, 
	participant_id INTEGER, 
	question_id INTEGER, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE SET NULL, 
	FOREIGN KEY(question_id) REFERENCES question (id) ON DELETE CASCADE
);
INSERT INTO "document" VALUES(1,'03dc77f6-59b4-43eb-b8d6-889a4e7f57fe','Maya','transcript','Interviewer: Who helps?

Maya: Supervision with Helen at Kelbridge. She holds it all.
','[0, 24, 25]',80,86,'maya.txt','h1','2026-11-25 06:15:44.962108',1,NULL,1);
CREATE TABLE embedding (
	id INTEGER NOT NULL, 
	model_id VARCHAR(200) NOT NULL, 
	text_hash VARCHAR(64) NOT NULL, 
	dim INTEGER NOT NULL, 
	vector BLOB NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (model_id, text_hash)
);
CREATE TABLE memo (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	target VARCHAR(20) NOT NULL, 
	code_id INTEGER, 
	document_id INTEGER, 
	title VARCHAR(500) NOT NULL, 
	text TEXT NOT NULL, 
	coder_id INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	FOREIGN KEY(code_id) REFERENCES code (id) ON DELETE CASCADE, 
	FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE, 
	FOREIGN KEY(coder_id) REFERENCES coder (id)
);
CREATE TABLE meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "meta" VALUES('schema_version','2');
INSERT INTO "meta" VALUES('name','Schema two study');
INSERT INTO "meta" VALUES('last_coder','Ann');
CREATE TABLE note (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	segment_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	text TEXT NOT NULL, 
	coder_id INTEGER, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	FOREIGN KEY(segment_id) REFERENCES segment (id) ON DELETE CASCADE, 
	FOREIGN KEY(coder_id) REFERENCES coder (id)
);
INSERT INTO "note" VALUES(1,'cad69a55-76a7-4c50-a9be-e6677ae9b96e',1,'conceptual','Helen as a container',1,'2026-11-25 06:15:44.983475');
CREATE TABLE participant (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	pseudonym VARCHAR(200) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (pseudonym)
);
INSERT INTO "participant" VALUES(1,'667667b7-f766-4d2b-9065-a5bcab8bb3a4','Maya','participant');
CREATE TABLE question (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	text TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	blank_count INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (name)
);
CREATE TABLE segment (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	document_id INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE
);
INSERT INTO "segment" VALUES(1,'23a1de1b-4f52-4839-ae73-07031bdf6227',1,31,85,'2026-11-25 06:15:44.977474');
CREATE TABLE turn (
	id INTEGER NOT NULL, 
	document_id INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	speaker VARCHAR(200) NOT NULL, 
	is_interviewer BOOLEAN NOT NULL, 
	timestamp VARCHAR(32), 
	PRIMARY KEY (id), 
	FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE
);
INSERT INTO "turn" VALUES(1,1,0,23,'Interviewer',1,NULL);
INSERT INTO "turn" VALUES(2,1,25,85,'Maya',0,NULL);
CREATE INDEX ix_code_parent_id ON code (parent_id);
CREATE INDEX ix_audit_at ON audit (at);
CREATE INDEX ix_document_participant_id ON document (participant_id);
CREATE INDEX ix_document_source_hash ON document (source_hash);
CREATE INDEX ix_document_question_id ON document (question_id);
CREATE INDEX ix_turn_document_id ON turn (document_id);
CREATE INDEX ix_segment_doc_span ON segment (document_id, start, "end");
CREATE INDEX ix_coding_code_id ON coding (code_id);
CREATE INDEX ix_coding_segment_id ON coding (segment_id);
CREATE INDEX ix_coding_coder_id ON coding (coder_id);
CREATE INDEX ix_note_segment_id ON note (segment_id);
COMMIT;
