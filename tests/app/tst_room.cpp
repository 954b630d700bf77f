// SPDX-License-Identifier: MIT
// The window on a classroom projector (1024×768, 1280×720, 1366×768) and on a 1080p screen: it fits the screen
// (with the timeline shown too), every transport action stays reachable from a menu or a key, and no text on
// the stage is drawn smaller than MIN_STAGE_TEXT_PX screen pixels at the end of a run, the stage's transform
// included. The text sizes are measured by rendering the stage view into a paint device that records each
// text item's font and the painter's scale, so what is measured is what is painted.

#include "run/run_controller.h"
#include "stage/stage_view.h"
#include "timeline/timeline_panel.h"
#include "ui/main_window.h"
#include "ui/transport.h"

#include <mpstage/scene_info.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenuBar>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QTest>
#include <QToolBar>
#include <QWidgetAction>

#include <algorithm>
#include <cmath>

using namespace mpstage::app;

namespace {

// Read from the back of a classroom: no stage text below 12 screen pixels at 1280×720 or 1024×768.
constexpr double MIN_STAGE_TEXT_PX = 12.0;

// Records the smallest text painted through it, in device pixels.
class TextSizeEngine : public QPaintEngine {
public:
    TextSizeEngine()
        : QPaintEngine(QPaintEngine::AllFeatures)
    {
    }
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState& state) override
    {
        if (state.state() & QPaintEngine::DirtyTransform)
            m_scale = std::sqrt(std::abs(state.transform().determinant()));
    }
    // shapes are not measured: drawn as nothing (the defaults would turn each into the other for ever)
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override { }
    void drawPath(const QPainterPath&) override { }
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override { }
    void drawPolygon(const QPoint*, int, PolygonDrawMode) override { }
    void drawTextItem(const QPointF&, const QTextItem& item) override
    {
        const QFont f = item.font();
        const double px = f.pixelSize() > 0 ? f.pixelSize() : f.pointSizeF() * 96.0 / 72.0;
        const double onScreen = px * m_scale;
        if (onScreen < smallest) {
            smallest = onScreen;
            smallestText = item.text();
        }
        ++texts;
    }
    Type type() const override { return QPaintEngine::User; }

    double smallest = 1e9;
    QString smallestText;
    int texts = 0;

private:
    double m_scale = 1.0;
};

class TextSizeDevice : public QPaintDevice {
public:
    explicit TextSizeDevice(QSize size)
        : m_size(size)
    {
    }
    QPaintEngine* paintEngine() const override { return &engine; }
    mutable TextSizeEngine engine;

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return static_cast<int>(QPaintDevice::devicePixelRatioFScale());
        case PdmDepth:
            return 32;
        case PdmNumColors:
            return 0;
        default:
            return m_size.width() * 254 / 96;
        }
    }

private:
    QSize m_size;
};

QSize sizeOf(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('x'));
    return { parts[0].toInt(), parts[1].toInt() };
}

} // namespace

class TestRoom : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN); }

    void theWindowFitsTheScreen_data()
    {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("scene");
        for (const char* scene : { "pipe-eof", "queue-sentinel", "queue-subtotals" })
            for (const char* s : { "1024x768", "1280x720", "1366x768", "1920x1080" })
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(scene), QLatin1String(s))))
                    << QString::fromLatin1(s) << QString::fromLatin1(scene);
    }

    void theWindowFitsTheScreen()
    {
        QFETCH(QString, size);
        QFETCH(QString, scene);
        const QSize screen = sizeOf(size);
        MainWindow w;
        QVERIFY(w.openScene(scene));
        w.resize(screen);
        w.setAttribute(Qt::WA_DontShowOnScreen);
        w.show();
        QCoreApplication::processEvents();
        QVERIFY2(w.minimumSizeHint().width() <= screen.width(),
            qPrintable(QStringLiteral("needs %1 px").arg(w.minimumSizeHint().width())));
        QCOMPARE(w.width(), screen.width());
        // the timeline, shown on T in a small window, fits too
        w.timeline().setVisible(true);
        QCoreApplication::processEvents();
        QVERIFY2(w.minimumSizeHint().width() <= screen.width(),
            qPrintable(QStringLiteral("with the timeline, needs %1 px").arg(w.minimumSizeHint().width())));
    }

    // Restart and Stop may leave a narrow toolbar, but not the window: every transport action is in the Run menu.
    void everyTransportActionIsReachableWithoutTheToolbar()
    {
        MainWindow w;
        w.resize(1280, 720);
        w.setAttribute(Qt::WA_DontShowOnScreen);
        w.show();
        QVERIFY(w.openScene(QStringLiteral("pipe-eof")));
        QList<QAction*> inMenus;
        for (QAction* menu : w.menuBar()->actions())
            if (menu->menu())
                inMenus += menu->menu()->actions();
        for (QAction* a : w.transport().toolBar()->actions()) {
            if (a->isSeparator() || a->text().isEmpty() || qobject_cast<QWidgetAction*>(a))
                continue;
            QVERIFY2(inMenus.contains(a), qPrintable(a->text() + QStringLiteral(" is in no menu")));
        }
    }

    // Every scene the catalogue ships: the C++ scenes, and the shipped Python scene files (scenes/programs/)
    // that have no C++ twin of the same id (a twin's file is listed as the built-in scene).
    void stageTextIsReadableFromTheBackOfTheRoom_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("scene");
        QTest::addColumn<QString>("size");
        auto add = [](const QString& name, const QString& scene) {
            for (const char* s : { "1024x768", "1280x720" })
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(name, QLatin1String(s))))
                    << name << scene << QString::fromLatin1(s);
        };
        for (const mpstage::SceneInfo& scene : mpstage::sceneInfos())
            add(QString::fromStdString(scene.id), QString::fromStdString(scene.id));
        const QDir programs(QStringLiteral(MPSTAGE_PROGRAMS_DIR));
        const QFileInfoList files = programs.entryInfoList({ QStringLiteral("*.py") }, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), "no shipped scene files in " MPSTAGE_PROGRAMS_DIR);
        for (const QFileInfo& f : files) {
            const QString id = f.completeBaseName().replace(QLatin1Char('_'), QLatin1Char('-'));
            if (!mpstage::findSceneInfo(id.toStdString()))
                add(id, f.absoluteFilePath());
        }
    }

    void stageTextIsReadableFromTheBackOfTheRoom()
    {
        QFETCH(QString, name);
        QFETCH(QString, scene);
        QFETCH(QString, size);
        MainWindow w; // a scene file is opened as File → Open would: the catalogue, and so the layout, is the same
        w.resize(sizeOf(size));
        w.setAttribute(Qt::WA_DontShowOnScreen);
        w.show();
        QVERIFY(w.openScene(scene));
        w.controller().run();
        // ended, or hung (as declared): the picture of the hang is what the class reads then
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().active() || w.controller().messageKind() == MessageKind::Hang, 60000);
        QCoreApplication::processEvents();

        StageView& view = w.stageView();
        TextSizeDevice device(view.viewport()->size());
        {
            QPainter painter(&device);
            view.render(&painter, QRectF(QPointF(0, 0), view.viewport()->size()), view.viewport()->rect());
        }
        QVERIFY2(device.engine.texts > 5, "the stage drew almost no text");
        // Five or more processes stand in two rows around the objects and the stage is scaled down to fit:
        // known, and left for a layout with the processes beside the objects (issue 18's note).
        if (name == QStringLiteral("queue-subtotals") || name == QStringLiteral("lock-holder-killed"))
            QEXPECT_FAIL("", "a crowded stage (5-6 processes in two rows) is scaled below 12 px", Continue);
        // A sentinel's "None" is 14 px so that its stop sign fits a tray slot; four processes in two rows scale
        // the stage to about 0.8.
        if (name == QStringLiteral("consumer-pool"))
            QEXPECT_FAIL("", "a sentinel's None on a stage scaled to 0.8 is drawn at 11 px", Continue);
        // Scene files that have never had a C++ twin, measured since the check walks the shipped files: their
        // stages are not yet readable from the back of the room.
        const QStringList crowded { QStringLiteral("barrier"), QStringLiteral("event-start-signal") };
        if (crowded.contains(name))
            QEXPECT_FAIL("", "a process's buffer label is drawn at about 9 px", Continue);
        const QStringList versions { QStringLiteral("condition-producer-consumer"), QStringLiteral("semaphore-workers"),
            QStringLiteral("value-typecodes") };
        if (versions.contains(name))
            QEXPECT_FAIL("", "a Value's version label (v10, v0) is drawn at 4-7 px", Continue);
        if (name == QStringLiteral("pool-map"))
            QEXPECT_FAIL("", "a sentinel's None in the Pool's task queue is drawn at about 7 px", Continue);
        if (name == QStringLiteral("shared-array") && size == QStringLiteral("1280x720"))
            QEXPECT_FAIL("", "an Array element is drawn at 11.6 px at 1280x720", Continue);
        QVERIFY2(device.engine.smallest >= MIN_STAGE_TEXT_PX - 0.05, // rounding of the fitted scale
            qPrintable(QStringLiteral("\"%1\" is drawn %2 px high")
                           .arg(device.engine.smallestText)
                           .arg(device.engine.smallest, 0, 'f', 1)));
    }
};

QTEST_MAIN(TestRoom)
#include "tst_room.moc"
