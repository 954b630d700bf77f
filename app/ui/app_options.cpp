// SPDX-License-Identifier: MIT
#include "ui/app_options.h"

#include <mpstage/params.h>

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

namespace mpstage::app {

AppOptions parseAppOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Shows Python's multiprocessing at work with real processes."));
    parser.addHelpOption();
    const QCommandLineOption scene(QStringLiteral("scene"), QStringLiteral("Open this scene."), QStringLiteral("ID"));
    const QCommandLineOption param(
        QStringLiteral("param"), QStringLiteral("Set a scene parameter (repeatable)."), QStringLiteral("KEY=VALUE"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Render the window to this PNG offscreen and quit."), QStringLiteral("FILE"));
    const QCommandLineOption atEnd(QStringLiteral("at-end"),
        QStringLiteral("With --screenshot: run the scene first and render once it has ended or hung."));
    const QCommandLineOption steps(QStringLiteral("steps"),
        QStringLiteral("With --screenshot: take N steps from the start (paused), then render; or name the process "
                       "of each step: 1,1,2,2 (1 is MainProcess, 2 Process-1, ...)."),
        QStringLiteral("N|LIST"));
    const QCommandLineOption explore(QStringLiteral("explore"),
        QStringLiteral("With --screenshot: find a schedule that goes wrong first (Run > Find a schedule that …) and "
                       "render what it found; with --steps N, replay the found schedule N steps and render."));
    const QCommandLineOption size(
        QStringLiteral("size"), QStringLiteral("Window size (default 1920x1080)."), QStringLiteral("WxH"));
    const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Use the dark palette."));
    const QCommandLineOption openRun(QStringLiteral("open-run"),
        QStringLiteral("Replay a saved run (File > Save run…) instead of starting one."), QStringLiteral("FILE"));
    const QCommandLineOption exportTrace(QStringLiteral("export-trace"),
        QStringLiteral("With --open-run: write the run as Chrome trace JSON to FILE and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption charts(QStringLiteral("charts"), QStringLiteral("Show the charts panel."));
    const QCommandLineOption present(
        QStringLiteral("present"), QStringLiteral("Open in presenter mode (large type, high contrast, captions)."));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Start running the scene at once."));
    const QCommandLineOption perf(
        QStringLiteral("perf"), QStringLiteral("Run the scene, print frame times and memory when it ends, and quit."));
    const QCommandLineOption scenes(QStringLiteral("scenes"),
        QStringLiteral("Also list the Python scene files in DIR (repeatable; ~/.local/share/mpstage/scenes is "
                       "always listed)."),
        QStringLiteral("DIR"));
    parser.addOptions({ scene, param, screenshot, atEnd, steps, explore, size, dark, charts, present, openRun,
        exportTrace, run, perf, scenes });

    const QCommandLineOption predict(QStringLiteral("predict"),
        QStringLiteral("Choose the answer to each of the scene's questions before the run: A-D, comma-separated."),
        QStringLiteral("LIST"));
    parser.addOption(predict);

    AppOptions out;
    if (!parser.parse(arguments)) {
        out.error = parser.errorText();
        return out;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out.error = parser.helpText();
        return out;
    }
    if (!parser.positionalArguments().isEmpty()) {
        out.error = QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().front());
        return out;
    }
    out.scene = parser.value(scene);
    for (const QString& dir : parser.values(scenes))
        out.sceneFolders << QFileInfo(dir).absoluteFilePath();
    try {
        for (const QString& p : parser.values(param))
            out.params.push_back(splitAssignment(p.toStdString()));
    } catch (const std::exception& e) {
        out.error = QString::fromUtf8(e.what());
        return out;
    }
    out.screenshot = parser.value(screenshot);
    out.atEnd = parser.isSet(atEnd);
    out.dark = parser.isSet(dark);
    out.charts = parser.isSet(charts);
    out.present = parser.isSet(present);
    for (const QString& c : parser.value(predict).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString t = c.trimmed().toUpper();
        if (t.size() != 1 || t[0] < QLatin1Char('A') || t[0] > QLatin1Char('D')) {
            out.error
                = QStringLiteral("--predict takes a letter A-D for each question, e.g. --predict B,A; not '%1'").arg(c);
            return out;
        }
        out.predict.push_back(t[0].unicode() - u'A');
    }
    out.openRun = parser.value(openRun);
    out.exportTrace = parser.value(exportTrace);
    if (!out.exportTrace.isEmpty() && out.openRun.isEmpty()) {
        out.error = QStringLiteral("--export-trace needs --open-run FILE");
        return out;
    }
    out.run = parser.isSet(run);
    out.perf = parser.isSet(perf);
    if (parser.isSet(size)) {
        const auto m = QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(parser.value(size));
        if (!m.hasMatch() || m.captured(1).toInt() < 640 || m.captured(2).toInt() < 400) {
            out.error = QStringLiteral("--size must look like 1920x1080 (at least 640x400), not '%1'")
                            .arg(parser.value(size));
            return out;
        }
        out.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    if (parser.isSet(steps)) {
        const QString value = parser.value(steps);
        bool ok = false;
        if (value.contains(QLatin1Char(','))) { // 1,1,2,2: which process takes each step (1 is MainProcess)
            for (const QString& n : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const int actor = n.trimmed().toInt(&ok);
                if (!ok || actor < 1 || actor > 256) {
                    out.error = QStringLiteral("--steps takes a count or process numbers (1 is MainProcess) "
                                               "separated by commas, not '%1'")
                                    .arg(value);
                    return out;
                }
                out.stepActors.push_back(actor);
            }
            out.steps = static_cast<int>(out.stepActors.size());
        } else {
            out.steps = value.toInt(&ok);
            if (!ok || out.steps < 1 || out.steps > 10000) {
                out.error = QStringLiteral("--steps must be a number from 1 to 10000, not '%1'").arg(value);
                return out;
            }
        }
    }
    out.explore = parser.isSet(explore);
    if (out.explore && (out.screenshot.isEmpty() || out.atEnd || !out.stepActors.empty())) {
        out.error = QStringLiteral("--explore needs --screenshot FILE, and takes --steps N but not --at-end or a list");
        return out;
    }
    if ((out.atEnd || out.steps) && out.screenshot.isEmpty()) {
        out.error = QStringLiteral("--at-end and --steps need --screenshot FILE");
        return out;
    }
    if (out.atEnd && out.steps) {
        out.error = QStringLiteral("--at-end and --steps do not go together");
        return out;
    }
    return out;
}

} // namespace mpstage::app
