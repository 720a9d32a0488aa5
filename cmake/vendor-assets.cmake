# Front-end packages from npm (WEB.md §1): `npm ci` installs package-lock.json's exact versions into the build
# directory (re-run only when package.json or package-lock.json change), then only the files the pages load are
# copied to ${THE5HC_ASSET_ROOT}/static/vendor/, which embed.cmake compiles in as "static/vendor/<name>".
# Each entry is "<file under node_modules>=<name served under /static/vendor/>".
set(THE5HC_VENDOR_FILES
  "htmx.org/dist/htmx.min.js=htmx.min.js"
  "@alpinejs/csp/dist/cdn.min.js=alpine-csp.min.js"
  "chart.js/dist/chart.umd.min.js=chart.umd.min.js"
  "@fullcalendar/core/index.global.min.js=fullcalendar-core.min.js"
  "@fullcalendar/core/locales/ko.global.min.js=fullcalendar-ko.min.js"
  "@fullcalendar/daygrid/index.global.min.js=fullcalendar-daygrid.min.js"
  "@fullcalendar/timegrid/index.global.min.js=fullcalendar-timegrid.min.js"
  "@fullcalendar/list/index.global.min.js=fullcalendar-list.min.js"
  "@fullcalendar/interaction/index.global.min.js=fullcalendar-interaction.min.js"
  "swagger-ui-dist/swagger-ui-bundle.js=swagger-ui-bundle.js"
  "swagger-ui-dist/swagger-ui.css=swagger-ui.css")

set(THE5HC_ASSET_ROOT ${CMAKE_BINARY_DIR}/assets)
set(THE5HC_NPM_DIR ${CMAKE_BINARY_DIR}/npm)
set(THE5HC_NPM_STAMP ${THE5HC_NPM_DIR}/node_modules/.package-lock.json)
find_program(NPM_PROGRAM npm REQUIRED)

# The build directory gets its own copy of the manifest so the source tree stays clean and several build
# directories never race on one node_modules. --ignore-scripts: the assets need no install scripts (one dependency
# of swagger-ui-dist only phones home from its postinstall).
add_custom_command(
  OUTPUT ${THE5HC_NPM_STAMP}
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/package.json
          ${CMAKE_SOURCE_DIR}/package-lock.json ${THE5HC_NPM_DIR}/
  COMMAND ${NPM_PROGRAM} ci --no-audit --no-fund --ignore-scripts --loglevel=error
  COMMAND ${CMAKE_COMMAND} -E touch ${THE5HC_NPM_STAMP}
  WORKING_DIRECTORY ${THE5HC_NPM_DIR}
  DEPENDS ${CMAKE_SOURCE_DIR}/package.json ${CMAKE_SOURCE_DIR}/package-lock.json
  COMMENT "npm ci (front-end packages of package-lock.json)" VERBATIM)
file(MAKE_DIRECTORY ${THE5HC_NPM_DIR})

set(THE5HC_VENDOR_OUTPUTS "")
set(copy_commands "")
foreach(entry ${THE5HC_VENDOR_FILES})
  string(REPLACE "=" ";" pair "${entry}")
  list(GET pair 0 from)
  list(GET pair 1 to)
  set(out ${THE5HC_ASSET_ROOT}/static/vendor/${to})
  list(APPEND THE5HC_VENDOR_OUTPUTS ${out})
  list(APPEND copy_commands COMMAND ${CMAKE_COMMAND} -E copy ${THE5HC_NPM_DIR}/node_modules/${from} ${out})
endforeach()
add_custom_command(
  OUTPUT ${THE5HC_VENDOR_OUTPUTS}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${THE5HC_ASSET_ROOT}/static/vendor
  ${copy_commands}
  DEPENDS ${THE5HC_NPM_STAMP} ${CMAKE_CURRENT_LIST_FILE}
  COMMENT "Copying front-end bundles from node_modules" VERBATIM)
