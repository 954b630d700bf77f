# SPDX-License-Identifier: MIT
# The app binary (BINARY) defines no symbol of the engine: no mp::Queue or mp::Process member, nor any other
# mp:: symbol outside mp::telemetry (the stream reader the app links). Run as
#   cmake -DNM=nm -DBINARY=build/dev/app/mpstage -P app_defines_no_engine_symbol.cmake
execute_process(COMMAND ${NM} -C --defined-only ${BINARY} OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} ${BINARY} failed (${rc})")
endif()
string(REGEX MATCHALL "[^\n]* mp::(Queue|Process|SimpleQueue|JoinableQueue|Connection|SemLock|SharedMemory)::[^\n]*"
       found "${symbols}")
if(found)
  list(LENGTH found n)
  list(SUBLIST found 0 10 first)
  list(JOIN first "\n" first)
  message(FATAL_ERROR "${BINARY} defines ${n} symbols of the engine, it links mpstage_engine:\n${first}")
endif()
message(STATUS "${BINARY}: no engine symbol")
