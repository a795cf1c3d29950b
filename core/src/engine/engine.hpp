#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace clusop {

enum class Engine : uint8_t { kSpark, kPhoton, kComet, kGluten, kRapids };
inline constexpr size_t kEngineCount = static_cast<size_t>(Engine::kRapids) + 1;

// What a node does for the fallback question.
enum class Role : uint8_t {
  kNative,        // runs on the native engine
  kJvm,           // a real operator running row-wise on the JVM
  kToRows,        // native -> row transition
  kToColumnar,    // row -> native transition
  kWrapper,       // stage clusters, query stages, adapters, reuse, AQE markers: no work of their own
  kCommand,       // a command node (writes, DDL): not photonized, not a query
};

// Spark plan features that explain why work left the native engine.
enum class CauseHint : uint8_t { kNone, kPythonUdf, kPandasUdf, kDatasetApi };

const char* EngineName(Engine engine);
bool ParseEngineName(std::string_view name, Engine* engine);
// The engine's operators are already in an AQE initial plan (Photon), so one without them ran on the JVM.
bool PlacesOperatorsBeforeAqe(Engine engine);
const char* RoleName(Role role);

}  // namespace clusop
