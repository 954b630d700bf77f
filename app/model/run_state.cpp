// SPDX-License-Identifier: MIT
#include "model/run_state.h"

#include <mp/telemetry/event_views.h>

namespace mpstage::app {

using namespace mp::telemetry;

namespace {
constexpr std::size_t MAX_PARTIAL = 4096; // a line that never ends is shown in pieces
constexpr std::size_t KEPT_ANSWERS = 3;
} // namespace

RunState::RunState(std::size_t consoleLimit)
    : m_consoleLimit(consoleLimit)
{
}

void RunState::apply(const Event& e)
{
    switch (e.type) {
    case EventType::Print:
        addPrint(e);
        break;
    case EventType::ActorExited:
        for (int stream = 1; stream <= 2; ++stream) {
            auto it = m_partial.find({ as<ActorExited>(e).exited.value, stream });
            if (it != m_partial.end() && !it->second.empty()) {
                addLine(ActorId { it->first.first }, std::move(it->second), stream == 2);
            }
            if (it != m_partial.end())
                m_partial.erase(it);
        }
        break;
    case EventType::EndpointClosed: { // remember who held it before this copy goes
        const ObjectId object = as<EndpointClosed>(e).object;
        for (int end = 0; end < 2; ++end)
            for (ActorId a : m_world.endpoints().holders(object, end))
                m_everHeld.insert(EndpointRef { a, object, end });
        break;
    }
    case EventType::EmptyAnswer:
    case EventType::QsizeAnswer:
    case EventType::FullAnswer:
        m_world.apply(e);
        if (const auto v = as<QueueAnswered>(e); auto callout = calloutFor(m_world, v.queue, v.question)) {
            auto& kept = m_answers[v.queue];
            kept.push_back(std::move(*callout));
            if (kept.size() > KEPT_ANSWERS)
                kept.pop_front();
        }
        m_charts.apply(m_world, e);
        return;
    case EventType::GetRaised: // put() raised Full or get() raised Empty: told on the queue, beside the answers
        if (auto callout = raiseCallout(m_world, e)) {
            auto& kept = m_answers[as<GetRaised>(e).queue];
            if (!kept.empty() && sameRaise(kept.back(), *callout)) {
                callout->times = kept.back().times + 1;
                kept.pop_back();
            }
            kept.push_back(std::move(*callout));
            if (kept.size() > KEPT_ANSWERS)
                kept.pop_front();
        }
        break;
    case EventType::RunEnded: {
        const auto v = as<RunEnded>(e);
        m_ended = true;
        m_outcome = v.words;
        m_result = v.outcome;
        break;
    }
    default:
        break;
    }
    m_world.apply(e);
    m_charts.apply(m_world, e);
}

const std::deque<Callout>& RunState::answers(ObjectId queue) const
{
    static const std::deque<Callout> none;
    const auto it = m_answers.find(queue);
    return it == m_answers.end() ? none : it->second;
}

void RunState::addPrint(const Event& e)
{
    const auto v = as<Print>(e);
    const int stream = v.toStderr ? 2 : 1;
    std::string& partial = m_partial[{ e.actor.value, stream }];
    std::size_t from = 0;
    for (std::size_t nl; (nl = v.text.find('\n', from)) != std::string::npos; from = nl + 1) {
        partial.append(v.text, from, nl - from);
        addLine(e.actor, std::move(partial), stream == 2);
        partial.clear();
    }
    partial.append(v.text, from, std::string::npos);
    if (partial.size() > MAX_PARTIAL) {
        addLine(e.actor, std::move(partial), stream == 2);
        partial.clear();
    }
}

void RunState::addLine(ActorId actor, std::string text, bool stderrLine)
{
    m_console.push_back(ConsoleLine { actor, std::move(text), stderrLine });
    ++m_consoleTotal;
    while (m_console.size() > m_consoleLimit)
        m_console.pop_front();
}

} // namespace mpstage::app
