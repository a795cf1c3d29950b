// The merge's promises over real request shapes (the batches of the merge cases): any order of
// arrival, and any repetition of a batch (a retry), gives the same stored records.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"
#include "support/test_files.hpp"

namespace {

using nlohmann::json;

json Call(const json& request) {
  const std::string text = request.dump();
  char* out = clusop_signals(text.data(), text.size());
  json answer = json::parse(out ? out : "null");
  clusop_free(out);
  return answer;
}

json Batch(const std::string& case_name) {
  const std::string path = clusop::testing::SourceDir() + "/tests/signals/cases/" + case_name + ".request.json";
  return json::parse(clusop::testing::ReadFile(path)).at("batch");
}

// The stored records after merging the batches in this order, keyed by record_key.
std::map<std::string, json> Store(const std::vector<json>& batches) {
  std::map<std::string, json> store;
  for (const json& batch : batches) {
    json stored = json::array();
    for (const auto& [key, record] : store) stored.push_back(record);
    const json answer = Call({{"op", "merge"}, {"workspace_id", "1234567890123456"}, {"batch", batch}, {"signals", stored}});
    EXPECT_FALSE(answer.contains("error")) << answer.dump();
    for (const json& record : answer.value("signals", json::array())) store[record.at("record_key")] = record;
  }
  return store;
}

TEST(MergeOrder, AnyOrderAndAnyRetryGiveTheSameRecords) {
  const std::vector<json> batches = {Batch("merge_first_batch"), Batch("merge_next_flush_replaces"),
                                     Batch("merge_second_cluster_adds")};
  const std::map<std::string, json> reference = Store(batches);
  ASSERT_EQ(reference.size(), 1u);
  const json& record = reference.begin()->second;
  // the application's second flush replaces its first (running totals), the other cluster adds
  EXPECT_EQ(record.at("occurrences"), 6);
  EXPECT_EQ(record.at("sources").size(), 2u);

  std::vector<int> order = {0, 1, 2};
  int permutations = 0;
  do {
    std::vector<json> sequence;
    for (int i : order) sequence.push_back(batches[i]);
    EXPECT_EQ(Store(sequence), reference) << "order " << order[0] << order[1] << order[2];
    ++permutations;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(permutations, 6);

  const std::vector<json> retried = {batches[0], batches[0], batches[2], batches[1], batches[0], batches[2], batches[1]};
  EXPECT_EQ(Store(retried), reference);
}

TEST(MergeOrder, ARetryReportsDuplicateAndChangesNothing) {
  const json batch = Batch("merge_first_batch");
  const std::map<std::string, json> once = Store({batch});
  json stored = json::array();
  for (const auto& [key, record] : once) stored.push_back(record);
  const json again = Call({{"op", "merge"}, {"workspace_id", "1234567890123456"}, {"batch", batch}, {"signals", stored}});
  EXPECT_TRUE(again.at("signals").empty());
  ASSERT_EQ(again.at("outcomes").size(), 1u);
  EXPECT_EQ(again.at("outcomes")[0].at("result"), "duplicate");
}

}  // namespace
