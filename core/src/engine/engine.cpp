#include "engine/engine.hpp"

namespace clusop {

namespace {

// What the diagnosis needs to know of each engine beyond its operators (engine_catalog.cpp).
struct EngineTraits {
  Engine engine;
  const char* name;
  // Photon's rules run at planning time, before AQE: an initial plan already shows Photon*
  // nodes, so an initial plan without one ran wholly on the JVM. Comet, Gluten and RAPIDS
  // apply their columnar rules per query stage, after the initial plan was printed.
  bool places_operators_before_aqe;
};

constexpr EngineTraits kEngines[] = {
    {Engine::kSpark, "spark", false},
    {Engine::kPhoton, "photon", true},
    {Engine::kComet, "comet", false},
    {Engine::kGluten, "gluten", false},
    {Engine::kRapids, "rapids", false},
};

const EngineTraits& TraitsOf(Engine engine) {
  for (const EngineTraits& t : kEngines)
    if (t.engine == engine) return t;
  return kEngines[0];
}

}  // namespace

const char* EngineName(Engine engine) { return TraitsOf(engine).name; }

bool PlacesOperatorsBeforeAqe(Engine engine) { return TraitsOf(engine).places_operators_before_aqe; }

bool ParseEngineName(std::string_view name, Engine* engine) {
  for (const EngineTraits& t : kEngines) {
    if (name == t.name) {
      *engine = t.engine;
      return true;
    }
  }
  return false;
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kNative: return "native";
    case Role::kJvm: return "jvm";
    case Role::kToRows: return "transition_to_rows";
    case Role::kToColumnar: return "transition_to_columnar";
    case Role::kWrapper: return "wrapper";
    case Role::kCommand: return "command";
  }
  return "jvm";
}

}  // namespace clusop
