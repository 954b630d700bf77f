# SPDX-License-Identifier: MIT
# Install-time, when stripping (cmake --install --strip, CPACK_STRIP_FILES): strips MPSTAGE_STRIP_FILES (paths
# under the prefix) as dh_strip does. Archives lose their debug sections and keep their symbols; every file
# loses the .comment and .note sections.
if(NOT CMAKE_INSTALL_DO_STRIP)
  return()
endif()
foreach(f IN LISTS MPSTAGE_STRIP_FILES)
  set(path "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${f}")
  if(NOT EXISTS "${path}") # another component's file, not installed this time
    continue()
  endif()
  set(debug)
  if(f MATCHES "\\.a$")
    set(debug --strip-debug --enable-deterministic-archives)
  endif()
  execute_process(COMMAND "${MPSTAGE_STRIP}" ${debug} --remove-section=.comment --remove-section=.note "${path}"
                  COMMAND_ERROR_IS_FATAL ANY)
endforeach()
