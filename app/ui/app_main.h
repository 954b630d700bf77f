// SPDX-License-Identifier: MIT
#pragma once
// Everything main() does, in the library so that tests can drive it: parse the command line, open the
// window on a scene, and run it, take a screenshot, or measure frame times.

class QApplication;

namespace mpstage::app {

int runApp(QApplication& app);

} // namespace mpstage::app
