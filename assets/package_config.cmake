# SPDX-License-Identifier: MIT
# CPACK_PROJECT_CONFIG_FILE: read by cpack before it packages build/dev (assets/CMakeLists.txt says why).
# PackageTest packages such a tree too (MPSTAGE_PACKAGE_ANY_PREFIX): it tells the installed host where to look.
if(NOT CPACK_MPSTAGE_CONFIGURED_PREFIX STREQUAL "/usr" AND NOT "$ENV{MPSTAGE_PACKAGE_ANY_PREFIX}")
  message(FATAL_ERROR "build/dev is configured with CMAKE_INSTALL_PREFIX=${CPACK_MPSTAGE_CONFIGURED_PREFIX}: "
                      "mpstage-host would look for the Python package under it. Package with ./dev package, "
                      "which configures it with CMAKE_INSTALL_PREFIX=/usr.")
endif()
