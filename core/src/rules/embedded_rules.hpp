#pragma once
// Generated at build time from rules/builtin.rules (see core/CMakeLists.txt).
namespace clusop::rules {
extern const char* const kEmbeddedRules;
}
