// SPDX-License-Identifier: MIT
#pragma once
// Paints one listing line: its number, the code in a monospaced face (wrapped, never clipped), and the
// markers of the processes at that line as pills in their colours.

#include <QStyledItemDelegate>

namespace mpstage::app {

class ListingDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QFont codeFont();

private:
    struct Parts {
        QRectF number;
        QRectF code;
        QRectF markers;
    };
    Parts parts(const QRectF& row, const QModelIndex& index) const;
};

} // namespace mpstage::app
