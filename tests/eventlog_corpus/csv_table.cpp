#include "csv_table.hpp"

namespace clusop::testing {

CsvTable CsvTable::Parse(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        record.back() += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        record.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.emplace_back();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (record.size() > 1 || !record[0].empty()) records.push_back(std::move(record));
      record.assign(1, std::string());
    } else {
      record.back() += c;
    }
  }
  if (record.size() > 1 || !record[0].empty()) records.push_back(std::move(record));

  CsvTable table;
  if (records.empty()) return table;
  table.header_ = records.front();
  for (size_t i = 0; i < table.header_.size(); ++i) table.columns_[table.header_[i]] = i;
  table.rows_.assign(records.begin() + 1, records.end());
  return table;
}

const std::string& CsvTable::Cell(size_t row, const std::string& column) const {
  static const std::string kEmpty;
  const auto at = columns_.find(column);
  if (row >= rows_.size() || at == columns_.end() || at->second >= rows_[row].size()) return kEmpty;
  return rows_[row][at->second];
}

}  // namespace clusop::testing
