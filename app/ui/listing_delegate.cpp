// SPDX-License-Identifier: MIT
#include "ui/listing_delegate.h"
#include "look/theme.h"
#include "ui/listing_model.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QTextLayout>
#include <QTextOption>

namespace mpstage::app {

namespace {

constexpr qreal NUMBER_WIDTH = 40;
constexpr qreal PAD = 6;

QFont pillFont()
{
    QFont f = QApplication::font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

qreal markersWidth(const QStringList& names)
{
    if (names.isEmpty())
        return 0;
    const QFontMetricsF m(pillFont());
    qreal w = 0;
    for (const QString& n : names)
        w += m.horizontalAdvance(n) + 16 + 4;
    return w + 4;
}

// Code wraps at a word boundary where it can and anywhere where it must, never clipped.
QTextOption wrapping()
{
    QTextOption o(Qt::AlignLeft | Qt::AlignTop);
    o.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return o;
}

qreal wrappedHeight(const QFont& font, const QString& text, qreal width)
{
    QTextLayout layout(text, font);
    layout.setTextOption(wrapping());
    layout.beginLayout();
    qreal height = 0;
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        height += line.height();
    }
    layout.endLayout();
    return height;
}

} // namespace

QFont ListingDelegate::codeFont()
{
    QFont f(QStringLiteral("DejaVu Sans Mono"));
    f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(QApplication::font().pointSizeF());
    return f;
}

ListingDelegate::Parts ListingDelegate::parts(const QRectF& row, const QModelIndex& index) const
{
    const qreal markers = markersWidth(index.data(ListingModel::MarkerNamesRole).toStringList());
    Parts p;
    p.number = QRectF(row.left(), row.top() + PAD / 2, NUMBER_WIDTH, row.height() - PAD);
    p.markers = QRectF(row.right() - markers, row.top(), markers, row.height());
    p.code = QRectF(row.left() + NUMBER_WIDTH + 10, row.top() + PAD / 2, row.width() - NUMBER_WIDTH - 14 - markers,
        row.height() - PAD);
    return p;
}

QSize ListingDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QRectF row(0, 0, std::max(200, option.rect.width()), 1000);
    const Parts p = parts(row, index);
    const QFontMetricsF m(codeFont());
    const qreal text
        = wrappedHeight(codeFont(), index.data(Qt::DisplayRole).toString(), std::max<qreal>(60, p.code.width()));
    return { option.rect.width(), static_cast<int>(std::max(text, m.height()) + PAD + 2) };
}

void ListingDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QPainter& p = *painter;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    const QRectF row = option.rect;
    const QVariant background = index.data(Qt::BackgroundRole);
    if (background.isValid())
        p.fillRect(row, background.value<QColor>());
    const Parts parts = this->parts(row, index);
    p.setFont(codeFont());
    p.setPen(t.muted);
    p.drawText(parts.number, Qt::AlignRight | Qt::AlignTop, index.data(ListingModel::LineNumberRole).toString());
    p.setPen(t.text);
    p.drawText(parts.code, index.data(Qt::DisplayRole).toString(), wrapping());

    const QStringList names = index.data(ListingModel::MarkerNamesRole).toStringList();
    const QVariantList colours = index.data(ListingModel::MarkerColoursRole).toList();
    const QFont font = pillFont();
    const QFontMetricsF m(font);
    qreal x = parts.markers.left() + 2;
    p.setFont(font);
    for (qsizetype i = 0; i < names.size() && i < colours.size(); ++i) {
        const qreal w = m.horizontalAdvance(names[i]) + 16;
        const QRectF pill(x, row.top() + 3, w, std::min<qreal>(row.height() - 6, m.height() + 6));
        p.setPen(Qt::NoPen);
        p.setBrush(colours[i].value<QColor>());
        p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        p.setPen(t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF));
        p.drawText(pill, Qt::AlignCenter, names[i]);
        x += w + 4;
    }
    p.restore();
}

} // namespace mpstage::app
