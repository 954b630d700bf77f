// SPDX-License-Identifier: MIT
#include "ui/run_files.h"

#include "charts/charts_panel.h"
#include "look/theme.h"
#include "replay/run_file.h"
#include "run/run_controller.h"
#include "stage/stage_scene.h"
#include "ui/main_window.h"
#include "ui/prediction_panel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>

namespace mpstage::app {

namespace {

QString writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QStringLiteral("Could not write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

} // namespace

QString saveRun(const MainWindow& window, const QString& path)
{
    QString why;
    auto run = window.controller().savedRun(&why);
    if (!run)
        return why;
    run->predictions = window.predictions().saved();
    return writeFile(path, QByteArray::fromStdString(replay::writeRunFile(*run)));
}

QString openRun(MainWindow& window, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("Could not open %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
    const QByteArray bytes = file.readAll();
    replay::LoadedRun run;
    try {
        run = replay::readRunFile(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    } catch (const replay::RunFileError& e) {
        return QStringLiteral("Cannot replay %1: %2.").arg(QFileInfo(path).fileName(), QString::fromUtf8(e.what()));
    }
    if (!window.openScene(QString::fromStdString(run.scene), run.params))
        return QStringLiteral(
            "Cannot replay %1: it is a run of scene '%2' with parameters this mpstage does not accept.")
            .arg(QFileInfo(path).fileName(), QString::fromStdString(run.scene));
    const auto predictions = run.predictions;
    window.controller().replay(std::move(run));
    window.predictions().restore(predictions);
    return {};
}

QString exportStagePng(const MainWindow& window, const QString& path, QSize size)
{
    if (size.isEmpty() || size.width() > 16384 || size.height() > 16384)
        return QStringLiteral("%1×%2 is not a size for a picture.").arg(size.width()).arg(size.height());
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(theme().stage);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        StageScene& stage = window.stage();
        stage.render(&painter, QRectF(image.rect()), stage.sceneRect(), Qt::KeepAspectRatio);
    }
    if (!image.save(path, "PNG"))
        return QStringLiteral("Could not write %1.").arg(QDir::toNativeSeparators(path));
    return {};
}

QString exportTrace(const MainWindow& window, const QString& path)
{
    QString why;
    const auto run = window.controller().savedRun(&why);
    if (!run)
        return why;
    try {
        const auto loaded = replay::readRunFile(replay::writeRunFile(*run));
        return writeFile(path, QByteArray::fromStdString(replay::chromeTrace(loaded.events)));
    } catch (const replay::RunFileError& e) {
        return QStringLiteral("The run's telemetry is damaged: %1.").arg(QString::fromUtf8(e.what()));
    }
}

QString exportChartData(const MainWindow& window, const QString& directory, int* written)
{
    const auto files = window.charts().csvFiles();
    if (files.empty())
        return QStringLiteral("There is no chart data yet: run a scene with a queue, a lock or a shared value.");
    int n = 0;
    for (const auto& [name, bytes] : files) {
        if (QString error = writeFile(QDir(directory).filePath(name), bytes); !error.isEmpty())
            return error;
        ++n;
    }
    if (written)
        *written = n;
    return {};
}

QString exportChartImages(MainWindow& window, const QString& directory, QSize size, int* written)
{
    if (size.width() < 200 || size.height() < 150 || size.width() > 8000 || size.height() > 8000)
        return QStringLiteral("A chart picture must be between 200×150 and 8000×8000 pixels.");
    const auto images = window.charts().images(size);
    if (images.empty())
        return QStringLiteral("There is no chart yet: run a scene with a queue, a lock or a shared value.");
    int n = 0;
    for (const auto& [name, image] : images) {
        const QString path = QDir(directory).filePath(name);
        if (!image.save(path, "PNG"))
            return QStringLiteral("Could not write %1.").arg(QDir::toNativeSeparators(path));
        ++n;
    }
    if (written)
        *written = n;
    return {};
}

QString saveSchedule(const MainWindow& window, const QString& path)
{
    const std::string& steps = window.controller().lastSchedule();
    if (steps.empty())
        return QStringLiteral("There are no steps to save: step a run first (→, or 1–9 for one process), then Stop.");
    return writeFile(path, QByteArray::fromStdString(steps));
}

QString runScheduleFile(MainWindow& window, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("Could not read %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
    const QByteArray bytes = file.read(1 << 20);
    if (bytes.trimmed().isEmpty())
        return QStringLiteral("%1 holds no steps.").arg(QDir::toNativeSeparators(path));
    window.runSchedule(bytes.toStdString()); // the host checks every line and says what does not fit
    return {};
}

void addFileMenu(MainWindow& window)
{
    QMenu* menu = window.menuBar()->addMenu(QStringLiteral("&File"));
    auto report = [&window](const QString& error) {
        if (!error.isEmpty())
            QMessageBox::warning(&window, QStringLiteral("mpstage"), error);
    };
    const QString runFilter = QStringLiteral("mpstage runs (*.mpstage-run)");
    QAction* open = menu->addAction(QStringLiteral("Open run…"), &window, [&window, report, runFilter] {
        const QString path = QFileDialog::getOpenFileName(&window, QStringLiteral("Open run"), {}, runFilter);
        if (!path.isEmpty())
            report(openRun(window, path));
    });
    open->setShortcut(QKeySequence::Open);
    QAction* save = menu->addAction(QStringLiteral("Save run…"), &window, [&window, report, runFilter] {
        const QString path = QFileDialog::getSaveFileName(&window, QStringLiteral("Save run"), {}, runFilter);
        if (!path.isEmpty())
            report(saveRun(window, path));
    });
    save->setShortcut(QKeySequence::Save);
    menu->addSeparator();
    QAction* again = menu->addAction(QStringLiteral("Run the same steps again"), &window, [&window, report] {
        if (window.controller().lastSchedule().empty())
            return report(QStringLiteral("There are no steps to repeat: step a run first (→, or 1–9 for one "
                                         "process), then let it finish or Stop it."));
        window.runSchedule(window.controller().lastSchedule());
    });
    again->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    const QString stepsFilter = QStringLiteral("mpstage steps (*.mpstage-steps)");
    menu->addAction(QStringLiteral("Save the steps…"), &window, [&window, report, stepsFilter] {
        const QString path = QFileDialog::getSaveFileName(&window, QStringLiteral("Save the steps"), {}, stepsFilter);
        if (!path.isEmpty())
            report(saveSchedule(window, path));
    });
    menu->addAction(QStringLiteral("Run saved steps…"), &window, [&window, report, stepsFilter] {
        const QString path = QFileDialog::getOpenFileName(&window, QStringLiteral("Run saved steps"), {}, stepsFilter);
        if (!path.isEmpty())
            report(runScheduleFile(window, path));
    });
    menu->addSeparator();
    menu->addAction(QStringLiteral("Export stage as PNG…"), &window, [&window, report] {
        bool ok = false;
        const QString text = QInputDialog::getText(&window, QStringLiteral("Export stage"),
            QStringLiteral("Size in pixels (width×height):"), QLineEdit::Normal, QStringLiteral("3840x2160"), &ok);
        if (!ok)
            return;
        const auto m = QRegularExpression(QStringLiteral("^\\s*(\\d+)\\s*[x×]\\s*(\\d+)\\s*$")).match(text);
        if (!m.hasMatch())
            return report(QStringLiteral("Write the size as width×height, for example 3840x2160."));
        const QString path = QFileDialog::getSaveFileName(
            &window, QStringLiteral("Export stage"), {}, QStringLiteral("PNG images (*.png)"));
        if (!path.isEmpty())
            report(exportStagePng(window, path, QSize(m.captured(1).toInt(), m.captured(2).toInt())));
    });
    menu->addAction(QStringLiteral("Export trace (Perfetto / chrome://tracing)…"), &window, [&window, report] {
        const QString path = QFileDialog::getSaveFileName(
            &window, QStringLiteral("Export trace"), {}, QStringLiteral("Chrome trace JSON (*.json)"));
        if (!path.isEmpty())
            report(exportTrace(window, path));
    });
    menu->addAction(QStringLiteral("Export chart data (CSV)…"), &window, [&window, report] {
        const QString dir = QFileDialog::getExistingDirectory(&window, QStringLiteral("Export chart data into"));
        if (!dir.isEmpty())
            report(exportChartData(window, dir));
    });
    menu->addAction(QStringLiteral("Export charts as PNG…"), &window, [&window, report] {
        const QString dir = QFileDialog::getExistingDirectory(&window, QStringLiteral("Export the charts into"));
        if (!dir.isEmpty())
            report(exportChartImages(window, dir, QSize(1600, 1000)));
    });
}

} // namespace mpstage::app
