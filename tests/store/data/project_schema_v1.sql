-- A qualcode project as schema version 1 wrote it (before cached embeddings
-- and blank-answer counts). Used to test upgrades; do not edit by hand.
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
INSERT INTO "audit" VALUES(1,'2026-11-25 06:08:08.513540','Researcher','create project','project',NULL,'{"name": "Old study"}');
INSERT INTO "audit" VALUES(2,'2026-11-25 06:08:08.521826','Ann','add participant','participant',1,'{"pseudonym": "Maya"}');
INSERT INTO "audit" VALUES(3,'2026-11-25 06:08:08.524704','Ann','import document','document',1,'{"title": "Maya", "source": "maya.txt", "participant": "Maya"}');
INSERT INTO "audit" VALUES(4,'2026-11-25 06:08:08.531441','Ann','create code','code',1,'{"name": "Conveyor belt", "role": "code", "parent": null}');
INSERT INTO "audit" VALUES(5,'2026-11-25 06:08:08.538683','Ann','apply code','coding',1,'{"code": "Conveyor belt", "document": 1, "start": 40, "end": 53}');
INSERT INTO "audit" VALUES(6,'2026-11-25 06:08:08.541667','Ann','add note','note',1,'{"kind": "linguistic", "document": 1, "start": 40, "end": 53}');
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
INSERT INTO "code" VALUES(1,'ee3c0aa1-8353-4e92-9154-7df535117d0d','Conveyor belt','code','#4e79a7','','','','',NULL,1,'2026-11-25 06:08:08.530893');
CREATE TABLE coder (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (name)
);
INSERT INTO "coder" VALUES(1,'aa2f7948-d578-42f5-9963-6594b27b31fa','Ann','2026-11-25 06:08:08.516315');
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
INSERT INTO "coding" VALUES(1,'45c91edb-58e7-4fe6-bed6-fa4d407a227c',1,1,1,'2026-11-25 06:08:08.538152');
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
INSERT INTO "document" VALUES(1,'b0e33cf0-0f04-4f79-884c-9ac8b97abaa4','Maya','transcript','Interviewer: How is work?

Maya: Like a conveyor belt, honestly.
','[0, 26, 27]',80,65,'maya.txt','abc','2026-11-25 06:08:08.524043',1,NULL,1);
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
INSERT INTO "meta" VALUES('schema_version','1');
INSERT INTO "meta" VALUES('name','Old study');
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
INSERT INTO "note" VALUES(1,'8514612e-cffc-41fa-80a8-9fc5caa2a6fc',1,'linguistic','mechanical image',1,'2026-11-25 06:08:08.541169');
CREATE TABLE participant (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	pseudonym VARCHAR(200) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (pseudonym)
);
INSERT INTO "participant" VALUES(1,'87599423-572c-4a5f-805f-33b11205796a','Maya','participant');
CREATE TABLE question (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	text TEXT NOT NULL, 
	position INTEGER NOT NULL, 
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
INSERT INTO "segment" VALUES(1,'47499458-aa80-4415-b92e-559a9496b9ba',1,40,53,'2026-11-25 06:08:08.536189');
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
INSERT INTO "turn" VALUES(1,1,0,25,'Interviewer',1,NULL);
INSERT INTO "turn" VALUES(2,1,27,64,'Maya',0,NULL);
CREATE INDEX ix_code_parent_id ON code (parent_id);
CREATE INDEX ix_audit_at ON audit (at);
CREATE INDEX ix_document_participant_id ON document (participant_id);
CREATE INDEX ix_document_question_id ON document (question_id);
CREATE INDEX ix_document_source_hash ON document (source_hash);
CREATE INDEX ix_turn_document_id ON turn (document_id);
CREATE INDEX ix_segment_doc_span ON segment (document_id, start, "end");
CREATE INDEX ix_coding_code_id ON coding (code_id);
CREATE INDEX ix_coding_segment_id ON coding (segment_id);
CREATE INDEX ix_coding_coder_id ON coding (coder_id);
CREATE INDEX ix_note_segment_id ON note (segment_id);
COMMIT;
