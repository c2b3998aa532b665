-- A qualcode project as schema version 3 wrote it (before the coder-document and
-- consensus-decision tables). Used to test upgrades; do not edit by hand.
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
INSERT INTO "audit" VALUES(1,'2026-11-25 06:19:08.821704','Researcher','create project','project',NULL,'{"name": "Schema three study"}');
INSERT INTO "audit" VALUES(2,'2026-11-25 06:19:08.839420','Ann','add participant','participant',1,'{"pseudonym": "Maya"}');
INSERT INTO "audit" VALUES(3,'2026-11-25 06:19:08.846719','Ann','import document','document',1,'{"title": "Maya", "source": "maya.txt", "participant": "Maya"}');
INSERT INTO "audit" VALUES(4,'2026-11-25 06:19:08.855126','Ann','create code','code',1,'{"name": "Being held", "role": "code", "parent": null}');
INSERT INTO "audit" VALUES(5,'2026-11-25 06:19:08.873036','Ann','apply code','coding',1,'{"code": "Being held", "document": 1, "start": 33, "end": 55}');
INSERT INTO "audit" VALUES(6,'2026-11-25 06:19:08.880803','Ann','apply code','coding',2,'{"code": "Being held", "document": 1, "start": 33, "end": 69}');
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
INSERT INTO "code" VALUES(1,'2a3a41ec-fcee-4d35-9b6c-3a025e0339fd','Being held','code','#4e79a7','Feeling contained by others','','','',NULL,1,'2026-11-25 06:19:08.854544');
CREATE TABLE coder (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (name)
);
INSERT INTO "coder" VALUES(1,'416c8524-4b3c-4c95-a081-4bb511b72807','Ann','2026-11-25 06:19:08.828367');
INSERT INTO "coder" VALUES(2,'d70a889b-79e1-4fbb-b3e6-267091869bd0','Sam','2026-11-25 06:19:08.879804');
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
INSERT INTO "coding" VALUES(1,'3991d499-5a68-490c-93cf-e483577c4e40',1,1,1,'2026-11-25 06:19:08.872511');
INSERT INTO "coding" VALUES(2,'4d7ac9df-b3ed-41a2-a847-68ef3c885adb',2,1,2,'2026-11-25 06:19:08.880424');
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
INSERT INTO "document" VALUES(1,'fdb8bded-e3dc-40ec-a368-ae42072dae4b','Maya','transcript','Interviewer: How is work?

Maya: Supervision with Helen holds it all.
','[0, 26, 27]',80,70,'maya.txt','h-maya','2026-11-25 06:19:08.841692',1,NULL,1);
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
INSERT INTO "meta" VALUES('schema_version','3');
INSERT INTO "meta" VALUES('name','Schema three study');
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
CREATE TABLE participant (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	pseudonym VARCHAR(200) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (pseudonym)
);
INSERT INTO "participant" VALUES(1,'598327ad-cd22-44e8-8a93-6111fabb70ab','Maya','participant');
CREATE TABLE pseudonym (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	replacement VARCHAR(200) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	occurrences INTEGER NOT NULL, 
	original TEXT, 
	coder VARCHAR(200) NOT NULL, 
	applied_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid)
);
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
INSERT INTO "segment" VALUES(1,'40a845e6-46cc-4ff9-bc7d-d98153e12833',1,33,55,'2026-11-25 06:19:08.870449');
INSERT INTO "segment" VALUES(2,'fba7ba61-579c-411a-bd19-e68412b3b8c2',1,33,69,'2026-11-25 06:19:08.879172');
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
CREATE INDEX ix_code_parent_id ON code (parent_id);
CREATE INDEX ix_audit_at ON audit (at);
CREATE INDEX ix_pseudonym_replacement ON pseudonym (replacement);
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
