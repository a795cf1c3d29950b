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

// A store that keeps each record as its head and one row per source, and hands the merge only the
// sources of the batch's application (partial records), the whole record when the core asks.
struct SplitStore {
  std::map<std::string, json> heads;                                   // by record_key
  std::map<std::string, std::map<std::string, json>> sources;          // record_key -> source|app_id -> source
  int whole_asked = 0;

  json Records(const std::string& app_id, const std::vector<std::string>& whole) const {
    json out = json::array();
    for (const auto& [key, head] : heads) {
      json r = head;
      r["sources"] = json::array();
      const bool all = std::find(whole.begin(), whole.end(), key) != whole.end();
      if (const auto s = sources.find(key); s != sources.end())
        for (const auto& [k, src] : s->second)
          if (all || src.at("app_id") == app_id) r["sources"].push_back(src);
      out.push_back(r);
    }
    return out;
  }

  void Merge(const json& batch) {
    std::vector<std::string> whole;
    json answer;
    for (int round = 0; round < 2; ++round) {
      answer = Call({{"op", "merge"}, {"workspace_id", "1234567890123456"}, {"batch", batch},
                     {"signals", Records(batch.at("app_id"), whole)}});
      ASSERT_FALSE(answer.contains("error")) << answer.dump();
      if (answer.at("need_whole").empty()) break;
      ++whole_asked;
      for (const json& k : answer.at("need_whole")) whole.push_back(k);
    }
    ASSERT_TRUE(answer.at("need_whole").empty());
    for (json record : answer.at("signals")) {
      const std::string key = record.at("record_key");
      for (const json& src : record.at("sources"))
        sources[key][src.at("source").get<std::string>() + "|" + src.at("app_id").get<std::string>()] = src;
      record.erase("sources");
      heads[key] = record;
    }
  }

  std::map<std::string, json> Whole() const {
    std::map<std::string, json> out;
    for (const auto& [key, head] : heads) {
      json r = head;
      r["sources"] = json::array();
      for (const auto& [k, src] : sources.at(key)) r["sources"].push_back(src);  // sorted as the core sorts
      out[key] = r;
    }
    return out;
  }
};

TEST(MergeOrder, PartialRecordsGiveTheWholeRecordsToTheDigit) {
  const std::vector<json> batches = {Batch("merge_first_batch"), Batch("merge_next_flush_replaces"),
                                     Batch("merge_second_cluster_adds")};
  const std::map<std::string, json> reference = Store(batches);
  std::vector<int> order = {0, 1, 2};
  do {
    SplitStore split;
    for (int i : order) split.Merge(batches[i]);
    for (int i : order) split.Merge(batches[i]);  // retried: nothing changes
    EXPECT_EQ(split.Whole(), reference) << "order " << order[0] << order[1] << order[2];
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST(MergeOrder, APartialRecordThatCannotBeCorrectedIsAskedForWhole) {
  // the application's next flush says it was first seen later than its previous flush did: the
  // record's earliest first_seen cannot be known from the stored totals alone
  json first = Batch("merge_first_batch");
  json second = Batch("merge_second_cluster_adds");
  SplitStore split;
  split.Merge(first);
  split.Merge(second);
  for (json& s : second["signals"]) {  // the other cluster held the earliest first_seen
    s["flush"]["seq"] = s["flush"]["seq"].get<int64_t>() + 10;
    s["first_seen"] = "2026-11-29T00:00:00.000Z";
    s["last_seen"] = "2026-11-29T00:00:00.000Z";
  }
  split.Merge(second);
  EXPECT_EQ(split.whole_asked, 1);
  EXPECT_EQ(split.Whole(), Store({first, Batch("merge_second_cluster_adds"), second}));
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
