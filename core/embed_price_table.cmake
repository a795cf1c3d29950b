# Writes the price table JSON into a C++ source file as a raw string literal.
file(READ ${INPUT} CONTENT)
string(FIND "${CONTENT}" ")clusop_price\"" CLASH)
if(NOT CLASH EQUAL -1)
  message(FATAL_ERROR "price table contains the raw-string delimiter")
endif()
file(WRITE ${OUTPUT} "// Generated from pricing/price_table.json; do not edit.\n"
  "#include \"price/embedded_price_table.hpp\"\n"
  "namespace clusop {\nconst char* const kEmbeddedPriceTable = R\"clusop_price(${CONTENT})clusop_price\";\n}\n")
