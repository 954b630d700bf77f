// SPDX-License-Identifier: MIT
#pragma once
// The parameters form, generated from a scene's typed ParamSpecs: a spin box with the spec's range for an
// Int or a Float, a check box for a Bool, a combo box for a Choice; the help as a tooltip and a line under
// the field. The scene's variants ("the consumer forgets to close its write end") are one click away.

#include <mpstage/scene_info.h>

#include <QWidget>

#include <string>
#include <utility>
#include <vector>

class QFormLayout;
class QVBoxLayout;

namespace mpstage::app {

class ParamsForm : public QWidget {
    Q_OBJECT

public:
    explicit ParamsForm(QWidget* parent = nullptr);

    void setScene(const SceneInfo* scene);
    // Every parameter as key=value text, in the scene's order (what the host is started with).
    std::vector<std::pair<std::string, std::string>> values() const;
    // Sets the given ones (others keep their value). Values must already be valid (see parseParams).
    void setValues(const std::vector<std::pair<std::string, std::string>>& values);
    void resetToDefaults();
    QWidget* editor(const QString& key) const;

Q_SIGNALS:
    void changed();
    void variantChosen(); // a variant button set the values

private:
    struct Field {
        ParamSpec spec;
        QWidget* editor = nullptr;
    };
    QWidget* makeEditor(const ParamSpec& spec);
    void setValue(Field& field, const std::string& value);

    const SceneInfo* m_scene = nullptr;
    std::vector<Field> m_fields;
    QFormLayout* m_form = nullptr;
    QVBoxLayout* m_variants = nullptr;
};

} // namespace mpstage::app
