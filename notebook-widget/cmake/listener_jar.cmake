# Puts the listener jar into OUT_DIR (run at build time by CMakeLists.txt, cmake -P).
#   MODE=given      copy GIVEN
#   MODE=auto|build Maven builds listener/ into MAVEN_DIR with the JNI library of NATIVE_DIR
#                   (no tests); auto falls back to PREBUILT when Maven fails
#   MODE=prebuilt   copy PREBUILT (listener/target/clusop-listener-<version>.jar)
#   MODE=none       no jar
# Without a jar the package still works (analyze, show); watch and the autoload then need the
# jar on the cluster's classpath. REQUIRE=ON makes a missing jar an error.
file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
set(source "")

if(MODE STREQUAL "given")
  set(source "${GIVEN}")
elseif(MODE STREQUAL "auto" OR MODE STREQUAL "build")
  if(MVN AND NOT MVN MATCHES "NOTFOUND$" AND NATIVE_DIR)
    execute_process(
      COMMAND "${MVN}" -q -B -f "${REPO}/listener/pom.xml" "-Dbuild.dir=${MAVEN_DIR}"
              "-Dclusop.native.dir=${NATIVE_DIR}" -Dmaven.test.skip=true package
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(rc EQUAL 0 AND EXISTS "${MAVEN_DIR}/${JAR_NAME}")
      set(source "${MAVEN_DIR}/${JAR_NAME}")
    elseif(MODE STREQUAL "build")
      message(FATAL_ERROR "clusop: mvn package of listener/ failed:\n${out}\n${err}")
    else()
      message(WARNING "clusop: mvn package of listener/ failed; trying the prebuilt jar\n${err}")
    endif()
  endif()
  if(NOT source AND MODE STREQUAL "auto")
    set(source "${PREBUILT}")
  endif()
elseif(MODE STREQUAL "prebuilt")
  set(source "${PREBUILT}")
endif()

if(source AND EXISTS "${source}")
  file(COPY_FILE "${source}" "${OUT_DIR}/${JAR_NAME}")
  message(STATUS "clusop: listener jar from ${source}")
elseif(REQUIRE)
  message(FATAL_ERROR "clusop: no listener jar (mode ${MODE}; looked for '${source}'). Build it: "
                      "cmake --preset release && cmake --build --preset release --target clusop_jni && "
                      "mvn -q -B -f listener/pom.xml -DskipTests package")
else()
  message(WARNING "clusop: no listener jar packaged (mode ${MODE}): clusop.watch and the autoload "
                  "will need the jar on the cluster's classpath")
endif()
