// SPDX-License-Identifier: MIT
// mpstage: shows Python's multiprocessing at work. All of it lives in mpstage_app_private; see ui/app_main.h.

#include "ui/app_main.h"

#include <QApplication>

#include <cstring>

int main(int argc, char** argv)
{
    // A screenshot is rendered offscreen unless the caller chose a platform.
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--screenshot") == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return mpstage::app::runApp(app);
}
