#pragma once
// A CSV file as spark-rapids-tools writes it: a header row, then rows; fields may be quoted,
// with "" for a quote and line breaks inside quotes.
#include <map>
#include <string>
#include <vector>

namespace clusop::testing {

class CsvTable {
 public:
  static CsvTable Parse(const std::string& text);

  const std::vector<std::string>& header() const { return header_; }
  size_t size() const { return rows_.size(); }
  bool Has(const std::string& column) const { return columns_.count(column) > 0; }
  // The cell of `row` under `column`; "" when the column or the cell is missing.
  const std::string& Cell(size_t row, const std::string& column) const;

 private:
  std::vector<std::string> header_;
  std::map<std::string, size_t> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace clusop::testing
