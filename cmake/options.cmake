# Build options shared by every target (included from CMakeLists.txt before the first target is defined).
#
# THE5HC_SANITIZE: a comma-separated list for -fsanitize=, empty for none. Two combinations are supported and run by
# `make test-sanitize`: "address,undefined" (build-asan) and "thread" (build-tsan); ThreadSanitizer cannot be combined
# with AddressSanitizer. Any finding aborts the process (-fno-sanitize-recover), so a finding fails the test that
# triggered it. Run-time options and suppressions: scripts/test-sanitize.sh.
#
# THE5HC_WERROR: warnings are errors. CI turns it on (.ci/run sets CI=true; an unset option defaults to ON there).
set(THE5HC_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined | thread (empty: none)")
if(DEFINED ENV{CI} AND "$ENV{CI}")
  set(THE5HC_WERROR_DEFAULT ON)
else()
  set(THE5HC_WERROR_DEFAULT OFF)
endif()
option(THE5HC_WERROR "Treat compiler warnings as errors" ${THE5HC_WERROR_DEFAULT})

if(THE5HC_SANITIZE)
  string(REPLACE "," ";" the5hc_sanitizers "${THE5HC_SANITIZE}")
  foreach(s ${the5hc_sanitizers})
    if(NOT s MATCHES "^(address|undefined|thread|leak)$")
      message(FATAL_ERROR "THE5HC_SANITIZE: unknown sanitizer '${s}' (address, undefined, thread, leak)")
    endif()
  endforeach()
  if("thread" IN_LIST the5hc_sanitizers AND ("address" IN_LIST the5hc_sanitizers OR "leak" IN_LIST the5hc_sanitizers))
    message(FATAL_ERROR "THE5HC_SANITIZE: thread cannot be combined with address or leak")
  endif()
  # -O1 -g1: the level the sanitizers are documented for, line tables for the reports, and about half the compile
  # time of RelWithDebInfo's -O2 -g (these builds compile everything without the ccache of the normal build).
  add_compile_options(-fsanitize=${THE5HC_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g1)
  if("undefined" IN_LIST the5hc_sanitizers)
    # -fsanitize=vptr (part of "undefined") needs the typeinfo of every polymorphic class whose members are called;
    # Debian's SOCI libraries do not export it for their internal classes (soci::details::ref_counted_statement,
    # ref_counted_prepare_info, sqlite3_session_backend, postgresql_session_backend), so any translation unit that
    # runs a SOCI statement fails to link with it. Third-party limitation: vptr is left out, the rest of UBSan stays.
    add_compile_options(-fno-sanitize=vptr)
  endif()
  add_link_options(-fsanitize=${THE5HC_SANITIZE})
  message(STATUS "the5hc: building with -fsanitize=${THE5HC_SANITIZE}")
endif()

if(THE5HC_WERROR)
  # GCC 12's flow-sensitive warnings misfire on std::optional, std::string and <regex> internals at -O2 and in the
  # sanitizer builds (GCC bugs 105329, 105651, 107138; GCC documents the sanitizer case): they stay warnings, every
  # other warning stops the build.
  add_compile_options(-Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")  # clang (the fuzz build) rejects these GCC-only names under -Werror
    add_compile_options(-Wno-error=maybe-uninitialized -Wno-error=restrict)
  endif()
  message(STATUS "the5hc: warnings are errors")
endif()

# THE5HC_FUZZ (issue 17, fuzz/): libFuzzer targets, clang only, in a build directory of their own (build-fuzz; see
# `make fuzz-short`). Every library is compiled with coverage instrumentation (fuzzer-no-link) and AddressSanitizer +
# UndefinedBehaviorSanitizer; only the fuzz targets link the libFuzzer driver. vptr is left out for the SOCI reason
# above.
option(THE5HC_FUZZ "Build the libFuzzer targets of fuzz/ (requires clang)" OFF)
if(THE5HC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "THE5HC_FUZZ needs clang (CC=clang CXX=clang++), not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  if(THE5HC_SANITIZE)
    message(FATAL_ERROR "THE5HC_FUZZ brings its own sanitizers; leave THE5HC_SANITIZE empty")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -O1 -g1)
  add_link_options(-fsanitize=address,undefined)
endif()
