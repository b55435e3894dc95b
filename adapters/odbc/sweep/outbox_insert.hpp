// The one INSERT into ssrlink_outbox, shared by the sweep's own notices (odbc_report_log,
// written with their log rows) and notices queued by hand (odbc_notice_outbox). The caller
// owns the transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/sweep/sweep_records.hpp"
#include "odbc/connection.hpp"
#include "odbc/connection_pool.hpp"
#include "odbc/statement.hpp"

namespace ssrlink::odbc {

// The work of writing log rows and outbox rows together, for the sentence a person reads when it
// fails (the tables it names are the ones a DBA must grant).
const db_action &write_log_and_outbox();

// Writes one outbox row created at `now`; recipient, language and subject are cut to their
// column widths. Throws database_error (a duplicate-key one when the notice already exists).
void insert_outbox_row(connection &c, std::int64_t student_id, const core::outbox_row &row,
                       core::time_point now);

// The notices' INSERT in the pieces insert_rows (row_batch_insert.hpp) takes, for the sweep's
// batches: the head, one row's markers and their count.
inline constexpr std::string_view outbox_insert_head =
    "INSERT INTO ssrlink_outbox (student_id, contact_sequence, recipient, language, subject, "
    "body_text, body_html, report_key, created_at) VALUES ";
inline constexpr std::string_view outbox_insert_row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr std::size_t outbox_insert_width = 9;

// Appends one notice's values, cut to the column widths, in the order of outbox_insert_row.
void append_outbox_values(std::vector<parameter> &values, std::int64_t student_id,
                          const core::outbox_row &row, core::time_point now);

// Writes one completion summary row (kind 'summary', student_id 0; needs migration 0005), cut
// to the column widths as above. Throws database_error (a duplicate-key one when the summary
// already exists).
void insert_summary_row(connection &c, const core::outbox_row &row, core::time_point now);

}  // namespace ssrlink::odbc
