-- Worked example 1, "a host with different names": the host's own tables (PostgreSQL), as
-- docs/dba-guide.md describes them. Not part of ssrlink: a school information system that calls
-- students pupils and contacts guardians, keeps flags as booleans, grades as text, and parent
-- portal accounts apart from guardians. mapping.sql maps ssrlink's views onto it.
-- The keys and indexes below are what a DBA should find (or add) for ssrlink's statements
-- (docs/dba-guide.md, "The statements the plugin runs, and the indexes they need").

-- School codes are text here ('10', '20'), so the views need no CAST and the plain indexes
-- below serve them. With numeric codes, the view casts them (CAST(campus AS VARCHAR(10))) and a
-- school's sweep needs an index on that expression instead.
CREATE TABLE campuses (
  campus   VARCHAR(10) PRIMARY KEY,
  name     VARCHAR(100) NOT NULL,
  cds_code VARCHAR(14)                 -- the 14-digit County-District-School code
);

CREATE TABLE pupils (
  pupil_no      INTEGER PRIMARY KEY,   -- ssrlink_student.student_id: a page by its key
  given_name    VARCHAR(60),           -- the pupil's first name
  surname       VARCHAR(60),           -- and family name; NULL when the office has none yet
  campus        VARCHAR(10) NOT NULL REFERENCES campuses (campus),
  state_id      VARCHAR(10),           -- the SSID, NULL until the state assigns one
  home_lang     VARCHAR(2),            -- a CALPADS language code ('00' English, '01' Spanish, ...)
  grade_level   VARCHAR(2),            -- 'TK', 'K', '1' .. '12'; also 'PK' and 'UG' (ungraded)
  no_release    BOOLEAN NOT NULL DEFAULT FALSE,
  portal_hidden BOOLEAN NOT NULL DEFAULT FALSE,
  withdrawn_on  DATE,
  portal_login  VARCHAR(100),          -- the pupil's own portal account, NULL when none
  is_deleted    BOOLEAN NOT NULL DEFAULT FALSE
);
-- A school's sweep: the pupils of one campus.
CREATE INDEX pupils_campus ON pupils (campus, pupil_no);

CREATE TABLE guardians (
  pupil_no   INTEGER NOT NULL REFERENCES pupils (pupil_no),
  seq        INTEGER NOT NULL,         -- the guardian's number within the pupil, never reused
  mail       VARCHAR(320),
  edu_rights CHAR(1) NOT NULL DEFAULT 'N',  -- 'Y' / 'N'
  lang       VARCHAR(2),               -- a CALPADS language code
  deleted_at TIMESTAMP,                -- set when the guardian was removed
  PRIMARY KEY (pupil_no, seq)          -- a pupil's guardians, and one guardian
);

CREATE TABLE portal_accounts (
  account_id INTEGER PRIMARY KEY,
  login      VARCHAR(100) NOT NULL UNIQUE,  -- what viewer.user_id carries: a parent page by it
  email      VARCHAR(320),
  disabled   BOOLEAN NOT NULL DEFAULT FALSE
);

-- Which account may act as which guardian of which pupil.
CREATE TABLE account_guardians (
  account_id INTEGER NOT NULL REFERENCES portal_accounts (account_id),
  pupil_no   INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  PRIMARY KEY (account_id, pupil_no, seq),  -- an account's links to one pupil
  FOREIGN KEY (pupil_no, seq) REFERENCES guardians (pupil_no, seq)
);
