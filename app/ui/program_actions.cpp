// SPDX-License-Identifier: MIT
// The window's Python programs: opening one (File → Open program…, drag and drop, the recent files), running
// what the editor holds, showing a traceback's line in the editor, and saving it, as a scene too.
#include "run/run_controller.h"
#include "ui/banner.h"
#include "ui/main_window.h"
#include "ui/program_editor.h"
#include "ui/scene_library.h"

#include <mp/telemetry/world.h>

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>

namespace mpstage::app {

namespace {

constexpr int RECENT = 8;
const char* const RECENT_KEY = "recentPrograms";

QString localPython(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && url.toLocalFile().endsWith(QStringLiteral(".py")))
            return url.toLocalFile();
    return {};
}

// The header a program gets when it is saved as a scene and has none.
QString headerFor(const QString& path)
{
    const QString title = QFileInfo(path).completeBaseName().replace(QLatin1Char('_'), QLatin1Char(' '));
    return QStringLiteral("\"\"\"mpstage scene\ntitle: %1\nsummary: \ntags: python\ndifficulty: 1\nlook: \npredict: \n"
                          "why: \nexpect: completes -- runs to its end\n\"\"\"\n")
        .arg(title);
}

} // namespace

bool MainWindow::openProgram(const QString& path)
{
    const SceneInfo* scene = nullptr;
    try {
        scene = m_library->open(QFileInfo(path).absoluteFilePath());
    } catch (const std::exception& e) {
        banner().setMessage(MessageKind::Error, QString::fromUtf8(e.what()));
        return false;
    }
    m_scene = nullptr; // opened again: read anew even if it was the scene on show
    sceneChosen(QString::fromStdString(scene->id));
    rememberProgram(QString::fromStdString(scene->id));
    banner().setMessage(MessageKind::Hint,
        QStringLiteral("%1: edit it here, then press Run. What runs is what the editor holds.")
            .arg(QFileInfo(path).fileName()));
    return true;
}

QString MainWindow::saveProgram(const QString& path, bool asScene)
{
    QString text = m_editor->toPlainText();
    if (asScene && !text.trimmed().startsWith(QStringLiteral("\"\"\"mpstage scene")))
        text = headerFor(path) + text;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(text.toUtf8()) < 0)
        return QStringLiteral("Could not write %1: %2").arg(path, out.errorString());
    out.close();
    m_library->reload();
    openProgram(path);
    return {};
}

QStringList MainWindow::recentPrograms() const
{
    return QSettings().value(RECENT_KEY).toStringList();
}

void MainWindow::rememberProgram(const QString& path)
{
    QStringList recent = recentPrograms();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > RECENT)
        recent.removeLast();
    QSettings().setValue(RECENT_KEY, recent);
}

void MainWindow::addProgramMenu()
{
    QMenu* menu = menuBar()->addMenu(QStringLiteral("&Program"));
    const QString filter = QStringLiteral("Python programs (*.py)");
    auto report = [this](const QString& error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, QStringLiteral("mpstage"), error);
    };
    QAction* open = menu->addAction(QStringLiteral("Open program…"), this, [this, filter] {
        const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open a Python program"), {}, filter);
        if (!path.isEmpty())
            openProgram(path);
    });
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QMenu* recent = menu->addMenu(QStringLiteral("Recent programs"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        for (const QString& path : recentPrograms())
            recent->addAction(path, this, [this, path] { openProgram(path); });
        if (recent->isEmpty())
            recent->addAction(QStringLiteral("(none yet)"))->setEnabled(false);
    });
    QAction* save = menu->addAction(QStringLiteral("Save program"), this, [this, report] {
        if (m_programPath.isEmpty())
            return report(QStringLiteral("Open a program first (Program → Open program…)."));
        report(saveProgram(m_programPath, false));
    });
    save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    menu->addAction(QStringLiteral("Save as scene…"), this, [this, report, filter] {
        if (m_programPath.isEmpty())
            return report(QStringLiteral("Open a program first (Program → Open program…)."));
        const QString folder = m_library->folders().value(m_library->folders().size() - 1);
        QDir().mkpath(folder);
        const QString path = QFileDialog::getSaveFileName(
            this, QStringLiteral("Save as scene"), QDir(folder).filePath(QFileInfo(m_programPath).fileName()), filter);
        if (!path.isEmpty())
            report(saveProgram(path, true));
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localPython(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = localPython(event->mimeData());
    if (!path.isEmpty() && openProgram(path))
        event->acceptProposedAction();
}

void MainWindow::prepareProgramRun()
{
    // The host runs a copy of the editor's text (saved or not) with the program's own name, so that its
    // tracebacks name the line the editor shows.
    m_runPath = QDir(m_runDir->path()).filePath(QFileInfo(m_programPath).fileName());
    const QString text = m_editor->toPlainText();
    QFile out(m_runPath);
    if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        out.write(text.toUtf8());
    out.close();
    m_editor->setError(0, {});
    try {
        m_scene = m_library->openText(m_runPath, text);
    } catch (const std::exception& e) { // a malformed header: the host refuses it too, with the same words
        const QString words = QString::fromUtf8(e.what());
        static const QRegularExpression line(QStringLiteral("scene header line (\\d+)"));
        const auto m = line.match(words);
        m_editor->setError(m.hasMatch() ? m.captured(1).toInt() : 1, words.section(QStringLiteral(": "), 1));
        banner().setMessage(MessageKind::Error, words.section(QStringLiteral(": "), 1));
    }
}

void MainWindow::showProgramError()
{
    QString errors;
    for (const auto* a : m_controller->state().world().actors())
        for (const auto& p : a->prints)
            if (p.stream == 2)
                errors += QString::fromStdString(p.text) + QLatin1Char('\n');
    const ProgramError e = programErrorIn(errors, m_runPath);
    if (e.line <= 0)
        return;
    m_editor->setError(e.line, e.words);
    banner().setMessage(MessageKind::Error, QStringLiteral("Line %1: %2").arg(e.line).arg(e.words));
}

} // namespace mpstage::app
