// Join operator names of each engine and the strategy they run. Names from the engines' plans:
// Spark's physical operators, Databricks Photon (as in real DBR 13.3 logs and spark-rapids-tools'
// Photon mapping), Comet (CometBroadcastHashJoin, CometHashJoin for shuffled hash joins,
// CometSortMergeJoin), Gluten (*ExecTransformer) and RAPIDS (Gpu*).
#include <gtest/gtest.h>

#include "sql/join_facts.hpp"

namespace clusop {
namespace {

TEST(JoinStrategy, EveryEnginesJoinNames) {
  const std::pair<const char*, const char*> cases[] = {
      {"SortMergeJoin", "SortMergeJoin"},
      {"BroadcastHashJoin", "BroadcastHashJoin"},
      {"ShuffledHashJoin", "ShuffledHashJoin"},
      {"BroadcastNestedLoopJoin", "BroadcastNestedLoopJoin"},
      {"CartesianProduct", "CartesianProduct"},
      {"PhotonBroadcastHashJoin", "BroadcastHashJoin"},
      {"PhotonBroadcastNestedLoopJoin", "BroadcastNestedLoopJoin"},
      {"PhotonShuffledHashJoin", "ShuffledHashJoin"},
      {"PhotonShuffleHashJoin", "ShuffledHashJoin"},
      {"CometBroadcastHashJoin", "BroadcastHashJoin"},
      {"CometHashJoin", "ShuffledHashJoin"},
      {"CometSortMergeJoin", "SortMergeJoin"},
      {"ShuffledHashJoinExecTransformer", "ShuffledHashJoin"},
      {"BroadcastHashJoinExecTransformer", "BroadcastHashJoin"},
      {"SortMergeJoinExecTransformer", "SortMergeJoin"},
      {"CartesianProductExecTransformer", "CartesianProduct"},
      {"BroadcastNestedLoopJoinExecTransformer", "BroadcastNestedLoopJoin"},
      {"GpuShuffledHashJoin", "ShuffledHashJoin"},
      {"GpuBroadcastHashJoin", "BroadcastHashJoin"},
      {"GpuBroadcastNestedLoopJoin", "BroadcastNestedLoopJoin"},
      {"GpuCartesianProduct", "CartesianProduct"},
  };
  for (const auto& [name, strategy] : cases) EXPECT_EQ(JoinStrategy(name), strategy) << name;
}

TEST(JoinStrategy, NotJoins) {
  for (const char* name : {"Project", "HashAggregate", "BroadcastExchange", "PhotonShuffleExchangeSource",
                           "StreamingSymmetricHashJoin", "Scan parquet", "SubqueryBroadcast", ""})
    EXPECT_EQ(JoinStrategy(name), "") << name;
}

}  // namespace
}  // namespace clusop
