# Writes the built-in rules file into a C++ source file as a raw string literal.
file(READ ${INPUT} CONTENT)
string(FIND "${CONTENT}" ")clusop_rules\"" CLASH)
if(NOT CLASH EQUAL -1)
  message(FATAL_ERROR "rules file contains the raw-string delimiter")
endif()
file(WRITE ${OUTPUT} "// Generated from rules/builtin.rules; do not edit.\n"
  "#include \"rules/embedded_rules.hpp\"\n"
  "namespace clusop::rules {\nconst char* const kEmbeddedRules = R\"clusop_rules(${CONTENT})clusop_rules\";\n}\n")
