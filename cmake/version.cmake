# Writes version.cpp (cmake/version.cpp.in) with the checkout's commit; run at every build by the
# the5hc_version_file target. configure_file leaves OUT untouched when its text would not change.
#   cmake -DSOURCE_DIR=<checkout> -DIN=<version.cpp.in> -DOUT=<version.cpp> -DVERSION=<x.y.z> -P version.cmake
execute_process(COMMAND git rev-parse --short HEAD WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE THE5HC_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT THE5HC_COMMIT)
  set(THE5HC_COMMIT unknown)
endif()
set(PROJECT_VERSION ${VERSION})
configure_file(${IN} ${OUT} @ONLY)
