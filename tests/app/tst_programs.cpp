// SPDX-License-Identifier: MIT
// Python programs in the window: a teacher's scene folder in the catalogue (a broken file listed with its
// sentence), a program opened, edited and run for real, and the traceback's line marked in the editor.
#include "run/run_controller.h"
#include "ui/banner.h"
#include "ui/catalogue_model.h"
#include "ui/catalogue_panel.h"
#include "ui/main_window.h"
#include "ui/program_editor.h"
#include "ui/scene_library.h"
#include "ui/transport.h"

#include <QAction>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mpstage::app;
using mpstage::SceneInfo;

namespace {

void write(const QString& path, const QString& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

// (no raw string: moc does not read them)
const char* const SCENE = "\"\"\"mpstage scene\n"
                          "title: A teacher's own scene\n"
                          "summary: Two processes and a queue.\n"
                          "tags: queue\n"
                          "param items: int 1..5 = 3 -- how many\n"
                          "expect: completes -- the child gets every item\n"
                          "\"\"\"\n"
                          "import multiprocessing as mp\n"
                          "\n"
                          "def child(q):\n"
                          "    for _ in range(items):\n"
                          "        print('got', q.get())\n"
                          "\n"
                          "if __name__ == '__main__':\n"
                          "    q = mp.Queue()\n"
                          "    p = mp.Process(target=child, args=(q,))\n"
                          "    p.start()\n"
                          "    for i in range(items):\n"
                          "        q.put(i)\n"
                          "    p.join()\n";

} // namespace

class TestPrograms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN);
        QStandardPaths::setTestModeEnabled(true); // the recent files go to a scratch settings file
    }

    void aTeachersFolderIsListedBesideTheCatalogueAndABrokenFileSaysWhy()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("mine.py")), QString::fromUtf8(SCENE));
        write(dir.filePath(QStringLiteral("broken.py")),
            QStringLiteral("\"\"\"mpstage scene\ntitle: Oops\ndifficulty: hard\n\"\"\"\n"));
        write(dir.filePath(QStringLiteral("plain.py")), QStringLiteral("print('not a scene')\n"));
        SceneLibrary library({ dir.path() });

        const SceneInfo* mine = library.find(dir.filePath(QStringLiteral("mine.py")).toStdString());
        QVERIFY(mine);
        QCOMPARE(QString::fromStdString(mine->title), QStringLiteral("A teacher's own scene"));
        QCOMPARE(mine->params.size(), 1u);
        QVERIFY(library.find("pipe-eof")); // ours are still there
        QVERIFY(!library.find(dir.filePath(QStringLiteral("plain.py")).toStdString())); // not a scene file
        QCOMPARE(library.broken().size(), 1u);
        QVERIFY2(library.broken()[0].error.contains(
                     QStringLiteral("scene header line 3: 'difficulty' must be 1, 2 or 3, not 'hard'")),
            qPrintable(library.broken()[0].error));

        CatalogueModel model(library.scenes(), library.broken());
        QVERIFY(model.indexOfScene(QString::fromStdString(mine->id)).isValid());
        const QModelIndex brokenGroup = model.index(model.rowCount() - 1, 0);
        QCOMPARE(brokenGroup.data().toString(), QStringLiteral("Broken scene files"));
        QVERIFY(model.index(0, 0, brokenGroup).data().toString().startsWith(QStringLiteral("broken.py")));
        QVERIFY(!(model.flags(model.index(0, 0, brokenGroup)) & Qt::ItemIsSelectable));

        QSignalSpy changed(&library, &SceneLibrary::changed);
        write(dir.filePath(QStringLiteral("broken.py")),
            QStringLiteral("\"\"\"mpstage scene\ntitle: Mended\n\"\"\"\nprint('ok')\n"));
        QTRY_VERIFY_WITH_TIMEOUT(library.broken().empty(), 5000); // read again when it changes
        QVERIFY(changed.count() > 0);
        QVERIFY(library.find(dir.filePath(QStringLiteral("broken.py")).toStdString()));
    }

    void anEditedProgramRunsAsTheEditorHoldsItAndItsTracebackIsMarkedAtItsLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("student.py"));
        write(path, QString::fromUtf8(SCENE));
        MainWindow w(nullptr, { dir.path() });
        w.resize(1280, 720);
        QVERIFY(w.openProgram(path));
        QVERIFY(w.scene() && w.scene()->program);
        QCOMPARE(w.editor().toPlainText(), QString::fromUtf8(SCENE));

        w.transport().runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().phase(), RunPhase::Ended, 30000);
        QVERIFY2(w.banner().kind() != MessageKind::Error, qPrintable(w.banner().text()));
        QCOMPARE(w.editor().errorLine(), 0);

        // An unsaved edit: the child now divides by zero on line 12; what runs is the editor's text.
        QString text = w.editor().toPlainText();
        text.replace(QStringLiteral("print('got', q.get())"), QStringLiteral("print('got', q.get() / 0)"));
        w.editor().setPlainText(text);
        w.transport().runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().phase(), RunPhase::Ended, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(w.editor().errorLine(), 12, 5000);
        QCOMPARE(w.editor().errorWords(), QStringLiteral("ZeroDivisionError: division by zero"));
        QVERIFY2(
            w.banner().text().contains(QStringLiteral("Line 12: ZeroDivisionError")), qPrintable(w.banner().text()));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), QString::fromUtf8(SCENE)); // the file itself is untouched
    }

    void aProgramThatCannotBeReadSaysWhyAndChangesNothing()
    {
        MainWindow w;
        QVERIFY(w.openScene(QStringLiteral("pipe-eof")));
        QVERIFY(!w.openProgram(QStringLiteral("/nonexistent/student.py")));
        QVERIFY(w.banner().text().contains(QStringLiteral("cannot read the program")));
        QCOMPARE(QString::fromStdString(w.scene()->id), QStringLiteral("pipe-eof"));
    }

    void aTracebackNamesTheLineOfTheProgramNotOfTheLibrary()
    {
        const QString text = QStringLiteral("Process Process-1:\nTraceback (most recent call last):\n"
                                            "  File \"/usr/lib/x/process.py\", line 314, in _bootstrap\n"
                                            "  File \"/tmp/run/student.py\", line 12, in child\n"
                                            "    print('got', q.get() / 0)\n"
                                            "                 ~~~~~~~~^~~\n"
                                            "ZeroDivisionError: division by zero\n");
        const ProgramError e = programErrorIn(text, QStringLiteral("/tmp/run/student.py"));
        QCOMPARE(e.line, 12);
        QCOMPARE(e.words, QStringLiteral("ZeroDivisionError: division by zero"));
        QCOMPARE(programErrorIn(text, QStringLiteral("/other.py")).line, 0);
    }
};

QTEST_MAIN(TestPrograms)
#include "tst_programs.moc"
