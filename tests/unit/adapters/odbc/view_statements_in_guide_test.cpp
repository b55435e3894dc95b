// docs/dba-guide.md quotes every statement the plugin runs against the views word for word, so a
// DBA can EXPLAIN and index exactly what is asked of the host's tables: this test holds the
// guide to adapters/odbc/view_statements.hpp, and fails naming the statement that drifted.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "odbc/view_statements.hpp"

namespace ssrlink::odbc {
namespace {

const char *const guide_path = SSRLINK_SOURCE_DIR "/docs/dba-guide.md";

std::string read_guide() {
  std::ifstream in(guide_path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The bodies of the guide's ```sql blocks, each without its fences.
std::vector<std::string> sql_blocks(const std::string &guide) {
  std::vector<std::string> blocks;
  std::istringstream lines(guide);
  std::string line;
  std::string body;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (!inside) {
      inside = line == "```sql";
      body.clear();
    } else if (line == "```") {
      blocks.push_back(body);
      inside = false;
    } else {
      body += line;
      body += '\n';
    }
  }
  return blocks;
}

// `sql` is quoted as whole lines of `block`: it starts a line and ends one (possibly with the
// `;` a reader would type), so a statement never passes as a piece of a longer one.
bool quotes(const std::string &block, std::string_view sql) {
  for (std::size_t at = block.find(sql); at != std::string::npos; at = block.find(sql, at + 1)) {
    const std::size_t end = at + sql.size();
    const bool starts_line = at == 0 || block[at - 1] == '\n';
    const bool ends_line =
        end == block.size() || block[end] == '\n' ||
        (block[end] == ';' && (end + 1 == block.size() || block[end + 1] == '\n'));
    if (starts_line && ends_line) {
      return true;
    }
  }
  return false;
}

TEST(view_statements_in_guide, the_guide_has_sql_blocks_to_check) {
  const std::string guide = read_guide();
  ASSERT_FALSE(guide.empty()) << "cannot read " << guide_path;
  EXPECT_FALSE(sql_blocks(guide).empty()) << guide_path << " has no ```sql block";
}

TEST(view_statements_in_guide, every_statement_is_quoted_word_for_word) {
  const std::string guide = read_guide();
  ASSERT_FALSE(guide.empty()) << "cannot read " << guide_path;
  const std::vector<std::string> blocks = sql_blocks(guide);
  for (const view_statement &statement : view_statements) {
    bool found = false;
    for (const std::string &block : blocks) {
      found = found || quotes(block, statement.sql);
    }
    EXPECT_TRUE(found) << "docs/dba-guide.md does not quote the statement " << statement.name
                       << " (odbc::view_statements, adapters/odbc/view_statements.hpp) word for "
                          "word in a ```sql block; it should hold these lines:\n"
                       << statement.sql;
  }
}

// The page's two diagnostic COUNTs run against the views too (only when rows repeat), so the
// guide quotes them as well, though check-mapping does not EXPLAIN them.
TEST(view_statements_in_guide, the_diagnostic_counts_are_quoted_word_for_word) {
  const std::string guide = read_guide();
  ASSERT_FALSE(guide.empty()) << "cannot read " << guide_path;
  const std::vector<std::string> blocks = sql_blocks(guide);
  for (const auto &[name, sql] :
       {std::pair{"count_student_rows", statements::count_student_rows},
        std::pair{"count_contact_rows", statements::count_contact_rows}}) {
    bool found = false;
    for (const std::string &block : blocks) {
      found = found || quotes(block, sql);
    }
    EXPECT_TRUE(found) << "docs/dba-guide.md does not quote odbc::statements::" << name
                       << " word for word in a ```sql block:\n"
                       << sql;
  }
}

// The checker itself: a statement in prose, cut short, or inside a longer one does not count.
TEST(view_statements_in_guide, only_whole_lines_in_a_sql_block_count) {
  const std::string sql = "SELECT a\n  FROM t\n WHERE a = ?";
  const std::vector<std::string> blocks =
      sql_blocks("Prose: SELECT a\n  FROM t\n WHERE a = ?\n\n```sql\n-- a comment\n" + sql +
                 ";\n```\n\n```sql\nSELECT a\n  FROM t\n WHERE a = ? AND b = ?\n```\n```text\n" +
                 sql + "\n```\n");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_TRUE(quotes(blocks[0], sql));
  EXPECT_FALSE(quotes(blocks[1], sql));
  EXPECT_FALSE(quotes(blocks[0], "SELECT a\n  FROM t\n WHERE a = ?\n ORDER BY a"));
  EXPECT_FALSE(quotes(blocks[0], "FROM t"));
  EXPECT_TRUE(quotes(blocks[0], "-- a comment"));
  EXPECT_FALSE(quotes(blocks[0], "a comment"));
}

}  // namespace
}  // namespace ssrlink::odbc
