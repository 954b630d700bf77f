// SPDX-License-Identifier: MIT
// Presenter mode and the settings: F5 hides the catalogue and the parameters, turns on the presenter type
// scale and palette and shows the scene's narration as captions; the keys alone run a scene and change
// scenes; the settings survive a restart and bad stored values fall back to the defaults.

#include "look/appearance.h"
#include "look/theme.h"
#include "run/run_controller.h"
#include "ui/catalogue_panel.h"
#include "ui/main_window.h"
#include "ui/params_form.h"
#include "ui/scene_library.h"
#include "ui/settings.h"

#include <mpstage/scene_info.h>

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mpstage::app;

class TestPresenter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN);
        QStandardPaths::setTestModeEnabled(true); // the user's own settings are not touched
        QApplication::setOrganizationName(QStringLiteral("mpstage"));
        QSettings(QStringLiteral("mpstage"), QStringLiteral("mpstage")).clear();
    }

    void settingsAreRememberedBetweenSessions()
    {
        AppSettings chosen;
        chosen.window = Look { 120, PaletteKind::Dark };
        chosen.presenter = Look { 200, PaletteKind::Light };
        chosen.startPresenting = true;
        chosen.save();

        QCOMPARE(AppSettings::load(), chosen);
    }

    void badStoredSettingsFallBackToTheDefaults()
    {
        QTemporaryDir dir;
        QSettings store(dir.filePath(QStringLiteral("s.conf")), QSettings::IniFormat);
        store.setValue(QStringLiteral("window/typeScale"), 9000);
        store.setValue(QStringLiteral("window/palette"), QStringLiteral("purple"));
        store.setValue(QStringLiteral("presenter/typeScale"), QStringLiteral("big"));

        const AppSettings sut = AppSettings::load(store);

        QCOMPARE(sut, AppSettings {});
    }

    void presenterModeShowsTheStageInLargeTypeWithCaptions()
    {
        applyAppearance(*qApp, false);
        MainWindow w;
        w.resize(1600, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openScene(QStringLiteral("queue-sentinel")));
        const int normalPt = QApplication::font().pointSize();

        QTest::keyClick(&w, Qt::Key_F5);

        QVERIFY(w.presenting());
        QVERIFY(!w.cataloguePanel().isVisible());
        QVERIFY(!w.params().isVisible());
        QCOMPARE(QApplication::font().pointSize(), 14 * w.settings().presenter.percent / 100);
        QVERIFY(QApplication::font().pointSize() > normalPt);
        QVERIFY(themePalette() == w.settings().presenter.palette);
        const auto* caption = w.findChild<QWidget*>(QStringLiteral("caption"));
        QVERIFY(caption && caption->isVisible());
        QVERIFY(w.captionText().contains(QStringLiteral("Predict:")));
        QVERIFY(w.captionText().contains(QString::fromStdString(w.scene()->narration.look).toHtmlEscaped()));

        // keys alone: micro-steps on and off, stop a run, run to the end, and the caption says why
        QTest::keyClick(&w, Qt::Key_M);
        QVERIFY(w.controller().micro());
        QTest::keyClick(&w, Qt::Key_M);
        QVERIFY(!w.controller().micro());
        QTest::keyClick(&w, Qt::Key_Right); // one step: the run starts, paused
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().active(), 10000);
        QTest::keyClick(&w, Qt::Key_S);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().active(), 10000);
        QTest::keyClick(&w, Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().phase(), RunPhase::Ended, 30000);
        QVERIFY(w.captionText().contains(QStringLiteral("Why:")));
        // and change scene
        const mpstage::SceneInfo* before = w.scene();
        QTest::keyClick(&w, Qt::Key_PageDown);
        QVERIFY(w.scene() != before);
        QTest::keyClick(&w, Qt::Key_PageUp);
        QCOMPARE(w.scene(), before);

        QTest::keyClick(&w, Qt::Key_F5);
        QVERIFY(!w.presenting());
        QVERIFY(w.cataloguePanel().isVisible());
        QCOMPARE(QApplication::font().pointSize(), normalPt);
        QVERIFY(themePalette() == w.settings().window.palette);
    }

    void everySceneCanBeReachedWithPageDown()
    {
        // the built-in scenes and the shipped scene files (a deleted C++ twin's file among them)
        MainWindow w(nullptr, { QStringLiteral(MPSTAGE_PROGRAMS_DIR) });
        const auto& scenes = w.library().scenes();
        QVERIFY(scenes.size() > mpstage::sceneInfos().size());
        QVERIFY(w.openScene(QString::fromStdString(scenes.front()->id)));
        std::set<const mpstage::SceneInfo*> seen;
        for (std::size_t i = 0; i < scenes.size(); ++i) {
            seen.insert(w.scene());
            w.nextScene(+1);
        }
        QCOMPARE(seen.size(), scenes.size());
        QCOMPARE(w.scene(), scenes.front());
    }
};

QTEST_MAIN(TestPresenter)
#include "tst_presenter.moc"
