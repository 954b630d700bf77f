// SPDX-License-Identifier: MIT
#include "scene_support.h"

#include <cstdio>

namespace mpstage::scenes {

#ifndef MPSTAGE_SCENE_BODIES // mpstage_scene_info

std::string pythonRange(long n)
{
    std::string out = "[";
    for (long i = 1; i <= n; ++i)
        out += (i > 1 ? ", " : "") + std::to_string(i);
    return out + "]";
}

std::string pythonFloat(double value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

#else // mpstage_scenes

Verdict expectPrinted(const RunResult& result, const std::string& expected)
{
    if (result.hung)
        return { false,
            "the run hung: " + (result.hangSentences.empty() ? std::string() : result.hangSentences.front()) };
    if (result.timedOut)
        return { false, "the run did not finish in time" };
    if (result.allPrinted != expected)
        return { false, "printed\n" + result.allPrinted + "instead of\n" + expected };
    if (result.mainExitCode != 0)
        return { false, "MainProcess exited with code " + std::to_string(result.mainExitCode) };
    return { true, "completed and printed what the Python program prints" };
}

Verdict expectHang(const RunResult& result, const std::vector<std::string>& mustMention)
{
    if (!result.hung)
        return { false,
            result.timedOut ? "the run neither finished nor was recognised as hung"
                            : "the run finished instead of hanging" };
    std::string all;
    for (const auto& s : result.hangSentences)
        all += s + "\n";
    for (const auto& word : mustMention)
        if (all.find(word) == std::string::npos)
            return { false, "the hang explanation does not mention '" + word + "': " + all };
    return { true, "hung, and the explanation says why: " + all.substr(0, all.size() - 1) };
}

std::vector<std::string> printedLines(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from < text.size()) {
        const std::size_t end = text.find('\n', from);
        out.push_back(text.substr(from, end == std::string::npos ? std::string::npos : end - from));
        if (end == std::string::npos)
            break;
        from = end + 1;
    }
    return out;
}

Verdict expectCompleted(const RunResult& result)
{
    if (result.hung)
        return { false,
            "the run hung: " + (result.hangSentences.empty() ? std::string() : result.hangSentences.front()) };
    if (result.timedOut)
        return { false, "the run did not finish in time" };
    if (result.mainExitCode != 0)
        return { false, "MainProcess exited with code " + std::to_string(result.mainExitCode) };
    return { true, "completed" };
}

Verdict expectPrintedBy(const RunResult& result, const std::map<std::string, std::string>& expected)
{
    if (const Verdict done = expectCompleted(result); !done.ok)
        return done;
    for (const auto& [actor, text] : result.printed)
        if (!text.empty() && !expected.contains(actor))
            return { false, actor + " printed\n" + text + "but was expected to print nothing" };
    for (const auto& [actor, text] : expected) {
        const auto it = result.printed.find(actor);
        const std::string got = it == result.printed.end() ? std::string() : it->second;
        if (got != text)
            return { false, actor + " printed\n" + got + "instead of\n" + text };
    }
    return { true, "completed, and every process printed what the Python program's does" };
}

#endif

} // namespace mpstage::scenes
