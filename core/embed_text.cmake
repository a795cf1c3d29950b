# Writes a data file (the price table, the built-in rules) into a C++ source file as a raw string
# literal: -DINPUT -DOUTPUT -DSOURCE (the path named in the comment) -DHEADER -DNAMESPACE -DSYMBOL.
file(READ ${INPUT} CONTENT)
string(FIND "${CONTENT}" ")clusop_data\"" CLASH)
if(NOT CLASH EQUAL -1)
  message(FATAL_ERROR "${SOURCE} contains the raw-string delimiter )clusop_data\"")
endif()
file(WRITE ${OUTPUT} "// Generated from ${SOURCE}; do not edit.\n"
  "#include \"${HEADER}\"\n"
  "namespace ${NAMESPACE} {\nconst char* const ${SYMBOL} = R\"clusop_data(${CONTENT})clusop_data\";\n}\n")
