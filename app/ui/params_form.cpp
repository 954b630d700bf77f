// SPDX-License-Identifier: MIT
#include "ui/params_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mpstage::app {

namespace {

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

void clearLayout(QLayout* layout)
{
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

} // namespace

ParamsForm::ParamsForm(QWidget* parent)
    : QWidget(parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    column->addLayout(m_form);
    m_variants = new QVBoxLayout;
    column->addLayout(m_variants);
    column->addStretch(1);
}

QWidget* ParamsForm::makeEditor(const ParamSpec& spec)
{
    switch (spec.type) {
    case ParamType::Int: {
        auto* box = new QSpinBox;
        box->setRange(static_cast<int>(spec.min), static_cast<int>(spec.max));
        connect(box, &QSpinBox::valueChanged, this, &ParamsForm::changed);
        return box;
    }
    case ParamType::Float: {
        // As many decimals as the default needs (0.002 must not become 0.00), at least two.
        const std::size_t dot = spec.defaultValue.find('.');
        const int wanted = dot == std::string::npos ? 0 : static_cast<int>(spec.defaultValue.size() - dot - 1);
        const int decimals = std::clamp(wanted, 2, 6);
        auto* box = new QDoubleSpinBox;
        box->setDecimals(decimals);
        box->setSingleStep(decimals > 2 ? std::pow(10.0, -decimals) : 0.1);
        box->setRange(spec.min, spec.max);
        connect(box, &QDoubleSpinBox::valueChanged, this, &ParamsForm::changed);
        return box;
    }
    case ParamType::Bool: {
        auto* box = new QCheckBox(text(spec.label));
        connect(box, &QCheckBox::toggled, this, &ParamsForm::changed);
        return box;
    }
    case ParamType::Choice: {
        auto* box = new QComboBox;
        for (const auto& c : spec.choices)
            box->addItem(text(c));
        connect(box, &QComboBox::currentIndexChanged, this, &ParamsForm::changed);
        return box;
    }
    }
    return nullptr;
}

void ParamsForm::setScene(const SceneInfo* scene)
{
    m_scene = scene;
    m_fields.clear();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    clearLayout(m_variants);
    if (!scene)
        return;
    for (const ParamSpec& spec : scene->params) {
        QWidget* editor = makeEditor(spec);
        editor->setObjectName(text(spec.key));
        editor->setToolTip(text(spec.help));
        auto* field = new QWidget;
        auto* fieldColumn = new QVBoxLayout(field);
        fieldColumn->setContentsMargins(0, 0, 0, 0);
        fieldColumn->setSpacing(2);
        fieldColumn->addWidget(editor);
        auto* help = new QLabel(text(spec.help));
        help->setWordWrap(true);
        help->setForegroundRole(QPalette::PlaceholderText);
        fieldColumn->addWidget(help);
        if (spec.type == ParamType::Bool) {
            m_form->addRow(field);
        } else {
            auto* label = new QLabel(text(spec.label));
            label->setToolTip(text(spec.help));
            label->setBuddy(editor);
            m_form->addRow(label, field);
        }
        m_fields.push_back(Field { spec, editor });
    }
    // Variants are links in a wrapping label: a long name never widens the panel.
    auto link = [this](const QString& words, std::vector<std::pair<std::string, std::string>> params) {
        auto* label = new QLabel(QStringLiteral("<a href='#'>%1</a>").arg(words.toHtmlEscaped()));
        label->setObjectName(QStringLiteral("variant"));
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        label->setToolTip(QStringLiteral("Sets the parameters for this variant; press Run to see it."));
        connect(label, &QLabel::linkActivated, this, [this, params] {
            resetToDefaults();
            setValues(params);
            Q_EMIT variantChosen();
        });
        m_variants->addWidget(label);
    };
    for (const Variant& v : scene->variants)
        link(QStringLiteral("Try: ") + text(v.name), v.params);
    if (!scene->variants.empty())
        link(QStringLiteral("Back to the defaults"), {});
    resetToDefaults();
}

void ParamsForm::setValue(Field& f, const std::string& value)
{
    const QString v = text(value);
    if (auto* i = qobject_cast<QSpinBox*>(f.editor))
        i->setValue(v.toInt());
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(f.editor))
        d->setValue(v.toDouble());
    else if (auto* b = qobject_cast<QCheckBox*>(f.editor))
        b->setChecked(v == QStringLiteral("true") || v == QStringLiteral("1") || v == QStringLiteral("yes"));
    else if (auto* c = qobject_cast<QComboBox*>(f.editor))
        c->setCurrentText(v);
}

void ParamsForm::resetToDefaults()
{
    for (Field& f : m_fields)
        setValue(f, f.spec.defaultValue);
}

void ParamsForm::setValues(const std::vector<std::pair<std::string, std::string>>& values)
{
    for (const auto& [key, value] : values)
        for (Field& f : m_fields)
            if (f.spec.key == key)
                setValue(f, value);
}

std::vector<std::pair<std::string, std::string>> ParamsForm::values() const
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const Field& f : m_fields) {
        QString v;
        if (const auto* i = qobject_cast<QSpinBox*>(f.editor))
            v = QString::number(i->value());
        else if (const auto* d = qobject_cast<QDoubleSpinBox*>(f.editor))
            v = QString::number(d->value(), 'g', 6);
        else if (const auto* b = qobject_cast<QCheckBox*>(f.editor))
            v = b->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
        else if (const auto* c = qobject_cast<QComboBox*>(f.editor))
            v = c->currentText();
        out.emplace_back(f.spec.key, v.toStdString());
    }
    return out;
}

QWidget* ParamsForm::editor(const QString& key) const
{
    for (const Field& f : m_fields)
        if (text(f.spec.key) == key)
            return f.editor;
    return nullptr;
}

} // namespace mpstage::app
