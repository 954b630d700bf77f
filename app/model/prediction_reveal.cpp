// SPDX-License-Identifier: MIT
#include "model/prediction_reveal.h"

#include <mp/telemetry/event_views.h>
#include <mp/telemetry/hang.h>
#include <mp/telemetry/world.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace mpstage::app {

using namespace mp::telemetry;

namespace {

std::uint64_t lostWrites(const World& world)
{
    std::uint64_t n = 0;
    for (const ObjectInfo* o : world.objects())
        if (const ValueState* v = world.value(o->id))
            n += v->lostWrites();
    return n;
}

std::optional<std::int64_t> integer(const std::string& repr)
{
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(repr.data(), repr.data() + repr.size(), v);
    if (ec != std::errc() || end != repr.data() + repr.size())
        return std::nullopt;
    return v;
}

std::string ms(std::uint64_t ns)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(ns) / 1e6);
    return buf;
}

} // namespace

RunEvidence evidenceOf(const std::vector<Event>& events, double hangAfterS, bool hungNow)
{
    RunEvidence out;
    World world;
    std::map<std::pair<std::uint32_t, std::int64_t>, std::string> partial; // (actor, stream) -> unfinished line
    const auto quietNs = static_cast<std::uint64_t>(hangAfterS * 0.5e9);
    bool hangAsked = false;
    std::uint64_t lastWaitNs = 0;
    for (const Event& e : events) {
        // A hung run ends with its processes killed (or stopped): ask before the first of those.
        const bool killed = e.type == EventType::ActorExited && e.a < 0;
        if (!hangAsked && (killed || e.type == EventType::RunEnded)) {
            hangAsked = true;
            if (isHung(world, e.timeNs, quietNs)) {
                out.hung = true;
                out.hangNs = std::max(world.progressNs(), lastWaitNs);
            }
        }
        const std::uint64_t lostBefore = e.type == EventType::ValueWritten ? lostWrites(world) : 0;
        world.apply(e);
        if (e.type == EventType::Blocked)
            lastWaitNs = e.timeNs;
        if (e.type == EventType::ValueWritten && !out.firstLostNs && lostWrites(world) > lostBefore)
            out.firstLostNs = e.timeNs;
        if (e.type == EventType::Print) {
            std::string& line = partial[{ e.actor.value, e.a }];
            for (const char c : e.text) {
                if (c != '\n') {
                    line += c;
                    continue;
                }
                out.lines.push_back({ world.actorName(e.actor), line, e.timeNs });
                line.clear();
            }
        } else if (e.type == EventType::RunEnded) {
            const RunEnded r = RunEnded::of(e);
            out.ended = true;
            out.endNs = e.timeNs;
            out.result = r.outcome;
            out.reason = std::string(r.reason());
        }
    }
    if (!hangAsked && hungNow) {
        out.hung = true;
        out.hangNs = std::max(world.progressNs(), lastWaitNs);
    }
    for (const auto& [key, text] : partial)
        if (!text.empty())
            out.lines.push_back({ world.actorName(ActorId { key.first }), text, out.endNs });
    out.startNs = world.run().startNs;
    for (const ObjectInfo* o : world.objects())
        if (const ValueState* v = world.value(o->id); v && !o->label.empty())
            if (const ValueCell* c = v->cell(0); c && c->version >= 0)
                out.values[o->label] = { c->repr, c->timeNs };
    return out;
}

namespace {

// It ended on its own, not hung, stopped or failed: what it printed and wrote is all it does.
bool ranToItsEnd(const RunEvidence& run)
{
    return run.ended && !run.hung && (run.result == RunOutcome::AsDeclared || run.result == RunOutcome::NotAsDeclared);
}

// Whether the run did what the rule says, and then when and in words.
bool holds(const AnswerRule& rule, const RunEvidence& run, const ParamValues& values, Reveal& r)
{
    switch (rule.kind) {
    case AnswerKind::Prints:
        for (const RunEvidence::Line& l : run.lines)
            if (lineMatchesPattern(rule.text, l.text)) {
                r.atNs = l.timeNs;
                r.shown = l.actor + " printed '" + l.text + "'";
                return true;
            }
        return false;
    case AnswerKind::Hangs:
        if (!run.hung)
            return false;
        r.atNs = run.hangNs;
        r.shown = "the run hung: every process waits and nothing can move";
        return true;
    case AnswerKind::Completes:
        if (!ranToItsEnd(run))
            return false;
        r.atNs = run.endNs;
        r.shown = "the run completed";
        return true;
    case AnswerKind::LosesUpdates:
        if (!run.firstLostNs)
            return false;
        r.atNs = *run.firstLostNs;
        r.shown = "a write overwrote another process's update";
        return true;
    case AnswerKind::Value: {
        const auto found = run.values.find(rule.text);
        const auto target = evaluateExpr(rule.expr, values);
        if (found == run.values.end() || !target || !ranToItsEnd(run)) // a stopped run's value is not final
            return false;
        const auto v = integer(found->second.repr);
        if (!v)
            return false;
        const bool ok = rule.op == '<' ? *v < *target : rule.op == '>' ? *v > *target : *v == *target;
        if (!ok)
            return false;
        r.atNs = found->second.timeNs;
        r.shown = "the last write left " + rule.text + " at " + found->second.repr + " (" + rule.expr + " = "
            + std::to_string(*target) + ")";
        return true;
    }
    case AnswerKind::Otherwise:
        break;
    }
    return false;
}

} // namespace

Reveal revealAnswer(const SceneQuestion& question, const RunEvidence& run, const ParamValues& values)
{
    Reveal r;
    for (std::size_t i = 0; i < question.answers.size() && !r.known; ++i)
        if (question.answers[i].kind != AnswerKind::Otherwise && holds(question.answers[i], run, values, r)) {
            r.known = true;
            r.choice = static_cast<int>(i);
        }
    if (!r.known && (ranToItsEnd(run) || run.hung))
        for (std::size_t i = 0; i < question.answers.size(); ++i)
            if (question.answers[i].kind == AnswerKind::Otherwise) {
                r.known = true;
                r.choice = static_cast<int>(i);
                r.atNs = run.endNs;
                r.shown = "none of the other choices happened";
            }
    if (!r.known) {
        r.note = run.ended || run.hung
            ? "This run showed none of the choices (it was stopped, or ended another way); run it again."
            : "The run has not ended yet: the answer comes from what it does.";
        return r;
    }
    r.why = question.answers[static_cast<std::size_t>(r.choice)].why;
    r.timeNs = r.atNs;
    r.atNs = r.atNs > run.startNs ? r.atNs - run.startNs : 0;
    r.shown = "At " + ms(r.atNs) + " " + r.shown + ".";
    if (run.result == RunOutcome::NotAsDeclared) {
        r.otherWay = true;
        r.note = "This run did not come out as the scene declares"
            + (run.reason.empty() ? std::string() : ": " + run.reason) + "; run it again or step it.";
    }
    return r;
}

} // namespace mpstage::app
