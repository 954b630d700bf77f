// SPDX-License-Identifier: MIT
// The parameters form is generated from a scene's typed ParamSpecs.

#include "ui/params_form.h"

#include <mpstage/params.h>
#include <mpstage/scene_info.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace mpstage;
using namespace mpstage::app;

namespace {

SceneInfo formScene()
{
    SceneInfo s;
    s.id = "form-test";
    s.params = {
        { "items", "Items", "how many items", ParamType::Int, "4", 1, 20 },
        { "delay", "Delay (s)", "seconds to wait", ParamType::Float, "0.3", 0, 3 },
        { "close", "Close it", "close the unused end", ParamType::Bool, "true" },
        { "method", "Start method", "how processes start", ParamType::Choice, "fork", 0, 0, { "fork", "spawn" } },
    };
    s.variants = { { "the forgetful one", { { "close", "false" }, { "items", "7" } } } };
    return s;
}

std::string valueOf(const std::vector<std::pair<std::string, std::string>>& values, const std::string& key)
{
    for (const auto& [k, v] : values)
        if (k == key)
            return v;
    return {};
}

} // namespace

class TestParamsForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneEditorPerParameterWithItsRangeAndHelp()
    {
        const SceneInfo scene = formScene();
        ParamsForm sut;
        sut.setScene(&scene);

        auto* items = qobject_cast<QSpinBox*>(sut.editor(QStringLiteral("items")));
        QVERIFY(items);
        QCOMPARE(items->minimum(), 1);
        QCOMPARE(items->maximum(), 20);
        QCOMPARE(items->value(), 4);
        QCOMPARE(items->toolTip(), QStringLiteral("how many items"));
        auto* delay = qobject_cast<QDoubleSpinBox*>(sut.editor(QStringLiteral("delay")));
        QVERIFY(delay);
        QCOMPARE(delay->maximum(), 3.0);
        QVERIFY(qobject_cast<QCheckBox*>(sut.editor(QStringLiteral("close")))->isChecked());
        QCOMPARE(qobject_cast<QComboBox*>(sut.editor(QStringLiteral("method")))->count(), 2);
    }

    void valuesRoundTripAndParse()
    {
        const SceneInfo scene = formScene();
        ParamsForm sut;
        sut.setScene(&scene);
        QSignalSpy changed(&sut, &ParamsForm::changed);

        sut.setValues({ { "items", "9" }, { "delay", "1.5" }, { "close", "false" }, { "method", "spawn" } });

        const auto values = sut.values();
        QCOMPARE(valueOf(values, "items"), std::string("9"));
        QCOMPARE(valueOf(values, "delay"), std::string("1.5"));
        QCOMPARE(valueOf(values, "close"), std::string("false"));
        QCOMPARE(valueOf(values, "method"), std::string("spawn"));
        QVERIFY(changed.count() >= 4);
        const ParamValues parsed = parseParams(scene.params, values); // what the host will be given is valid
        QCOMPARE(parsed.integer("items"), 9L);
    }

    void everySceneStartsAtItsOwnDefaults()
    {
        for (const SceneInfo& scene : mpstage::sceneInfos()) {
            ParamsForm sut;
            sut.setScene(&scene);
            const ParamValues fromForm = parseParams(scene.params, sut.values());
            const ParamValues defaults = parseParams(scene.params, {});
            QVERIFY2(fromForm.raw().size() == defaults.raw().size(), scene.id.c_str());
            for (const ParamSpec& spec : scene.params) {
                if (spec.type == ParamType::Float)
                    QVERIFY2(qFuzzyCompare(1 + fromForm.real(spec.key), 1 + defaults.real(spec.key)),
                        (scene.id + " " + spec.key).c_str());
                else
                    QVERIFY2(fromForm.raw().at(spec.key) == defaults.raw().at(spec.key),
                        (scene.id + " " + spec.key).c_str());
            }
        }
    }

    void aVariantIsOneClick()
    {
        const SceneInfo scene = formScene();
        ParamsForm sut;
        sut.setScene(&scene);
        sut.setValues({ { "delay", "2" } });
        QSignalSpy chosen(&sut, &ParamsForm::variantChosen);
        QLabel* variant = nullptr;
        for (auto* l : sut.findChildren<QLabel*>(QStringLiteral("variant")))
            if (l->text().contains(QStringLiteral("the forgetful one")))
                variant = l;
        QVERIFY(variant);

        Q_EMIT variant->linkActivated(QStringLiteral("#"));

        QCOMPARE(chosen.count(), 1);
        QCOMPARE(valueOf(sut.values(), "close"), std::string("false"));
        QCOMPARE(valueOf(sut.values(), "items"), std::string("7"));
        QCOMPARE(valueOf(sut.values(), "delay"), std::string("0.3")); // the rest back at the defaults
    }
};

QTEST_MAIN(TestParamsForm)
#include "tst_params_form.moc"
