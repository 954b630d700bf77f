// SPDX-License-Identifier: MIT
#include "ui/app_main.h"
#include "look/appearance.h"
#include "run/run_controller.h"
#include "ui/app_options.h"
#include "ui/banner.h"
#include "ui/main_window.h"
#include "ui/prediction_panel.h"
#include "ui/run_files.h"
#include "ui/scene_library.h"
#include "ui/screenshot.h"
#include "ui/transport.h"

#include <mpstage/scene_info.h>

#include <QAction>
#include <QApplication>

#include <cstdio>

namespace mpstage::app {

int runApp(QApplication& app)
{
    QApplication::setApplicationName(QStringLiteral("mpstage"));
    QApplication::setOrganizationName(QStringLiteral("mpstage"));
    const AppOptions options = parseAppOptions(QApplication::arguments());
    if (!options.error.isEmpty()) {
        const bool help = options.error.startsWith(QStringLiteral("Usage"));
        std::fprintf(help ? stdout : stderr, "%s%s\n", help ? "" : "mpstage: ", qPrintable(options.error));
        return help ? 0 : 2;
    }
    // Screenshots are taken in the defaults, whatever this user chose.
    AppSettings settings = options.screenshot.isEmpty() ? AppSettings::load() : AppSettings {};
    if (options.dark)
        settings.window.palette = PaletteKind::Dark;
    applyAppearance(app, settings.window.palette, settings.window.percent);
    QStringList folders = SceneLibrary::defaultFolders();
    folders << options.sceneFolders;
    MainWindow window(nullptr, folders);
    window.setSettings(settings, false);
    if (options.present || (options.screenshot.isEmpty() && settings.startPresenting))
        window.setPresenting(true);
    window.setChartsVisible(options.charts);
    window.resize(options.size);
    const QString scene = options.scene.isEmpty()
        ? QString::fromUtf8(DEFAULT_SCENE.data(), static_cast<qsizetype>(DEFAULT_SCENE.size()))
        : options.scene;
    bool opened = window.openScene(scene, options.params);
    if (!opened && options.perf) { // nobody is looking at the window: say why in the terminal
        std::fprintf(stderr, "mpstage: %s\n", qPrintable(window.banner().text()));
        return 2;
    }
    if (!options.openRun.isEmpty()) {
        QString error = openRun(window, options.openRun);
        if (error.isEmpty() && !options.exportTrace.isEmpty()) {
            error = exportTrace(window, options.exportTrace);
            if (error.isEmpty())
                return 0;
        }
        if (!error.isEmpty()) {
            std::fprintf(stderr, "mpstage: %s\n", qPrintable(error));
            if (!options.screenshot.isEmpty() || !options.exportTrace.isEmpty())
                return 2;
            window.banner().setMessage(MessageKind::Error, error);
        }
        opened = false; // nothing to run: the replay is the run
    }
    for (std::size_t q = 0; q < options.predict.size(); ++q)
        window.predictions().choose(static_cast<int>(q), options.predict[q]);

    if (!options.screenshot.isEmpty()) {
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.show();
        Screenshot shot(window, options.screenshot, options.atEnd && opened);
        const bool replayed = !options.openRun.isEmpty();
        if (opened)
            shot.setSteps(options.steps);
        shot.setStepActors(options.stepActors);
        shot.setExplore(options.explore && opened);
        int status = 0;
        QObject::connect(&shot, &Screenshot::done, &app, [&](int s) {
            status = opened || replayed ? s : 2;
            app.quit();
        });
        shot.start();
        app.exec();
        return status;
    }
    window.show();
    if (options.perf) {
        QObject::connect(&window.controller(), &RunController::ended, &app, [&] {
            std::fputs(window.controller().stats().summary().c_str(), stdout);
            app.quit();
        });
    }
    if (opened && (options.run || options.perf))
        window.transport().runAction()->trigger();
    return app.exec();
}

} // namespace mpstage::app
