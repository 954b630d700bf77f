// SPDX-License-Identifier: MIT
#pragma once
// The names the program gives what it creates ("q", "parent_conn"), reported to the stage as ObjectLabel
// events in an observed run: the engine asks after each object it makes, mpstage/_names.py reads them from
// the program's assignment.

namespace mpstage::python {

void installNamer();

} // namespace mpstage::python
