// SPDX-License-Identifier: MIT
#include "run/hang_watch.h"

#include <QStringList>

namespace mpstage::app {

using namespace mp::telemetry;

bool HangWatch::check(const World& world, std::uint64_t nowNs, double hangAfterS)
{
    const auto quiet = static_cast<std::uint64_t>(hangAfterS * 1e9);
    std::vector<HangSentence> hang = explainHang(world, nowNs, quiet);
    if (hang == m_hang)
        return false;
    m_hang = std::move(hang);
    return true;
}

QString HangWatch::words() const
{
    QStringList sentences;
    for (const HangSentence& s : m_hang)
        sentences << QString::fromStdString(s.text);
    return sentences.join(QLatin1Char(' '));
}

} // namespace mpstage::app
