-- ssrlink reference host schema for SQLite: the Aeries-style host tables ssrlink reads
-- (SCL schools, STU students, CON contacts). A real SIS already has these tables; this file
-- exists for the demo, the tests and as the shape install.sql's views expect (docs/dba-guide.md).
-- Codes: STU.GR -1 = TK, 0 = K; flags are 'Y' or empty; CL is the CALPADS language code.

CREATE TABLE IF NOT EXISTS SCL (
  SC  INTEGER NOT NULL PRIMARY KEY,   -- school code
  NM  VARCHAR(60) NOT NULL DEFAULT '', -- school name
  CDS CHAR(14) NOT NULL DEFAULT ''     -- county (2) + district (5) + school (7)
);

CREATE TABLE IF NOT EXISTS STU (
  ID  INTEGER NOT NULL PRIMARY KEY,   -- permanent student ID
  SC  INTEGER NOT NULL,               -- school code
  SN  INTEGER NOT NULL DEFAULT 0,     -- student number within the school
  LN  VARCHAR(50) NOT NULL DEFAULT '',
  FN  VARCHAR(50) NOT NULL DEFAULT '',
  GR  INTEGER NOT NULL DEFAULT 0,     -- grade: -1 TK, 0 K, 1..12
  CID VARCHAR(10),                    -- SSID: 10 digits, NULL or empty when none assigned
  CL  VARCHAR(2) NOT NULL DEFAULT '00', -- correspondence language (CALPADS)
  DNR CHAR(1) NOT NULL DEFAULT '',    -- 'Y': Do Not Release Records
  HCI CHAR(1) NOT NULL DEFAULT '',    -- 'Y': hide contact information in portals
  TG  VARCHAR(4) NOT NULL DEFAULT '', -- tag
  LD  DATE,                           -- leave date, 'YYYY-MM-DD'
  DEL CHAR(1) NOT NULL DEFAULT '',   -- 'Y': deleted
  PU  VARCHAR(128) NOT NULL DEFAULT '' -- the student's own portal account ('' when none)
);
CREATE INDEX IF NOT EXISTS STU_SC ON STU (SC);

CREATE TABLE IF NOT EXISTS CON (
  PID INTEGER NOT NULL,               -- student ID (STU.ID)
  SQ  INTEGER NOT NULL,               -- contact sequence
  LN  VARCHAR(50) NOT NULL DEFAULT '',
  FN  VARCHAR(50) NOT NULL DEFAULT '',
  EM  VARCHAR(100) NOT NULL DEFAULT '', -- email
  ED  CHAR(1) NOT NULL DEFAULT '',    -- 'Y': holds educational rights
  CL  VARCHAR(2) NOT NULL DEFAULT '00', -- language (CALPADS)
  HCI CHAR(1) NOT NULL DEFAULT '',    -- 'Y': hide contact information
  DEL CHAR(1) NOT NULL DEFAULT '',    -- 'Y': deleted
  PU  VARCHAR(128) NOT NULL DEFAULT '', -- the parent-portal account that signs in as this contact
  PRIMARY KEY (PID, SQ)
);
CREATE INDEX IF NOT EXISTS CON_PU ON CON (PU);
