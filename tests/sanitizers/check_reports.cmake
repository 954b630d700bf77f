# SPDX-License-Identifier: MIT
# The SanitizerReports test: in the asan and tsan builds every process (tests, mpstage-host, each forked
# actor) writes what its sanitizer finds to a file of its own in DIR (log_path in the test presets), because
# an actor's stderr goes into the telemetry stream and a killed process says nothing. Any file is a failure.
file(GLOB reports "${DIR}/*")
if(reports)
  foreach(report IN LISTS reports)
    file(READ "${report}" text)
    message("---- ${report}\n${text}")
  endforeach()
  list(LENGTH reports count)
  message(FATAL_ERROR "${count} sanitizer report(s) in ${DIR}")
endif()
message(STATUS "no sanitizer report in ${DIR}")
