-- Worked example 1, "a host with different names": a few pupils, guardians and portal accounts
-- (PostgreSQL).
--   pupil 1  campus 10, K, Spanish; guardian 1 (rights, account kim.parent, and the disabled
--            account old.kim), guardian 2 removed (account gone.parent), guardian 3 without
--            rights (account gran.parent)
--   pupil 2  campus 20, grade 7; guardian 1 (rights, account lee.parent): another family
--   pupil 3  campus 10, TK, Do Not Release; guardian 1 (rights)
--   pupil 4  campus 20, ungraded (UG): a grade a bare CAST to INTEGER would fail on; no
--            surname on file yet
--   pupil 5  deleted
INSERT INTO campuses (campus, name, cds_code) VALUES
  ('10', 'North Elementary', '19647330100010'),
  ('20', 'South Middle', '19647330100020');

INSERT INTO pupils (pupil_no, given_name, surname, campus, state_id, home_lang, grade_level,
                    no_release, portal_hidden, withdrawn_on, portal_login, is_deleted) VALUES
  (1, 'Mina', 'Kim', '10', '4000000001', '01', 'K', FALSE, FALSE, NULL, 'pupil.one', FALSE),
  (2, 'Theo', 'Lee', '20', '4000000002', '00', '7', FALSE, FALSE, NULL, 'pupil.two', FALSE),
  (3, 'Sam', 'Ortega', '10', '4000000003', '00', 'TK', TRUE, FALSE, NULL, NULL, FALSE),
  (4, 'Ana', NULL, '20', '4000000004', NULL, 'UG', FALSE, FALSE, '2026-11-02', NULL, FALSE),
  (5, 'Pat', 'Quinn', '20', '4000000005', '00', '8', FALSE, FALSE, NULL, NULL, TRUE);

INSERT INTO guardians (pupil_no, seq, mail, edu_rights, lang, deleted_at) VALUES
  (1, 1, 'kim@example.org', 'Y', '01', NULL),
  (1, 2, 'former@example.org', 'Y', '00', '2026-09-01 08:00:00'),
  (1, 3, 'gran@example.org', 'N', '01', NULL),
  (2, 1, 'lee@example.org', 'Y', NULL, NULL),
  (3, 1, 'sam@example.org', 'Y', '00', NULL),
  (4, 1, 'ana@example.org', 'Y', '00', NULL),
  (5, 1, 'pat@example.org', 'Y', '00', NULL);

INSERT INTO portal_accounts (account_id, login, email, disabled) VALUES
  (71, 'kim.parent', 'kim@example.org', FALSE),
  (72, 'old.kim', 'kim@example.org', TRUE),
  (73, 'gone.parent', 'former@example.org', FALSE),
  (74, 'gran.parent', 'gran@example.org', FALSE),
  (75, 'lee.parent', 'lee@example.org', FALSE);

INSERT INTO account_guardians (account_id, pupil_no, seq) VALUES
  (71, 1, 1), (72, 1, 1), (73, 1, 2), (74, 1, 3), (75, 2, 1);
