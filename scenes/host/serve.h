// SPDX-License-Identifier: MIT
#pragma once
// `mpstage-host serve`: the stream for the app (header + frames on stdout), control on stdin.

#include "headless.h"

namespace mpstage {

int serve(HostRequest& request);

} // namespace mpstage
