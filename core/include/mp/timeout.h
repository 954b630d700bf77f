// SPDX-License-Identifier: MIT
#pragma once
// Timeouts as Python spells them: seconds as a float, std::nullopt standing for None ("wait forever").

#include <optional>

namespace mp {

using Timeout = std::optional<double>;

} // namespace mp
