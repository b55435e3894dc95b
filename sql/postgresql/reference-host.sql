-- ssrlink reference host schema for PostgreSQL: the Aeries-style host tables ssrlink reads
-- (SCL schools, STU students, CON contacts). A real SIS already has these tables; this file
-- exists for the demo, the tests and as the shape install.sql's views expect (docs/dba-guide.md).
-- Codes: STU.GR -1 = TK, 0 = K; flags are 'Y' or empty; CL is the CALPADS language code.
-- Unquoted names, so PostgreSQL folds them to lower case (scl, stu, con) and queries written
-- either way find them.

CREATE TABLE IF NOT EXISTS SCL (
  SC  INTEGER NOT NULL PRIMARY KEY,
  NM  VARCHAR(60) NOT NULL DEFAULT '',
  CDS CHAR(14) NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS STU (
  ID  INTEGER NOT NULL PRIMARY KEY,
  SC  INTEGER NOT NULL,
  SN  INTEGER NOT NULL DEFAULT 0,
  LN  VARCHAR(50) NOT NULL DEFAULT '',
  FN  VARCHAR(50) NOT NULL DEFAULT '',
  GR  INTEGER NOT NULL DEFAULT 0,
  CID VARCHAR(10),
  CL  VARCHAR(2) NOT NULL DEFAULT '00',
  DNR CHAR(1) NOT NULL DEFAULT '',
  HCI CHAR(1) NOT NULL DEFAULT '',
  TG  VARCHAR(4) NOT NULL DEFAULT '',
  LD  DATE,
  DEL CHAR(1) NOT NULL DEFAULT '',
  PU  VARCHAR(128) NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS STU_SC ON STU (SC);

CREATE TABLE IF NOT EXISTS CON (
  PID INTEGER NOT NULL,
  SQ  INTEGER NOT NULL,
  LN  VARCHAR(50) NOT NULL DEFAULT '',
  FN  VARCHAR(50) NOT NULL DEFAULT '',
  EM  VARCHAR(100) NOT NULL DEFAULT '',
  ED  CHAR(1) NOT NULL DEFAULT '',
  CL  VARCHAR(2) NOT NULL DEFAULT '00',
  HCI CHAR(1) NOT NULL DEFAULT '',
  DEL CHAR(1) NOT NULL DEFAULT '',
  PU  VARCHAR(128) NOT NULL DEFAULT '',
  PRIMARY KEY (PID, SQ)
);
CREATE INDEX IF NOT EXISTS CON_PU ON CON (PU);
