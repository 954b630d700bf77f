// SPDX-License-Identifier: MIT
// The run's outcome: the value RunEnded carries, and the words beside it that older streams carry alone.
#include <mp/telemetry/event_views.h>

namespace mp::telemetry {

namespace {

// The words each outcome starts with; the host has written them since its first version.
std::string_view prefixOf(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::AsDeclared:
        return "as declared: ";
    case RunOutcome::NotAsDeclared:
        return "not as declared: ";
    case RunOutcome::Stopped:
        return "stopped";
    case RunOutcome::Error:
        return "error: ";
    default:
        return {};
    }
}

RunOutcome fromWords(std::string_view words)
{
    if (words == "stopped")
        return RunOutcome::Stopped;
    for (const RunOutcome o : { RunOutcome::AsDeclared, RunOutcome::NotAsDeclared, RunOutcome::Error })
        if (words.starts_with(prefixOf(o)))
            return o;
    return RunOutcome::Unknown;
}

} // namespace

std::string_view outcomeReason(RunOutcome outcome, std::string_view words)
{
    const std::string_view prefix = prefixOf(outcome);
    return words.starts_with(prefix) ? words.substr(prefix.size()) : words;
}

RunEnded RunEnded::of(const Event& e)
{
    const bool known
        = e.a > static_cast<std::int64_t>(RunOutcome::Unknown) && e.a <= static_cast<std::int64_t>(RunOutcome::Error);
    return { .outcome = known ? static_cast<RunOutcome>(e.a) : fromWords(e.text), .words = e.text };
}

Event RunEnded::make(RunOutcome outcome, const std::string& reason)
{
    return Event { .type = EventType::RunEnded,
        .a = static_cast<std::int64_t>(outcome),
        .text = std::string(prefixOf(outcome)) + reason };
}

} // namespace mp::telemetry
