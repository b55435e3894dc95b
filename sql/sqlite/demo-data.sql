-- ssrlink demo district for SQLite (run after reference-host.sql and install.sql).
-- Two LEAs: Sample Unified (CDS district 61234, schools 1-3) and Bay Charter (district 61259,
-- school 10), each able to hold its own TOMS credentials. Students 1001-1034, grades TK-12:
--   1001-1030 have SSIDs 2000000001-2000000030 (the fake ETS fixtures use exactly these);
--   1031 and 1034 have no SSID (NULL), 1032 and 1033 an empty one; 1034 is deleted;
--   1004 and 1017 are Do Not Release; 1006, 1019 and 1025 hide contact info (HCI);
--   1012 carries tag X; 1028 left on 2026-06-12;
--   correspondence languages cycle through 00 English, 01 Spanish, 02 Vietnamese, 03 Cantonese,
--   04 Korean, 05 Filipino, 07 Mandarin, 11 Arabic (1024) and 08, a language without a
--   translated report.
-- Contacts: sequence 1 is a guardian with educational rights (no email for 1009 and 1021);
-- every third student has a sequence 2 relative without rights; 1003 and 1005 have a second
-- guardian with rights (sequence 2); 1002's sequence 3 is deleted.
-- Portal accounts (CON.PU, STU.PU; ssrlink binds every parent and student viewer through them):
--   every contact has one, 'parent-<student>-<sequence>', relatives without rights
--   'relative-<student>-<sequence>' (ssrlink refuses them); the Garcia guardian of the siblings
--   Ana (1001) and Victor (1022) is one family account, 'family-garcia', on both contact rows;
--   the deleted contact's 'parent-1002-3' links to nothing. Students in grades 6-12 sign in as
--   'student-<ID>'; younger students have no account ('').

DELETE FROM CON;
DELETE FROM STU;
DELETE FROM SCL;

INSERT INTO SCL (SC, NM, CDS) VALUES
  (1, 'Lincoln Elementary', '01612340100018'),
  (2, 'Roosevelt Middle', '01612340200024'),
  (3, 'Jefferson High', '01612340300030'),
  (10, 'Bay Charter Academy', '01612590100108');

INSERT INTO STU (ID, SC, SN, LN, FN, GR, CID, CL, DNR, HCI, TG, LD, DEL, PU) VALUES
  (1001, 1, 100, 'Garcia', 'Ana', -1, '2000000001', '00', '', '', '', NULL, '', ''),
  (1002, 1, 101, 'Nguyen', 'Bao', 0, '2000000002', '01', '', '', '', NULL, '', ''),
  (1003, 1, 102, 'Lopez', 'Carmen', 1, '2000000003', '02', '', '', '', NULL, '', ''),
  (1004, 1, 103, 'Tran', 'Duc', 2, '2000000004', '03', 'Y', '', '', NULL, '', ''),
  (1005, 1, 104, 'Martinez', 'Elena', 3, '2000000005', '04', '', '', '', NULL, '', ''),
  (1006, 1, 105, 'Khan', 'Farah', 4, '2000000006', '05', '', 'Y', '', NULL, '', ''),
  (1007, 10, 106, 'Hernandez', 'Gabriel', 5, '2000000007', '07', '', '', '', NULL, '', ''),
  (1008, 2, 107, 'Kim', 'Hana', 6, '2000000008', '08', '', '', '', NULL, '', 'student-1008'),
  (1009, 2, 108, 'Petrov', 'Ivan', 7, '2000000009', '00', '', '', '', NULL, '', 'student-1009'),
  (1010, 2, 109, 'Li', 'Jia', 8, '2000000010', '01', '', '', '', NULL, '', 'student-1010'),
  (1011, 3, 110, 'Sato', 'Kenji', 9, '2000000011', '02', '', '', '', NULL, '', 'student-1011'),
  (1012, 3, 111, 'Ramirez', 'Luz', 10, '2000000012', '03', '', '', 'X', NULL, '', 'student-1012'),
  (1013, 3, 112, 'Pham', 'Minh', 11, '2000000013', '04', '', '', '', NULL, '', 'student-1013'),
  (1014, 10, 113, 'Smith', 'Nora', 12, '2000000014', '05', '', '', '', NULL, '', 'student-1014'),
  (1015, 1, 114, 'Reyes', 'Oscar', -1, '2000000015', '07', '', '', '', NULL, '', ''),
  (1016, 1, 115, 'Wong', 'Ping', 0, '2000000016', '08', '', '', '', NULL, '', ''),
  (1017, 1, 116, 'Jones', 'Quinn', 1, '2000000017', '00', 'Y', '', '', NULL, '', ''),
  (1018, 1, 117, 'Flores', 'Rosa', 2, '2000000018', '01', '', '', '', NULL, '', ''),
  (1019, 1, 118, 'Park', 'Sung', 3, '2000000019', '02', '', 'Y', '', NULL, '', ''),
  (1020, 1, 119, 'Santos', 'Tala', 4, '2000000020', '03', '', '', '', NULL, '', ''),
  (1021, 10, 120, 'Patel', 'Uma', 5, '2000000021', '04', '', '', '', NULL, '', ''),
  (1022, 2, 121, 'Garcia', 'Victor', 6, '2000000022', '05', '', '', '', NULL, '', 'student-1022'),
  (1023, 2, 122, 'Zhang', 'Wen', 7, '2000000023', '07', '', '', '', NULL, '', 'student-1023'),
  (1024, 2, 123, 'Torres', 'Ximena', 8, '2000000024', '11', '', '', '', NULL, '', 'student-1024'),
  (1025, 3, 124, 'Choi', 'Yuna', 9, '2000000025', '00', '', 'Y', '', NULL, '', 'student-1025'),
  (1026, 3, 125, 'Brown', 'Zoe', 10, '2000000026', '01', '', '', '', NULL, '', 'student-1026'),
  (1027, 3, 126, 'Diaz', 'Andres', 11, '2000000027', '02', '', '', '', NULL, '', 'student-1027'),
  (1028, 10, 127, 'Le', 'Bich', 12, '2000000028', '03', '', '', '', '2026-06-12', '', 'student-1028'),
  (1029, 1, 128, 'Chan', 'Chen', -1, '2000000029', '04', '', '', '', NULL, '', ''),
  (1030, 1, 129, 'Bautista', 'Dalisay', 0, '2000000030', '05', '', '', '', NULL, '', ''),
  (1031, 1, 130, 'Novak', 'Emil', 1, NULL, '07', '', '', '', NULL, '', ''),
  (1032, 1, 131, 'Rivera', 'Flor', 2, '', '08', '', '', '', NULL, '', ''),
  (1033, 1, 132, 'Ortiz', 'Gus', 3, '', '00', '', '', '', NULL, '', ''),
  (1034, 1, 133, 'Lee', 'Hye', 4, NULL, '01', '', '', '', NULL, 'Y', '');

INSERT INTO CON (PID, SQ, LN, FN, EM, ED, CL, HCI, DEL, PU) VALUES
  (1001, 1, 'Garcia', 'Guardian', 'garcia.family@example.org', 'Y', '00', '', '', 'family-garcia'),
  (1001, 2, 'Garcia', 'Relative', 'relative1001@example.org', '', '00', '', '', 'relative-1001-2'),
  (1002, 1, 'Nguyen', 'Guardian', 'parent1002@example.org', 'Y', '01', '', '', 'parent-1002-1'),
  (1003, 1, 'Lopez', 'Guardian', 'parent1003@example.org', 'Y', '02', '', '', 'parent-1003-1'),
  (1004, 1, 'Tran', 'Guardian', 'parent1004@example.org', 'Y', '03', '', '', 'parent-1004-1'),
  (1004, 2, 'Tran', 'Relative', 'relative1004@example.org', '', '00', '', '', 'relative-1004-2'),
  (1005, 1, 'Martinez', 'Guardian', 'parent1005@example.org', 'Y', '04', '', '', 'parent-1005-1'),
  (1006, 1, 'Khan', 'Guardian', 'parent1006@example.org', 'Y', '05', 'Y', '', 'parent-1006-1'),
  (1007, 1, 'Hernandez', 'Guardian', 'parent1007@example.org', 'Y', '07', '', '', 'parent-1007-1'),
  (1007, 2, 'Hernandez', 'Relative', 'relative1007@example.org', '', '00', '', '', 'relative-1007-2'),
  (1008, 1, 'Kim', 'Guardian', 'parent1008@example.org', 'Y', '08', '', '', 'parent-1008-1'),
  (1009, 1, 'Petrov', 'Guardian', '', 'Y', '00', '', '', 'parent-1009-1'),
  (1010, 1, 'Li', 'Guardian', 'parent1010@example.org', 'Y', '01', '', '', 'parent-1010-1'),
  (1010, 2, 'Li', 'Relative', 'relative1010@example.org', '', '00', '', '', 'relative-1010-2'),
  (1011, 1, 'Sato', 'Guardian', 'parent1011@example.org', 'Y', '02', '', '', 'parent-1011-1'),
  (1012, 1, 'Ramirez', 'Guardian', 'parent1012@example.org', 'Y', '03', '', '', 'parent-1012-1'),
  (1013, 1, 'Pham', 'Guardian', 'parent1013@example.org', 'Y', '04', '', '', 'parent-1013-1'),
  (1013, 2, 'Pham', 'Relative', 'relative1013@example.org', '', '00', '', '', 'relative-1013-2'),
  (1014, 1, 'Smith', 'Guardian', 'parent1014@example.org', 'Y', '05', '', '', 'parent-1014-1'),
  (1015, 1, 'Reyes', 'Guardian', 'parent1015@example.org', 'Y', '07', '', '', 'parent-1015-1'),
  (1016, 1, 'Wong', 'Guardian', 'parent1016@example.org', 'Y', '08', '', '', 'parent-1016-1'),
  (1016, 2, 'Wong', 'Relative', 'relative1016@example.org', '', '00', '', '', 'relative-1016-2'),
  (1017, 1, 'Jones', 'Guardian', 'parent1017@example.org', 'Y', '00', '', '', 'parent-1017-1'),
  (1018, 1, 'Flores', 'Guardian', 'parent1018@example.org', 'Y', '01', '', '', 'parent-1018-1'),
  (1019, 1, 'Park', 'Guardian', 'parent1019@example.org', 'Y', '02', '', '', 'parent-1019-1'),
  (1019, 2, 'Park', 'Relative', 'relative1019@example.org', '', '00', '', '', 'relative-1019-2'),
  (1020, 1, 'Santos', 'Guardian', 'parent1020@example.org', 'Y', '03', '', '', 'parent-1020-1'),
  (1021, 1, 'Patel', 'Guardian', '', 'Y', '04', '', '', 'parent-1021-1'),
  (1022, 1, 'Garcia', 'Guardian', 'garcia.family@example.org', 'Y', '05', '', '', 'family-garcia'),
  (1022, 2, 'Garcia', 'Relative', 'relative1022@example.org', '', '00', '', '', 'relative-1022-2'),
  (1023, 1, 'Zhang', 'Guardian', 'parent1023@example.org', 'Y', '07', '', '', 'parent-1023-1'),
  (1024, 1, 'Torres', 'Guardian', 'parent1024@example.org', 'Y', '11', '', '', 'parent-1024-1'),
  (1025, 1, 'Choi', 'Guardian', 'parent1025@example.org', 'Y', '00', 'Y', '', 'parent-1025-1'),
  (1025, 2, 'Choi', 'Relative', 'relative1025@example.org', '', '00', '', '', 'relative-1025-2'),
  (1026, 1, 'Brown', 'Guardian', 'parent1026@example.org', 'Y', '01', '', '', 'parent-1026-1'),
  (1027, 1, 'Diaz', 'Guardian', 'parent1027@example.org', 'Y', '02', '', '', 'parent-1027-1'),
  (1028, 1, 'Le', 'Guardian', 'parent1028@example.org', 'Y', '03', '', '', 'parent-1028-1'),
  (1028, 2, 'Le', 'Relative', 'relative1028@example.org', '', '00', '', '', 'relative-1028-2'),
  (1029, 1, 'Chan', 'Guardian', 'parent1029@example.org', 'Y', '04', '', '', 'parent-1029-1'),
  (1030, 1, 'Bautista', 'Guardian', 'parent1030@example.org', 'Y', '05', '', '', 'parent-1030-1'),
  (1031, 1, 'Novak', 'Guardian', 'parent1031@example.org', 'Y', '07', '', '', 'parent-1031-1'),
  (1031, 2, 'Novak', 'Relative', 'relative1031@example.org', '', '00', '', '', 'relative-1031-2'),
  (1032, 1, 'Rivera', 'Guardian', 'parent1032@example.org', 'Y', '08', '', '', 'parent-1032-1'),
  (1033, 1, 'Ortiz', 'Guardian', 'parent1033@example.org', 'Y', '00', '', '', 'parent-1033-1'),
  (1034, 1, 'Lee', 'Guardian', 'parent1034@example.org', 'Y', '01', '', '', 'parent-1034-1'),
  (1034, 2, 'Lee', 'Relative', 'relative1034@example.org', '', '00', '', '', 'relative-1034-2'),
  (1002, 3, 'Lopez', 'Former', 'former1002@example.org', 'Y', '01', '', 'Y', 'parent-1002-3'),
  (1005, 2, 'Martinez', 'Stepparent', 'step1005@example.org', 'Y', '01', '', '', 'parent-1005-2'),
  (1003, 2, 'O''Brien', 'Zoë', 'zoe.obrien@example.org', 'Y', '00', '', '', 'parent-1003-2');
