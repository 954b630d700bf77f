// SPDX-License-Identifier: MIT
#pragma once
// Whether a live run has stopped moving: asks the hang analyser (on the controller's timer) and keeps its
// last explanation, so the window hears only when it changes.

#include <mp/telemetry/hang.h>

#include <QString>

#include <cstdint>
#include <vector>

namespace mpstage::app {

class HangWatch {
public:
    // Asks again; true if the explanation changed.
    bool check(const mp::telemetry::World& world, std::uint64_t nowNs, double hangAfterS);
    void clear() { m_hang.clear(); }
    bool hung() const { return !m_hang.empty(); }
    const std::vector<mp::telemetry::HangSentence>& sentences() const { return m_hang; }
    // The sentences joined by spaces.
    QString words() const;

private:
    std::vector<mp::telemetry::HangSentence> m_hang;
};

} // namespace mpstage::app
