// SPDX-License-Identifier: MIT
#pragma once
// The command line of mpstage-host (see usage() in cli.cpp).

namespace mpstage {

int hostMain(int argc, char** argv);

} // namespace mpstage
