-- ssrlink reference host schema for Microsoft SQL Server: the Aeries-style host tables ssrlink
-- reads (SCL schools, STU students, CON contacts), as Aeries itself keeps them.
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL scripts by hand, and the test every_dialect_creates_the_same_tables_and_columns
-- (tests/integration/odbc/schema_scripts_test.cpp) holds its tables and columns to them.
-- Codes: STU.GR -1 = TK, 0 = K; flags are 'Y' or empty; CL is the CALPADS language code.
-- Run with: sqlcmd -b -i reference-host.sql (GO separates batches).

IF OBJECT_ID(N'dbo.SCL', N'U') IS NULL
CREATE TABLE dbo.SCL (
  SC  INT NOT NULL PRIMARY KEY,
  NM  NVARCHAR(60) NOT NULL DEFAULT '',
  CDS CHAR(14) NOT NULL DEFAULT ''
);
GO

IF OBJECT_ID(N'dbo.STU', N'U') IS NULL
CREATE TABLE dbo.STU (
  ID  INT NOT NULL PRIMARY KEY,
  SC  INT NOT NULL,
  SN  INT NOT NULL DEFAULT 0,
  LN  NVARCHAR(50) NOT NULL DEFAULT '',
  FN  NVARCHAR(50) NOT NULL DEFAULT '',
  GR  INT NOT NULL DEFAULT 0,
  CID VARCHAR(10) NULL,
  CL  VARCHAR(2) NOT NULL DEFAULT '00',
  DNR CHAR(1) NOT NULL DEFAULT '',
  HCI CHAR(1) NOT NULL DEFAULT '',
  TG  VARCHAR(4) NOT NULL DEFAULT '',
  LD  DATE NULL,
  DEL CHAR(1) NOT NULL DEFAULT '',
  PU  NVARCHAR(128) NOT NULL DEFAULT ''
);
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'STU_SC')
CREATE INDEX STU_SC ON dbo.STU (SC);
GO

IF OBJECT_ID(N'dbo.CON', N'U') IS NULL
CREATE TABLE dbo.CON (
  PID INT NOT NULL,
  SQ  INT NOT NULL,
  LN  NVARCHAR(50) NOT NULL DEFAULT '',
  FN  NVARCHAR(50) NOT NULL DEFAULT '',
  EM  NVARCHAR(100) NOT NULL DEFAULT '',
  ED  CHAR(1) NOT NULL DEFAULT '',
  CL  VARCHAR(2) NOT NULL DEFAULT '00',
  HCI CHAR(1) NOT NULL DEFAULT '',
  DEL CHAR(1) NOT NULL DEFAULT '',
  PU  NVARCHAR(128) NOT NULL DEFAULT '',
  PRIMARY KEY (PID, SQ)
);
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'CON_PU')
CREATE INDEX CON_PU ON dbo.CON (PU);
GO
