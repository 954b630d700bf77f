// SPDX-License-Identifier: MIT
// mpstage-host: runs one scene with real processes. `run` narrates it in the terminal (headless); `serve`
// streams its telemetry to standard output for the app and takes control commands on standard input.

#include "cli.h"

int main(int argc, char** argv)
{
    return mpstage::hostMain(argc, argv);
}
