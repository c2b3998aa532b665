-- A qualcode project as schema version 5 wrote it (before the reflexive journal and audit batches):
-- themes renamed, merged and moved, memos on the project, a code and a document. Made by
-- qualcode at schema 5; used to test upgrades; do not edit by hand.
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
INSERT INTO "audit" VALUES(1,'2026-12-02 09:32:17.051134','Researcher','create project','project',NULL,'{"name": "Schema five study"}');
INSERT INTO "audit" VALUES(2,'2026-12-02 09:32:17.073817','Ann','add participant','participant',1,'{"pseudonym": "Maya"}');
INSERT INTO "audit" VALUES(3,'2026-12-02 09:32:17.081873','Ann','import document','document',1,'{"title": "Maya interview", "source": "maya.txt", "participant": "Maya"}');
INSERT INTO "audit" VALUES(4,'2026-12-02 09:32:17.094476','Ann','create code','code',1,'{"name": "Production line", "role": "emergent", "parent": null}');
INSERT INTO "audit" VALUES(5,'2026-12-02 09:32:17.100980','Ann','create code','code',2,'{"name": "Being held", "role": "emergent", "parent": null}');
INSERT INTO "audit" VALUES(6,'2026-12-02 09:32:17.119848','Ann','apply code','coding',1,'{"code": "Production line", "document": 1, "start": 62, "end": 77}');
INSERT INTO "audit" VALUES(7,'2026-12-02 09:32:17.127332','Ann','apply code','coding',2,'{"code": "Being held", "document": 1, "start": 121, "end": 168}');
INSERT INTO "audit" VALUES(8,'2026-12-02 09:32:17.136903','Ann','create code','code',3,'{"name": "Work as a machine", "role": "personal", "parent": null}');
INSERT INTO "audit" VALUES(9,'2026-12-02 09:32:17.142613','Ann','move code','code',1,'{"from_parent": null, "to_parent": 3, "from_position": 1}');
INSERT INTO "audit" VALUES(10,'2026-12-02 09:32:17.149628','Ann','create code','code',4,'{"name": "Relentless demand", "role": "theme", "parent": null}');
INSERT INTO "audit" VALUES(11,'2026-12-02 09:32:17.153476','Ann','rename code','code',4,'{"from": "Relentless demand", "to": "Relentlessness"}');
INSERT INTO "audit" VALUES(12,'2026-12-02 09:32:17.157793','Ann','create code','code',5,'{"name": "Pressure", "role": "theme", "parent": null}');
INSERT INTO "audit" VALUES(13,'2026-12-02 09:32:17.183901','Ann','merge codes','code',4,'{"source": "Pressure", "target": "Relentlessness", "codings_moved": 0, "duplicates_dropped": 0}');
INSERT INTO "audit" VALUES(14,'2026-12-02 09:32:17.190612','Ann','add note','note',1,'{"kind": "linguistic", "document": 1, "start": 62, "end": 77}');
INSERT INTO "audit" VALUES(15,'2026-12-02 09:32:17.201797','Ann','write memo','project',NULL,'{"length": 38}');
INSERT INTO "audit" VALUES(16,'2026-12-02 09:32:17.212598','Ann','write memo','code',1,'{"length": 18}');
INSERT INTO "audit" VALUES(17,'2026-12-02 09:32:17.218696','Ann','write memo','document',1,'{"length": 24}');
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
	participant_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	FOREIGN KEY(parent_id) REFERENCES code (id) ON DELETE RESTRICT, 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE SET NULL
);
INSERT INTO "code" VALUES(1,'c039ece3-4237-4aa9-a3fa-339b58a6040e','Production line','emergent','#4e79a7','','','','',3,2,'2026-12-02 09:32:17.093873',NULL);
INSERT INTO "code" VALUES(2,'97eb442b-823a-4083-b6b6-898c8958b791','Being held','emergent','#f28e2b','','','','',NULL,2,'2026-12-02 09:32:17.100376',NULL);
INSERT INTO "code" VALUES(3,'936b256b-18d2-49e0-868d-b82d750b10c8','Work as a machine','personal','#e15759','','','','',NULL,3,'2026-12-02 09:32:17.136413',NULL);
INSERT INTO "code" VALUES(4,'5bdf939d-02d3-4455-8c0c-9410aa0ff573','Relentlessness','theme','#76b7b2','','','','',NULL,4,'2026-12-02 09:32:17.149300',NULL);
CREATE TABLE coder (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (name)
);
INSERT INTO "coder" VALUES(1,'5639f97e-dcec-4680-bab0-950d904ad0b0','Ann','2026-12-02 09:32:17.054363');
CREATE TABLE coder_document (
	coder_id INTEGER NOT NULL, 
	document_id INTEGER NOT NULL, 
	origin VARCHAR(20) NOT NULL, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (coder_id, document_id), 
	FOREIGN KEY(coder_id) REFERENCES coder (id) ON DELETE CASCADE, 
	FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE
);
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
INSERT INTO "coding" VALUES(1,'2040226c-65ae-4b85-b66c-0292d805976e',1,1,1,'2026-12-02 09:32:17.118812');
INSERT INTO "coding" VALUES(2,'6b33af22-4cbc-4649-9a9f-ea1f3a9e885f',2,2,1,'2026-12-02 09:32:17.126955');
CREATE TABLE consensus_decision (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	code_id INTEGER NOT NULL, 
	document_id INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	unit VARCHAR(20) NOT NULL, 
	coders TEXT NOT NULL, 
	taken TEXT NOT NULL, 
	comment TEXT NOT NULL, 
	consensus_coder VARCHAR(200) NOT NULL, 
	decided_by VARCHAR(200) NOT NULL, 
	coding_ids TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	FOREIGN KEY(code_id) REFERENCES code (id) ON DELETE CASCADE, 
	FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE
);
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
INSERT INTO "document" VALUES(1,'6071de5f-969d-4f57-b753-916a11acade7','Maya interview','transcript','Interviewer: How has work been lately?

Maya: It feels like a production line.
You see one person, then the next.

Maya: Supervision with Helen. She holds it all for me.
','[0, 39, 40, 79, 114, 115]',80,170,'maya.txt','h-maya','2026-12-02 09:32:17.080853',1,NULL,1);
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
INSERT INTO "memo" VALUES(1,'5c87e902-6066-4dce-ae48-e403997c1456','project',NULL,NULL,'','Started with Maya; I know this clinic.',1,'2026-12-02 09:32:17.201196','2026-12-02 09:32:17.200503');
INSERT INTO "memo" VALUES(2,'70277aa7-4f43-4c0a-b35d-eb1a6906e3ff','code',1,NULL,'','Close to her words',1,'2026-12-02 09:32:17.207826','2026-12-02 09:32:17.207579');
INSERT INTO "memo" VALUES(3,'afa8e0c8-c160-425e-a218-0e9630919fe4','document',NULL,1,'','Long pauses before Helen',1,'2026-12-02 09:32:17.218333','2026-12-02 09:32:17.218104');
CREATE TABLE meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "meta" VALUES('schema_version','5');
INSERT INTO "meta" VALUES('name','Schema five study');
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
INSERT INTO "note" VALUES(1,'85240dd3-6423-4e00-bdd2-4382621b100b',1,'linguistic','metaphor',1,'2026-12-02 09:32:17.189964');
CREATE TABLE participant (
	id INTEGER NOT NULL, 
	guid VARCHAR(36) NOT NULL, 
	pseudonym VARCHAR(200) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (guid), 
	UNIQUE (pseudonym)
);
INSERT INTO "participant" VALUES(1,'12ac938e-bb65-4d0e-ab26-1ce4d3901566','Maya','participant');
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
INSERT INTO "segment" VALUES(1,'f7281d7e-5468-487d-8d61-9760c41d8afa',1,62,77,'2026-12-02 09:32:17.110876');
INSERT INTO "segment" VALUES(2,'66b05c06-d1d0-4bfe-af01-8a59f49718e5',1,121,168,'2026-12-02 09:32:17.126119');
CREATE TABLE theme_link (
	group_id INTEGER NOT NULL, 
	personal_id INTEGER NOT NULL, 
	PRIMARY KEY (group_id, personal_id), 
	FOREIGN KEY(group_id) REFERENCES code (id) ON DELETE CASCADE, 
	FOREIGN KEY(personal_id) REFERENCES code (id) ON DELETE CASCADE
);
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
CREATE INDEX ix_audit_at ON audit (at);
CREATE INDEX ix_pseudonym_replacement ON pseudonym (replacement);
CREATE INDEX ix_document_source_hash ON document (source_hash);
CREATE INDEX ix_document_question_id ON document (question_id);
CREATE INDEX ix_document_participant_id ON document (participant_id);
CREATE INDEX ix_code_participant_id ON code (participant_id);
CREATE INDEX ix_code_parent_id ON code (parent_id);
CREATE INDEX ix_turn_document_id ON turn (document_id);
CREATE INDEX ix_theme_link_personal_id ON theme_link (personal_id);
CREATE INDEX ix_segment_doc_span ON segment (document_id, start, "end");
CREATE INDEX ix_consensus_decision_document_id ON consensus_decision (document_id);
CREATE INDEX ix_consensus_decision_code_id ON consensus_decision (code_id);
CREATE INDEX ix_coding_code_id ON coding (code_id);
CREATE INDEX ix_coding_coder_id ON coding (coder_id);
CREATE INDEX ix_coding_segment_id ON coding (segment_id);
CREATE INDEX ix_note_segment_id ON note (segment_id);
COMMIT;
