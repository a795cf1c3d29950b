#include "engine/engine.hpp"

namespace clusop {

const char* EngineName(Engine engine) {
  switch (engine) {
    case Engine::kPhoton: return "photon";
    case Engine::kComet: return "comet";
    case Engine::kGluten: return "gluten";
    case Engine::kRapids: return "rapids";
    case Engine::kSpark: break;
  }
  return "spark";
}

bool ParseEngineName(std::string_view name, Engine* engine) {
  for (Engine e : {Engine::kSpark, Engine::kPhoton, Engine::kComet, Engine::kGluten, Engine::kRapids}) {
    if (name == EngineName(e)) {
      *engine = e;
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
